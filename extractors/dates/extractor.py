"""Dates: the registered extractor, reading each date expression in its sentence, section and issue.

The work is split by concept: `date_words` holds the vocabulary as data, `date_grammar` finds
candidates and their range structure, `date_filters` drops what the context shows is no date,
`date_values` turns a candidate into inclusive bounds (dateparser reads the days). This module
decides the year of a partial date ("In February", "March 8", "May-June"), trying the sources
named in `DateRules.year_sources`, by default in this order:

1. a date in the same sentence that states one calendar year ("in May and June 2018");
2. the nearest heading before it in the same section that states one ("MENTORSHIP PROGRAMMES
   IN 2017" above "May-June"), then the section's own headline;
3. the issue date's year, one year earlier when a past-tense sentence would otherwise put the
   date after the issue month ("In November, UNODC trained ..." in a March 2018 bulletin), one
   later when a future-tense one would put it before.

A partial date with none of these is skipped. All three set `inferred_year`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.dates import periods
from extractors.dates.epi_weeks import iter_epi_weeks
from extractors.dates.filters import filter_candidate
from extractors.dates.grammar import Candidate, iter_candidates
from extractors.dates.values import (
    Bounds,
    DateOrder,
    candidate_to_value,
    complete_candidate,
    needs_year,
    numeric_date_order,
    point_to_bounds,
)
from schemas.values import DateValue

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from pipeline.passages import Passage

Tense = Literal["past", "future"]

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll"})
PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})


@dataclasses.dataclass(frozen=True)
class Found:
    """A candidate the filters kept, with the year it states by itself (if exactly one).

    Attributes:
        position: Position of its passage in the document's passage list.
        candidate: The expression.
        confidence: How sure its context makes it a date.
        year: The one calendar year it states ("2 March 2018", "15-19 January 2018"), else None.
    """

    position: int
    candidate: Candidate
    confidence: float
    year: int | None


def stated_year(candidate: Candidate, order: DateOrder) -> int | None:
    """The single calendar year a point or closed range states by itself, else None.

    Open ranges, multi-year ranges and decades establish no year for their neighbours.
    """
    if candidate.form not in ("point", "range") or needs_year(candidate):
        return None
    value = candidate_to_value(candidate, None, order)
    if value is None or value.start is None or value.end is None or value.granularity == "decade":
        return None
    return value.start.year if value.start.year == value.end.year else None


def iter_found(passages: Sequence[Passage], order: DateOrder) -> Iterator[Found]:
    """Every candidate of every passage that its context lets stand as a date."""
    for position, passage in enumerate(passages):
        for candidate in iter_candidates(passage.text):
            kept = filter_candidate(passage, candidate)
            if kept is not None:
                candidate, confidence = kept
                yield Found(position, candidate, confidence, stated_year(candidate, order))


@dataclasses.dataclass(frozen=True)
class DocumentDates:
    """What the year of a partial date is looked up in: the document's passages and found dates.

    Attributes:
        passages: The document's passages.
        found: The kept candidates of each passage, by passage position.
        context: The issue date.
        order: How the document writes slashed numeric dates.
    """

    passages: Sequence[Passage]
    found: Sequence[Sequence[Found]]
    context: DocumentContext
    order: DateOrder

    def sentence_year(self, found: Found) -> int | None:
        """The year the nearest year-stating date of the same sentence gives ("May and June 2017")."""
        passage = self.passages[found.position]
        sentence = passage.sentence(found.candidate.start, found.candidate.end)
        lo, hi = sentence.start_char, sentence.end_char
        stated = [
            n
            for n in self.found[found.position]
            if n.year is not None and lo <= n.candidate.start < hi and n is not found
        ]
        if refers_to_the_year(found.candidate):
            # "the year" points back: "In 2019 ..., and by the end of the year ..." is 2019, but in
            # "in the second half of the year, and ... in mid-2024" the later 2024 is another year.
            stated = [n for n in stated if n.candidate.start < found.candidate.start]
        if not stated:
            return None
        year = min(stated, key=lambda n: abs(n.candidate.start - found.candidate.start)).year
        # Another clause's year that would contradict this date's tense is not this date's year:
        # "has worked since January, and ... will join in early 2022" in a November 2021 bulletin.
        return None if year is None or self.tense_shift(found, year) else year

    def heading_year(self, found: Found) -> int | None:
        """The year the nearest heading above states, within the section, or the section's headline."""
        section = self.passages[found.position].section
        if section is None:
            return None
        for earlier in range(found.position - 1, -1, -1):
            passage = self.passages[earlier]
            if passage.section == section and passage.role == "heading":
                year = single_year(self.found[earlier])
                if year is not None:
                    return year
        return single_year(
            [Found(found.position, c, 1.0, stated_year(c, self.order)) for c in iter_candidates(section)]
        )

    def tense_shift(self, found: Found, year: int) -> int:
        """-1 or +1 when reading the date in `year` contradicts its verb's tense, else 0.

        A past-tense date after the issue month belongs a year earlier ("In November, UNODC
        trained ..." in a March 2018 bulletin), a future-tense one before it a year later.
        """
        issue_date = self.context.issue_date
        value = candidate_to_value(found.candidate, year, self.order)
        if issue_date is None or value is None or (value.start is None and value.end is None):
            return 0
        tense = sentence_tense(self.passages[found.position], found.candidate)
        month_start = issue_date.replace(day=1)
        month_end = issue_date.replace(day=calendar.monthrange(issue_date.year, issue_date.month)[1])
        first = value.start if value.start is not None else value.end
        last = value.end if value.end is not None else value.start
        if tense == "past" and first is not None and first > month_end:
            return -1
        if tense == "future" and last is not None and last < month_start:
            return 1
        return 0

    def issue_year(self, found: Found) -> int | None:
        """The issue date's year, moved by one where the tense puts the date on the other side of it.

        A yearless quarter or half that would start well after the issue date is the year
        before's, and a yearless date in an event calendar the next to come (`periods`).
        """
        issue_date = self.context.issue_date
        if issue_date is None:
            return None
        candidate, year = found.candidate, issue_date.year
        if self.in_event_calendar(found):
            return periods.calendar_year(lambda y: self.bound(candidate, y, "end"), issue_date)
        if candidate.first.shape in periods.PERIOD_SHAPES:
            year = periods.yearless_period_year(lambda y: self.bound(candidate, y, "start"), issue_date)
        return year + self.tense_shift(found, year)

    def bound(self, candidate: Candidate, year: int, which: str) -> dt.date | None:
        """The first or last day of a yearless candidate read in `year`."""
        value = candidate_to_value(candidate, year, self.order)
        if value is None:
            return None
        return (value.start or value.end) if which == "start" else (value.end or value.start)

    def in_event_calendar(self, found: Found) -> bool:
        """Whether the date sits in an event calendar: its section or the heading above it says so."""
        passage = self.passages[found.position]
        above = next(
            (
                p.text
                for p in reversed(self.passages[: found.position])
                if p.role == "heading" and p.section == passage.section
            ),
            None,
        )
        return periods.is_event_calendar(passage.section, above)


