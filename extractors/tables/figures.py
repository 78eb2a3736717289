"""Figures in table cells: the numbers a cell prints, and what a header says about them.

A data cell of a table holds a figure in the forms tables print: "7736", "1,402", "98 452"
(a space between thousands), "14411*" (a footnote mark), "346 (142)" (a total and, in
brackets, its new part), "1.5 B" or "311.3 M" (a scale letter), "<5", "20%". A percentage, a
dash and an empty cell state no count. The header names what the figures count ("Confirmed
cases" → "confirmed cases"; "Total deaths (new)" → "deaths", with "new deaths" for the bracketed
figure), the currency they are in ("Funding (US$)", "(in USD)"), and the unit they are given in
("Population (10,000s)", "(thousands)").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from pydantic_extra_types.currency_code import ISO4217

from extractors.amounts.currencies import DEFAULT_ORDER, LOOKALIKE_CODES, currency_table
from schemas.values import Qualifier

# A figure: qualifier sign, currency sign, digits (thousands by comma, space or none), scale.
_NUMBER = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_FIGURE = re.compile(
    r"(?P<sign><=|>=|[<>≤≥~≈])?\s*(?P<currency>US\$|[$€£¥]|[A-Z]{3}(?=\s?\d))?\s?"
    rf"(?P<number>{_NUMBER})"
    r"(?:\s?(?P<scale>(?i:bn|mn|million|billion|thousand)|[kKMB])\b)?(?P<percent>\s?%)?"
)
# What may stand in a cell around its figures: footnote marks, brackets, spaces.
_MARKS = re.compile(r"^[\s*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰()]*$")
SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
SIGNS: dict[str, Qualifier] = {
    "<": "less_than",
    ">": "more_than",
    "<=": "at_most",
    ">=": "at_least",
    "≤": "at_most",
    "≥": "at_least",
    "~": "approximate",
    "≈": "approximate",
}
# What a table prints for "none" or "not applicable".
DASHES = frozenset({"-", "–", "—", "n/a", "N/A", "..."})
# A unit a header gives its figures in: "(10,000s)", "(thousands)", "('000)", "(in millions)".
_UNIT = re.compile(
    r"\(\s*(?:in\s+)?(?:(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s*s|(?P<word>thousands|millions|billions)|'000s?)\s*\)",
    re.IGNORECASE,
)
_UNIT_WORDS = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
# A bracketed note in a header that names what a cell's bracketed figure is: "(new)", "(deaths)".
_BRACKET_NOTE = re.compile(r"\(\s*(?P<note>[a-z][a-z -]{0,30}?)\s*\)\s*$", re.IGNORECASE)
# Words before a counted noun that say "the total of" rather than what is counted.
_TOTAL_WORDS = re.compile(r"^(?:grand\s+)?(?:total|totals|sub-?total|number|no\.|nb|#)(?:\s+of)?\b\s*", re.IGNORECASE)
_FOOTNOTES = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_BRACKETS = re.compile(r"\s*\([^)]*\)")


@dataclasses.dataclass(frozen=True)
class CellFigure:
    """One figure printed in a cell.

    Attributes:
        start: Offset of its first character in the cell's text.
        end: Offset after its last.
        value: The number, scale applied.
        qualifier: exact, or what its sign says ("<5": less_than).
        currency: The currency sign or code printed with it, if any.
        percent: Whether it is a percentage.
        bracketed: Whether it is the bracketed figure after another ("142" in "346 (142)").
    """

    start: int
    end: int
    value: int | float
    qualifier: Qualifier = "exact"
    currency: str | None = None
    percent: bool = False
    bracketed: bool = False


def _number(text: str, scale: str | None) -> int | float:
    digits = re.sub(r"[,\u00a0\u202f ]", "", text) if re.search(r"[,\u00a0\u202f ]\d{3}", text) else text
    value = float(digits.replace(",", ".")) * SCALES.get((scale or "").lower(), 1)
    return int(value) if value.is_integer() else value


def read_figures(text: str) -> list[CellFigure]:
    """The figures of a cell that holds nothing but figures (and marks); none for any other cell.

    "346 (142)" gives 346 and the bracketed 142; "14411*" gives 14411; "Girls (under 18)",
    "Total" and "-" give nothing.
    """
    figures: list[CellFigure] = []
    position = 0
    for match in _FIGURE.finditer(text):
        if not _MARKS.match(text[position : match.start()]):
            return []
        scale = match.group("scale")
        code = match.group("currency")
        if code is not None and code.isalpha() and code not in ISO4217.allowed_countries_list:
            return []  # "IPC 3", "SDG 5": a label and a number
        figures.append(
            CellFigure(
                start=match.start("number") if not (match.group("sign") or match.group("currency")) else match.start(),
                end=match.end(),
                value=_number(match.group("number"), scale),
                qualifier=SIGNS.get(match.group("sign") or "", "exact"),
                currency=match.group("currency"),
                percent=match.group("percent") is not None,
                bracketed="(" in text[position : match.start()] and bool(figures),
            )
        )
        position = match.end()
    if not figures or not _MARKS.match(text[position:]) or len(figures) > 2:
        return []
    return figures


def is_figure(text: str) -> bool:
    """Whether a cell holds a figure as tables print them ("1,402", "346 (142)", "14411*", "20%") or a dash."""
    stripped = text.strip()
    return stripped in DASHES or bool(read_figures(stripped))


def header_scale(header: str) -> int:
    """What a header's unit multiplies its figures by: "Population (10,000s)" → 10000; 1 when none."""
    match = _UNIT.search(header)
    if match is None:
        return 1
    if match.group("number"):
        return int(match.group("number").replace(",", ""))
    if match.group("word"):
        return _UNIT_WORDS[match.group("word").lower()]
    return 1_000


