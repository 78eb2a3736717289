"""The `bulletins` command line: a thin shell over the library."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence

import click

from pipeline.errors import BulletinsError, ModelMissing, WorkerCrashed
from pipeline.jsonl import line_to_json, open_output
from pipeline.pdf import open_pdf, read_source
from pipeline.layout import document_blocks
from pipeline.run import extract_document, failed_document, iter_pdf_paths
from pipeline.settings import Settings
from schemas import json_schema

log = logging.getLogger("bulletins")


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="bulletins: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletins")
def cli() -> None:
    """Turn PDF bulletins into JSON Lines of dates, places, counts, amounts and organisations."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout ('-' is stdout).")
@click.option(
    "--issue-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Resolve partial dates ('March 8') against this date (YYYY-MM-DD) for every input.",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def extract(paths: tuple[str, ...], output: str | None, issue_date: dt.datetime | None, workers: int | None, quiet: bool) -> None:
    """Extract records from PDF files or folders of PDFs (searched recursively).

    Example:

        bulletins extract archive/ -o records.jsonl
    """
    _setup_logging(quiet)
    settings = Settings(issue_date=issue_date.date() if issue_date else None, **({"workers": workers} if workers else {}))
    failures = 0
    with open_output(output) as stream:
        for path in iter_pdf_paths(paths):
            lines = _document_lines(str(path), settings)
            failures += lines[0].status == "failed"
            for line in lines:
                stream.write(line_to_json(line) + "\n")
    sys.exit(1 if failures else 0)


def _document_lines(path: str, settings: Settings) -> list:
    """The document line and records of one input; a failure becomes a failed document line."""
    try:
        result = extract_document(path, settings)
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from None
    except BulletinsError as exc:
        log.warning("%s failed: %s", path, exc)
        return [failed_document(path, exc)]
    except Exception as exc:  # a bug in the pipeline must not lose the other documents
        log.error("%s crashed the pipeline: %s: %s", path, type(exc).__name__, exc)
        return [failed_document(path, WorkerCrashed(f"internal error {type(exc).__name__}: {exc}"))]
    return [result.document, *result.records]


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


from pipeline.review_cli import register_review_commands  # noqa: E402  (review commands live in their own module)
register_review_commands(cli)


if __name__ == "__main__":
    sys.exit(main())
