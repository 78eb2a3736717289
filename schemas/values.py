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


BBox = Annotated[
    tuple[float, float, float, float],
    AfterValidator(_check_bbox),
    Field(
        description=(
            "[x0, top, x1, bottom] in PDF points (1/72 inch), pdfplumber's convention: the origin is the "
            "page's top-left corner, x grows to the right and top/bottom grow downwards; x0 <= x1, top <= bottom."
        )
    ),
]
"""[x0, top, x1, bottom] in PDF points, pdfplumber's convention (top measured from the page top)."""

DocId = Annotated[
    str,
    Field(
        pattern=r"^sha256:[0-9a-f]{64}$",
        description="The document's id: 'sha256:' and the hex SHA-256 of the PDF's bytes.",
    ),
]
PageNumber = Annotated[int, Field(ge=1, description="Page number, 1-based.")]
_QUALIFIER = (
    "How the text qualifies the number: exact, approximate ('about 40'), more_than ('over 40'), at_least, "
    "less_than or at_most."
)


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateValue(_Value):
    """A point or an inclusive range of calendar days; either bound may be open (null)."""

    start: dt.date | None = Field(description="First day of the period (YYYY-MM-DD, inclusive); null when open.")
    end: dt.date | None = Field(description="Last day of the period (YYYY-MM-DD, inclusive); null when open.")
    granularity: Granularity = Field(
        description="What the text names: a day, month, quarter, season, year or decade ('March 2018' is a month)."
    )
    inferred_year: bool = Field(
        default=False, description="True when the text gives no year ('March 8') and it was taken from the issue date."
    )

    @model_validator(mode="after")
    def _ordered(self) -> DateValue:
        if self.start is None and self.end is None:
            raise ValueError("a date needs at least one of start and end")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"date start {self.start} is after end {self.end}")
        return self


class PlaceValue(_Value):
    """A place resolved against the gazetteer; ids and coordinates are null when unknown."""

    name: str = Field(min_length=1, description="Canonical English name ('Kyrgyzstan', 'Central Asia').")
    type: PlaceType = Field(description="country, region (several countries), admin_area, city or site.")
    country: CountryAlpha2 | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code of the country it is in (or is); null for a region."
    )
    geonames_id: int | None = Field(default=None, description="GeoNames id, when the gazetteer knows the place.")
    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude in degrees (WGS84), when known.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude in degrees (WGS84), when known.")


class CountValue(_Value):
    """How many of something; `part_of` names the record this count is a subset of."""

    value: float | int = Field(description="The number, in units (not thousands or millions).")
    qualifier: Qualifier = Field(default="exact", description=_QUALIFIER)
    subject: str = Field(description="What is counted, as written ('sports coaches').")
    part_of: str | None = Field(
        default=None, description="Id of the count record this one is a subset of ('including 573 women'), or null."
    )


class AmountValue(_Value):
    """A sum of money in currency units (not thousands or millions)."""

    value: float | int = Field(description="The sum in currency units: '2 million' is 2000000.")
    currency: ISO4217 = Field(description="ISO 4217 currency code ('KGS', 'USD').")
    qualifier: Qualifier = Field(default="exact", description=_QUALIFIER)


class OrganisationValue(_Value):
    """An organisation by its full name, with the acronym the text uses for it."""

    name: str = Field(min_length=1, description="Full name, also when the text uses only the acronym.")
    acronym: str | None = Field(default=None, description="The acronym the text uses for it ('UNODC'), or null.")
