"""The `bulletins` command line: a thin shell over the library.

Importing it loads click and nothing heavy, so that `--version`, `--help` and `schema` answer at
once: each command imports what it runs (the batch runner, and through the workers the model)
when it runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

import click

from pipeline.export.cli import export_command
from pipeline.review.cli import register_review_commands
from pipeline.terminal import PipeAwareGroup

if TYPE_CHECKING:  # loaded by the commands that run documents, not for --help, --version or schema
    from pipeline.batch.pool import Work
    from pipeline.batch.progress import BatchSummary
    from pipeline.settings import OcrMode, Settings

log = logging.getLogger("bulletins")


class Refused(click.ClickException):
    """A run refused before any work (an output that would destroy a file, or is locked): exit 2."""

    exit_code = 2


@click.group(cls=PipeAwareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletins")
def cli() -> None:
    """Turn PDF bulletins into JSON Lines of dates, places, counts, amounts and organisations.

    Exit status: 0 done, 1 a document failed (or records differ, or a score is under the bar),
    2 a usage error or unusable input, 141 the reader of stdout went away (`| head`).
    """


register_review_commands(cli)
cli.add_command(export_command)


def batch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `extract` and `blocks` share: inputs, output, workers (local or on a cluster) and their limits."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True, readable=False)),
        click.option(
            "--files-from",
            type=click.File("rb"),
            default=None,
            metavar="FILE",
            help="Also read the paths listed in FILE, one a line ('-' is stdin): from find, a manifest or a listing.",
        ),
        click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout ('-' is stdout)."),
        click.option(
            "--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core)."
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=120.0,
            show_default=True,
            help="Seconds one document may take, besides its pages' allowance; a slower one is failed as "
            "`timeout` and the batch goes on.",
        ),
        click.option(
            "--timeout-per-page",
            type=click.FloatRange(min=0),
            default=1.0,
            show_default=True,
            help="Seconds each page adds to its document's time limit, so a long document gets time in proportion.",
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(min=1),
            default=None,
            help="Fail a document with more pages as `too_large` at once, before reading it (default: no limit).",
        ),
        click.option(
            "--memory-limit",
            type=click.IntRange(min=64),
            default=2048,
            show_default=True,
            help="Address space of each worker, in MB; a document that needs more is failed as `memory`.",
        ),
        click.option(
            "--scheduler",
            envvar="DASK_SCHEDULER_ADDRESS",
            default=None,
            metavar="ADDRESS",
            help="Run the documents on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT; "
            "default $DASK_SCHEDULER_ADDRESS) instead of local workers. Needs the `dask` extra.",
        ),
        click.option(
            "--ocr",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Read pages by OCR (Tesseract): auto, pages without a usable text layer; always, every page; never.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress, summary or PDF parser warnings on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run(
    work: Work, paths: list[str], output: str | None, settings: Settings, resume: bool, quiet: bool
) -> BatchSummary:
    """Run the batch; turn a refusal or a stop by a signal into a message and an exit status.

    A closed stdout is handled for every command by `PipeAwareGroup`.
    """
    from pipeline.batch.pool import PoolError
    from pipeline.batch.progress import stderr_is_terminal
    from pipeline.batch.runner import run_batch
    from pipeline.errors import Interrupted, OutputRefused

    try:
        return run_batch(
            paths, output, settings, resume=resume, show_progress=not quiet and stderr_is_terminal(), work=work
        )
    except OutputRefused as exc:
        raise Refused(str(exc)) from None
    except PoolError as exc:
        raise click.ClickException(str(exc)) from None
    except Interrupted as exc:
        kept = " Documents finished so far are kept: run again with --resume to finish." if output else ""
        click.echo(f"bulletins: stopped by {_signal_name(exc.signum)}.{kept if work == 'extract' else ''}", err=True)
        sys.exit(exc.exit_status)


def _signal_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name


def _inputs(paths: tuple[str, ...], files_from: BinaryIO | None) -> list[str]:
    """The paths on the command line and those listed with --files-from.

    Raises:
        click.UsageError: Neither was given.
    """
    if not paths and files_from is None:
        raise click.UsageError("give PDF files or folders, or --files-from FILE")
    from pipeline.inputs import read_path_list

    return [*paths, *(read_path_list(files_from) if files_from is not None else [])]


@dataclasses.dataclass(frozen=True)
class Limits:
    """What the shared options bound a document by: time, pages and memory."""

    timeout: float
    timeout_per_page: float
    max_pages: int | None
    memory_limit: int


def _settings(
    issue_date: dt.datetime | None,
    workers: int | None,
    limits: Limits,
    plugins: tuple[str, ...],
    ocr: OcrMode,
    quiet: bool,
    scheduler: str | None,
) -> Settings:
    """The run's settings.

    Raises:
        click.UsageError: --workers with --scheduler, or --scheduler without the `dask` extra.
    """
    from pipeline.batch.dask_engine import INSTALL_HINT as DASK_INSTALL_HINT
    from pipeline.batch.dask_engine import dask_available
    from pipeline.settings import Settings

    if scheduler and workers:
        raise click.UsageError("--workers sets local worker processes; with --scheduler the cluster's workers run")
    if scheduler and not dask_available():
        raise click.UsageError(DASK_INSTALL_HINT)
    settings = Settings(
        issue_date=issue_date.date() if issue_date else None,
        timeout=limits.timeout,
        timeout_per_page=limits.timeout_per_page,
        max_pages=limits.max_pages,
        memory_limit_mb=limits.memory_limit,
        plugins=plugins,
        ocr=ocr,
        quiet=quiet,
        scheduler=scheduler or None,
    )
    return dataclasses.replace(settings, workers=workers) if workers else settings


@cli.command()
@batch_options
@click.option(
    "--issue-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Resolve partial dates ('March 8') against this date (YYYY-MM-DD) for every input.",
)
@click.option("--resume", is_flag=True, help="Keep the documents an interrupted (or earlier) run of -o FILE finished.")
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    metavar="MODULE",
    help="Import MODULE in every worker (extra extractors); repeatable.",
)
def extract(
    paths: tuple[str, ...],
    files_from: BinaryIO | None,
    output: str | None,
    issue_date: dt.datetime | None,
    workers: int | None,
    timeout: float,
    timeout_per_page: float,
    max_pages: int | None,
    memory_limit: int,
    resume: bool,
    plugins: tuple[str, ...],
    scheduler: str | None,
    ocr: OcrMode,
    quiet: bool,
) -> None:
    """Extract records from PDF files or folders of PDFs (searched recursively).

    Documents run in worker processes, each with a time and memory limit, or on a Dask cluster
    with --scheduler; the output is in source-path order whatever runs them. Interrupted? Run
    again with --resume.

    Example:

        find archive/ -name '*.pdf' | bulletins extract --files-from - -o records.jsonl --workers 4
    """
    from pipeline.batch.pool import configure_logging

    configure_logging(quiet)
    inputs = _inputs(paths, files_from)
    if resume and output in (None, "-"):
        raise click.UsageError("--resume needs an output file (-o FILE)")
    limits = Limits(timeout, timeout_per_page, max_pages, memory_limit)
    settings = _settings(issue_date, workers, limits, plugins, ocr, quiet, scheduler)
    summary = _run("extract", inputs, output, settings, resume, quiet)
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)
    sys.exit(summary.exit_status)


@cli.command()
@batch_options
def blocks(
    paths: tuple[str, ...],
    files_from: BinaryIO | None,
    output: str | None,
    workers: int | None,
    timeout: float,
    timeout_per_page: float,
    max_pages: int | None,
    memory_limit: int,
    scheduler: str | None,
    ocr: OcrMode,
    quiet: bool,
) -> None:
    """Write the text blocks of each PDF, in reading order, as JSON Lines.

    Each PDF gets a `document` line (a failed one for a bad PDF), then its blocks. Documents
    run in worker processes with the same time and memory limits as `extract`.

    Example:

        bulletins blocks bulletin.pdf -o blocks.jsonl
    """
    from pipeline.batch.pool import configure_logging

    configure_logging(quiet)
    inputs = _inputs(paths, files_from)
    limits = Limits(timeout, timeout_per_page, max_pages, memory_limit)
    settings = _settings(None, workers, limits, (), ocr, quiet, scheduler)
    summary = _run("blocks", inputs, output, settings, False, quiet)
    if not quiet:
        click.echo(summary.to_text(), err=True, nl=False)
    sys.exit(summary.exit_status)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of every line `extract` and `blocks` can write.

    Example:

        bulletins schema > schema.json
    """
    from schemas import json_schema

    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line in-process and return its exit status (for tests and embedding)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="bulletins", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
