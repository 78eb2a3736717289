"""The review build without a browser: files written, self-contained pages, notes instead of crashes, the cache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.review.review_report import document_file_name, mark_mention, value_to_text
from pipeline.review.visual_review import ReviewOptions, build_review
from schemas import DocumentLine, parse_line
from tests.helpers import FIXTURES
from tests.test_schemas import BASE_PLACE, PROVENANCE

NAME = "one_column_2020"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _document_html(out: Path, name: str = NAME) -> str:
    document = DocumentLine.model_validate(_lines(FIXTURES / f"{name}.jsonl")[0])
    return (out / document_file_name(document)).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    build_review(FIXTURES / f"{NAME}.jsonl", out, ReviewOptions(pdf_root=FIXTURES))
    return out


def test_visual_review_every_record_is_drawn_and_listed(built: Path) -> None:
    records = [parse_line(json.dumps(line)) for line in _lines(FIXTURES / f"{NAME}.jsonl")[1:]]
    html = _document_html(built)
    marks = re.findall(r'<div class="mark" data-key="[^"]+" data-record-id="([^"]+)" data-kind="(\w+)"', html)
    items = re.findall(r'<li class="record" tabindex="0" data-key="[^"]+" data-record-id="([^"]+)"', html)
    assert sorted({record_id for record_id, _ in marks}) == sorted(record.id for record in records)
    assert len(marks) == sum(len(record.boxes) for record in records)
    assert items == [record.id for record in records]  # the list is in reading order
    assert not re.search(r"<(?:div|li) [^>]*data-change=", html)  # nothing to compare with


def test_visual_review_pages_are_self_contained(built: Path) -> None:
    html = _document_html(built)
    assert html.count('src="data:image/webp;base64,') == 1  # one page, inline
    assert not re.search(r"""(?:src|href)=["'](?!data:|#|index\.html)""", html)
    assert not re.search(r"https?://|url\(|@import", html)
    index = (built / "index.html").read_text(encoding="utf-8")
    assert f'href="{document_file_name(DocumentLine.model_validate(_lines(FIXTURES / f"{NAME}.jsonl")[0]))}"' in index
    assert not re.search(r"https?://", index)


def test_visual_review_notes_blocks_drawn_by_other_code(built: Path, tmp_path: Path) -> None:
    assert "Blocks are drawn as pipeline version" not in _document_html(built)  # goldens keep "0.1.0" only
    lines = _lines(FIXTURES / f"{NAME}.jsonl")
    lines[0] = lines[0] | {"pipeline_version": "0.1.0+000000000000"}
    build_review(_write(tmp_path / "run.jsonl", lines), tmp_path / "out", ReviewOptions(pdf_root=FIXTURES))
    html = _document_html(tmp_path / "out")
    assert "the records were written by version 0.1.0+000000000000, whose blocks may differ" in html


def test_visual_review_rebuild_renders_nothing(tmp_path: Path) -> None:
    first = build_review(FIXTURES / f"{NAME}.jsonl", tmp_path, ReviewOptions(pdf_root=FIXTURES))
    again = build_review(FIXTURES / f"{NAME}.jsonl", tmp_path, ReviewOptions(pdf_root=FIXTURES))
    assert (first.pages, first.pages_rendered) == (1, 1)
    assert (again.pages, again.pages_rendered) == (1, 0)


def test_visual_review_missing_changed_and_failed_pdfs_are_notes(tmp_path: Path) -> None:
    lines = _lines(FIXTURES / f"{NAME}.jsonl")
    changed_pdf = tmp_path / "pdfs" / "changed.pdf"
    changed_pdf.parent.mkdir()
    changed_pdf.write_bytes((FIXTURES / f"{NAME}.pdf").read_bytes() + b"\n% edited\n")
    changed = [line | {"doc_id": "sha256:" + "c" * 64} for line in lines[:3]]
    changed[0]["source"] = "changed.pdf"
    for line in changed[1:]:
        line["id"] = "c" * 12 + line["id"][12:]
    missing = [lines[0] | {"doc_id": "sha256:" + "d" * 64, "source": "gone/missing.pdf", "pages": 1}]
    failed = lines[0] | {
        "doc_id": "sha256:" + "e" * 64,
        "source": "bad.pdf",
        "status": "failed",
        "pages": 0,
        "error": {"type": "encrypted", "message": "bad.pdf is encrypted"},
        "counts": {},
    }
    records = _write(tmp_path / "run.jsonl", [*changed, *missing, failed])
    summary = build_review(records, tmp_path / "out", ReviewOptions(pdf_root=tmp_path / "pdfs"))
    assert summary.documents == 3 and summary.without_pdf == 2 and summary.pages == 0
    pages = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "out").glob("*.html")}
    changed_page = next(html for name, html in pages.items() if name.startswith("changed-"))
    assert "has changed since this run read it" in changed_page and "<img" not in changed_page
    assert changed_page.count('class="record"') == 2  # the records are still listed
    assert "gone/missing.pdf was not found" in next(h for n, h in pages.items() if n.startswith("missing-"))
    assert "The document failed: encrypted: bad.pdf is encrypted" in next(
        h for n, h in pages.items() if n.startswith("bad-")
    )
    index = pages["index.html"]
    assert "PDF changed" in index and "PDF not found" in index and "encrypted: bad.pdf is encrypted" in index


