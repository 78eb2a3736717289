"""Pipe and terminal conventions: a closed pipe exits 141 without a word; colour follows --color and NO_COLOR."""

from __future__ import annotations

import subprocess
import sys

import pytest

import schemas
from pipeline.cli import main
from pipeline.terminal import EXIT_CLOSED_PIPE, use_color
from tests.helpers import FIXTURES, PROJECT_ROOT


@pytest.mark.parametrize(
    ("choice", "environ", "expected"),
    [
        pytest.param("auto", {}, None, id="auto-lets-the-terminal-decide"),
        pytest.param("auto", {"NO_COLOR": "1"}, False, id="auto-no-color"),
        pytest.param("auto", {"NO_COLOR": ""}, None, id="auto-empty-no-color-ignored"),
        pytest.param("always", {"NO_COLOR": "1"}, True, id="always-wins"),
        pytest.param("never", {}, False, id="never"),
    ],
)
def test_terminal_use_color(choice, environ: dict[str, str], expected: bool | None) -> None:
    assert use_color(choice, environ) is expected


def test_terminal_closed_pipe_status_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def reader_gone() -> dict:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(schemas, "json_schema", reader_gone)  # `schema` imports it when it runs
    assert main(["schema"]) == EXIT_CLOSED_PIPE == 141


def test_terminal_extract_into_a_closed_pipe_exits_quietly() -> None:
    """`bulletins extract A.pdf B.pdf | head -c 64`: status 141, and not a word on stderr."""
    pdfs = [FIXTURES / "held_out_east_africa_2022.pdf", FIXTURES / "one_column_2020.pdf"]  # more than a pipe holds
    command = [sys.executable, "-m", "pipeline.cli", "extract", *map(str, pdfs), "--workers", "1", "-q"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        head = process.stdout.read(64)
        process.stdout.close()
        err = process.stderr.read().decode()
    assert process.wait(timeout=300) == EXIT_CLOSED_PIPE
    assert head.startswith(b'{"kind":"document"')
    assert err == ""
