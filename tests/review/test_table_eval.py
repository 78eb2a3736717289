"""Scoring tables against gold tables: cells by position, facts inside the table's extent, PDFs by hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.review.evaluate import GoldFileError
from pipeline.review.table_eval import (
    DocumentOutput,
    cells_right,
    evaluate_tables,
    find_pdf,
    read_gold_table,
)
from pipeline.review.table_report import table_evaluation_to_text

SHA = "e" * 64
DOC = "sha256:" + SHA
ROWS = [["Region", "Confirmed cases"], ["Oromia", "412"], ["Afar", "12"]]


def count_value(number: int, subject: str) -> dict[str, Any]:
    return {"value": number, "qualifier": "exact", "subject": subject, "part_of": None}


def place_value(name: str) -> dict[str, Any]:
    return {"name": name, "type": "admin_area", "country": "ET"}


def write_gold(folder: Path, **changes: Any) -> Path:
    gold = {
        "file": "report.pdf",
        "sha256": SHA,
        "page": 2,
        "bbox": [50, 100, 300, 160],
        "header_rows": 1,
        "rows": ROWS,
        "continues_from": None,
        "facts": [
            {"kind": "place", "row": 1, "column": 0, "text": "Oromia", "value": place_value("Oromia")},
            {"kind": "count", "row": 1, "column": 1, "text": "412", "value": count_value(412, "confirmed cases")},
            {"kind": "place", "row": 2, "column": 0, "text": "Afar", "value": place_value("Afar")},
            {"kind": "count", "row": 2, "column": 1, "text": "12", "value": count_value(12, "confirmed cases")},
        ],
        "notes": "",
        **changes,
    }
    path = folder / "report.p2.t1.table.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def record(kind: str, value: dict[str, Any], bbox: list[float], cell: tuple[int, int] | None = None) -> dict[str, Any]:
    line = {"kind": kind, "doc_id": DOC, "page": 2, "bbox": bbox, "text": "x", "value": value}
    if cell is not None:
        line["cell"] = {"row": cell[0], "column": cell[1]}
    return line


def table_block(rows: list[list[str]], bbox: list[float] | None = None) -> dict[str, Any]:
    return {
        "kind": "block",
        "doc_id": DOC,
        "page": 2,
        "role": "table",
        "bbox": bbox or [50, 100, 300, 160],
        "rows": rows,
    }


def test_table_eval_cells_compare_by_position_with_whitespace_collapsed() -> None:
    assert cells_right(ROWS, [["Region", "Confirmed  cases"], ["Oromia", "412"], ["Afar", "12"]]) == 6
    assert cells_right(ROWS, [["Region", "Confirmed cases"], ["Afar", "12"]]) == 2  # a lost row shifts the rest
    assert cells_right(ROWS, None) == 0


def test_table_eval_scores_cells_and_facts(tmp_path: Path) -> None:
    table = read_gold_table(write_gold(tmp_path))
    records = [
        record("place", place_value("Oromia"), [55, 120, 80, 130], (1, 0)),
        record("count", count_value(412, "confirmed cases"), [200, 120, 220, 130], (1, 1)),
        record("count", count_value(12, "cases"), [200, 140, 220, 150]),  # right fact, no cell
        record("count", count_value(7, "cases"), [200, 140, 220, 150]),  # states no gold fact
        record("count", count_value(12, "cases"), [400, 140, 420, 150]),  # outside the table
    ]
    output = DocumentOutput(
        (table_block([["Region", "Confirmed cases"], ["Oromia", "412"], ["Afar", "13"]]),), tuple(records)
    )
    evaluation = evaluate_tables([table], {SHA: output})
    assert (evaluation.cells_right, evaluation.cells) == (5, 6)
    count = evaluation.kind("count")
    assert (count.tp, count.fp, count.fn) == (2, 1, 0)
    place = evaluation.kind("place")
    assert (place.tp, place.fp, place.fn) == (1, 0, 1)
    result = evaluation.tables[0]
    assert result.kinds["count"].placed == 1
    assert result.kinds["count"].subject_exact == 1
    text = table_evaluation_to_text(evaluation, show_errors=True)
    assert "cells 5/6" in text and "FN place" in text and "FP count" in text


def test_table_eval_repeated_values_are_separate_facts(tmp_path: Path) -> None:
    rows = [["Region", "Cases"], ["A", "1"], ["B", "1"]]
    facts = [{"kind": "count", "row": r, "column": 1, "text": "1", "value": count_value(1, "cases")} for r in (1, 2)]
    table = read_gold_table(write_gold(tmp_path, rows=rows, facts=facts))
    one = DocumentOutput((), (record("count", count_value(1, "cases"), [200, 120, 210, 130]),))
    score = evaluate_tables([table], {SHA: one}).kind("count")
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)


def test_table_eval_without_a_table_block_all_cells_are_wrong(tmp_path: Path) -> None:
    table = read_gold_table(write_gold(tmp_path))
    elsewhere = table_block(ROWS, bbox=[50, 500, 300, 560])  # another table on the page
    evaluation = evaluate_tables([table], {SHA: DocumentOutput((elsewhere,), ())})
    assert evaluation.cells_right == 0 and evaluation.tables[0].found is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"rows": [["a", "b"], ["c"]]}, "same length", id="ragged"),
        pytest.param(
            {"facts": [{"kind": "count", "row": 1, "column": 1, "text": "413", "value": count_value(413, "x")}]},
            "not in cell",
            id="fact-text",
        ),
        pytest.param(
            {"facts": [{"kind": "count", "row": 9, "column": 1, "text": "1", "value": count_value(1, "x")}]},
            "IndexError",
            id="fact-outside",
        ),
        pytest.param(
            {"facts": [{"kind": "weight", "row": 1, "column": 1, "text": "412", "value": {}}]}, "kind", id="kind"
        ),
    ],
)
def test_table_eval_rejects_malformed_gold(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldFileError, match=message):
        read_gold_table(write_gold(tmp_path, **changes))


def test_table_eval_finds_the_pdf_by_name_and_hash(tmp_path: Path) -> None:
    data = b"%PDF-1.4 table"
    (tmp_path / "sub").mkdir()
    pdf = tmp_path / "sub" / "report.pdf"
    pdf.write_bytes(data)
    gold = tmp_path / "gold"
    gold.mkdir()
    table = read_gold_table(write_gold(gold, sha256=hashlib.sha256(data).hexdigest()))
    assert find_pdf(tmp_path, table) == pdf
    with pytest.raises(GoldFileError, match="sha256 differs"):
        find_pdf(tmp_path, read_gold_table(write_gold(gold)))
    with pytest.raises(GoldFileError, match="is not under"):
        find_pdf(gold, table)


def test_table_eval_command_scores_saved_output(tmp_path: Path) -> None:
    write_gold(tmp_path)
    saved = tmp_path / "run.jsonl"
    lines = [table_block(ROWS), record("place", place_value("Oromia"), [55, 120, 80, 130], (1, 0))]
    saved.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["eval-tables", "--gold", str(tmp_path), "--output", str(saved), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["cell_accuracy"] == 1.0
    assert report["kinds"]["place"]["tp"] == 1 and report["kinds"]["count"]["fn"] == 2


def test_table_eval_command_needs_one_source(tmp_path: Path) -> None:
    write_gold(tmp_path)
    result = CliRunner().invoke(cli, ["eval-tables", "--gold", str(tmp_path)])
    assert result.exit_code == 2
