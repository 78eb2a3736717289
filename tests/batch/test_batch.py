"""Batch runs: isolation of bad documents, deterministic order, duplicates, crash-safe output and resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch.pool import exit_to_text
from pipeline.batch.progress import BatchSummary
from pipeline.batch.runner import plan_jobs, run_batch
from pipeline.batch.shards import DocumentLines, iter_documents, reusable
from pipeline.cli import main
from pipeline.settings import Settings
from pipeline.version import pipeline_version
from schemas import DocumentError, DocumentLine, parse_line
from tests.helpers import PROJECT_ROOT, make_text_pdf

GOOD_TEXTS = {
    "a_bishkek.pdf": ["On 5 April 2018 UNODC trained 25 prosecutors in Bishkek, Kyrgyzstan."],
    "b_almaty.pdf": ["In May 2019 the European Union gave 2 million euros to projects in Kazakhstan."],
    "c_dushanbe.pdf": ["Over 120 teachers met in Dushanbe, Tajikistan, on 14 June 2017."],
}


def write_good(folder: Path, marker: str | None = None) -> dict[str, Path]:
    """Three small bulletins with dates, places, counts and organisations (optionally a marker word)."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        name: make_text_pdf(folder / name, lines + ([marker] if marker else [])) for name, lines in GOOD_TEXTS.items()
    }


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def documents_by_name(lines: list[dict]) -> dict[str, dict]:
    return {Path(line["source"]).name: line for line in lines if line["kind"] == "document"}


def test_batch_bad_documents_fail_alone(bad_inputs: dict[str, Path], plugin_path: str, tmp_path: Path) -> None:
    folder = bad_inputs["ok"].parent
    good = write_good(folder)
    make_text_pdf(folder / "hangs.pdf", ["HANGFOREVER on 3 May 2018 in Osh."])
    make_text_pdf(folder / "crashes.pdf", ["CRASHNOW on 3 May 2018 in Osh."])
    make_text_pdf(folder / "eats_memory.pdf", ["EATMEMORY on 3 May 2018 in Osh."])
    target = tmp_path / "out" / "records.jsonl"
    status = main(
        [
            "extract",
            str(folder),
            "-o",
            str(target),
            "--workers",
            "2",
            "--timeout",
            "20",  # a hanging document costs this long; good ones need a second, more on a loaded machine
            "--memory-limit",
            "1024",
            "--plugin",
            plugin_path,
            "-q",
        ]
    )
    assert status == 1
    lines = read_lines(target)
    docs = documents_by_name(lines)
    expected = {path.name: kind.removesuffix("_empty") for kind, path in bad_inputs.items() if kind != "ok"}
    expected |= {"hangs.pdf": "timeout", "crashes.pdf": "crashed", "eats_memory.pdf": "memory"}
    for name, error_type in expected.items():
        assert docs[name]["status"] == "failed", name
        assert docs[name]["error"]["type"] == error_type, name
        assert docs[name]["counts"] == dict.fromkeys(("date", "place", "count", "amount", "organisation"), 0)
    for name in [*good, bad_inputs["ok"].name]:
        assert docs[name]["status"] == "ok", name
        written = [line for line in lines if line["doc_id"] == docs[name]["doc_id"] and line["kind"] != "document"]
        assert len(written) == sum(docs[name]["counts"].values()) > 0, name
    for line in lines:
        parse_line(json.dumps(line))


def test_batch_output_is_identical_for_one_and_two_workers(tmp_path: Path) -> None:
    good = write_good(tmp_path / "in")
    (tmp_path / "in" / "z_copy.pdf").write_bytes(good["a_bishkek.pdf"].read_bytes())
    outputs = []
    for workers in (1, 2):
        target = tmp_path / f"out{workers}.jsonl"
        summary = run_batch([tmp_path / "in"], str(target), Settings(workers=workers))
        assert summary.exit_status == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    sources = [line["source"] for line in map(json.loads, outputs[0].splitlines()) if line["kind"] == "document"]
    assert sources == sorted(sources)


def test_batch_duplicate_bytes_are_processed_once(tmp_path: Path) -> None:
    good = write_good(tmp_path / "in")
    copy = tmp_path / "in" / "sub" / "again.pdf"
    copy.parent.mkdir()
    copy.write_bytes(good["b_almaty.pdf"].read_bytes())
    target = tmp_path / "records.jsonl"
    summary = run_batch([tmp_path / "in"], str(target), Settings(workers=1))
    lines = read_lines(target)
    docs = documents_by_name(lines)
    original = docs["b_almaty.pdf"]
    duplicate = docs["again.pdf"]
    assert summary.duplicates == 1
    assert duplicate["doc_id"] == original["doc_id"]
    assert duplicate["duplicate_of"] == original["source"]
    assert original["duplicate_of"] is None
    assert sum(duplicate["counts"].values()) == 0 < sum(original["counts"].values())
    position = next(i for i, line in enumerate(lines) if line.get("source") == duplicate["source"])
    assert position == len(lines) - 1 or lines[position + 1]["kind"] == "document"
    ids = [line["id"] for line in lines if line["kind"] != "document"]
    assert len(ids) == len(set(ids))


