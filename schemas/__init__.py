"""The record contract in code: one Pydantic model per JSON Lines kind."""

from schemas.blocks import BlockLine, Role
from schemas.document import DocumentError, DocumentLine, ErrorType
from schemas.export import LINE_ADAPTER, Line, json_schema, parse_line
from schemas.records import (
    AmountRecord,
    CountRecord,
    DateRecord,
    OrganisationRecord,
    PlaceRecord,
    Record,
    RECORD_KINDS,
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
    "AmountRecord",
    "AmountValue",
    "BBox",
    "BlockLine",
    "CountRecord",
    "CountValue",
    "DateRecord",
    "DateValue",
    "DocumentError",
    "DocumentLine",
    "ErrorType",
    "LINE_ADAPTER",
    "Line",
    "OrganisationRecord",
    "OrganisationValue",
    "PlaceRecord",
    "PlaceValue",
    "Qualifier",
    "RECORD_KINDS",
    "Record",
    "Role",
    "SCHEMA_VERSION",
    "json_schema",
    "parse_line",
]