YEAR_SOURCES: dict[str, tuple[Callable[[DocumentDates, Found], int | None], float]] = {
    "sentence": (DocumentDates.sentence_year, 0.85),
    "heading": (DocumentDates.heading_year, 0.8),
    "issue_date": (DocumentDates.issue_year, 0.7),
}
"""Where a partial date's year can come from, with the confidence each gives the date."""


def refers_to_the_year(candidate: Candidate) -> bool:
    """Whether the date names "the year" instead of a year ("the second half of the year")."""
    points = (candidate.first, candidate.last)
    return any(p is not None and p.year is None and p.text.lower().endswith("year") for p in points)


def single_year(found: Sequence[Found]) -> int | None:
    """The year a run of text states, when it states exactly one."""
    years = {f.year for f in found if f.year is not None}
    return years.pop() if len(years) == 1 else None


def governing_verb(span: Span) -> Token | None:
    """The verb a date phrase hangs from ("trained" in "In May, UNODC trained ...")."""
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def sentence_tense(passage: Passage, candidate: Candidate) -> Tense | None:
    """Whether the verb governing the date speaks of the past or the future, if it says."""
    span = passage.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    verb = governing_verb(span) if span is not None and len(span) else None
    if verb is None:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in PERFECT_AUXILIARIES for a in auxiliaries):
        return "past"
    return None


