"""Signals: SIGTERM and SIGINT stop a run cleanly (130, 143), leave it resumable and no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from pipeline.batch.runner import run_batch
from pipeline.settings import Settings
from tests.helpers import PROJECT_ROOT, make_text_pdf
from tests.hostile import corpus
from tests.hostile.runs import command, documents, lines_of, no_traceback, run

PLUGIN = "tests.batch.batch_plugins"


def processes_with(token: str) -> list[int]:
    """Processes whose environment holds `token` (the run and every worker it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def slow_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        make_text_pdf(
            folder / f"doc{number}.pdf", [f"GOSLOW: on {number + 1} May 2018 UNODC met {number + 10} judges."]
        )
    return folder


@pytest.fixture(scope="module")
def slow_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """Five slow documents and the output of an uninterrupted run over them (made once for both signals)."""
    folder = slow_folder(tmp_path_factory.mktemp("signals") / "in", 5)
    expected = folder.parent / "expected.jsonl"
    run_batch([folder], str(expected), Settings(workers=1, plugins=(PLUGIN,)))
    return folder, expected.read_bytes()


@pytest.mark.issue(11)
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["TERM", "INT"])
def test_issue11_signal_stops_cleanly_and_resume_finishes(
    tmp_path: Path, slow_inputs: tuple[Path, bytes], signum: int, status: int
) -> None:
    folder, expected = slow_inputs
    target = tmp_path / "out" / "records.jsonl"
    shards = target.parent / f".{target.name}.parts"
    token = uuid.uuid4().hex
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "BULLETINS_TEST_RUN": token}
    args = ["extract", str(folder), "-o", str(target), "--workers", "1", "--plugin", PLUGIN, "-q"]
    parent = subprocess.Popen(command(*args), cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600  # generous: the loop ends as soon as the first shard is there
    while not list(shards.glob("*.jsonl")) and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.05)
    assert parent.poll() is None, "the run finished before it could be stopped"
    parent.send_signal(signum)
    _, stderr = parent.communicate(timeout=120)
    assert parent.returncode == status
    assert b"Traceback" not in stderr and b"--resume" in stderr
    assert not target.exists() and not list(target.parent.glob(".*.part"))
    assert not (target.parent / f".{target.name}.lock").exists()
    assert list(shards.glob("*.jsonl"))
    deadline = time.monotonic() + 60
    while processes_with(token) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(token) == []  # no worker left behind

    summary = run_batch([folder], str(target), Settings(workers=1, plugins=(PLUGIN,)), resume=True)
    assert summary.resumed >= 1
    assert target.read_bytes() == expected


@pytest.mark.issue(11)
def test_issue11_quiet_silences_the_parser(tmp_path: Path) -> None:
    damaged = tmp_path / "self_contents.pdf"
    damaged.write_bytes(corpus.self_referencing_contents())
    loud = run(["blocks", str(damaged), "--workers", "1"])
    quiet = run(["blocks", str(damaged), "--workers", "1", "-q"])
    assert b"Execute called" in loud.stderr  # pdfminer speaks without -q ...
    assert b"Execute called" not in quiet.stderr and b"INFO" not in quiet.stderr  # ... and not with it
    no_traceback(quiet)
    assert documents(lines_of(quiet.stdout))["self_contents.pdf"]["error"]["type"] == "no_text_layer"
