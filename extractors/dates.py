"""Dates: points, ranges and open ranges, normalised to inclusive ISO bounds."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractors.base import DocumentContext, Extractor, Mention, register

from schemas.values import DateValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR = r"(?P<{}>(?:19|20)\d\d)"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day_range", re.compile(r"\b(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})\s+" + MONTH.format("m") + r"(?:\s+" + YEAR.format("y") + ")?")),
    ("day", re.compile(r"\b(?P<d1>\d{1,2})\s+" + MONTH.format("m") + r"(?:\s+" + YEAR.format("y") + ")?")),
    ("since_month", re.compile(r"\b[Ss]ince\s+" + MONTH.format("m") + r"\s+" + YEAR.format("y"))),
    ("month_year", re.compile(r"\b" + MONTH.format("m") + r"\s+" + YEAR.format("y"))),
    ("year_range", re.compile(r"\b(?:from\s+)?" + YEAR.format("y1") + r"\s*(?:[-–]|to)\s*" + YEAR.format("y2") + r"\b")),
    ("year", re.compile(r"\b(?:[Tt]hroughout|[Ii]n)\s+" + YEAR.format("y") + r"\b")),
)


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def match_to_value(kind: str, match: re.Match[str], context: DocumentContext) -> DateValue | None:
    """Normalise one matched pattern; None when the parts do not make a calendar date."""
    groups = match.groupdict()
    inferred = "y" in groups and groups["y"] is None
    if groups.get("y"):
        year = int(groups["y"])
    elif context.issue_date is not None:
        year = context.issue_date.year
    else:
        return None
    try:
        if kind in ("day", "day_range"):
            month = MONTHS[groups["m"].lower()]
            start = dt.date(year, month, int(groups["d1"]))
            end = dt.date(year, month, int(groups.get("d2") or groups["d1"]))
            return DateValue(start=start, end=end, granularity="day", inferred_year=inferred)
        if kind == "since_month":
            return DateValue(start=dt.date(year, MONTHS[groups["m"].lower()], 1), end=None, granularity="month")
        if kind == "month_year":
            month = MONTHS[groups["m"].lower()]
            return DateValue(start=dt.date(year, month, 1), end=last_day(year, month), granularity="month")
        if kind == "year_range":
            return DateValue(start=dt.date(int(groups["y1"]), 1, 1), end=dt.date(int(groups["y2"]), 12, 31), granularity="year")
        if kind == "year":
            return DateValue(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), granularity="year")
    except ValueError:
        return None
    return None


@register("dates.rules")
class DateRules(Extractor):
    """Calendar expressions found by patterns, parsed part by part."""

    name = "dates.rules"
    kind = "date"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        for passage in passages:
            taken: list[tuple[int, int]] = []
            for kind, pattern in PATTERNS:
                for match in pattern.finditer(passage.text):
                    start, end = match.span()
                    if any(s < end and start < e for s, e in taken):
                        continue
                    value = match_to_value(kind, match, context)
                    if value is None:
                        continue
                    if kind == "year":
                        start = match.start("y")
                    taken.append((start, end))
                    yield Mention(passage.index, start, end, "date", value, self.name, 0.8)