def test_batch_plan_sorts_paths_and_marks_duplicates(tmp_path: Path) -> None:
    for name, data in [("b.pdf", b"%PDF-1 x"), ("a.pdf", b"%PDF-1 y"), ("c/d.pdf", b"%PDF-1 x"), ("e.PDF", b"")]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(data)
    jobs = plan_jobs([tmp_path])
    assert [Path(job.path).relative_to(tmp_path).as_posix() for job in jobs] == ["a.pdf", "b.pdf", "c/d.pdf", "e.PDF"]
    assert [job.duplicate_of for job in jobs] == [None, None, 1, None]
    assert [job.index for job in jobs] == [0, 1, 2, 3]


def test_batch_killed_run_resumes_to_the_uninterrupted_output(plugin_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        make_text_pdf(
            folder / f"doc{number}.pdf", [f"GOSLOW: on {number + 1} May 2018 UNODC met {number + 10} judges in Osh."]
        )
    expected = tmp_path / "expected.jsonl"
    assert run_batch([folder], str(expected), Settings(workers=2, plugins=(plugin_path,))).exit_status == 0

    target = tmp_path / "killed" / "records.jsonl"
    shards = target.parent / f".{target.name}.parts"
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "extract",
        str(folder),
        "-o",
        str(target),
        "--workers",
        "1",
        "--plugin",
        plugin_path,
        "-q",
    ]
    parent = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600  # generous: the loop ends as soon as two shards are there
        while len(list(shards.glob("*.jsonl"))) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
        assert parent.poll() is None, "the run finished before it could be killed"
        os.kill(parent.pid, signal.SIGKILL)
    finally:
        parent.wait()
    assert not target.exists()  # nothing half-written where the output goes
    finished = list(shards.glob("*.jsonl"))
    assert 2 <= len(finished) < 6
    for shard in finished:  # every shard is whole: one complete document
        assert len(list(iter_documents(shard.read_text(encoding="utf-8").splitlines()))) == 1

    summary = run_batch([folder], str(target), Settings(workers=1, plugins=(plugin_path,)), resume=True)
    assert summary.resumed >= 2
    assert target.read_bytes() == expected.read_bytes()
    assert not shards.exists()


def test_batch_resume_takes_a_complete_output_as_it_is(tmp_path: Path) -> None:
    write_good(tmp_path / "in")
    target = tmp_path / "records.jsonl"
    first = run_batch([tmp_path / "in"], str(target), Settings(workers=1))
    before = target.read_bytes()
    again = run_batch([tmp_path / "in"], str(target), Settings(workers=1), resume=True)
    assert again.resumed == first.documents == 3
    assert again.worker_peak_mb == []  # no worker was needed
    assert target.read_bytes() == before


def test_batch_resume_redoes_documents_of_another_pipeline_version(tmp_path: Path) -> None:
    """Output written by older code is not kept: its documents are processed again."""
    write_good(tmp_path / "in")
    target = tmp_path / "records.jsonl"
    run_batch([tmp_path / "in"], str(target), Settings(workers=1))
    current = pipeline_version()
    older = "0.0.9+000000000000"
    lines = target.read_text(encoding="utf-8").splitlines()
    aged = [line.replace(current, older) if '"kind":"document"' in line else line for line in lines]
    assert aged != lines
    target.write_text("".join(f"{line}\n" for line in aged), encoding="utf-8")
    again = run_batch([tmp_path / "in"], str(target), Settings(workers=1), resume=True)
    assert again.resumed == 0
    assert again.documents == 3
    written = target.read_text(encoding="utf-8")
    assert older not in written
    assert written.splitlines() == lines


def test_batch_resume_without_output_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = make_text_pdf(tmp_path / "one.pdf", ["Osh, 3 May 2018."])
    assert main(["extract", str(pdf), "--resume"]) == 2
    assert "--resume" in capsys.readouterr().err


def _document(**changes: object) -> DocumentLine:
    base = {
        "doc_id": "sha256:" + "a" * 64,
        "source": "x.pdf",
        "pages": 1,
        "title": None,
        "issue_date": "2018-03-12",
        "status": "ok",
        "error": None,
        "counts": {"date": 1},
        "pipeline_version": pipeline_version(),
    }
    return DocumentLine.model_validate(base | changes)