@register("dates.rules")
class DateRules(Extractor):
    """Dates found by a grammar of points and ranges, checked in context, read by dateparser.

    Attributes:
        year_sources: Where a partial date's year is looked for, in order (keys of `YEAR_SOURCES`).
    """

    name = "dates.rules"
    kind = "date"
    year_sources: ClassVar[tuple[str, ...]] = ("sentence", "heading", "issue_date")

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        """Yield a mention for every date of the document, in reading order.

        Args:
            passages: The document's passages, parsed.
            context: The issue date partial dates fall back to.

        Returns:
            An iterator of date mentions.
        """
        order = numeric_date_order(p.text for p in passages)
        by_passage: list[list[Found]] = [[] for _ in passages]
        for found in iter_found(passages, order):
            by_passage[found.position].append(found)
        document = DocumentDates(passages, by_passage, context, order)
        weeks = {passage.index: list(self.epi_week_mentions(passage, context)) for passage in passages}
        mentions = [m for found in weeks.values() for m in found]
        for found in (f for in_passage in by_passage for f in in_passage):
            mention = self.found_to_mention(found, document)
            taken = weeks.get(mention.passage, []) if mention is not None else []
            if mention is not None and not any(w.start < mention.end and mention.start < w.end for w in taken):
                mentions.append(mention)
        yield from sorted(mentions, key=lambda m: (m.passage, m.start))

    def epi_week_mentions(self, passage: Passage, context: DocumentContext) -> Iterator[Mention]:
        """The passage's epidemiological weeks as day ranges (`extractors.dates.epi_weeks`)."""
        for weeks in iter_epi_weeks(passage.text, context.issue_date):
            value = DateValue(start=weeks.first, end=weeks.last, granularity="day", inferred_year=weeks.inferred_year)
            yield Mention(passage.index, weeks.start, weeks.end, "date", value, self.name, 0.9)

    def found_to_mention(self, found: Found, document: DocumentDates) -> Mention | None:
        """The mention of a kept candidate, its year found if it needs one; None if it has none."""
        year, confidence = None, found.confidence
        if needs_year(found.candidate):
            year, source_confidence = self.context_year(found, document)
            if year is None:
                return None
            confidence = min(confidence, source_confidence)
        value = candidate_to_value(found.candidate, year, document.order)
        if value is None:
            return None
        passage = document.passages[found.position]
        return Mention(passage.index, found.candidate.start, found.candidate.end, "date", value, self.name, confidence)

    def context_year(self, found: Found, document: DocumentDates) -> tuple[int | None, float]:
        """The year of a partial date from the first source that gives one, and its confidence."""
        for source in self.year_sources:
            lookup, confidence = YEAR_SOURCES[source]
            year = lookup(document, found)
            if year is not None:
                return year, confidence
        return None, 0.0


def iter_stated_dates(text: str, order: DateOrder = "DMY") -> Iterator[Bounds]:
    """Each end of every date expression in a text that states its own year, read without context.

    "15-19 January 2018" gives 15 and 19 January 2018; "March 2018" the month; "March 8" nothing.
    Used where there is no parse and no issue date yet: finding the issue date itself.

    Args:
        text: Any text.
        order: How the document writes slashed numeric dates (`numeric_date_order`).
    """
    for candidate in iter_candidates(text):
        if needs_year(candidate):
            continue
        for point in complete_candidate(candidate).points:
            bounds = point_to_bounds(point, order)
            if bounds is not None:
                yield bounds


def iter_full_dates(text: str, order: DateOrder = "DMY") -> Iterator[dt.date]:
    """Days written with day, month and year ("2 March 2018", "March 2, 2018", "02.03.2018")."""
    for bounds in iter_stated_dates(text, order):
        if bounds.granularity == "day":
            yield bounds.start
