"""The evaluation suite as a reader sees it: one table of F1 per kind, pipeline beside baseline, per set."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from pipeline.review.eval_report import evaluation_to_json, evaluation_to_text
from pipeline.review.evaluate import Evaluation, Score
from pipeline.review.suite import DocumentScore, SetResult
from schemas.records import RECORD_KINDS


def kind_score(evaluation: Evaluation, kind: str) -> Score:
    """One kind's score, or the micro total for "all"."""
    if kind == "all":
        return evaluation.micro
    return next(result.score for result in evaluation.kinds if result.kind == kind)


def columns(results: Sequence[SetResult]) -> list[tuple[str, Evaluation, Evaluation]]:
    """(heading, pipeline, baseline) per column: each set, and each set without tables when it has some."""
    found = []
    for result in results:
        label = f"{result.suite_set.name} ({len(result.suite_set.gold)})"
        found.append((label, result.pipeline, result.baseline))
        if result.with_tables:
            found.append((f"{result.suite_set.name}, no tables", result.pipeline_no_tables, result.baseline_no_tables))
    return found


def suite_to_text(results: Sequence[SetResult], show_errors: bool = False) -> str:
    """F1 per kind and set, pipeline then baseline, then each set's facts counted (tp/fp/fn)."""
    cols = columns(results)
    width = 20
    out = ["F1 on unique facts per document: pipeline | naive baseline (documents per set in brackets)"]
    out.append(f"{'kind':<14}" + "".join(f"{label:>{width}}" for label, _, _ in cols))
    for kind in (*RECORD_KINDS, "all"):
        cells = "".join(
            f"{kind_score(ours, kind).f1:>{width - 8}.3f} | {kind_score(naive, kind).f1:.3f}" for _, ours, naive in cols
        )
        out.append(f"{kind:<14}{cells}")
    out.append("")
    out.append("pipeline tp/fp/fn per kind")
    out.append(f"{'kind':<14}" + "".join(f"{label:>{width}}" for label, _, _ in cols))
    for kind in (*RECORD_KINDS, "all"):
        cells = "".join(f"{_counts(kind_score(ours, kind)):>{width}}" for _, ours, _ in cols)
        out.append(f"{kind:<14}{cells}")
    documents = [r for r in results if r.pipeline_documents.documents]
    if documents:
        out.append("")
        out.append("document lines right (pipeline | baseline), of the documents whose gold gives them")
        out.append(f"{'':<14}" + "".join(f"{r.suite_set.name:>{width}}" for r in documents))
        for label, attribute in (("issue date", "issue_dates"), ("title", "titles")):
            cells = "".join(
                f"{_of(r.pipeline_documents, attribute):>{width - 8}} | {_of(r.baseline_documents, attribute)}"
                for r in documents
            )
            out.append(f"{label:<14}{cells}")
    for result in results:
        if result.suite_set.missing:
            out.append(
                f"{result.suite_set.name}: PDFs not found (scored as misses): {', '.join(result.suite_set.missing)}"
            )
    if show_errors:
        for result in results:
            out.append("")
            out.append(f"== {result.suite_set.name}")
            out.append(evaluation_to_text(result.pipeline, show_errors=True).rstrip("\n"))
    return "\n".join(out) + "\n"


def _of(score: DocumentScore, attribute: str) -> str:
    return f"{getattr(score, attribute)}/{score.documents}"


def _counts(score: Score) -> str:
    return f"{score.tp}/{score.fp}/{score.fn}"


def suite_to_json(results: Sequence[SetResult]) -> dict[str, Any]:
    """The machine report: per set, the pipeline's and the baseline's evaluations, with and without tables."""
    return {
        result.suite_set.name: {
            "gold": [path.name for path in result.suite_set.gold],
            "missing_pdfs": list(result.suite_set.missing),
            "pipeline": evaluation_to_json(result.pipeline),
            "baseline": evaluation_to_json(result.baseline),
            "pipeline_no_tables": evaluation_to_json(result.pipeline_no_tables),
            "baseline_no_tables": evaluation_to_json(result.baseline_no_tables),
            "documents": {
                system: dataclasses.asdict(score)
                for system, score in (("pipeline", result.pipeline_documents), ("baseline", result.baseline_documents))
            },
        }
        for result in results
    }
