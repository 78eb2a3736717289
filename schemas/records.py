"""Extracted records: one model per kind, sharing the provenance fields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class CellRef(BaseModel):
    """Where in a table block a record was read: 0-based row and column of the block's `rows`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    row: int = Field(ge=0, description="0-based row in the table block's `rows`, header rows included.")
    column: int = Field(ge=0, description="0-based column in the table block's `rows`.")


def _absent(value: object) -> bool:
    return value is None


RECORD_KINDS: tuple[RecordKind, ...] = ("date", "place", "count", "amount", "organisation")
# Boxes are written rounded to 0.01 pt; a union computed by another producer may differ by that.
BOX_TOLERANCE = 0.011


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
    boxes: tuple[BBox, ...] | None = Field(
        default=None,
        min_length=1,
        description=(
            "One [x0, top, x1, bottom] per line the mention covers, in reading order; `bbox` is "
            "their union. Null in lines written before contract v1.1 and by producers that do not "
            "box lines."
        ),
    )
    cell: CellRef | None = Field(
        default=None,
        exclude_if=_absent,
        description=(
            "For a record read from a table cell (v1.1): the cell's row and column in the table block's "
            "`rows`; its sentence is then the row read as text. Absent otherwise."
        ),
    )

    @model_validator(mode="after")
    def _bbox_is_union_of_boxes(self) -> _RecordBase:
        if self.boxes is None:
            return self
        union = (
            min(box[0] for box in self.boxes),
            min(box[1] for box in self.boxes),
            max(box[2] for box in self.boxes),
            max(box[3] for box in self.boxes),
        )
        if any(abs(a - b) > BOX_TOLERANCE for a, b in zip(union, self.bbox, strict=True)):
            raise ValueError(f"bbox {list(self.bbox)} must be the union of boxes {[list(b) for b in self.boxes]}")
        return self


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
