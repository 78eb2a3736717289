"""Reading a table's cells: counts and amounts from figures, places from row labels.

A figure in a data cell is a count of what its column header names ("Confirmed cases" over
"412": 412 confirmed cases), or an amount when a header names a currency ("(in USD)" over
"1.5 B"). A column whose header names no countable thing ("China (new)" under "Likely place of
exposure") counts what the nearest column to its left counts ("cases"); a column headed only
"Total(s)" counts what the table's title names ("NICS Firearm Background Checks"). A table
without header rows counts what each row's label names ("Women | 292,230"); a label that is a
name or a choice ("NEEL KASHKARI", "YES") names nothing counted, and its figures give no count.
A bracketed figure is read by the header's bracketed note ("346 (142)" under "Confirmed cases
(new)": 142 new confirmed cases). Percentages, dashes and figures under headers that name a
unit of time or measure are not counts.

A row label that is a place name as a whole ("Republic of Korea", "Georgia" among US states,
"China*") is resolved against the gazetteer, ambiguous names by what the column's other labels
are: "Georgia" in a column of US states is the state.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from pydantic import BaseModel

from extractors.counts.filters import MEASURE_UNITS
from extractors.gazetteer.index import Gazetteer, GazetteerEntry, PlaceType
from extractors.tables.context import Position, TableView, figure_columns
from extractors.tables.figures import (
    bracket_note,
    header_currency,
    header_scale,
    header_subject,
    is_figure,
    read_figures,
)
from schemas.records import RecordKind
from schemas.values import AmountValue, CountValue

FIGURES = "tables.figures"
PLACES = "tables.places"
CONFIDENCE_HEADED = 0.9
CONFIDENCE_LABELLED = 0.75
CONFIDENCE_BORROWED = 0.7
CONFIDENCE_PLACE = 0.85
# A row label longer than this many words is a description, not a name.
LABEL_WORDS = 6
# Words that open a header naming where or how, not what ("In reporting country", "Outside China").
_NOT_COUNTED_START = frozenset({"in", "outside", "inside", "from", "to", "at", "by", "of", "for", "with", "within"})
_FOOTNOTES = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_BRACKETED = re.compile(r"\s*\([^)]*\)")
# Type words a row label may add to a place's name ("South-East Asia Region", "Region of the Americas").
_TYPE_WORDS = re.compile(r"^(?:the\s+)?region\s+of\s+(?:the\s+)?|\s+(?:region|province|state|district)$", re.IGNORECASE)

NounTest = Callable[[str], bool]
"""Whether a short text is a noun phrase naming countable things ("Women", not "NEEL KASHKARI")."""


@dataclasses.dataclass(frozen=True)
class CellFact:
    """A fact read from one cell.

    Attributes:
        row: The cell's row.
        column: Its column.
        start: Offset of the mention in the cell's text.
        end: Offset after it.
        kind: Record kind.
        value: The normalised value.
        extractor: Name written to the record's `extractor` field.
        confidence: 0..1.
    """

    row: int
    column: int
    start: int
    end: int
    kind: RecordKind
    value: BaseModel
    extractor: str
    confidence: float


@dataclasses.dataclass(frozen=True)
class ColumnMeaning:
    """What a column's figures are, from its headers.

    Attributes:
        subject: The counted noun phrase, or None when the headers name none.
        note: The header's bracketed note, naming a cell's bracketed figure ("new").
        currency: The currency its figures are in, if a header names one.
        scale: What its figures are multiplied by (a unit such as "(10,000s)").
        borrowed: Whether the subject comes from another column or the title.
    """

    subject: str | None
    note: str | None = None
    currency: str | None = None
    scale: int = 1
    borrowed: bool = False


def _head(subject: str) -> str:
    return subject.split()[-1]


def is_counted(subject: str, gazetteer: Gazetteer) -> bool:
    """Whether a header's noun phrase names countable things (not a place, a unit, or where/how)."""
    words = subject.split()
    if not words or words[0] in _NOT_COUNTED_START or not any(w.isalpha() for w in words):
        return False
    if _head(subject) in MEASURE_UNITS or gazetteer.lookup(subject):
        return False
    return not any(gazetteer.lookup(word) and word.istitle() for word in subject.split())


def column_meanings(view: TableView, gazetteer: Gazetteer, title_noun: str | None) -> list[ColumnMeaning]:
    """Each column's meaning, a column without a counted noun borrowing its left neighbour's head noun."""
    meanings: list[ColumnMeaning] = []
    last_subject: str | None = None
    for column in range(view.column_count):
        headers = view.column_headers(column)
        joined = " ".join(headers)
        currency = header_currency(joined)
        scale = header_scale(joined)
        if not headers:
            meanings.append(ColumnMeaning(None, currency=currency, scale=scale))
            continue
        own = header_subject(headers[-1])
        note = bracket_note(headers[-1])
        if own and is_counted(own, gazetteer):
            meanings.append(ColumnMeaning(own, note, currency, scale))
            last_subject = own
        elif not own and title_noun:
            meanings.append(ColumnMeaning(title_noun, note, currency, scale, borrowed=True))
        elif last_subject is not None and column in figure_columns(view):
            meanings.append(ColumnMeaning(_head(last_subject), note, currency, scale, borrowed=True))
        else:
            meanings.append(ColumnMeaning(None, note, currency, scale))
    return meanings


