"""CSV export: a folder of one `<table>.csv` file per table, a header row, empty fields for null."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pipeline.export.folder import FolderOutput
from pipeline.export.tables import Table


def csv_value(value: Any) -> str:
    """A row value as CSV text: null is empty, booleans are true/false (as DuckDB and pandas read them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class CsvOutput(FolderOutput):
    """A folder of CSV files (UTF-8, `\\n` line ends, fields quoted when needed)."""

    suffix = ".csv"

    def read(self, table: Table) -> list[dict[str, Any]]:
        with self.file(table).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            self.check_columns(table, header)
            return [dict(zip(header, row, strict=True)) for row in reader]

    def save(self, table: Table, existing: list[dict[str, Any]], new: list[dict[str, Any]], path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            writer.writerows([csv_value(row[name]) for name in table.column_names] for row in (*existing, *new))
