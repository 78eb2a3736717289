"""The `bulletins export` command: a thin shell over `pipeline.export`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the export stack (pydantic, the contract) loads when the command runs, not for --help
    from pipeline.export.tables import TableCount


def counts_to_text(target: str, counts: list[TableCount]) -> str:
    """The export's summary for stderr: rows per table, and how many of them are new."""
    tables = ", ".join(f"{count.table} {count.total} (+{count.added})" for count in counts)
    return f"bulletins: exported to {target}: {tables}\n"


@click.command("export")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "--to",
    "target",
    required=True,
    metavar="OUT",
    help="OUT.sqlite: a SQLite database; OUT.parquet: a folder of Parquet files; anything else: a folder of CSV files.",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def export_command(inputs: tuple[str, ...], target: str, quiet: bool) -> None:
    """Load records (and blocks) into SQLite, Parquet or CSV: a `documents` table and one table per kind.

    Value fields become typed columns (value.start is `start`, value.currency is `currency`),
    a bbox four columns x0, top, x1, bottom; `doc_id` and `block` join records to documents and
    blocks. Exporting into an existing OUT adds only the documents, records and blocks it does
    not hold yet, so the same records exported twice give the same tables. Reads `-` as stdin.
    Exit status 0 when exported, 2 when an input or OUT cannot be used (nothing is written).

    Example:

        bulletins extract archive/ -o records.jsonl && bulletins export records.jsonl --to records.sqlite
    """
    from pipeline.export.collect import ExportError
    from pipeline.export.run import export_records

    try:
        counts = export_records(inputs, target)
    except ExportError as exc:
        click.echo(f"Error: {exc}", err=True)
        click.get_current_context().exit(2)
        return
    if not quiet:
        click.echo(counts_to_text(target, counts), err=True, nl=False)
