"""The export's tables, derived from the contract models: one per line kind, value fields as typed columns.

A table's columns come from its Pydantic model, so a field added to the contract becomes a
column without a change here. Nested objects are flattened: a record's `value.start` is the
column `start`, a document's `error.type` is `error_type`, `counts.date` is `counts_date`, and
a bbox is four columns `x0, top, x1, bottom`. Lists and objects of other shapes are kept as
JSON text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel

from schemas import BlockLine, DocumentLine
from schemas.records import RECORD_KINDS, RECORD_MODELS

ColumnType = Literal["text", "integer", "real", "boolean", "date", "json"]
BBOX_COLUMNS = ("x0", "top", "x1", "bottom")
# Record kinds' tables, in the contract's order.
KIND_TABLES: dict[str, str] = {
    "date": "dates",
    "place": "places",
    "count": "counts",
    "amount": "amounts",
    "organisation": "organisations",
}


@dataclasses.dataclass(frozen=True)
class TableCount:
    """What an export did to one table: rows added, and rows it holds now."""

    table: str
    added: int
    total: int


@dataclasses.dataclass(frozen=True)
class Column:
    """One column: where its value sits in a line's JSON (`path`) and what type it holds."""

    name: str
    type: ColumnType
    path: tuple[str, ...]
    nullable: bool


@dataclasses.dataclass(frozen=True)
class ForeignKey:
    """`columns` of this table refer to `ref_columns` of `ref_table`."""

    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Table:
    """An export table.

    Attributes:
        name: Table name (and file stem for Parquet and CSV).
        columns: In model order.
        key: Primary key columns: a row whose key is already exported is not added again.
        foreign_keys: References to other tables (declared in SQLite).
        indexes: Column lists to index (SQLite), besides the key.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def row_key(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(row[name] for name in self.key)


def _optional(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `None`, and whether None was allowed."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(members) < len(typing.get_args(annotation))
        if len(members) == 1:
            return members[0], nullable
        if set(members) == {int, float}:
            return float, nullable
        return typing.Union[tuple(members)], nullable  # noqa: UP007 (built from a runtime tuple)
    return annotation, False


def _scalar_type(annotation: Any) -> ColumnType:
    """The column type of a scalar annotation; anything else is kept as JSON text."""
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        return "text" if all(isinstance(v, str) for v in values) else "json"
    if not isinstance(annotation, type):
        return "json"
    for python_type, column_type in ((bool, "boolean"), (int, "integer"), (float, "real"), (str, "text")):
        if issubclass(annotation, python_type):
            return typing.cast(ColumnType, column_type)
    return "date" if issubclass(annotation, dt.date) else "json"


def model_columns(model: type[BaseModel], path: tuple[str, ...] = (), prefix: str = "") -> list[Column]:
    """The columns of a model: its scalar fields, nested models flattened, a bbox as four numbers.

    The `kind` field is left out (the table says it); a record's `value` is flattened without
    a prefix, any other nested model with its field name as prefix.
    """
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if name == "kind" and not path:
            continue
        annotation, nullable = _optional(field.annotation)
        if name == "bbox" and typing.get_origin(annotation) is tuple:
            columns.extend(Column(n, "real", (*path, name, str(i)), nullable) for i, n in enumerate(BBOX_COLUMNS))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            inner = "" if (name == "value" and not path) else f"{prefix}{name}_"
            nested = model_columns(annotation, (*path, name), inner)
            columns.extend(dataclasses.replace(c, nullable=c.nullable or nullable) for c in nested)
        else:
            columns.append(Column(f"{prefix}{name}", _scalar_type(annotation), (*path, name), nullable))
    return columns


def _documents_fk() -> ForeignKey:
    return ForeignKey(("doc_id",), "documents", ("doc_id",))


@functools.cache
def documents_table() -> Table:
    return Table("documents", tuple(model_columns(DocumentLine)), ("doc_id",), indexes=(("source",),))


@functools.cache
def duplicates_table() -> Table:
    """Other files with the bytes of an exported document: found in one run or across runs."""
    columns = (
        Column("source", "text", ("source",), False),
        Column("doc_id", "text", ("doc_id",), False),
        Column("duplicate_of", "text", ("duplicate_of",), False),
    )
    return Table("duplicates", columns, ("source", "doc_id"), (_documents_fk(),), (("doc_id",),))


@functools.cache
def kind_table(kind: str) -> Table:
    """The table of one record kind; a count's `part_of` refers to another count."""
    name = KIND_TABLES[kind]
    columns = tuple(model_columns(RECORD_MODELS[kind]))
    foreign_keys = [_documents_fk()]
    if kind == "count":
        foreign_keys.append(ForeignKey(("part_of",), name, ("id",)))
    return Table(name, columns, ("id",), tuple(foreign_keys), (("doc_id",), ("doc_id", "block")))


@functools.cache
def blocks_table() -> Table:
    return Table("blocks", tuple(model_columns(BlockLine)), ("doc_id", "id"), (_documents_fk(),), (("doc_id",),))


def all_tables() -> tuple[Table, ...]:
    """Every table in the order they are written: documents first, blocks last."""
    kinds = tuple(kind_table(kind) for kind in RECORD_KINDS)
    return (documents_table(), duplicates_table(), *kinds, blocks_table())


def line_to_row(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    """A line's JSON (as `model_dump(mode="json")` gives it) as a row of `table`.

    Dates stay ISO strings and JSON columns become JSON text; each writer converts from there.
    """
    row: dict[str, Any] = {}
    for column in table.columns:
        value: Any = data
        for step in column.path:
            if value is None:
                break
            value = value[int(step)] if isinstance(value, list) else value.get(step)
        if column.type == "json" and value is not None:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        row[column.name] = value
    return row
