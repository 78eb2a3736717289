"""Gold for real PDFs: a source line names the document by file and hash, its pages and set; tables apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.review.evaluate import GoldFileError, evaluate_files, read_gold, read_gold_source
from pipeline.review.suite import real_sets
from tests.review.test_evaluate import as_record, count_value, document, fact, org_value, place_value, write_jsonl

SHA = "a" * 64
DOC = f"sha256:{SHA}"
SOURCE = {"kind": "source", "file": "sitrep-4.pdf", "sha256": SHA, "pages": [1, 2], "set": "dev",
          "issue_date": "2025-10-27", "title": "Situation Report No. 4"}  # fmt: skip
GHANA = fact("place", "Accra", place_value("Accra"), page=1)
CASES = fact("count", "14 confirmed cases", count_value(14, "confirmed cases"), page=2)
TABLE_CELL = fact("count", "62", count_value(62, "cases"), page=2, table=True)
WHO = fact("organisation", "WHO", org_value("World Health Organization", "WHO"), page=1)


def gold_file(tmp_path: Path, facts: list[dict[str, Any]], source: dict[str, Any] = SOURCE) -> Path:
    return write_jsonl(tmp_path / "sitrep-4.gold.jsonl", [source, *facts])


def run(tmp_path: Path, records: list[dict[str, Any]], doc_id: str = DOC, source: str = "in/sitrep-4.pdf") -> Path:
    return write_jsonl(tmp_path / "run.jsonl", [document(doc_id, source), *records])


def kind_scores(evaluation) -> dict[str, tuple[int, int, int]]:
    return {result.kind: (result.score.tp, result.score.fp, result.score.fn) for result in evaluation.kinds}


def test_source_line_names_the_document_and_is_no_fact(tmp_path: Path) -> None:
    path = gold_file(tmp_path, [GHANA, WHO])
    source = read_gold_source(path)
    assert source is not None
    assert (source.doc, source.doc_id, source.pages, source.set) == ("sitrep-4", DOC, (1, 2), "dev")
    facts = read_gold(path)
    assert [(f.doc, f.kind, f.page) for f in facts] == [("sitrep-4", "place", 1), ("sitrep-4", "organisation", 1)]


def test_source_line_without_pages_is_a_clear_error(tmp_path: Path) -> None:
    bad = {key: value for key, value in SOURCE.items() if key != "pages"}
    with pytest.raises(GoldFileError, match="pages"):
        read_gold(gold_file(tmp_path, [GHANA], bad))


def test_document_matched_by_name_and_hash(tmp_path: Path) -> None:
    records = [as_record(GHANA, 1, DOC), as_record(WHO, 2, DOC)]
    evaluation = evaluate_files([gold_file(tmp_path, [GHANA, WHO])], run(tmp_path, records))
    assert evaluation.documents == {"sitrep-4": "sitrep-4"}
    assert (evaluation.micro.tp, evaluation.micro.fp, evaluation.micro.fn) == (2, 0, 0)


def test_same_name_other_bytes_is_not_scored_against_the_gold(tmp_path: Path) -> None:
    other = "sha256:" + "b" * 64
    records = [as_record(GHANA, 1, other), as_record(WHO, 2, other)]
    evaluation = evaluate_files([gold_file(tmp_path, [GHANA, WHO])], run(tmp_path, records, doc_id=other))
    assert evaluation.documents == {"sitrep-4": None}
    assert (evaluation.micro.tp, evaluation.micro.fp, evaluation.micro.fn) == (0, 0, 2)


def test_predictions_off_the_gold_pages_are_not_scored(tmp_path: Path) -> None:
    elsewhere = fact("place", "Kumasi", place_value("Kumasi"))
    records = [as_record(GHANA, 1, DOC, page=1), as_record(elsewhere, 2, DOC, page=3), as_record(WHO, 3, DOC, page=7)]
    evaluation = evaluate_files([gold_file(tmp_path, [GHANA, WHO])], run(tmp_path, records))
    assert kind_scores(evaluation)["place"] == (1, 0, 0)
    assert kind_scores(evaluation)["organisation"] == (0, 0, 1)


def test_table_cells_scored_with_and_without(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, [CASES, TABLE_CELL])
    found_cell = run(tmp_path, [as_record(CASES, 1, DOC, page=2), as_record(TABLE_CELL, 2, DOC, page=2)])
    assert kind_scores(evaluate_files([gold], found_cell))["count"] == (2, 0, 0)
    assert kind_scores(evaluate_files([gold], found_cell, tables=False))["count"] == (1, 0, 0)
    missed_cell = run(tmp_path, [as_record(CASES, 1, DOC, page=2)])
    assert kind_scores(evaluate_files([gold], missed_cell))["count"] == (1, 0, 1)
    assert kind_scores(evaluate_files([gold], missed_cell, tables=False))["count"] == (1, 0, 0)


def test_real_sets_split_by_the_gold_set_field(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "sitrep-4.pdf").write_bytes(b"%PDF-1.4")
    gold_file(tmp_path, [GHANA])
    blind = {**SOURCE, "file": "flash-5.pdf", "set": "blind"}
    (tmp_path / "flash-5.gold.jsonl").write_text(json.dumps(blind) + "\n", encoding="utf-8")
    sets = {s.name: s for s in real_sets(tmp_path, pdfs)}
    assert [p.name for p in sets["dev"].pdfs] == ["sitrep-4.pdf"]
    assert "blind" not in sets  # none of its PDFs is on disk: left out, not scored as zero


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        (
            "Haiti Tropical Storm Melissa Flash Update No. 1",
            "UNICEF Haiti Flash Update No. 1: Tropical Storm Melissa",
            True,
        ),
        ("HIGHLIGHTS", "HAITI: Tropical Storm Melissa – Flash Update No. 2", False),
        ("IFRC GO", "DREF Operation: Ethiopia Marburg Outbreak 2025 (MDRET039)", False),
        (None, "Situation Report No. 1", False),
        (
            "DREF Operation Ethiopia Marburg Outbreak 2025",
            "DREF Operation: Ethiopia Marburg Outbreak 2025 (MDRET039)",
            True,
        ),
    ],
)
def test_titles_are_the_same_when_most_words_are_shared(predicted, gold, same: bool) -> None:
    from pipeline.review.suite import same_title

    assert same_title(predicted, gold) is same


def test_document_lines_scored_against_the_source_line(tmp_path: Path) -> None:
    from pipeline.review.suite import score_documents

    gold = gold_file(tmp_path, [GHANA])
    line = {**document(DOC, "in/sitrep-4.pdf"), "issue_date": "2025-10-27", "title": "Situation Report No. 4 Haiti"}
    records = write_jsonl(tmp_path / "run.jsonl", [line])
    score = score_documents(records, [gold])
    assert (score.issue_dates, score.titles, score.documents) == (1, 1, 1)
