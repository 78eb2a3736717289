"""Extracted records: one model per kind, sharing the provenance fields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.values import (
    AmountValue,
    BBox,
    CountValue,
    DateValue,
    OrganisationValue,
    PlaceValue,
)

RecordKind = Literal["date", "place", "count", "amount", "organisation"]
RECORD_KINDS: tuple[RecordKind, ...] = ("date", "place", "count", "amount", "organisation")
# Boxes are written rounded to 0.01 pt; a union computed by another producer may differ by that.
BOX_TOLERANCE = 0.011


class _RecordBase(BaseModel):
    """Provenance shared by every extracted record: where exactly the mention sits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    doc_id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    page: int = Field(ge=1)
    bbox: BBox
    block: str
    section: str | None
    text: str = Field(min_length=1)
    sentence: str
    extractor: str = Field(min_length=1)
    confidence: float = Field(ge=0.0, le=1.0)
    boxes: tuple[BBox, ...] | None = Field(
        default=None,
        min_length=1,
        description=(
            "One [x0, top, x1, bottom] per line the mention covers, in reading order; `bbox` is "
            "their union. Null in lines written before contract v1.1 and by producers that do not "
            "box lines."
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
    kind: Literal["date"] = "date"
    value: DateValue


class PlaceRecord(_RecordBase):
    kind: Literal["place"] = "place"
    value: PlaceValue


class CountRecord(_RecordBase):
    kind: Literal["count"] = "count"
    value: CountValue


class AmountRecord(_RecordBase):
    kind: Literal["amount"] = "amount"
    value: AmountValue


class OrganisationRecord(_RecordBase):
    kind: Literal["organisation"] = "organisation"
    value: OrganisationValue


Record = DateRecord | PlaceRecord | CountRecord | AmountRecord | OrganisationRecord

RECORD_MODELS: dict[str, type[_RecordBase]] = {
    "date": DateRecord,
    "place": PlaceRecord,
    "count": CountRecord,
    "amount": AmountRecord,
    "organisation": OrganisationRecord,
}
