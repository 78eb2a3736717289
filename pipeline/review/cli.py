"""The review commands `bulletins diff`, `eval`, `eval-tables` and `review`: thin shells over the review modules.

`bulletins --help` loads this module, so it imports only what the commands' options show; what
scores and renders (the extractors behind `evaluate`, the page renderer) is imported by the
commands when they run.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline.review.diff import DEFAULT_IGNORED, DiffInputError, DiffOptions, DocumentMode, diff_files, read_jsonl
from pipeline.review.diff_report import diff_to_json, diff_to_text
from pipeline.review.image_settings import ImageSettings
from pipeline.review.suite_sets import REAL_PDFS, SET_NAMES
from pipeline.terminal import ColorChoice, use_color

_FILE = click.Path(exists=True, dir_okay=False)
_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people or for machines.",
)


def _fail_input(exc: DiffInputError) -> None:
    """Unreadable input is trouble, not a difference: exit 2, as diff(1) does."""
    click.echo(f"Error: {exc}", err=True)
    click.get_current_context().exit(2)


@click.command("diff")
@click.argument("old", type=_FILE)
@click.argument("new", type=_FILE)
@_FORMAT
@click.option(
    "--by",
    "documents",
    type=click.Choice(["doc_id", "source", "single"]),
    default="doc_id",
    show_default=True,
    help="Match documents by PDF hash, by source file name (the PDF changed), or treat each file as one document.",
)
@click.option("--positions", is_flag=True, help="Count page, bbox and block changes as differences, not as moves.")
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    metavar="FIELD",
    help="Leave out a dotted field (e.g. confidence, value.lat); repeatable.",
)
@click.option(
    "--strict", is_flag=True, help="Compare every field, ids and positions included (as the golden tests do)."
)
@click.option("--show-moves", is_flag=True, help="Also list records that only moved.")
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: auto colours on a terminal unless NO_COLOR is set.",
)
def diff_command(
    old: str,
    new: str,
    fmt: str,
    documents: DocumentMode,
    positions: bool,
    ignored: tuple[str, ...],
    strict: bool,
    show_moves: bool,
    color: ColorChoice,
) -> None:
    """Show which records were added, removed or changed between two JSON Lines files.

    Records are matched by document, kind and normalised value, not by line or id, so a
    record whose text above moved is still the same record. Exit status 0 when equal, 1 when
    different, 2 on trouble.

    Example:

        bulletins diff before.jsonl after.jsonl
    """
    if strict:
        options = DiffOptions.strict(documents=documents)
    else:
        options = DiffOptions(documents=documents, ignore=DEFAULT_IGNORED | frozenset(ignored), positions=positions)
    try:
        result = diff_files(old, new, options)
    except DiffInputError as exc:
        _fail_input(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(diff_to_json(result), ensure_ascii=False, indent=2))
    else:
        colored = use_color(color)
        report = diff_to_text(result, styled=colored is not False, show_moves=show_moves)
        click.echo(report, nl=False, color=colored)
    click.get_current_context().exit(0 if result.equal else 1)


@click.command("eval")
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    type=click.Path(exists=True),
    help="Gold facts (JSON Lines), or a folder of *.gold.jsonl; repeatable. Without it: the suite.",
)
@click.argument("records", nargs=-1, type=_FILE)
@click.option("--show-errors", is_flag=True, help="List false positives (FP) and misses (FN).")
@_FORMAT
@click.option(
    "--fail-under",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    metavar="F1",
    help="Exit 1 when the micro F1 of any RECORDS file is below F1 (0..1).",
)
@click.option("--no-tables", is_flag=True, help="Leave out gold facts marked as table cells (and what states them).")
@click.option(
    "--set",
    "set_names",
    multiple=True,
    type=click.Choice(SET_NAMES),
    help="Suite: score only this set (fixtures, dev, blind); repeatable. Default: all three.",
)
@click.option(
    "--pdfs",
    type=click.Path(file_okay=False, path_type=Path),
    default=REAL_PDFS,
    show_default=True,
    help="Suite: folder of the real bulletins' PDFs.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/eval"),
    show_default=True,
    help="Suite: folder for the pipeline's and the baseline's records, kept for review.",
)
def eval_command(
    gold_paths: tuple[str, ...],
    records: tuple[str, ...],
    show_errors: bool,
    fmt: str,
    no_tables: bool,
    set_names: tuple[str, ...],
    pdfs: Path,
    out: Path,
    fail_under: float | None,
) -> None:
    """Score records against gold facts: precision, recall and F1 per kind.

    Scores count unique facts per document; the README lists what counts as the same date,
    place, count, amount and organisation. Several RECORDS files (for example the pipeline's
    and a baseline's) are each scored against the same gold. With --fail-under F1 the exit
    status is 1 when any file's micro F1 is below F1 (for CI), else 0; 2 on unreadable input.

    Without --gold and RECORDS, runs the suite: the fixtures and the real bulletins' dev and
    blind sets are extracted by the pipeline and the naive baseline and scored in one table.

    Example:

        bulletins eval --gold fixtures/ out/fixtures.jsonl --fail-under 0.85

    and the suite, development set and fixtures only:

        bulletins eval --set fixtures --set dev
    """
    if not gold_paths and not records:
        _run_suite(set_names or SET_NAMES, pdfs, out, show_errors, fmt)
        return
    if not gold_paths or not records:
        raise click.UsageError("give both --gold and RECORDS, or neither (the suite)")
    from pipeline.review.eval_report import evaluation_to_json, evaluation_to_text
    from pipeline.review.evaluate import evaluate_files

    try:
        evaluations = [evaluate_files(gold_paths, path, tables=not no_tables) for path in records]
    except DiffInputError as exc:
        _fail_input(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([evaluation_to_json(e) for e in evaluations], ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(evaluation_to_text(e, show_errors=show_errors) for e in evaluations), nl=False)
    if fail_under is not None:
        under = [e for e in evaluations if e.micro.f1 < fail_under]
        for evaluation in under:
            click.echo(
                f"bulletins: micro F1 {evaluation.micro.f1:.3f} of {evaluation.system} is under {fail_under}", err=True
            )
        click.get_current_context().exit(1 if under else 0)


@click.command("eval-tables")
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True),
    help="Gold tables (*.table.json), or folders of them; repeatable.",
)
@click.option(
    "--pdf-root",
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the gold tables' PDFs (searched recursively): run the pipeline on them.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=_FILE,
    help="Saved `blocks` and `extract` JSON Lines to score instead of running the pipeline; repeatable.",
)
@click.option("--show-errors", is_flag=True, help="List the facts missed (FN) and the false positives (FP).")
@_FORMAT
def eval_tables_command(
    gold_paths: tuple[str, ...], pdf_root: str | None, outputs: tuple[str, ...], show_errors: bool, fmt: str
) -> None:
    """Score table reading against gold tables: cell text accuracy and F1 of facts from cells.

    With --pdf-root the pipeline is run on each gold table's PDF (checked by its sha256); with
    --output, saved `bulletins blocks` and `bulletins extract` output is scored. See
    docs/tables.md for what is compared.

    Example:

        bulletins eval-tables --gold fixtures/realworld/tables --pdf-root ../shared/realworld
    """
    from pipeline.review.table_eval import (
        TableEvaluation,
        evaluate_tables,
        evaluate_with_pipeline,
        outputs_from_lines,
        read_gold_tables,
    )
    from pipeline.review.table_report import table_evaluation_to_json, table_evaluation_to_text

    if (pdf_root is None) == (not outputs):
        click.echo("Error: give either --pdf-root or --output (not both)", err=True)
        click.get_current_context().exit(2)
    try:
        tables = read_gold_tables(gold_paths)
        evaluation: TableEvaluation
        if pdf_root is not None:
            evaluation = evaluate_with_pipeline(tables, pdf_root)
        else:
            evaluation = evaluate_tables(
                tables, outputs_from_lines(line for path in outputs for line in read_jsonl(path))
            )
    except DiffInputError as exc:
        _fail_input(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(table_evaluation_to_json(evaluation), ensure_ascii=False, indent=2))
    else:
        click.echo(table_evaluation_to_text(evaluation, show_errors=show_errors), nl=False)


@click.command("review")
@click.argument("records", type=_FILE)
@click.option("--against", type=_FILE, default=None, help="An older run: mark records added, removed, changed or same.")
@click.option(
    "--pdf-root",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Look for the PDFs under this folder (by source path, then by file name) before their source paths.",
)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write to.")
@click.option(
    "--dpi", type=click.IntRange(36, 300), default=ImageSettings.dpi, show_default=True, help="Page image resolution."
)
@click.option(
    "--image-format",
    type=click.Choice(["webp", "png"]),
    default=ImageSettings.format,
    show_default=True,
    help="Page images as lossy WebP (small) or lossless PNG.",
)
@click.option("--no-blocks", is_flag=True, help="Leave out the block outlines (they lay out each PDF once).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def review_command(
    records: str,
    against: str | None,
    pdf_root: str | None,
    out_dir: str,
    dpi: int,
    image_format: str,
    no_blocks: bool,
    quiet: bool,
) -> None:
    """Write an HTML review: every record drawn on its page image, and what changed since an older run.

    OUT_DIR/index.html lists the documents; each has a self-contained page (images inline, no
    network) with its records drawn as line boxes coloured by kind beside a list in reading
    order. Page images are cached in OUT_DIR/.cache, so building again renders nothing twice.

    Example:

        bulletins review after.jsonl --against before.jsonl -o review/
    """
    from pipeline.review.visual_review import ReviewOptions, build_review

    options = ReviewOptions(
        against=Path(against) if against else None,
        pdf_root=Path(pdf_root) if pdf_root else None,
        images=ImageSettings(dpi=dpi, format="png" if image_format == "png" else "webp"),
        outlines=not no_blocks,
    )
    try:
        summary = build_review(Path(records), Path(out_dir), options, show_progress=not quiet and sys.stderr.isatty())
    except DiffInputError as exc:
        _fail_input(exc)
        return
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)


def _run_suite(set_names: tuple[str, ...], pdfs: Path, out: Path, show_errors: bool, fmt: str) -> None:
    """The suite's table on stdout; progress on stderr."""
    from pipeline.review.suite import run_suite, suite_sets
    from pipeline.review.suite_report import suite_to_json, suite_to_text

    logging.basicConfig(level=logging.INFO, format="bulletins: %(levelname)s: %(message)s", stream=sys.stderr)
    results = run_suite(suite_sets(set_names, pdf_folder=pdfs), out)
    if fmt == "json":
        click.echo(json.dumps(suite_to_json(results), ensure_ascii=False, indent=2))
    else:
        click.echo(suite_to_text(results, show_errors=show_errors), nl=False)


def register_review_commands(group: click.Group) -> None:
    """Add `diff`, `eval`, `eval-tables` and `review` to the `bulletins` group."""
    group.add_command(diff_command)
    group.add_command(eval_command)
    group.add_command(eval_tables_command)
    group.add_command(review_command)