def _record(doc_id: str = "sha256:" + "a" * 64) -> str:
    return json.dumps({"kind": "date", "doc_id": doc_id, "id": "r1"})


@pytest.mark.parametrize(
    ("lines", "expected_docs"),
    [
        pytest.param([_document().model_dump_json(), _record()], 1, id="complete"),
        pytest.param([_document().model_dump_json()], 0, id="record-missing"),
        pytest.param([_document().model_dump_json(), _record(), _record()], 0, id="extra-record"),
        pytest.param([_document().model_dump_json(), '{"kind": "date", "doc_id'], 0, id="truncated-line"),
        pytest.param([_document().model_dump_json(), _record("sha256:" + "b" * 64)], 0, id="foreign-record"),
        pytest.param(
            [_document(counts={}).model_dump_json(), _document().model_dump_json(), _record()], 2, id="two-documents"
        ),
    ],
)
def test_shards_iter_documents_keeps_only_complete_documents(lines: list[str], expected_docs: int) -> None:
    assert len(list(iter_documents(lines))) == expected_docs


@pytest.mark.parametrize(
    ("changes", "issue_date", "expected"),
    [
        pytest.param({}, None, True, id="same-version"),
        pytest.param({"pipeline_version": "0.0.1"}, None, False, id="other-version"),
        pytest.param({"duplicate_of": "y.pdf", "counts": {}}, None, False, id="duplicate-line"),
        pytest.param({"issue_date": "2018-03-12"}, "2018-03-12", True, id="same-issue-date"),
        pytest.param({"issue_date": "2018-03-12"}, "2019-01-01", False, id="other-issue-date"),
        pytest.param(
            {"status": "failed", "error": DocumentError(type="encrypted", message="m"), "counts": {}},
            None,
            True,
            id="failed-for-good",
        ),
        pytest.param(
            {"status": "failed", "error": DocumentError(type="timeout", message="m"), "counts": {}},
            None,
            False,
            id="timeout-retried",
        ),
        pytest.param(
            {"status": "failed", "error": DocumentError(type="too_large", message="m"), "counts": {}},
            None,
            False,
            id="too-large-retried",
        ),
    ],
)
def test_shards_reusable(changes: dict, issue_date: str | None, expected: bool) -> None:
    import datetime as dt

    settings = Settings(issue_date=dt.date.fromisoformat(issue_date) if issue_date else None)
    document = _document(**changes)
    assert reusable(DocumentLines(document, (document.model_dump_json(),)), settings) is expected


@pytest.mark.parametrize(
    ("exitcode", "text"),
    [
        pytest.param(3, "exit status 3", id="exit"),
        pytest.param(-signal.SIGSEGV, "killed by signal SIGSEGV", id="segfault"),
        pytest.param(-signal.SIGKILL, "killed by signal SIGKILL", id="killed"),
        pytest.param(None, "still running", id="running"),
    ],
)
def test_workers_exit_to_text(exitcode: int | None, text: str) -> None:
    assert exit_to_text(exitcode) == text


def test_progress_summary_counts_documents_records_and_failures() -> None:
    summary = BatchSummary()
    summary.add(_document(pages=4, counts={"date": 2, "place": 3}))
    summary.add(_document(status="failed", error=DocumentError(type="timeout", message="m"), counts={}, pages=0))
    summary.add(_document(duplicate_of="x.pdf", counts={}, pages=4))
    summary.add(_document(pages=2, counts={"count": 1}), resumed=True)
    summary.wall_seconds = 2.0
    assert (summary.documents, summary.ok, summary.duplicates, summary.resumed, summary.pages) == (4, 3, 1, 1, 6)
    assert summary.failed == {"timeout": 1}
    assert summary.exit_status == 1
    text = summary.to_text()
    assert "4 documents: 3 ok, 1 failed (1 timeout)" in text
    assert "2 date, 3 place, 1 count, 0 amount, 0 organisation" in text
    assert "3.00 pages/s" in text


def test_bench_batch_corpus_copies_are_distinct_readable_and_reach_the_pages(tmp_path: Path) -> None:
    import hashlib

    import pdfplumber

    from tests.bench.batch import build_corpus

    sources = [(name, path.read_bytes()) for name, path in write_good(tmp_path / "src").items()]
    documents, pages = build_corpus(tmp_path / "corpus", 7, sources)
    copies = sorted((tmp_path / "corpus").glob("*.pdf"))
    assert (documents, pages) == (7, 7) == (len(copies), len(copies))
    assert len({hashlib.sha256(path.read_bytes()).hexdigest() for path in copies}) == 7
    with pdfplumber.open(copies[-1]) as pdf:  # the last copy, with its trailing comment, still parses
        assert "Dushanbe" in pdf.pages[0].extract_text()
