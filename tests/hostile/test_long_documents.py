"""Long documents: the time limit grows with the page count, and --max-pages refuses a longer document at once."""

from __future__ import annotations

import multiprocessing
import signal
import time
from pathlib import Path

import pytest

from pipeline.batch.pool import ORPHAN_GRACE_SECONDS, _Opened, _page_count_reporter
from pipeline.batch.runner import run_batch
from pipeline.settings import Settings
from tests.hostile import corpus
from tests.hostile.runs import documents, lines_of, no_traceback, run
from tests.hostile.test_inputs import write

# A limit no document of these tests comes near unless it hangs: a loaded machine must not matter.
GENEROUS_TIMEOUT = 600.0


@pytest.mark.parametrize(
    ("timeout", "per_page", "pages", "expected"),
    [
        pytest.param(120.0, 1.0, None, 120.0, id="not-open-yet"),
        pytest.param(120.0, 1.0, 0, 120.0, id="no-pages"),
        pytest.param(120.0, 1.0, 2000, 2120.0, id="long-document"),
        pytest.param(10.0, 0.25, 20, 15.0, id="fractions"),
        pytest.param(30.0, 0.0, 5000, 30.0, id="no-allowance"),
    ],
)
def test_settings_time_limit(timeout: float, per_page: float, pages: int | None, expected: float) -> None:
    assert Settings(timeout=timeout, timeout_per_page=per_page).time_limit(pages) == expected


@pytest.mark.issue(11)
def test_issue11_worker_reports_pages_and_moves_its_own_alarm() -> None:
    parent, child = multiprocessing.Pipe()
    settings = Settings(timeout=100, timeout_per_page=2)
    try:
        _page_count_reporter(child, settings)(50)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    assert settings.time_limit(50) + ORPHAN_GRACE_SECONDS - 5 < remaining <= settings.time_limit(50) + 10
    assert parent.poll(5) and parent.recv() == _Opened(50)


@pytest.mark.issue(11)
def test_issue11_time_limit_grows_with_the_page_count(tmp_path: Path) -> None:
    hangs = write(tmp_path, b"hangs.pdf", corpus.nested_forms(text_pages=19))  # 20 pages, the last never ends
    started = time.monotonic()
    result = run(["blocks", str(hangs), "--workers", "1", "--timeout", "6", "--timeout-per-page", "0.2", "-q"])
    elapsed = time.monotonic() - started
    no_traceback(result)
    assert result.returncode == 1
    error = documents(lines_of(result.stdout))["hangs.pdf"]["error"]
    assert error["type"] == "timeout"
    assert "took longer than 10 s (6 s and 0.2 s for each of its 20 pages)" in error["message"]
    assert "--timeout-per-page" in error["message"]
    assert elapsed >= 10  # the deadline moved from 6 s to 10 s when the worker counted the pages


@pytest.mark.issue(11)
def test_issue11_max_pages_fails_at_once_and_resume_retries_under_a_new_limit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, b"hangs.pdf", corpus.nested_forms(text_pages=19))  # refused before a page is read, or it hangs
    write(folder, b"three.pdf", corpus.three_pages())
    write(folder, b"one.pdf", corpus.good_pdf())
    target = tmp_path / "out" / "records.jsonl"
    limited = Settings(workers=1, timeout=GENEROUS_TIMEOUT, max_pages=2)
    summary = run_batch([folder], str(target), limited)
    assert summary.exit_status == 1
    found = documents(lines_of(target.read_bytes()))
    assert {name: line["status"] for name, line in found.items()} == {
        "hangs.pdf": "failed",
        "three.pdf": "failed",
        "one.pdf": "ok",
    }
    for name, pages in (("hangs.pdf", 20), ("three.pdf", 3)):
        assert found[name]["error"]["type"] == "too_large"
        assert f"has {pages} pages, more than --max-pages 2" in found[name]["error"]["message"]

    raised = Settings(workers=1, timeout=GENEROUS_TIMEOUT, max_pages=5)
    resumed = run_batch([folder], str(target), raised, resume=True)
    assert resumed.resumed == 1  # one.pdf; both too_large documents are tried again under the new limit
    expected = tmp_path / "expected.jsonl"
    run_batch([folder], str(expected), raised)
    assert target.read_bytes() == expected.read_bytes()
    found = documents(lines_of(target.read_bytes()))
    assert found["three.pdf"]["status"] == "ok" and found["hangs.pdf"]["error"]["type"] == "too_large"
