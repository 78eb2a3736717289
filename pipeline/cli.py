"""The `bulletins` command line: a thin shell over the library."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from typing import BinaryIO

import click

from pipeline.batch.dask_engine import INSTALL_HINT as DASK_INSTALL_HINT
from pipeline.batch.dask_engine import dask_available
from pipeline.batch.progress import stderr_is_terminal
from pipeline.batch.runner import run_batch
from pipeline.errors import BulletinsError
from pipeline.inputs import read_path_list
from pipeline.jsonl import line_to_json, open_output
from pipeline.layout.reading_order import document_blocks
from pipeline.pdf import open_pdf, read_source
from pipeline.run import iter_pdf_paths
from pipeline.settings import Settings
from pipeline.terminal import PipeAwareGroup
from schemas import json_schema

log = logging.getLogger("bulletins")


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="bulletins: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


@click.group(cls=PipeAwareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletins")
def cli() -> None:
    """Turn PDF bulletins into JSON Lines of dates, places, counts, amounts and organisations.

    Exit status: 0 done, 1 a document failed (or records differ, or a score is under the bar),
    2 a usage error or unusable input, 141 the reader of stdout went away (`| head`).
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--files-from",
    type=click.File("rb"),
    default=None,
    metavar="FILE",
    help="Also read the paths listed in FILE, one a line ('-' is stdin): from find, a manifest or a listing.",
)
@click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout ('-' is stdout).")
@click.option(
    "--issue-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Resolve partial dates ('March 8') against this date (YYYY-MM-DD) for every input.",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Seconds one document may take; a slower one is failed as `timeout` and the batch goes on.",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(min=64),
    default=2048,
    show_default=True,
    help="Address space of each worker, in MB; a document that needs more is failed as `memory`.",
)
@click.option("--resume", is_flag=True, help="Keep the documents an interrupted (or earlier) run of -o FILE finished.")
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    metavar="MODULE",
    help="Import MODULE in every worker (extra extractors); repeatable.",
)
@click.option(
    "--scheduler",
    envvar="DASK_SCHEDULER_ADDRESS",
    default=None,
    metavar="ADDRESS",
    help="Run the documents on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT; "
    "default $DASK_SCHEDULER_ADDRESS) instead of local workers. Needs the `dask` extra.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def extract(
    paths: tuple[str, ...],
    files_from: BinaryIO | None,
    output: str | None,
    issue_date: dt.datetime | None,
    workers: int | None,
    timeout: float,
    memory_limit: int,
    resume: bool,
    plugins: tuple[str, ...],
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Extract records from PDF files or folders of PDFs (searched recursively).

    Documents run in worker processes, each with a time and memory limit, or on a Dask cluster
    with --scheduler; the output is in source-path order whatever runs them. Interrupted? Run
    again with --resume.

    Example:

        find archive/ -name '*.pdf' | bulletins extract --files-from - -o records.jsonl --workers 4
    """
    _setup_logging(quiet)
    if not paths and files_from is None:
        raise click.UsageError("give PDF files or folders, or --files-from FILE")
    if resume and output in (None, "-"):
        raise click.UsageError("--resume needs an output file (-o FILE)")
    if scheduler and workers:
        raise click.UsageError("--workers sets local worker processes; with --scheduler the cluster's workers run")
    if scheduler and not dask_available():
        raise click.UsageError(DASK_INSTALL_HINT)
    settings = Settings(
        issue_date=issue_date.date() if issue_date else None,
        timeout=timeout,
        memory_limit_mb=memory_limit,
        plugins=plugins,
        scheduler=scheduler or None,
    )
    if workers:
        settings = dataclasses.replace(settings, workers=workers)
    inputs = [*paths, *(read_path_list(files_from) if files_from is not None else [])]
    try:
        summary = run_batch(inputs, output, settings, resume=resume, show_progress=not quiet and stderr_is_terminal())
    except BulletinsError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)
    sys.exit(summary.exit_status)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout ('-' is stdout).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def blocks(paths: tuple[str, ...], output: str | None, quiet: bool) -> None:
    """Write the text blocks of each PDF, in reading order, as JSON Lines.

    Example:

        bulletins blocks bulletin.pdf -o blocks.jsonl
    """
    _setup_logging(quiet)
    failures = 0
    with open_output(output) as stream:
        for path in iter_pdf_paths(paths):
            try:
                source = read_source(path)
                with open_pdf(source) as pdf:
                    for block in document_blocks(pdf):
                        stream.write(line_to_json(block.to_line(source.doc_id)) + "\n")
            except BulletinsError as exc:
                failures += 1
                log.warning("%s failed: %s", path, exc)
    sys.exit(1 if failures else 0)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of every line `extract` and `blocks` can write.

    Example:

        bulletins schema > schema.json
    """
    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line in-process and return its exit status (for tests and embedding)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="bulletins", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


from pipeline.export.cli import export_command  # noqa: E402  (commands of other stages live in their own modules)
from pipeline.review.cli import register_review_commands  # noqa: E402

register_review_commands(cli)
cli.add_command(export_command)


if __name__ == "__main__":
    sys.exit(main())
