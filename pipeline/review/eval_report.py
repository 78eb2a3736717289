"""An evaluation as a reader sees it: a table per system with its errors, and JSON for machines."""

from __future__ import annotations

from typing import Any

from pipeline.review.evaluate import Evaluation, Fact, Mismatch, Score


def fact_line(fact: Fact) -> str:
    """One error of `--show-errors`: document, page, text and value."""
    page = f"p{fact.page} " if fact.page is not None else ""
    parent = f" part of {fact.parent!r}" if fact.parent else ""
    return f"{fact.doc}: {page}{fact.text!r} {dict(fact.value)}{parent}"


def mismatch_line(mismatch: Mismatch) -> str:
    """One attribute error of `--show-errors`: the fact and each field gold → predicted."""
    fields = "; ".join(f"{name}: {gold!r} → {predicted!r}" for name, gold, predicted in mismatch.fields)
    page = f"p{mismatch.predicted.page} " if mismatch.predicted.page is not None else ""
    return f"{mismatch.predicted.doc}: {page}{mismatch.predicted.text!r} {fields}"


def evaluation_to_text(evaluation: Evaluation, show_errors: bool = False) -> str:
    """The table per kind (tp, fp, fn, precision, recall, F1, exact) with micro totals, and errors.

    `exact` counts the true positives whose value also agrees on every other field the gold
    gives; `--show-errors` lists the others as `VAL` lines beside false positives and misses.
    """
    out = [f"{evaluation.system}: {len(evaluation.documents)} gold document(s)"]
    for doc, predicted in evaluation.documents.items():
        if predicted is None:
            out.append(f"  {doc} ← no predicted document (all misses)")
        elif predicted in evaluation.failed:
            out.append(f"  {doc} ← {predicted}, which FAILED ({evaluation.failed[predicted]}): its facts are misses")
        else:
            out.append(f"  {doc} ← {predicted}")
    header = f"{'kind':<14}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>9}{'F1':>8}{'exact':>8}"
    exact = sum(result.exact for result in evaluation.kinds)
    rows = [(result.kind, result.score, result.exact) for result in evaluation.kinds]
    out.append(header)
    out.extend(
        f"{kind:<14}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.precision:>11.3f}{s.recall:>9.3f}{s.f1:>8.3f}{n:>8}"
        for kind, s, n in [*rows, ("micro", evaluation.micro, exact)]
    )
    for result in evaluation.kinds:
        if result.links is not None and (result.links.tp or result.links.fp or result.links.fn):
            links = result.links
            out.append(
                f"{result.kind} part_of links: {links.tp} right, {links.fp} wrong or spurious, {links.fn} missing"
            )
    if evaluation.unscored:
        out.append(f"not scored (no gold): {', '.join(evaluation.unscored)}")
    if show_errors:
        for result in evaluation.kinds:
            out.extend(f"FP {result.kind} {fact_line(fact)}" for fact in result.false_positives)
            out.extend(f"FN {result.kind} {fact_line(fact)}" for fact in result.misses)
            out.extend(f"VAL {result.kind} {mismatch_line(m)}" for m in result.mismatches)
    return "\n".join(out) + "\n"


def score_to_json(score: Score) -> dict[str, Any]:
    """A score as plain JSON: its counts and measures."""
    return {
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
    }


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The machine report: scores per kind and micro, with false positives and misses."""
    score_json = score_to_json

    def fact_json(fact: Fact) -> dict[str, Any]:
        return {
            "document": fact.doc,
            "text": fact.text,
            "value": dict(fact.value),
            "page": fact.page,
            "part_of_text": fact.parent,
        }

    return {
        "system": evaluation.system,
        "documents": dict(evaluation.documents),
        "kinds": {
            result.kind: {
                **score_json(result.score),
                "false_positives": [fact_json(f) for f in result.false_positives],
                "misses": [fact_json(f) for f in result.misses],
                "exact": result.exact,
                "mismatches": [
                    {
                        **fact_json(m.predicted),
                        "fields": [{"field": f, "gold": g, "predicted": p} for f, g, p in m.fields],
                    }
                    for m in result.mismatches
                ],
                **({"part_of_links": score_json(result.links)} if result.links is not None else {}),
            }
            for result in evaluation.kinds
        },
        "micro": score_json(evaluation.micro),
        "unscored": list(evaluation.unscored),
        "failed": dict(evaluation.failed),
    }
