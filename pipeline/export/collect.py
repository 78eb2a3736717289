"""Reading JSON Lines for export: every line validated, sorted into table rows, each key once.

A `document` line whose `doc_id` was already seen (earlier in the input, or in the output being
appended to) with another `source` is a duplicate: its file goes to the `duplicates` table, and
its records, which have the same ids as the first copy's, are not added twice.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pydantic

from pipeline.errors import BulletinsError
from pipeline.export.tables import (
    Table,
    blocks_table,
    documents_table,
    duplicates_table,
    kind_table,
    line_to_row,
)
from schemas import parse_line


class ExportError(BulletinsError):
    """The input cannot be exported as it is (not contract lines, records without their document)."""


@dataclasses.dataclass
class TableRows:
    """The rows of one table, in input order, keyed by the table's primary key."""

    table: Table
    rows: dict[tuple[Any, ...], dict[str, Any]] = dataclasses.field(default_factory=dict)

    def add(self, row: dict[str, Any]) -> None:
        """Keep the row unless a row with its key came first."""
        self.rows.setdefault(self.table.row_key(row), row)


@dataclasses.dataclass
class Collected:
    """Everything read from the inputs, by table name."""

    tables: dict[str, TableRows]
    # Documents met so far: doc_id -> source of the first line with that id.
    sources: dict[str, str]

    def rows(self, name: str) -> list[dict[str, Any]]:
        return list(self.tables[name].rows.values()) if name in self.tables else []


@contextmanager
def _open_input(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
        return
    with Path(path).open(encoding="utf-8") as handle:
        yield handle


def iter_lines(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The JSON of every non-blank line of the inputs, validated against the contract.

    Raises:
        ExportError: A line is not a contract line, or a file cannot be read.
    """
    for path in paths:
        try:
            with _open_input(path) as handle:
                for number, text in enumerate(handle, start=1):
                    if not text.strip():
                        continue
                    try:
                        line = parse_line(text)
                    except pydantic.ValidationError as exc:
                        problem = exc.errors()[0]
                        where = ".".join(str(step) for step in problem["loc"])
                        raise ExportError(
                            f"{path} line {number} is not a bulletins line ({where}: {problem['msg']}); "
                            "export takes what `bulletins extract` and `bulletins blocks` write"
                        ) from None
                    yield line.model_dump(mode="json")
        except OSError as exc:
            raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None


def table_of(kind: str) -> Table:
    """The table a line kind goes to."""
    if kind == "document":
        return documents_table()
    if kind == "block":
        return blocks_table()
    return kind_table(kind)


def collect(paths: Iterable[str], known_sources: Mapping[str, str]) -> Collected:
    """Read the inputs into rows per table.

    Args:
        paths: JSON Lines files (`-` is stdin).
        known_sources: doc_id -> source of the documents the output already holds.

    Raises:
        ExportError: A line is invalid, or a record or block comes without its document line.
    """
    collected = Collected(tables={}, sources=dict(known_sources))
    for data in _records_first(paths):
        table = table_of(data["kind"])
        if table.name == "documents":
            first = collected.sources.setdefault(data["doc_id"], data["source"])
            if first != data["source"]:
                table = duplicates_table()
                data = {"source": data["source"], "doc_id": data["doc_id"], "duplicate_of": first}
            elif data["doc_id"] in known_sources:
                continue
        collected.tables.setdefault(table.name, TableRows(table)).add(line_to_row(table, data))
    check_documents(collected)
    return collected


def _records_first(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The lines of files without blocks first: `blocks` writes each document's line with zero
    counts, so the document line of `extract` must be the one kept when both are given."""
    files = [list(iter_lines([path])) for path in paths]
    for lines in sorted(files, key=lambda lines: any(data["kind"] == "block" for data in lines)):
        yield from lines


def check_documents(collected: Collected) -> None:
    """Every record and block must belong to a document of the input or of the output.

    Raises:
        ExportError: Naming the first document that is missing and where its lines came from.
    """
    for name, rows in collected.tables.items():
        if name == "documents":
            continue
        for row in rows.rows.values():
            if row["doc_id"] not in collected.sources:
                raise ExportError(
                    f"{name} of {row['doc_id']} come without that document's `document` line; "
                    "export the `bulletins extract` output they belong to with them"
                )
