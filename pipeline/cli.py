"""The `bulletins` command line: a thin shell over the library.

Importing it loads click and nothing heavy, so that `--version`, `--help` and `schema` answer at
once: each command imports what it runs (the batch runner, and through the workers the model)
when it runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from pipeline.review.cli import register_review_commands

if TYPE_CHECKING:
    from pipeline.batch.pool import Work
    from pipeline.batch.progress import BatchSummary
    from pipeline.settings import Settings

log = logging.getLogger("bulletins")

# Exit status of a run whose stdout was closed by its reader (`bulletins extract ... | head`):
# 128 + SIGPIPE, as a shell reports a program ended by a broken pipe.
BROKEN_PIPE_STATUS = 141


class Refused(click.ClickException):
    """A run refused before any work (an output that would destroy a file, or is locked): exit 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletins")
def cli() -> None:
    """Turn PDF bulletins into JSON Lines of dates, places, counts, amounts and organisations."""


register_review_commands(cli)


def batch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `extract` and `blocks` share: inputs, output, workers and their limits."""
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, readable=False)),
        click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout ('-' is stdout)."),
        click.option(
            "--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core)."
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=120.0,
            show_default=True,
            help="Seconds one document may take; a slower one is failed as `timeout` and the batch goes on.",
        ),
        click.option(
            "--memory-limit",
            type=click.IntRange(min=64),
            default=2048,
            show_default=True,
            help="Address space of each worker, in MB; a document that needs more is failed as `memory`.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress, summary or PDF parser warnings on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run(
    work: Work, paths: tuple[str, ...], output: str | None, settings: Settings, resume: bool, quiet: bool
) -> BatchSummary:
    """Run the batch; turn a refusal, a stop by a signal or a closed stdout into a message and an exit status."""
    from pipeline.batch.pool import PoolError
    from pipeline.batch.progress import stderr_is_terminal
    from pipeline.batch.runner import run_batch
    from pipeline.errors import Interrupted, OutputRefused

    try:
        return run_batch(
            paths, output, settings, resume=resume, show_progress=not quiet and stderr_is_terminal(), work=work
        )
    except OutputRefused as exc:
        raise Refused(str(exc)) from None
    except PoolError as exc:
        raise click.ClickException(str(exc)) from None
    except Interrupted as exc:
        kept = " Documents finished so far are kept: run again with --resume to finish." if output else ""
        click.echo(f"bulletins: stopped by {_signal_name(exc.signum)}.{kept if work == 'extract' else ''}", err=True)
        sys.exit(exc.exit_status)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(BROKEN_PIPE_STATUS)


def _signal_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _settings(
    issue_date: dt.datetime | None,
    workers: int | None,
    timeout: float,
    memory_limit: int,
    plugins: tuple[str, ...],
    quiet: bool,
) -> Settings:
    from pipeline.settings import Settings

    settings = Settings(
        issue_date=issue_date.date() if issue_date else None,
        timeout=timeout,
        memory_limit_mb=memory_limit,
        plugins=plugins,
        quiet=quiet,
    )
    return dataclasses.replace(settings, workers=workers) if workers else settings


@cli.command()
@batch_options
@click.option(
    "--issue-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Resolve partial dates ('March 8') against this date (YYYY-MM-DD) for every input.",
)
@click.option("--resume", is_flag=True, help="Keep the documents an interrupted (or earlier) run of -o FILE finished.")
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    metavar="MODULE",
    help="Import MODULE in every worker (extra extractors); repeatable.",
)
def extract(
    paths: tuple[str, ...],
    output: str | None,
    issue_date: dt.datetime | None,
    workers: int | None,
    timeout: float,
    memory_limit: int,
    resume: bool,
    plugins: tuple[str, ...],
    quiet: bool,
) -> None:
    """Extract records from PDF files or folders of PDFs (searched recursively).

    Documents run in worker processes, each with a time and memory limit; the output is in
    source-path order whatever the number of workers. Interrupted? Run again with --resume.

    Example:

        bulletins extract archive/ -o records.jsonl --workers 4
    """
    from pipeline.batch.pool import configure_logging

    configure_logging(quiet)
    if resume and output in (None, "-"):
        raise click.UsageError("--resume needs an output file (-o FILE)")
    settings = _settings(issue_date, workers, timeout, memory_limit, plugins, quiet)
    summary = _run("extract", paths, output, settings, resume, quiet)
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)
    sys.exit(summary.exit_status)


@cli.command()
@batch_options
def blocks(
    paths: tuple[str, ...],
    output: str | None,
    workers: int | None,
    timeout: float,
    memory_limit: int,
    quiet: bool,
) -> None:
    """Write the text blocks of each PDF, in reading order, as JSON Lines.

    Each PDF gets a `document` line (a failed one for a bad PDF), then its blocks. Documents
    run in worker processes with the same time and memory limits as `extract`.

    Example:

        bulletins blocks bulletin.pdf -o blocks.jsonl
    """
    from pipeline.batch.pool import configure_logging

    configure_logging(quiet)
    settings = _settings(None, workers, timeout, memory_limit, (), quiet)
    summary = _run("blocks", paths, output, settings, False, quiet)
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)
    sys.exit(summary.exit_status)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of every line `extract` and `blocks` can write.

    Example:

        bulletins schema > schema.json
    """
    from schemas import json_schema

    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line in-process and return its exit status (for tests and embedding)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="bulletins", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
