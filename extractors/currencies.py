"""Currency names, symbols and codes from Babel's CLDR tables, and the territories that use them.

Nothing here is a hand list of currencies: every name ("Kyrgyz soms", "Afghan Afghanis",
"West African CFA francs"), symbol ("$", "€", "₹", "؋") and code comes from CLDR through
Babel, for the currencies that were legal tender on `REFERENCE_DATE`, each name also with the
country adjectives of `data/demonyms.tsv` ("Lao kip", "Thai baht"). Short tables are
written by hand: spellings CLDR does not know (`ALIASES`, `SYMBOL_ALIASES`) and codes and names
that are also common words or acronyms in this genre (`LOOKALIKE_CODES`, "SDG 5" is a Sustainable Development Goal
far more often than five Sudanese pounds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections import defaultdict
from pathlib import Path

import pycountry
from babel import Locale
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_territory_currencies
from extractors.gazetteer import iter_demonyms

# The generated table; regenerate it with `write_data_file()` after changing the code that builds
# it or upgrading Babel or pycountry.
DATA_FILE = Path(__file__).parent / "data" / "currencies.json"
# Currencies legal tender on this day are the ones recognised; a fixed day keeps output stable.
REFERENCE_DATE = dt.date(2020, 1, 1)
# Spellings the texts use that CLDR does not list, mapped to a name CLDR does.
ALIASES: dict[str, str] = {
    "u.s. dollars": "us dollars",
    "u.s. dollar": "us dollar",
    "united states dollars": "us dollars",
    "united states dollar": "us dollar",
    "usd$": "us dollars",
    "euro": "euro",
    "francs cfa": "cfa francs",
    "uzbek soums": "uzbekistani som",
    "uzbek sums": "uzbekistani som",
    "soums": "uzbekistani som",
    "soum": "uzbekistani som",
    "tajik somoni": "tajikistani somoni",
    "kazakh tenge": "kazakhstani tenge",
    "turkmen manats": "turkmenistani manat",
    "turkmen manat": "turkmenistani manat",
}
# Symbols the texts use that CLDR does not list (or lists under one country only), mapped to a
# name; which currency they mean is decided like the name's.
SYMBOL_ALIASES: dict[str, str] = {
    "Rs": "rupees",
    "Rs.": "rupees",
    "Afs": "afghanis",
    "Tk": "taka",
    "Tk.": "taka",
    "FCFA": "cfa francs",
    "CFAF": "cfa francs",
    "CFA": "cfa francs",
}
# Codes that are also words or acronyms; they name money only beside a money-like number.
LOOKALIKE_CODES = frozenset({"ALL", "AMD", "BAM", "BOB", "CUP", "CVE", "GEL", "MAD", "MOP", "PEN", "SDG", "SOS", "TOP", "TRY"})
# Currency names that are also common English words ("won", "marks", "real", "pounds");
# like LOOKALIKE_CODES they name money only beside a money-like number.
LOOKALIKE_NAMES = frozenset({"dram", "drams", "kip", "lev", "mark", "marks", "pound", "pounds", "pula", "rand", "real", "reals", "vatu", "won"})
# Ambiguous names with no territory to decide by take the first of these among their candidates.
DEFAULT_ORDER = ("USD", "EUR", "GBP", "INR", "XOF")
# Regions named in the texts whose currency CLDR territory names do not give.
REGION_CURRENCIES: dict[str, frozenset[str]] = {
    "sahel": frozenset({"XOF"}),
    "west africa": frozenset({"XOF"}),
    "western africa": frozenset({"XOF"}),
    "central africa": frozenset({"XAF"}),
    "south asia": frozenset({"INR", "PKR", "NPR", "LKR", "BDT"}),
}


@dataclasses.dataclass(frozen=True)
class CurrencyTable:
    """Every way the tables know to write a currency, and where each currency is used.

    Attributes:
        names: Lower-case names and their word-final parts ("kyrgyz soms", "soms") → codes.
        symbols: Symbols as written ("$", "US$", "₹") → codes.
        preferred: The English locale's own symbols → its code ("$" → USD).
        codes: ISO 4217 codes in use.
        territory_currencies: Territory (ISO 3166 alpha-2) → codes used there.
        places: Lower-case country names, official names, currency adjectives and regions →
            the codes used there ("pakistan" → PKR, "west african" → XOF).
    """

    names: dict[str, frozenset[str]]
    symbols: dict[str, frozenset[str]]
    preferred: dict[str, str]
    codes: frozenset[str]
    territory_currencies: dict[str, frozenset[str]]
    places: dict[str, frozenset[str]]

    @functools.cached_property
    def symbol_before(self) -> re.Pattern[str]:
        """Matches a symbol or code that ends a text, one optional space after it ("US$ ", "€").

        Case-sensitive: "ALL" may be a code, "all" is not.
        """
        symbols = _alternation(list(self.symbols) + list(self.codes) + list(SYMBOL_ALIASES))
        return re.compile(r"(?<![\w$€£¥₹])(?P<symbol>" + symbols + r")[ \xa0]?$")

    @functools.cached_property
    def currency_after(self) -> re.Pattern[str]:
        """Matches, at its start, a space and a name ("Kyrgyz soms", case-insensitive) or a symbol or code."""
        names = _alternation(list(self.names) + list(ALIASES))
        symbols = _alternation(list(self.symbols) + list(self.codes) + list(SYMBOL_ALIASES))
        return re.compile(
            r"[ \xa0]?(?:(?i:(?P<name>" + names + r"))|(?P<symbol>" + symbols + r"))(?![\w])"
        )

    @functools.cached_property
    def place_pattern(self) -> re.Pattern[str]:
        """Matches a country, currency adjective or region name (case-insensitive)."""
        return re.compile(r"(?<![\w])(?:" + _alternation(list(self.places)) + r")(?![\w])", re.IGNORECASE)

    def name_codes(self, name: str) -> frozenset[str]:
        """Codes a written currency name may stand for ("rupees" → INR, PKR, ...)."""
        key = " ".join(name.lower().split())
        return self.names.get(ALIASES.get(key, key), frozenset())

    def symbol_codes(self, symbol: str) -> frozenset[str]:
        """Codes a symbol or code may stand for; the English locale's owner of a symbol wins."""
        if symbol in self.codes:
            return frozenset({symbol})
        if symbol in SYMBOL_ALIASES:
            return self.name_codes(SYMBOL_ALIASES[symbol])
        if symbol in self.preferred:
            return frozenset({self.preferred[symbol]})
        return self.symbols.get(symbol, frozenset())


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of the phrases, longest first so that the longest one wins."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered)


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