def _label_subject(label: str | None, is_noun: NounTest, gazetteer: Gazetteer) -> str | None:
    if not label:
        return None
    subject = header_subject(label)
    return subject if subject and is_noun(label) and is_counted(subject, gazetteer) else None


def iter_figure_facts(
    view: TableView, meanings: Sequence[ColumnMeaning], is_noun: NounTest, gazetteer: Gazetteer
) -> Iterator[CellFact]:
    """Counts and amounts of the table's data cells that hold figures."""
    for row in range(view.header_rows, len(view.rows)):
        for column in range(view.column_count):
            text = view.text(row, column)
            if not text or view.spans[row][column] == (0, 0):
                continue
            figures = [f for f in read_figures(text) if not f.percent]
            if not figures:
                continue
            label = view.row_label(row, column)
            meaning = meanings[column]
            for figure in figures:
                fact = _figure_fact(row, column, figure, meaning, label, is_noun, gazetteer)
                if fact is not None:
                    yield fact


def _figure_fact(row, column, figure, meaning: ColumnMeaning, label, is_noun, gazetteer) -> CellFact | None:
    currency = meaning.currency or (header_currency(figure.currency) if figure.currency else None)
    if currency is None and label and "(" in label:
        currency = header_currency(label[label.index("(") :])  # "Funding (US$)"; not "RON NEHRING"
    value = figure.value * meaning.scale
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if currency is not None:
        amount = AmountValue(value=value, currency=currency, qualifier=figure.qualifier)
        return CellFact(row, column, figure.start, figure.end, "amount", amount, FIGURES, CONFIDENCE_HEADED)
    subject, confidence = meaning.subject, CONFIDENCE_BORROWED if meaning.borrowed else CONFIDENCE_HEADED
    if subject is None:
        subject, confidence = _label_subject(label, is_noun, gazetteer), CONFIDENCE_LABELLED
    if subject is None:
        return None
    if figure.bracketed:
        if meaning.note is None:
            return None
        subject = f"{meaning.note} {subject}"
    count = CountValue(value=value, qualifier=figure.qualifier, subject=subject)
    return CellFact(row, column, figure.start, figure.end, "count", count, FIGURES, confidence)


# --- places ---------------------------------------------------------------------------------


def place_candidates(text: str) -> list[str]:
    """The forms of a label to look up: as printed without footnote marks, without brackets, without a type word."""
    plain = " ".join(_FOOTNOTES.sub("", text).split())
    forms = [plain]
    unbracketed = _BRACKETED.sub("", plain).strip()
    forms.append(unbracketed)
    forms.append(_TYPE_WORDS.sub("", unbracketed).strip())
    return [form for form in dict.fromkeys(forms) if form]


def _same_place(country: GazetteerEntry, area: GazetteerEntry) -> bool:
    """A country that is also listed as another country's subdivision (Guam: GU and US-GU)."""
    return area.code is not None and country.country is not None and area.code.endswith("-" + country.country)


def choose_place(
    entries: Sequence[GazetteerEntry], countries: Counter[str], types: Counter[PlaceType]
) -> GazetteerEntry:
    """The place a label means, given the countries and types of the column's other labels."""
    for entry in entries:
        if entry.type == "country" and any(_same_place(entry, other) for other in entries):
            return entry
    country = countries.most_common(1)[0][0] if countries else None
    kind = types.most_common(1)[0][0] if types else None
    ranked = sorted(enumerate(entries), key=lambda item: (item[1].country != country, item[1].type != kind, item[0]))
    return ranked[0][1]


def iter_label_places(view: TableView, gazetteer: Gazetteer) -> Iterator[CellFact]:
    """Places named by whole row labels of the data rows, ambiguous ones resolved by their column."""
    figures = set(figure_columns(view))
    found: dict[Position, tuple[str, tuple[GazetteerEntry, ...]]] = {}
    for row in range(view.header_rows, len(view.rows)):
        for column in range(view.column_count):
            text = view.text(row, column)
            if column in figures or not text or is_figure(text) or len(text.split()) > LABEL_WORDS:
                continue
            for form in place_candidates(text):
                entries = gazetteer.lookup(form)
                if entries:
                    found[row, column] = (form, tuple(entries))
                    break
    for column in {c for _, c in found}:
        sure = [entries for (_, c), (_, entries) in found.items() if c == column and len(entries) == 1]
        countries = Counter(e[0].country for e in sure if e[0].country)
        types = Counter(e[0].type for e in sure)
        for (row, c), (form, entries) in sorted(found.items()):
            if c != column:
                continue
            text = view.text(row, c)
            start = text.find(form)
            start, end = (start, start + len(form)) if start >= 0 else (0, len(text))
            place = choose_place(entries, countries, types).to_value()
            yield CellFact(row, c, start, end, "place", place, PLACES, CONFIDENCE_PLACE)


def passage_cells(view: TableView, claimed: set[Position]) -> list[Position]:
    """The cells read as text by the running-text extractors: header cells, and data cells of words not read already."""
    cells = []
    for row in range(len(view.rows)):
        for column in range(view.column_count):
            text = view.text(row, column)
            if not text or view.spans[row][column] == (0, 0) or (row, column) in claimed:
                continue
            if row < view.header_rows or not is_figure(text):
                cells.append((row, column))
    return cells
