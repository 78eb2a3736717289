"""A table evaluation as a reader sees it: a line per gold table, totals, errors; and JSON for machines."""

from __future__ import annotations

from typing import Any

from pipeline.review.eval_report import score_to_json
from pipeline.review.evaluate import Score
from pipeline.review.table_eval import HEADLINE_KINDS, CellFact, TableEvaluation, TableResult

SCORED_KINDS = ("count", "place", "amount", "date")


def _score_text(score: Score) -> str:
    return f"{score.tp}/{score.fp}/{score.fn} F1 {score.f1:.3f}"


def _shape(shape: tuple[int, int] | None) -> str:
    return "-" if shape is None else f"{shape[0]}x{shape[1]}"


def table_line(result: TableResult) -> str:
    """One gold table: shapes, header rows, cells read right, and facts per kind (tp/fp/fn)."""
    gold = result.gold
    found_headers = "-" if result.found is None else str(result.found.get("header_rows"))
    facts = "  ".join(
        f"{kind} {_score_text(result.kinds[kind].score)}"
        for kind in SCORED_KINDS
        if result.kinds[kind].score.tp + result.kinds[kind].score.fp + result.kinds[kind].score.fn
    )
    gold_shape = (len(gold.rows), len(gold.rows[0]) if gold.rows else 0)
    return (
        f"{gold.name}: shape {_shape(gold_shape)} found {_shape(result.shape)}, header rows {gold.header_rows} "
        f"found {found_headers}, cells {result.cells_right}/{result.cells}; {facts}"
    )


def _fact_text(table: str, fact: CellFact) -> str:
    cell = f" cell {fact.cell[0]},{fact.cell[1]}" if fact.cell is not None else ""
    return f"{table}:{cell} {fact.text!r} {dict(fact.value)}"


def table_evaluation_to_text(evaluation: TableEvaluation, show_errors: bool = False) -> str:
    """Per table, then totals: cell accuracy, and tp/fp/fn, precision, recall, F1 per kind."""
    out = [table_line(result) for result in evaluation.tables]
    out.append(f"cell text accuracy: {evaluation.cells_right}/{evaluation.cells} = {evaluation.cell_accuracy:.3f}")
    out.append(f"{'kind':<20}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>9}{'F1':>8}{'in cell':>9}")
    rows = [(kind, evaluation.kind(kind)) for kind in SCORED_KINDS]
    rows.append(("/".join(HEADLINE_KINDS), evaluation.headline))
    for kind, score in rows:
        placed = sum(
            result.kinds[k].placed for result in evaluation.tables for k in result.kinds if k in kind.split("/")
        )
        out.append(
            f"{kind:<20}{score.tp:>6}{score.fp:>6}{score.fn:>6}{score.precision:>11.3f}"
            f"{score.recall:>9.3f}{score.f1:>8.3f}{placed:>9}"
        )
    counts = [result.kinds["count"] for result in evaluation.tables]
    matched = sum(k.score.tp for k in counts)
    if matched:
        out.append(f"count subjects as in the gold: {sum(k.subject_exact for k in counts)}/{matched}")
    if show_errors:
        for result in evaluation.tables:
            for kind in SCORED_KINDS:
                out.extend(f"FN {kind} {_fact_text(result.gold.name, f)}" for f in result.kinds[kind].misses)
                out.extend(f"FP {kind} {_fact_text(result.gold.name, f)}" for f in result.kinds[kind].false_positives)
    return "\n".join(out) + "\n"


def table_evaluation_to_json(evaluation: TableEvaluation) -> dict[str, Any]:
    """The evaluation as plain JSON: totals, then one object per gold table."""
    return {
        "cells": evaluation.cells,
        "cells_right": evaluation.cells_right,
        "cell_accuracy": evaluation.cell_accuracy,
        "kinds": {kind: score_to_json(evaluation.kind(kind)) for kind in SCORED_KINDS},
        "headline": score_to_json(evaluation.headline),
        "tables": [
            {
                "name": result.gold.name,
                "found": result.found is not None,
                "shape": result.shape,
                "header_rows": None if result.found is None else result.found.get("header_rows"),
                "cells": result.cells,
                "cells_right": result.cells_right,
                "kinds": {kind: score_to_json(result.kinds[kind].score) for kind in SCORED_KINDS},
            }
            for result in evaluation.tables
        ],
    }