def currency_table_from_json(text: str) -> CurrencyTable:
    """The table written by `currency_table_to_json`."""
    data = json.loads(text)
    return CurrencyTable(
        names=_frozen_sets(data["names"]),
        symbols=_frozen_sets(data["symbols"]),
        preferred=dict(data["preferred"]),
        codes=frozenset(data["codes"]),
        territory_currencies=_frozen_sets(data["territory_currencies"]),
        places=_frozen_sets(data["places"]),
    )


def _sorted_sets(table: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    return {key: sorted(values) for key, values in table.items()}


def _frozen_sets(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in table.items()}


@functools.cache
def currency_table() -> CurrencyTable:
    """The table as generated into `DATA_FILE`, read once per process (milliseconds).

    Building it from CLDR reads some 450 locales (half a second or more), too slow for the first
    document of every worker; `tests/test_amounts.py` rebuilds it in memory and compares.
    """
    return currency_table_from_json(DATA_FILE.read_text(encoding="utf-8"))


def build_currency_table() -> CurrencyTable:
    """The table, built from Babel's CLDR data and pycountry."""
    english = Locale("en")
    territories = sorted(t for t in english.territories if len(t) == 2 and t.isalpha())
    territory_currencies = {
        t: frozenset(get_territory_currencies(t, REFERENCE_DATE, tender=True)) for t in territories
    }
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


def _places(english: Locale, territory_currencies: dict[str, frozenset[str]], codes: frozenset[str]) -> dict[str, frozenset[str]]:
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
