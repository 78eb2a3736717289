"""The sandbox: one child interpreter per host thread, documents run one at a time under the limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch.pool import PoolError, Task
from pipeline.batch.sandbox import Sandbox
from pipeline.inputs import file_doc_id
from pipeline.settings import Settings
from schemas import parse_line
from tests.helpers import make_text_pdf


@pytest.mark.slow
def test_sandbox_survives_crash_and_memory_and_restarts(plugin_path: str, tmp_path: Path) -> None:
    good = make_text_pdf(tmp_path / "good.pdf", ["On 5 April 2018 UNODC trained 25 prosecutors in Bishkek."])
    crash = make_text_pdf(tmp_path / "crash.pdf", ["CRASHNOW on 3 May 2018 in Osh."])
    hog = make_text_pdf(tmp_path / "hog.pdf", ["EATMEMORY on 3 May 2018 in Osh."])
    sandbox = Sandbox(Settings(timeout=60, memory_limit_mb=1024, plugins=(plugin_path,)))

    def task(index: int, path: Path) -> Task:
        return Task(index, str(path), file_doc_id(path))

    try:
        first = sandbox.run(task(0, good))
        child = sandbox.pid
        assert first.error is None and first.pages == 1 and len(first.lines) > 1
        assert sandbox.run(task(1, good)).error is None
        assert sandbox.pid == child  # the child and its model are kept between documents
        crashed = sandbox.run(task(2, crash))
        assert crashed.error == "crashed" and "exit status 70" in parse_line(crashed.lines[0]).error.message
        assert sandbox.run(task(3, hog)).error == "memory"
        again = sandbox.run(task(4, good))
        assert again.lines == first.lines  # a fresh child, the same output
        assert sandbox.pid not in (None, child)
    finally:
        sandbox.close()
    assert sandbox.pid is None


def test_sandbox_reports_a_plugin_that_cannot_load(tmp_path: Path) -> None:
    sandbox = Sandbox(Settings(plugins=("tests.batch.no_such_plugin",)))
    try:
        with pytest.raises(PoolError, match="no_such_plugin"):
            sandbox.run(Task(0, str(tmp_path / "any.pdf"), "sha256:" + "0" * 64))
    finally:
        sandbox.close()
