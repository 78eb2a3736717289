"""Extracted records: one model per kind, sharing the provenance fields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.values import (
    AmountValue,
    BBox,
    CountValue,
    DateValue,
    DocId,
    OrganisationValue,
    PageNumber,
    PlaceValue,
)

RecordKind = Literal["date", "place", "count", "amount", "organisation"]
RECORD_KINDS: tuple[RecordKind, ...] = ("date", "place", "count", "amount", "organisation")


class _RecordBase(BaseModel):
    """Provenance shared by every extracted record: where exactly the mention sits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        min_length=1,
        description=(
            "Stable id '<first 12 hex of doc_id>:<block>:<start>-<end>:<kind>': the same PDF bytes and "
            "pipeline version give the same id."
        ),
    )
    doc_id: DocId
    page: PageNumber
    bbox: BBox
    block: str = Field(description="Id of the text block the mention starts in ('p1-b4'), as `blocks` writes it.")
    section: str | None = Field(description="Headline of the article that contains the mention, or null.")
    text: str = Field(min_length=1, description="The mention as written, de-hyphenated, whitespace collapsed.")
    sentence: str = Field(description="The sentence that contains the mention.")
    extractor: str = Field(min_length=1, description="Name of the extractor that found it ('dates.rules').")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the extractor is, 0 to 1.")


class DateRecord(_RecordBase):
    """A date or period the text names, as inclusive calendar-day bounds."""

    kind: Literal["date"] = Field(default="date", description="Line kind: a date record.")
    value: DateValue = Field(description="The normalised date: {start, end, granularity, inferred_year}.")


class PlaceRecord(_RecordBase):
    """A place the text names, resolved against the gazetteer."""

    kind: Literal["place"] = Field(default="place", description="Line kind: a place record.")
    value: PlaceValue = Field(description="The normalised place: {name, type, country, geonames_id, lat, lon}.")


class CountRecord(_RecordBase):
    """How many of something the text states ('over 40 sports coaches')."""

    kind: Literal["count"] = Field(default="count", description="Line kind: a count record.")
    value: CountValue = Field(description="The normalised count: {value, qualifier, subject, part_of}.")


class AmountRecord(_RecordBase):
    """A sum of money the text states."""

    kind: Literal["amount"] = Field(default="amount", description="Line kind: an amount record.")
    value: AmountValue = Field(description="The normalised amount: {value, currency, qualifier}.")


class OrganisationRecord(_RecordBase):
    """An organisation the text names."""

    kind: Literal["organisation"] = Field(default="organisation", description="Line kind: an organisation record.")
    value: OrganisationValue = Field(description="The normalised organisation: {name, acronym}.")


Record = DateRecord | PlaceRecord | CountRecord | AmountRecord | OrganisationRecord

RECORD_MODELS: dict[str, type[_RecordBase]] = {
    "date": DateRecord,
    "place": PlaceRecord,
    "count": CountRecord,
    "amount": AmountRecord,
    "organisation": OrganisationRecord,
}
