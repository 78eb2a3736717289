"""One export: read the inputs, take out what the output already holds, add the rest, count it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from pipeline.export.collect import collect
from pipeline.export.csvfiles import CsvOutput
from pipeline.export.parquet import ParquetOutput
from pipeline.export.sqlite import SqliteOutput
from pipeline.export.tables import Table, TableCount, all_tables

SQLITE_SUFFIXES = (".sqlite", ".sqlite3")


class Output(Protocol):
    """Where an export goes: it knows its documents and appends rows with new keys."""

    def known_sources(self) -> dict[str, str]: ...

    def write(self, tables: list[tuple[Table, list[dict]]]) -> list[TableCount]: ...


def output_for(target: str | Path) -> Output:
    """SQLite for `.sqlite`, a Parquet folder for `.parquet`, a CSV folder otherwise.

    Raises:
        ExportError: Parquet without pyarrow, or a CSV or Parquet target that is a file.
    """
    path = Path(target)
    suffix = path.suffix.lower()
    if suffix in SQLITE_SUFFIXES:
        return SqliteOutput(path)
    if suffix == ".parquet":
        return ParquetOutput(path)
    return CsvOutput(path)


def export_records(inputs: Iterable[str], target: str | Path) -> list[TableCount]:
    """Export JSON Lines of `extract` (and `blocks`) to a database or a folder of tables.

    Args:
        inputs: JSON Lines files; `-` reads stdin.
        target: Where to (see `output_for`). An existing output is appended to: only documents,
            records and blocks whose keys it does not hold yet are added.

    Returns:
        Rows added and held per table; the blocks table only when blocks were given.

    Raises:
        ExportError: An input line is invalid, a record comes without its document, or the
            output cannot take the rows.
    """
    output = output_for(target)
    collected = collect(inputs, output.known_sources())
    tables = [
        (table, collected.rows(table.name))
        for table in all_tables()
        if table.name != "blocks" or collected.rows(table.name)
    ]
    return output.write(tables)
