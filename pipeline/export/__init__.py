"""Export: records straight into the tools users load them into (SQLite, Parquet, CSV), one table per kind.

`tables` derives the tables and their typed columns from the contract models, `collect` reads
and validates the JSON Lines, and `sqlite`, `parquet` and `csvfiles` write them; `run` ties an
export together, appending to an existing output without adding a key twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.lazy_api import lazy_attributes

if TYPE_CHECKING:
    from pipeline.export.collect import ExportError
    from pipeline.export.run import export_records, output_for
    from pipeline.export.tables import TableCount, all_tables

__all__ = ["ExportError", "TableCount", "all_tables", "export_records", "output_for"]

# `bulletins --help` loads the export command, and so this package: its API is imported on first
# use, so that pydantic and the contract behind it are not.
_API = {
    "ExportError": "pipeline.export.collect",
    "export_records": "pipeline.export.run",
    "output_for": "pipeline.export.run",
    "TableCount": "pipeline.export.tables",
    "all_tables": "pipeline.export.tables",
}


__getattr__ = lazy_attributes("pipeline.export", _API, globals())
