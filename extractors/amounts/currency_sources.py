"""How `data/generated/currencies.json` is built from Babel's CLDR tables and pycountry.

Run only to rebuild the data (`python -m extractors.amounts.currency_sources`, with the `data`
extra installed); the extractor reads the generated file and never imports Babel.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pycountry
from babel import Locale
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_territory_currencies

from extractors.amounts.currencies import DATA_FILE, CurrencyTable
from extractors.gazetteer.index import iter_demonyms

# Currencies legal tender on this day are the ones recognised; a fixed day keeps output stable.
REFERENCE_DATE = dt.date(2020, 1, 1)
# Regions named in the texts whose currency CLDR territory names do not give.
REGION_CURRENCIES: dict[str, frozenset[str]] = {
    "sahel": frozenset({"XOF"}),
    "west africa": frozenset({"XOF"}),
    "western africa": frozenset({"XOF"}),
    "central africa": frozenset({"XAF"}),
    "south asia": frozenset({"INR", "PKR", "NPR", "LKR", "BDT"}),
}


def currency_table_to_json(table: CurrencyTable) -> str:
    """The table as the text of `DATA_FILE`: sorted keys and lists, one entry a line, so diffs are readable."""
    data = {
        "reference_date": REFERENCE_DATE.isoformat(),
        "codes": sorted(table.codes),
        "preferred": table.preferred,
        "names": _sorted_sets(table.names),
        "symbols": _sorted_sets(table.symbols),
        "territory_currencies": _sorted_sets(table.territory_currencies),
        "places": _sorted_sets(table.places),
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted_sets(table: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    return {key: sorted(values) for key, values in table.items()}


def build_currency_table() -> CurrencyTable:
    """The table, built from Babel's CLDR data and pycountry."""
    english = Locale("en")
    territories = sorted(t for t in english.territories if isinstance(t, str) and len(t) == 2 and t.isalpha())
    territory_currencies = {t: frozenset(get_territory_currencies(t, REFERENCE_DATE, tender=True)) for t in territories}
    codes = frozenset(c for used in territory_currencies.values() for c in used)
    preferred = {
        clean_symbol(symbol): code
        for code, symbol in english.currency_symbols.items()
        if code in codes and _usable_symbol(symbol, code)
    }
    return CurrencyTable(
        names=_names(codes, territory_currencies),
        symbols=_symbols(territory_currencies, codes),
        preferred=preferred,
        codes=codes,
        territory_currencies={t: c for t, c in territory_currencies.items() if c},
        places=_places(english, territory_currencies, codes),
    )


def _names(codes: frozenset[str], territory_currencies: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """English names, singular and plural, every word-final part of them, and demonym forms.

    CLDR writes "Laotian Kip" and "Thai Baht"; texts also put the country's other adjective
    before the last word ("Lao kip", "Kyrgyz soms"), so each demonym of `data/demonyms.tsv` is
    joined to the last word of the names of its country's currencies.
    """
    names: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        for count in (None, 1, 2):
            words = get_currency_name(code, count=count, locale="en").lower().split()
            for first in range(len(words)):
                names[" ".join(words[first:])].add(code)
    for demonym, country in iter_demonyms():
        for code in territory_currencies.get(country or "", frozenset()):
            for count in (1, 2):
                last = get_currency_name(code, count=count, locale="en").lower().split()[-1]
                names[f"{demonym} {last}"].add(code)
    return {name: frozenset(found) for name, found in names.items()}


def _symbols(territory_currencies: dict[str, frozenset[str]], codes: frozenset[str]) -> dict[str, frozenset[str]]:
    """Symbols of each currency in the locales of the territories that use it, and in English ones."""
    known = set(locale_identifiers())
    symbols: dict[str, set[str]] = defaultdict(set)
    for territory, used in territory_currencies.items():
        for language in get_official_languages(territory, de_facto=True):
            identifier = f"{language}_{territory}"
            if identifier in known:
                _add_symbols(symbols, Locale.parse(identifier), used)
    for identifier in sorted(known):
        if identifier == "en" or identifier.startswith("en_"):
            _add_symbols(symbols, Locale.parse(identifier), codes)
    return {symbol: frozenset(found) for symbol, found in symbols.items()}


def _add_symbols(symbols: dict[str, set[str]], locale: Locale, codes: frozenset[str]) -> None:
    for code, symbol in locale.currency_symbols.items():
        if code in codes and _usable_symbol(symbol, code):
            symbols[clean_symbol(symbol)].add(code)


def clean_symbol(symbol: str) -> str:
    """A symbol with CLDR's narrow and no-break spaces as plain spaces ("F\u202fCFA" → "F CFA")."""
    return symbol.replace("\u202f", " ").replace("\xa0", " ")


def _usable_symbol(symbol: str, code: str) -> bool:
    # One or two Latin letters ("R", "Q", "KM", "FC") are symbols only in tables: in text they
    # are initials, quarters ("Q3 2019"), kilometre posts or clubs. "Rs" comes in by SYMBOL_ALIASES.
    short_word = len(symbol) <= 2 and symbol.isascii() and symbol.isalpha()
    return bool(symbol) and symbol != code and not short_word


def _places(
    english: Locale, territory_currencies: dict[str, frozenset[str]], codes: frozenset[str]
) -> dict[str, frozenset[str]]:
    """Names that place a text in a territory, mapped to the currencies used there."""
    places: dict[str, set[str]] = defaultdict(set)
    for territory, used in territory_currencies.items():
        if not used:
            continue
        names = {english.territories[territory]}
        country = pycountry.countries.get(alpha_2=territory)
        if country is not None:
            names.update(getattr(country, field, None) or "" for field in ("name", "official_name", "common_name"))
        for name in names:
            if name:
                places[name.lower().replace("’", "'")].update(used)
    for code in codes:
        # "Pakistani Rupee" → "pakistani"; "West African CFA Franc" → "west african".
        words = get_currency_name(code, locale="en").lower().split()
        adjective = " ".join(word for word in words[:-1] if word != "cfa")
        if adjective and adjective != "us":
            places[adjective].add(code)
    for region, used in REGION_CURRENCIES.items():
        places[region].update(used)
    return {name: frozenset(found) for name, found in places.items()}


def write_data_file() -> None:
    """Rebuild the table from CLDR and write it to `DATA_FILE`."""
    DATA_FILE.write_text(currency_table_to_json(build_currency_table()), encoding="utf-8")


if __name__ == "__main__":
    write_data_file()
    print(f"wrote {DATA_FILE}")
