"""Parquet export: a folder of one `<table>.parquet` file per table, with Arrow types for the columns."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

from pipeline.export.collect import ExportError
from pipeline.export.folder import FolderOutput
from pipeline.export.tables import Column, Table

INSTALL_HINT = 'Parquet export needs the `parquet` extra (pyarrow): pip install "bulletins[parquet]"'


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def _arrow_type(column: Column) -> Any:
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "integer": pa.int64(),
        "real": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "json": pa.string(),
    }
    return types[column.type]


def _arrow_value(column: Column, value: Any) -> Any:
    """A row value as Arrow takes it: ISO dates as dates, integers in a float column as floats."""
    if value is None:
        return None
    if column.type == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if column.type == "real":
        return float(value)
    return value


def arrow_schema(table: Table) -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c), nullable=c.nullable) for c in table.columns])


class ParquetOutput(FolderOutput):
    """A folder of Parquet files (pyarrow, the `parquet` extra)."""

    suffix = ".parquet"

    def __init__(self, folder: Path) -> None:
        if not parquet_available():
            raise ExportError(INSTALL_HINT)
        super().__init__(folder)

    def read(self, table: Table) -> list[dict[str, Any]]:
        import pyarrow.parquet as pq

        data = pq.read_table(self.file(table))
        self.check_columns(table, data.column_names)
        return data.to_pylist()

    def save(self, table: Table, existing: list[dict[str, Any]], new: list[dict[str, Any]], path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = {
            c.name: pa.array([_arrow_value(c, row[c.name]) for row in (*existing, *new)], type=_arrow_type(c))
            for c in table.columns
        }
        pq.write_table(pa.table(columns, schema=arrow_schema(table)), path)
