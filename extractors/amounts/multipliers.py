"""Compact money units: a multiplier glued to a currency ("MEUR", "EURm", "€m", "kUSD", "TEUR",
"Mio. EUR") and fractional units ("cents", "pence") that are hundredths of their currency.

Company and bank reports write "Net sales, MEUR 583.7", "EBIT of EUR 12.3m", "USD mn 4.5" or
"180-220 MEUR": the multiplier sits on the currency, not on the number. The prefixes follow the
SI letters and their German business use (k and T both thousand: "TEUR" is Tausend Euro; M
million; "Mio." million and "Mrd." billion); the suffixes are the English press's ("m", "mn",
"mln", "bn", "k"). Which codes exist is the currency table's (CLDR).

Fractional units: "48½ cents" is 0.485 of the document's dollars (decided like "dollars", by the
places named, US dollars by default), "20 pence" 0.20 GBP, "euro cents" hundredths of EUR.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from extractors.amounts.currencies import CurrencyTable

PREFIX_MULTIPLIERS: dict[str, int] = {
    "k": 1_000,
    "K": 1_000,
    "T": 1_000,
    "M": 1_000_000,
    "MM": 1_000_000,
    "Mio.": 1_000_000,
    "Mio": 1_000_000,
    "Mrd.": 1_000_000_000,
    "Mrd": 1_000_000_000,
}
"""Multipliers written before a currency code ("MEUR", "kUSD", "TEUR", "Mio. EUR")."""

SUFFIX_MULTIPLIERS: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
}
"""Multipliers written after a currency code or sign ("EURm", "€m", "USD mn", "US$ bn")."""

FRACTIONAL_UNITS: dict[str, tuple[str, int]] = {
    "euro cents": ("euros", 100),
    "euro cent": ("euros", 100),
    "cents": ("dollars", 100),
    "cent": ("dollars", 100),
    "pence": ("british pounds", 100),
    "paise": ("indian rupees", 100),
}
"""Fractional units: the currency name they are a part of, and how many make one."""


@dataclasses.dataclass(frozen=True)
class CompactUnit:
    """A currency with its multiplier, as written next to a number.

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character.
        written: The currency as written ("MEUR").
        codes: ISO 4217 codes it may stand for.
        multiplier: What it multiplies the number by (a divisor's inverse for "cents").
    """

    start: int
    end: int
    written: str
    codes: frozenset[str]
    multiplier: float


def _patterns(table: CurrencyTable) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return _compiled(table.codes)


@functools.cache
def _compiled(currency_codes: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    codes = "|".join(sorted(currency_codes))
    prefixes = "|".join(re.escape(p) for p in sorted(PREFIX_MULTIPLIERS, key=len, reverse=True))
    suffixes = "|".join(sorted(SUFFIX_MULTIPLIERS, key=len, reverse=True))
    signs = "|".join(re.escape(s) for s in ("US$", "A$", "C$", "$", "€", "£"))
    prefixed = rf"(?P<mult>{prefixes})[ \xa0]?(?P<code>{codes})"
    suffixed = rf"(?P<code2>{codes}|{signs})[ \xa0]?(?P<mult2>{suffixes})"
    unit = rf"(?<![\w$€£])(?:{prefixed}|{suffixed})(?![\w])"
    fractional = "|".join(sorted(FRACTIONAL_UNITS, key=len, reverse=True))
    return (
        re.compile(rf"{unit}[ \xa0]?$"),
        re.compile(rf"[ \xa0]?{unit}"),
        re.compile(rf"[ \xa0]?(?i:(?P<fraction>{fractional}))(?![\w])"),
    )


def _unit(match: re.Match[str], table: CurrencyTable) -> CompactUnit | None:
    written = match.group("code") or match.group("code2")
    multiplier = (
        PREFIX_MULTIPLIERS[match.group("mult")] if match.group("mult") else SUFFIX_MULTIPLIERS[match.group("mult2")]
    )
    codes = table.symbol_codes(written)
    if not codes:
        return None
    start = match.start("mult") if match.group("mult") else match.start("code2")
    end = match.end("code") if match.group("mult") else match.end("mult2")
    return CompactUnit(start, end, match.group(0).strip(), codes, multiplier)


def unit_before(text: str, position: int, table: CurrencyTable) -> CompactUnit | None:
    """A compact unit that ends right before `position` ("MEUR 583.7", "EURm 12")."""
    match = _patterns(table)[0].search(text, max(0, position - 12), position)
    return _unit(match, table) if match else None


def unit_after(text: str, position: int, table: CurrencyTable) -> CompactUnit | None:
    """A compact unit or fractional unit that starts right after `position` ("220 MEUR", "20 cents")."""
    prefixed, fractional = _patterns(table)[1], _patterns(table)[2]
    match = prefixed.match(text, position)
    if match:
        return _unit(match, table)
    match = fractional.match(text, position)
    if match is None:
        return None
    name, parts = FRACTIONAL_UNITS[match.group("fraction").lower()]
    codes = table.name_codes(name)
    written = match.group("fraction")
    return CompactUnit(match.start("fraction"), match.end(), written, codes, 1 / parts) if codes else None
