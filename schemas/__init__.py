"""The record contract in code: one Pydantic model per JSON Lines kind."""

from schemas.blocks import BlockLine, Role
from schemas.document import DocumentError, DocumentLine, ErrorType
from schemas.export import LINE_ADAPTER, Line, json_schema, parse_line
from schemas.records import (
    RECORD_KINDS,
    AmountRecord,
    CellRef,
    CountRecord,
    DateRecord,
    OrganisationRecord,
    PlaceRecord,
    Record,
)
from schemas.values import (
    AmountValue,
    BBox,
    CountValue,
    DateValue,
    OrganisationValue,
    PlaceValue,
    Qualifier,
)

SCHEMA_VERSION = "1"

__all__ = [
    "LINE_ADAPTER",
    "RECORD_KINDS",
    "SCHEMA_VERSION",
    "AmountRecord",
    "AmountValue",
    "BBox",
    "BlockLine",
    "CellRef",
    "CountRecord",
    "CountValue",
    "DateRecord",
    "DateValue",
    "DocumentError",
    "DocumentLine",
    "ErrorType",
    "Line",
    "OrganisationRecord",
    "OrganisationValue",
    "PlaceRecord",
    "PlaceValue",
    "Qualifier",
    "Record",
    "Role",
    "json_schema",
    "parse_line",
]
