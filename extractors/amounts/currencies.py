"""Currency names, symbols and codes from Babel's CLDR tables, and the territories that use them.

Nothing here is a hand list of currencies: every name ("Kyrgyz soms", "Afghan Afghanis",
"West African CFA francs"), symbol ("$", "€", "₹", "؋") and code comes from CLDR through
Babel (built by `currency_sources`), for the currencies that were legal tender on its
`REFERENCE_DATE`, each name also with the
country adjectives of `data/curated/demonyms.tsv` ("Lao kip", "Thai baht"). Short tables are
written by hand: spellings CLDR does not know (`ALIASES`, `SYMBOL_ALIASES`) and codes and names
that are also common words or acronyms in this genre (`LOOKALIKE_CODES`, "SDG 5" is a Sustainable Development Goal
far more often than five Sudanese pounds).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re

from extractors.data import data_path

# The generated table; rebuild it with `python -m extractors.amounts.currency_sources` after changing
# the code that builds it or upgrading Babel or pycountry.
DATA_FILE = data_path("generated", "currencies.json")
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
LOOKALIKE_CODES = frozenset(
    {"ALL", "AMD", "BAM", "BOB", "CUP", "CVE", "GEL", "MAD", "MOP", "PEN", "SDG", "SOS", "TOP", "TRY"}
)
# Currency names that are also common English words ("won", "marks", "real", "pounds");
# like LOOKALIKE_CODES they name money only beside a money-like number.
LOOKALIKE_NAMES = frozenset(
    {"dram", "drams", "kip", "lev", "mark", "marks", "pound", "pounds", "pula", "rand", "real", "reals", "vatu", "won"}
)
# Ambiguous names with no territory to decide by take the first of these among their candidates.
DEFAULT_ORDER = ("USD", "EUR", "GBP", "INR", "XOF")


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
        return re.compile(r"[ \xa0]?(?:(?i:(?P<name>" + names + r"))|(?P<symbol>" + symbols + r"))(?![\w])")

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


def _frozen_sets(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in table.items()}


@functools.cache
def currency_table() -> CurrencyTable:
    """The table as generated into `DATA_FILE`, read once per process (milliseconds).

    Building it from CLDR reads some 450 locales (half a second or more), too slow for the first
    document of every worker; `tests/test_amounts.py` rebuilds it in memory and compares.
    """
    return currency_table_from_json(DATA_FILE.read_text(encoding="utf-8"))
