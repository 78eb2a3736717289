"""Export: records straight into the tools users load them into (SQLite, Parquet, CSV), one table per kind.

`tables` derives the tables and their typed columns from the contract models, `collect` reads
and validates the JSON Lines, and `sqlite`, `parquet` and `csvfiles` write them; `run` ties an
export together, appending to an existing output without adding a key twice.
"""

from pipeline.export.collect import ExportError
from pipeline.export.run import export_records, output_for
from pipeline.export.tables import TableCount, all_tables

__all__ = ["ExportError", "TableCount", "all_tables", "export_records", "output_for"]
