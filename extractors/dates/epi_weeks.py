"""Epidemiological weeks: "epidemiological week 5", "epi weeks 1-5 of 2025", "EW 47", read as the days of ISO weeks.

Health situation reports date surveillance figures by epidemiological week. WHO and PAHO number
them as ISO 8601 weeks (Monday to Sunday, week 1 holding the year's first Thursday), so "week 5
of 2025" is 27 January to 2 February 2025. A week without its year takes the issue date's, or the
year before when that would put the week more than three weeks after the issue date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

_WEEK = r"(?P<a>\d{1,2})(?:\s*(?:-|–|to|and)\s*(?P<b>\d{1,2}))?"
_YEAR = r"(?:\s*(?:of|,|/)?\s*(?P<year>(?:19|20)\d\d))?"
EPI_WEEK = re.compile(
    rf"\b(?:(?i:epidemiologic(?:al)?|epi)[ -]?(?i:weeks?)\s*(?:\(EW\)\s*)?(?:(?i:no)\.?\s*)?|EW\s?){_WEEK}{_YEAR}(?!\d)"
)
FUTURE_SLACK = dt.timedelta(weeks=3)


@dataclasses.dataclass(frozen=True)
class EpiWeeks:
    """One mention of epidemiological weeks and the days they cover."""

    start: int
    end: int
    first: dt.date
    last: dt.date
    inferred_year: bool


def week_days(year: int, week: int) -> tuple[dt.date, dt.date] | None:
    """Monday and Sunday of an ISO week, or None for a week the year does not have."""
    try:
        return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
    except ValueError:
        return None


def iter_epi_weeks(text: str, issue: dt.date | None) -> Iterator[EpiWeeks]:
    """Every epidemiological week (or run of weeks) in a text whose year is stated or inferable."""
    for match in EPI_WEEK.finditer(text):
        first_week = int(match.group("a"))
        last_week = int(match.group("b") or first_week)
        stated = match.group("year")
        if stated is None and issue is None:
            continue
        year = int(stated) if stated else issue.year  # type: ignore[union-attr]
        first, last = week_days(year, first_week), week_days(year, last_week)
        if not stated and issue is not None and first is not None and first[0] > issue + FUTURE_SLACK:
            year -= 1
            first, last = week_days(year, first_week), week_days(year, last_week)
        if first is None or last is None or last[1] < first[0]:
            continue
        yield EpiWeeks(match.start(), match.end(), first[0], last[1], inferred_year=stated is None)
