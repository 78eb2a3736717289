"""Pipe and terminal conventions: a closed pipe ends a command quietly (status 141); colour per --color and NO_COLOR."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Mapping
from typing import Any, Literal

import click

# What a shell reports for a command ended by SIGPIPE (128 + 13), as `cat`, `grep` and `find`
# end under `| head`; distinct from 1 (a document failed) and 2 (a usage error).
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE

ColorChoice = Literal["auto", "always", "never"]


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail on the closed pipe again."""
    with contextlib.suppress(AttributeError, OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class PipeAwareGroup(click.Group):
    """A command group whose commands end quietly, with EXIT_CLOSED_PIPE, when their reader goes away.

    `bulletins extract archive/ | head` would otherwise print a traceback (or, through click,
    exit 1, which here means that a document failed).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            ctx.exit(EXIT_CLOSED_PIPE)


def use_color(choice: ColorChoice, environ: Mapping[str, str] | None = None) -> bool | None:
    """Whether to colour: True always, False never, None to let the terminal decide (colour on a tty).

    `auto` honours NO_COLOR (https://no-color.org): set and not empty, no colour; `--color
    always` is an explicit request and wins over it.
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    return False if (environ if environ is not None else os.environ).get("NO_COLOR") else None
