"""The evaluation suite: the fixtures and the real bulletins' dev and blind sets, pipeline beside baseline.

`bulletins eval` without records runs it: every PDF that has gold is extracted by the pipeline and
by the naive baseline (`pipeline.review.baseline`), and both are scored against the same gold, set
by set. Real bulletins' gold (`fixtures/realworld/bulletins/*.gold.jsonl`) names its PDF by file
name and hash; the PDFs themselves live outside the project, in `../shared/realworld/bulletins`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.batch.runner import run_batch
from pipeline.jsonl import line_to_json
from pipeline.review.baseline import iter_baseline
from pipeline.review.diff import read_jsonl
from pipeline.review.evaluate import Evaluation, evaluate_files, fold, read_gold, read_gold_source
from pipeline.review.suite_sets import FIXTURES, REAL_GOLD, REAL_PDFS, SET_NAMES
from pipeline.settings import Settings

log = logging.getLogger("bulletins")


@dataclasses.dataclass(frozen=True)
class SuiteSet:
    """A set of documents with gold, scored together.

    Attributes:
        name: "fixtures", "dev" or "blind".
        gold: Its gold files.
        pdfs: Its PDFs, one per gold file found on disk.
        missing: PDFs its gold names that are not on disk (their facts count as misses).
    """

    name: str
    gold: tuple[Path, ...]
    pdfs: tuple[Path, ...]
    missing: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DocumentScore:
    """How many documents of a set got the gold's issue date and title (of those whose gold gives them)."""

    issue_dates: int = 0
    titles: int = 0
    documents: int = 0


@dataclasses.dataclass(frozen=True)
class SetResult:
    """The pipeline and the baseline on one set, with the gold's table cells and without them.

    Attributes:
        with_tables: True when the set's gold marks table cells, so `*_no_tables` differ.
    """

    suite_set: SuiteSet
    pipeline: Evaluation
    baseline: Evaluation
    pipeline_no_tables: Evaluation
    baseline_no_tables: Evaluation
    with_tables: bool
    pipeline_documents: DocumentScore = DocumentScore()
    baseline_documents: DocumentScore = DocumentScore()


def fixture_set(fixtures: Path) -> SuiteSet:
    """The generated fixtures: `<name>.gold.jsonl` beside `<name>.pdf`."""
    gold = tuple(sorted(fixtures.glob("*.gold.jsonl")))
    pdfs = tuple(fixtures / f"{path.name.removesuffix('.gold.jsonl')}.pdf" for path in gold)
    return SuiteSet("fixtures", gold, pdfs)


def real_sets(gold_folder: Path, pdf_folder: Path) -> list[SuiteSet]:
    """The real bulletins' sets, by their gold's `set` field, each gold's PDF looked up by name."""
    sets: dict[str, list[Path]] = {"dev": [], "blind": []}
    for path in sorted(gold_folder.glob("*.gold.jsonl")):
        source = read_gold_source(path)
        if source is not None:
            sets.setdefault(source.set, []).append(path)
    result = []
    for name, gold in sets.items():
        files = [read_gold_source(path) for path in gold]
        named = [pdf_folder / source.file for source in files if source is not None]
        if gold and not any(path.is_file() for path in named):
            log.warning("%s: none of its %d PDFs is in %s: set left out", name, len(named), pdf_folder)
            continue
        result.append(
            SuiteSet(
                name,
                tuple(gold),
                tuple(path for path in named if path.is_file()),
                tuple(path.name for path in named if not path.is_file()),
            )
        )
    return result


def suite_sets(
    names: Iterable[str] = SET_NAMES,
    fixtures: Path = FIXTURES,
    gold_folder: Path = REAL_GOLD,
    pdf_folder: Path = REAL_PDFS,
) -> list[SuiteSet]:
    """The sets asked for, in the order of SET_NAMES."""
    wanted = set(names)
    found = [fixture_set(fixtures), *real_sets(gold_folder, pdf_folder)]
    return [suite_set for suite_set in found if suite_set.name in wanted]


TITLE_OVERLAP = 0.6
"""Share of each title's words the other must hold for two titles to be the same."""


def title_words(title: str | None) -> set[str]:
    """The folded words of a title."""
    return set(fold(title).split()) if title else set()


def same_title(predicted: str | None, gold: str | None) -> bool:
    """Whether a title names the document as the gold's does: most words of each in the other.

    A reader's title and a masthead rarely agree to the character ("UNICEF Haiti Flash Update No. 1:
    Tropical Storm Melissa" and "Haiti Tropical Storm Melissa Flash Update No. 1"), but a box
    heading ("HIGHLIGHTS") or a tool's name ("IFRC GO") shares almost nothing with the title.
    """
    found, wanted = title_words(predicted), title_words(gold)
    if not found or not wanted:
        return False
    common = len(found & wanted)
    return common >= TITLE_OVERLAP * len(wanted) and common >= TITLE_OVERLAP * len(found)


def score_documents(records: Path, gold: Sequence[Path]) -> DocumentScore:
    """Issue dates and titles of a records file's document lines against the gold's source lines."""
    lines = {line["doc_id"]: line for line in read_jsonl(records) if line["kind"] == "document"}
    issue_dates = titles = documents = 0
    for path in gold:
        source = read_gold_source(path)
        if source is None:
            continue
        documents += 1
        line = lines.get(source.doc_id, {})
        issue_dates += source.issue_date is not None and line.get("issue_date") == source.issue_date
        titles += same_title(line.get("title"), source.title)
    return DocumentScore(issue_dates, titles, documents)


def write_baseline(pdfs: Sequence[Path], output: Path) -> None:
    """The naive baseline's lines for the PDFs, as one JSON Lines file."""
    with output.open("w", encoding="utf-8") as stream:
        for line in iter_baseline(pdfs):
            stream.write(line_to_json(line) + "\n")


def run_set(suite_set: SuiteSet, folder: Path, settings: Settings) -> SetResult:
    """Extract a set's PDFs with the pipeline and the baseline into `folder`, and score both."""
    ours, naive = folder / f"{suite_set.name}.pipeline.jsonl", folder / f"{suite_set.name}.baseline.jsonl"
    if suite_set.missing:
        log.warning(
            "%s: %d PDF(s) not found, scored as misses: %s",
            suite_set.name,
            len(suite_set.missing),
            ", ".join(suite_set.missing),
        )
    log.info("%s: %d document(s), pipeline", suite_set.name, len(suite_set.pdfs))
    run_batch(suite_set.pdfs, str(ours), settings)
    log.info("%s: %d document(s), baseline", suite_set.name, len(suite_set.pdfs))
    write_baseline(suite_set.pdfs, naive)
    with_tables = any(fact.table for path in suite_set.gold for fact in read_gold(path))
    return SetResult(
        suite_set=suite_set,
        pipeline=evaluate_files(suite_set.gold, ours),
        baseline=evaluate_files(suite_set.gold, naive),
        pipeline_no_tables=evaluate_files(suite_set.gold, ours, tables=False),
        baseline_no_tables=evaluate_files(suite_set.gold, naive, tables=False),
        with_tables=with_tables,
        pipeline_documents=score_documents(ours, suite_set.gold),
        baseline_documents=score_documents(naive, suite_set.gold),
    )


def run_suite(sets: Sequence[SuiteSet], folder: Path, settings: Settings | None = None) -> list[SetResult]:
    """Every set extracted and scored; records files are left in `folder` for review."""
    folder.mkdir(parents=True, exist_ok=True)
    return [run_set(suite_set, folder, settings or Settings()) for suite_set in sets]
