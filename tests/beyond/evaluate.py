"""Score the pipeline and the naive baseline on the real non-humanitarian documents.

Each gold file names its PDF, sha256, the pages written and whether the document is kept for
development or blind. Only records on those pages are scored. Prints one table per set (dev,
blind) with F1 per kind for the pipeline and the baseline side by side.

    python -m tests.beyond.fetch && python -m tests.beyond.evaluate [--set dev|blind|all] [--errors]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.jsonl import line_to_json
from pipeline.review.baseline import iter_baseline
from pipeline.review.eval_report import fact_line
from pipeline.review.evaluate import RECORD_KINDS, Evaluation, Predictions, evaluate, read_gold, read_predictions
from pipeline.run import extract
from tests.beyond.fetch import CACHE, GOLD


@dataclasses.dataclass(frozen=True)
class GoldDocument:
    """One gold file and its source line."""

    path: Path
    file: str
    pages: tuple[int, ...]
    set: str

    @property
    def pdf(self) -> Path:
        return CACHE / self.file


def read_gold_documents(folder: Path = GOLD) -> list[GoldDocument]:
    """The gold documents of `folder`, from each file's source line."""
    documents = []
    for path in sorted(folder.glob("*.gold.jsonl")):
        source = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        documents.append(GoldDocument(path, source["file"], tuple(source["pages"]), source["set"]))
    return documents


def on_gold_pages(predictions: Predictions, documents: Sequence[GoldDocument]) -> Predictions:
    """The predictions less the records on pages the gold does not cover."""
    pages = {Path(doc.file).stem: set(doc.pages) for doc in documents}
    kept = tuple(fact for fact in predictions.facts if fact.page is None or fact.page in pages.get(fact.doc, set()))
    return dataclasses.replace(predictions, facts=kept)


def write_lines(lines: Iterable, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        stream.writelines(line_to_json(line) + "\n" for line in lines)
    return path


def score(documents: Sequence[GoldDocument], records: Path, system: str) -> Evaluation:
    """Evaluation of one records file against the documents' gold, on the gold's pages."""
    gold = [fact for doc in documents for fact in read_gold(doc.path)]
    return evaluate(gold, on_gold_pages(read_predictions(records), documents), system=system)


def run_systems(documents: Sequence[GoldDocument], folder: Path, baseline: bool = True) -> tuple[Path, Path | None]:
    """Records of the pipeline and (unless `baseline` is False) of the baseline, as JSON Lines files."""
    pdfs = [doc.pdf for doc in documents]
    ours = write_lines((line for pdf in pdfs for line in extract(pdf)), folder / "pipeline.jsonl")
    theirs = write_lines(iter_baseline(pdfs), folder / "baseline.jsonl") if baseline else None
    return ours, theirs


def table(title: str, ours: Evaluation, base: Evaluation) -> str:
    rows = [f"{title}", f"{'kind':<14}{'P':>7}{'R':>7}{'F1':>7}{'base F1':>9}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for mine, theirs in zip([*ours.kinds, None], [*base.kinds, None], strict=True):
        s, b = (mine.score, theirs.score) if mine and theirs else (ours.micro, base.micro)
        name = mine.kind if mine else "all (micro)"
        rows.append(f"{name:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{b.f1:>9.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    return "\n".join(rows)


def errors(evaluation: Evaluation) -> str:
    lines = []
    for result in evaluation.kinds:
        lines += [f"  FP {fact_line(f)}" for f in result.false_positives]
        lines += [f"  FN {fact_line(f)}" for f in result.misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.beyond.evaluate")
    parser.add_argument("--set", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    parser.add_argument("--out", type=Path, default=CACHE / "runs")
    args = parser.parse_args(argv)
    documents = [d for d in read_gold_documents() if args.set in ("all", d.set)]
    absent = [d.file for d in documents if not d.pdf.exists()]
    if absent:
        print(f"missing PDFs {absent}: run python -m tests.beyond.fetch first")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    pipeline, baseline = run_systems(documents, args.out)
    assert baseline is not None
    ours, base = score(documents, pipeline, "pipeline"), score(documents, baseline, "baseline")
    print(table(f"set={args.set} ({len(documents)} documents; kinds: {', '.join(RECORD_KINDS)})", ours, base))
    if args.errors:
        print(errors(ours))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