def test_visual_review_command_writes_nothing_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / f"{NAME}.jsonl", tmp_path / "run.jsonl")
    status = main(["review", str(tmp_path / "run.jsonl"), "--pdf-root", str(FIXTURES), "-o", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert status == 0 and captured.out == ""
    assert "review of 1 documents written to" in captured.err and "1 rendered" in captured.err
    assert (tmp_path / "out" / "index.html").is_file()


def test_visual_review_command_against_an_older_run_counts_changes(tmp_path: Path) -> None:
    lines = _lines(FIXTURES / f"{NAME}.jsonl")
    older = [*lines[:3], *lines[5:]]  # records 3 and 4 are new since then
    older[5] = older[5] | {"confidence": 0.5}  # and one record's confidence changed
    run, old = _write(tmp_path / "run.jsonl", lines), _write(tmp_path / "old.jsonl", older)
    out = tmp_path / "out"
    status = main(["review", str(run), "--against", str(old), "--pdf-root", str(FIXTURES), "-o", str(out), "-q"])
    assert status == 0
    html = _document_html(out)
    changes = re.findall(r'<li class="record" [^>]*data-change="(\w+)"', html)
    assert (changes.count("added"), changes.count("changed"), changes.count("removed")) == (2, 1, 0)
    assert changes.count("same") == len(lines) - 1 - 3
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<td class="n added-n">2</td><td class="n removed-n">0</td><td class="n changed-n">1</td>', index)


def test_visual_review_command_refuses_a_file_that_is_not_records(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "date", "page": 1}\n', encoding="utf-8")
    status = main(["review", str(bad), "-o", str(tmp_path / "out")])
    assert status == 2
    assert "is not a contract line" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        pytest.param(
            "Since 25 March 2020, it helped.",
            "Since 25 March 2020",
            ("", "Since 25 March 2020", ", it helped."),
            id="start",
        ),
        pytest.param(
            "It trained MORE THAN 40 officers.",
            "more than 40 officers",
            ("It trained ", "MORE THAN 40 officers", "."),
            id="case",
        ),
        pytest.param("Heading only", "Up to 30 officers", ("Heading only", "", ""), id="not-found"),
    ],
)
def test_visual_review_mark_mention(sentence: str, text: str, expected: tuple[str, str, str]) -> None:
    assert mark_mention(sentence, text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            {
                "kind": "date",
                "value": {"start": "2018-03-01", "end": "2018-03-31", "granularity": "month", "inferred_year": False},
            },
            "2018-03-01 .. 2018-03-31 (month)",
            id="date-month",
        ),
        pytest.param(
            {
                "kind": "date",
                "value": {"start": "2017-04-01", "end": None, "granularity": "month", "inferred_year": True},
            },
            "2017-04-01 .. … (month, year inferred)",
            id="date-open",
        ),
        pytest.param(
            {
                "kind": "count",
                "value": {"value": 40, "qualifier": "more_than", "subject": "sports coaches", "part_of": None},
            },
            "more than 40 sports coaches",
            id="count",
        ),
        pytest.param(
            {"kind": "amount", "value": {"value": 2000000, "currency": "KGS", "qualifier": "exact"}},
            "2,000,000 KGS",
            id="amount",
        ),
        pytest.param(
            {"kind": "place", "value": BASE_PLACE["value"]},
            "Bishkek (city, KG, GeoNames 1528675)",
            id="place",
        ),
        pytest.param(
            {"kind": "organisation", "value": {"name": "World Customs Organization", "acronym": "WCO"}},
            "World Customs Organization (WCO)",
            id="organisation",
        ),
    ],
)
def test_visual_review_value_to_text(line: dict, expected: str) -> None:
    provenance = PROVENANCE | {"id": "abababababab:p1-b3:0-5:" + line["kind"]}
    record = parse_line(json.dumps(provenance | line))
    assert value_to_text(record, {}) == expected
