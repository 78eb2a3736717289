"""Date values: candidates turned into inclusive day bounds, with dateparser reading the days.

Conventions, where the contract leaves room (also in the README):

- Quarters are calendar quarters: "Q3 2019" is 2019-07-01..2019-09-30, granularity "quarter".
- Seasons are northern-hemisphere meteorological seasons (spring March-May, summer June-August,
  autumn September-November, winter December-February), granularity "season". "winter 2018" is
  the winter whose January falls in 2018 (2017-12-01..2018-02-28); "winter 2017/18" the same.
- "early", "mid" and "late" (also "the beginning/middle/end of") take a third of the period, at
  the next finer granularity: "early 2020" is January-April 2020 and "mid-2019" May-August 2019
  (granularity "month"); "late March" is 21-31 March (granularity "day"); "the late 1990s" is
  1997-1999 (granularity "year"). Halves of a year ("the first half of 2019") are months 1-6 and
  7-12, granularity "month".
- Decades: "the 1990s" is 1990-01-01..1999-12-31, granularity "decade".
- Open ranges keep one bound: "since April 2017" has no end, "until the end of 2020" no start
  (its end 2020-12-31, granularity "year"); "before March 2018" ends 2018-02-28, "after 2017"
  starts 2018-01-01.
- A range's granularity is the finer of its two ends ("from 2017 to March 2018" is "month").
- A year written at one end of a range belongs to both ("28 February to 2 March 2019"); it is
  stated, not inferred. A year taken from elsewhere sets `inferred_year`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from extractors.dates import words
from extractors.dates.grammar import Candidate, Point
from schemas.values import DateValue, Granularity

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

DateOrder = Literal["DMY", "MDY"]

GRANULARITY_ORDER: tuple[Granularity, ...] = ("day", "month", "quarter", "season", "year", "decade")
"""Granularities from the finest to the coarsest."""

YEARLESS_SHAPES = frozenset({"day", "month", "season", "quarter", "half"})
"""Point shapes that can be written without a year ("March 8", "In February", "Q3")."""

SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\d/])")


@dataclasses.dataclass(frozen=True)
class Bounds:
    """The first and last day a point covers, and how precise it is."""

    start: dt.date
    end: dt.date
    granularity: Granularity


def last_day(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_bounds(year: int, first: int, last: int, granularity: Granularity) -> Bounds:
    """Whole months `first`..`last` of `year` (a `first` of 0 or less reaches into the year before)."""
    start_year, start_month = (year - 1, first + 12) if first <= 0 else (year, first)
    return Bounds(dt.date(start_year, start_month, 1), last_day(year, last), granularity)


@functools.cache
def day_parser(year: int, order: DateOrder) -> DateDataParser:
    """A dateparser parser that reads a day and month, taking a missing year from `year`.

    Built once per (year, order): dateparser's settings are fixed when a parser is made.
    """
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
        "RELATIVE_BASE": dt.datetime(year, 7, 1),
        "REQUIRE_PARTS": ["day", "month"],
        "DATE_ORDER": order,
    }
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def text_to_day(text: str, year: int, order: DateOrder = "DMY") -> dt.date | None:
    """The calendar day a day point names ("March 8th", "Monday, 5 March 2018", "02.03.2018").

    Args:
        text: The point as written, whitespace collapsed (the cache key).
        year: The year the text states, or the one it is read in when it states none.
        order: How numeric dates with slashes are ordered in this document.

    Returns:
        The day, or None when the text names no valid day in that year ("29 February 2019").
    """
    data = day_parser(year, order).get_date_data(text)
    if data.date_obj is None or data.date_obj.year != year:
        return None
    return data.date_obj.date()


def numeric_date_order(texts: Iterable[str]) -> DateOrder:
    """Whether a document writes slashed dates day first (the default) or month first.

    A slashed date whose first number is over 12 can only be day first, one whose second is over
    12 only month first; the document's unambiguous dates decide how the ambiguous ones read.
    """
    votes: Counter[DateOrder] = Counter()
    for text in texts:
        for match in SLASH_DATE.finditer(text):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                votes["DMY"] += 1
            elif second > 12 >= first:
                votes["MDY"] += 1
    return "MDY" if votes["MDY"] > votes["DMY"] else "DMY"


def point_to_bounds(point: Point, order: DateOrder = "DMY") -> Bounds | None:
    """First and last day of a point whose year is known; None when it names no real date."""
    year = point.year
    if year is None:
        return None
    try:
        day: dt.date | None
        if point.shape == "day" and point.month is not None:
            if point.text.isdigit():
                day = dt.date(year, point.month, point.day or 0)
            else:
                day = text_to_day(" ".join(point.text.split()), year, order)
            return Bounds(day, day, "day") if day is not None else None
        if point.shape == "numeric":
            day = text_to_day(point.text, year, order)
            return Bounds(day, day, "day") if day is not None else None
    except ValueError:
        return None
    if point.shape == "month" and point.month is not None:
        return _narrowed(Bounds(dt.date(year, point.month, 1), last_day(year, point.month), "month"), point.part)
    if point.shape == "quarter" and point.number is not None:
        quarter = 4 if point.number < 0 else point.number
        return months_bounds(year, 3 * quarter - 2, 3 * quarter, "quarter")
    if point.shape == "half" and point.number in (1, 2):
        return months_bounds(year, 6 * point.number - 5, 6 * point.number, "month")
    if point.shape == "season" and point.season is not None:
        first, last = words.SEASONS[point.season]
        if first > last:
            first -= 12
        return _narrowed(months_bounds(year, first, last, "season"), point.part)
    if point.shape == "fiscal":
        return Bounds(dt.date(year, 1, 1), dt.date(point.number or year, 12, 31), "year")
    if point.shape == "year":
        return _narrowed(Bounds(dt.date(year, 1, 1), dt.date(year, 12, 31), "year"), point.part)
    if point.shape == "decade":
        return _narrowed(Bounds(dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade"), point.part)
    return None


def _narrowed(bounds: Bounds, part: str | None) -> Bounds:
    """The early, middle or late third of a period, one granularity finer."""
    if part is None:
        return bounds
    third = words.THIRDS[part]
    start = bounds.start
    if bounds.granularity == "year":
        first, last = words.YEAR_THIRDS[third]
        return months_bounds(start.year, first, last, "month")
    if bounds.granularity == "month":
        first, last = words.MONTH_THIRDS[third]
        end = min(dt.date(start.year, start.month, 1) + dt.timedelta(days=last - 1), bounds.end)
        return Bounds(start.replace(day=first), end, "day")
    if bounds.granularity == "season":
        month = dt.date(start.year + (start.month + third - 1) // 12, (start.month + third - 1) % 12 + 1, 1)
        return Bounds(month, last_day(month.year, month.month), "month")
    first, last = words.DECADE_THIRDS[third]
    return Bounds(dt.date(start.year + first, 1, 1), dt.date(start.year + last, 12, 31), "year")


def complete_candidate(candidate: Candidate) -> Candidate:
    """Share what one end of a range states with the other ("15-19 January 2018").

    A bare day takes the other end's month, and an end without a year takes the other end's
    year, a year earlier or later where that keeps the range in order ("December 30 - January 5, 2018").
    """
    first, last = candidate.first, candidate.last
    if last is None:
        return candidate
    if first.shape == "day" and first.month is None:
        first = dataclasses.replace(first, month=last.month)
    if last.shape == "day" and last.month is None:
        last = dataclasses.replace(last, month=first.month)
    if first.year is None and last.year is not None and first.shape in YEARLESS_SHAPES:
        first = dataclasses.replace(first, year=last.year - _wraps(first, last))
    elif last.year is None and first.year is not None and last.shape in YEARLESS_SHAPES:
        last = dataclasses.replace(last, year=first.year + _wraps(first, last))
    return dataclasses.replace(candidate, first=first, last=last)


def _wraps(first: Point, last: Point) -> int:
    """1 when the range runs over a year end ("December - February"), else 0."""
    a = first.month or 0
    b = last.month or 0
    return int(a > b > 0 or (a == b and (first.day or 0) > (last.day or 0)))


def needs_year(candidate: Candidate) -> bool:
    """Whether the candidate, once completed, still lacks a year it cannot be read without."""
    return any(p.year is None for p in complete_candidate(candidate).points)


def with_year(candidate: Candidate, year: int) -> Candidate:
    """The candidate read in `year`: every end without a year gets it (the last one wraps)."""
    candidate = complete_candidate(candidate)
    first = candidate.first if candidate.first.year is not None else dataclasses.replace(candidate.first, year=year)
    last = candidate.last
    if last is not None and last.year is None:
        last = dataclasses.replace(last, year=year + _wraps(first, last))
    return complete_candidate(dataclasses.replace(candidate, first=first, last=last))


def candidate_to_value(candidate: Candidate, year: int | None = None, order: DateOrder = "DMY") -> DateValue | None:
    """The contract value of a candidate.

    Args:
        candidate: The expression as found.
        year: The year to read it in when it states none (from the sentence, section or issue
            date); sets `inferred_year`.
        order: How the document orders slashed numeric dates.

    Returns:
        The value, or None when the expression names no real date or needs a year it lacks.
    """
    inferred = needs_year(candidate)
    if inferred:
        if year is None:
            return None
        candidate = with_year(candidate, year)
    else:
        candidate = complete_candidate(candidate)
    first = candidate.first
    if candidate.form == "open_start" and first.part == "early":
        first = dataclasses.replace(first, part=None)
    if candidate.form == "open_end" and first.part == "late":
        first = dataclasses.replace(first, part=None)
    a = point_to_bounds(first, order)
    b = point_to_bounds(candidate.last, order) if candidate.last is not None else None
    if a is None or (candidate.last is not None and b is None):
        return None
    start: dt.date | None
    end: dt.date | None
    start, end, granularity = a.start, a.end, a.granularity
    if candidate.form == "range" and b is not None:
        if b.end < a.start:
            return None
        end = b.end
        granularity = min(a.granularity, b.granularity, key=GRANULARITY_ORDER.index)
    elif candidate.form == "open_start":
        end = None
    elif candidate.form == "open_end":
        start = None
    elif candidate.form == "before":
        start, end = None, a.start - dt.timedelta(days=1)
    elif candidate.form == "after":
        start, end = a.end + dt.timedelta(days=1), None
    return DateValue(start=start, end=end, granularity=granularity, inferred_year=inferred)
