"""Running `bulletins` as a separate process, as a user would, for the hostile tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

# Dropping these capabilities makes even root obey file permissions (CI runs as root).
NO_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


def run(
    args: Sequence[str], *, obey_permissions: bool = False, timeout: float = 600, env: dict | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the command line to its end; `obey_permissions` makes file permissions apply even to root.

    `timeout` only stops a run that hangs; it is generous, since a loaded machine may take a minute
    for what takes seconds on an idle one.
    """
    prefix: list[str] = []
    if obey_permissions and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
        prefix = NO_OVERRIDE
    return subprocess.run(
        [*prefix, *command(*args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def lines_of(data: bytes) -> list[dict]:
    """Parse JSON Lines output, checking it is UTF-8 and that no line splits for str.splitlines."""
    text = data.decode("utf-8")
    assert text.count("\n") == len(text.splitlines())
    return [json.loads(line) for line in text.splitlines()]


def documents(lines: list[dict]) -> dict[str, dict]:
    """Document lines by the file name of their source."""
    return {Path(line["source"]).name: line for line in lines if line["kind"] == "document"}


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