def header_currency(header: str) -> str | None:
    """The ISO 4217 code a header gives its figures in ("Funding (US$)", "(in USD)", "CHF"), or None."""
    table = currency_table()
    found: set[str] = set()
    for token in re.findall(r"\b[A-Z]{3}\b|US\$|[$€£¥₹]", header):
        if token in table.codes and token not in LOOKALIKE_CODES and token in ISO4217.allowed_countries_list:
            found.add(token)
        elif token in table.symbols:
            codes = table.symbol_codes(token)
            preferred = table.preferred.get(token)
            found.add(preferred if preferred else next(iter(sorted(codes)), ""))
    for word in re.findall(r"[a-z]+", header.lower()):
        if word in ("dollars", "euros", "francs", "pounds") and word in table.names:
            codes = table.names[word]
            found.add(next((code for code in DEFAULT_ORDER if code in codes), sorted(codes)[0]))
    found.discard("")
    return found.pop() if len(found) == 1 else None


def header_subject(header: str) -> str:
    """The counted noun phrase of a column header, lower case: "Confirmed* cases (new)" → "confirmed cases".

    Footnote marks, bracketed notes and units go; so do words that say "the total of" ("Total
    deaths" → "deaths"). What is left may be empty ("Totals") or name no countable thing
    ("China (new)"): the caller decides what counts then.
    """
    text = _FOOTNOTES.sub("", header)
    text = _BRACKETS.sub("", text)
    text = " ".join(text.split()).strip(" :-–")
    text = _TOTAL_WORDS.sub("", text)
    return text.lower().strip()


def bracket_note(header: str) -> str | None:
    """The note in brackets at the end of a header, naming a cell's bracketed figure ("(new)" → "new")."""
    match = _BRACKET_NOTE.search(_FOOTNOTES.sub("", header))
    if match is None or _UNIT.search(header) or match.group("note").lower().startswith("in "):
        return None  # a unit or currency: "(10,000s)", "(in USD)"
    return match.group("note").lower()


def iter_counted(figures: list[CellFigure]) -> Iterator[CellFigure]:
    """The figures that may be counts or amounts: not percentages."""
    yield from (figure for figure in figures if not figure.percent)
