"""SQLite export: one database file, foreign keys declared and enforced, indexes on the columns users join on."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.export.collect import ExportError
from pipeline.export.tables import Table, TableCount

SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "BOOLEAN", "date": "DATE", "json": "TEXT"}


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def create_statements(table: Table) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements of a table (no-ops when it exists).

    Foreign keys are checked when the export commits, so the order of rows does not matter
    (a count may come before the count it is part of).
    """
    parts = [f'"{c.name}" {SQL_TYPES[c.type]}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    parts.append(f"PRIMARY KEY ({_quoted(table.key)})")
    parts.extend(
        f'FOREIGN KEY ({_quoted(fk.columns)}) REFERENCES "{fk.ref_table}" ({_quoted(fk.ref_columns)}) '
        "DEFERRABLE INITIALLY DEFERRED"
        for fk in table.foreign_keys
    )
    statements = [f'CREATE TABLE IF NOT EXISTS "{table.name}" (\n  ' + ",\n  ".join(parts) + "\n)"]
    statements.extend(
        f'CREATE INDEX IF NOT EXISTS "{table.name}_{"_".join(columns)}" ON "{table.name}" ({_quoted(columns)})'
        for columns in table.indexes
    )
    return statements


def insert_statement(table: Table) -> str:
    """INSERT of one row that leaves a row with the same key as it is (exporting again adds nothing)."""
    marks = ", ".join("?" * len(table.columns))
    return f'INSERT OR IGNORE INTO "{table.name}" ({_quoted(table.column_names)}) VALUES ({marks})'


class SqliteOutput:
    """A SQLite database to create or append to.

    Args:
        path: The database file; created (through a temporary file) when absent.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def known_sources(self) -> dict[str, str]:
        """doc_id -> source of the documents the database already holds."""
        if not self.path.exists():
            return {}
        with contextlib.closing(self._connect(self.path)) as db:
            if not _has_table(db, "documents"):
                return {}
            return dict(db.execute('SELECT doc_id, source FROM "documents"').fetchall())

    def write(self, tables: Sequence[tuple[Table, list[dict[str, Any]]]]) -> list[TableCount]:
        """Add the rows whose keys are new, all in one transaction.

        Raises:
            ExportError: The database has tables of another shape, or a reference is broken.
        """
        fresh = not self.path.exists()
        target = self.path.with_name(f".{self.path.name}.part") if fresh else self.path
        if fresh:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
        try:
            with contextlib.closing(self._connect(target)) as db:
                counts = self._write(db, tables)
        except BaseException:
            if fresh:
                target.unlink(missing_ok=True)
            raise
        if fresh:
            os.replace(target, self.path)
        return counts

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise ExportError(f"{path} is not a SQLite database this export can use: {exc}") from None
        return db

    def _write(self, db: sqlite3.Connection, tables: Sequence[tuple[Table, list[dict[str, Any]]]]) -> list[TableCount]:
        counts = []
        db.execute("BEGIN IMMEDIATE")
        try:
            for table, rows in tables:
                for statement in create_statements(table):
                    db.execute(statement)
                self._check_columns(db, table)
                insert = insert_statement(table)
                added = db.executemany(insert, ([row[name] for name in table.column_names] for row in rows)).rowcount
                total = db.execute(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()[0]
                counts.append(TableCount(table.name, max(added, 0), total))
            db.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            db.execute("ROLLBACK")
            raise ExportError(f"export to {self.path} refused by SQLite ({exc}); nothing was written") from None
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return counts

    def _check_columns(self, db: sqlite3.Connection, table: Table) -> None:
        found = tuple(row[1] for row in db.execute(f'PRAGMA table_info("{table.name}")'))
        if found != table.column_names:
            raise ExportError(
                f"table {table.name} of {self.path} has other columns than this version of bulletins writes "
                f"({', '.join(found)}); export to a new file"
            )


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
