"""Normalised values: the `value` object of each record kind, and the bbox shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_extra_types.country import CountryAlpha2
from pydantic_extra_types.currency_code import ISO4217

Qualifier = Literal["exact", "approximate", "more_than", "at_least", "less_than", "at_most"]
Granularity = Literal["day", "month", "quarter", "season", "year", "decade"]
PlaceType = Literal["country", "region", "admin_area", "city", "site"]


def _check_bbox(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    if x0 > x1 or top > bottom:
        raise ValueError(f"bbox must satisfy x0 <= x1 and top <= bottom, got {list(box)}")
    return box


BBox = Annotated[tuple[float, float, float, float], AfterValidator(_check_bbox)]
"""[x0, top, x1, bottom] in PDF points, pdfplumber's convention (top measured from the page top)."""


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateValue(_Value):
    """A point or an inclusive range of calendar days; either bound may be open (null)."""

    start: dt.date | None
    end: dt.date | None
    granularity: Granularity
    inferred_year: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> DateValue:
        if self.start is None and self.end is None:
            raise ValueError("a date needs at least one of start and end")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"date start {self.start} is after end {self.end}")
        return self


class PlaceValue(_Value):
    """A place resolved against the gazetteer; ids and coordinates are null when unknown."""

    name: str = Field(min_length=1)
    type: PlaceType
    country: CountryAlpha2 | None = None
    geonames_id: int | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class CountValue(_Value):
    """How many of something; `part_of` names the record this count is a subset of."""

    value: float | int
    qualifier: Qualifier = "exact"
    subject: str
    part_of: str | None = None


class AmountValue(_Value):
    """A sum of money in currency units (not thousands or millions)."""

    value: float | int
    currency: ISO4217
    qualifier: Qualifier = "exact"


class OrganisationValue(_Value):
    """An organisation by its full name, with the acronym the text uses for it."""

    name: str = Field(min_length=1)
    acronym: str | None = None
