"""The union of every line kind, and the JSON Schema that `bulletins schema` prints."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from schemas.blocks import BlockLine
from schemas.document import DocumentLine
from schemas.records import AmountRecord, CountRecord, DateRecord, OrganisationRecord, PlaceRecord

Line = Annotated[
    DocumentLine | BlockLine | DateRecord | PlaceRecord | CountRecord | AmountRecord | OrganisationRecord,
    Field(discriminator="kind"),
]

LINE_ADAPTER: TypeAdapter[Line] = TypeAdapter(Line)


def parse_line(text: str | bytes) -> Line:
    """Parse and validate one JSON Lines line.

    Args:
        text: One line of `extract` or `blocks` output.

    Returns:
        The model of the line's kind.

    Raises:
        pydantic.ValidationError: The line does not follow the contract.
    """
    return LINE_ADAPTER.validate_json(text)


def json_schema() -> dict[str, Any]:
    """JSON Schema (Draft 2020-12) of every line `extract` and `blocks` can write."""
    schema = LINE_ADAPTER.json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://bulletins.invalid/schema/v1/line.json",
        "title": "bulletins line (schema version 1)",
        **schema,
    }
