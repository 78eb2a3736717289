"""Exports to a folder of one file per table (Parquet, CSV): a file is rewritten whole, atomically, with new rows."""

from __future__ import annotations

import abc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from pipeline.export.collect import ExportError
from pipeline.export.tables import Table, TableCount, documents_table


class FolderOutput(abc.ABC):
    """A folder of `<table><suffix>` files to create or append to.

    Rows whose key a file already holds are not added again, and a file that gains no row is
    not rewritten, so exporting the same records twice leaves the files as they were.

    Args:
        folder: The output folder (created when absent).
    """

    suffix: ClassVar[str]

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder} exists and is not a folder; a {self.suffix} export writes a folder")
        self.folder = folder

    def file(self, table: Table) -> Path:
        return self.folder / f"{table.name}{self.suffix}"

    def known_sources(self) -> dict[str, str]:
        """doc_id -> source of the documents the folder already holds."""
        table = documents_table()
        if not self.file(table).exists():
            return {}
        return {row["doc_id"]: row["source"] for row in self.read(table)}

    def write(self, tables: Sequence[tuple[Table, list[dict[str, Any]]]]) -> list[TableCount]:
        """Append each table's new rows to its file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        counts = []
        for table, rows in tables:
            path = self.file(table)
            existing = self.read(table) if path.exists() else []
            keys = {tuple(str(row[name]) for name in table.key) for row in existing}
            new = [row for row in rows if tuple(str(value) for value in table.row_key(row)) not in keys]
            if new or not path.exists():
                temporary = path.with_name(f".{path.name}.part")
                self.save(table, existing, new, temporary)
                os.replace(temporary, path)
            counts.append(TableCount(table.name, len(new), len(existing) + len(new)))
        return counts

    @abc.abstractmethod
    def read(self, table: Table) -> list[dict[str, Any]]:
        """The rows of the table's existing file.

        Raises:
            ExportError: The file holds other columns than the table has.
        """

    @abc.abstractmethod
    def save(self, table: Table, existing: list[dict[str, Any]], new: list[dict[str, Any]], path: Path) -> None:
        """Write the existing rows, then the new ones, to `path`."""

    def check_columns(self, table: Table, found: Sequence[str]) -> None:
        if tuple(found) != table.column_names:
            raise ExportError(
                f"{self.file(table)} has other columns than this version of bulletins writes "
                f"({', '.join(found)}); export to a new folder"
            )
