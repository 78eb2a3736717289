"""Reporting periods: quarters, halves and fiscal years in their many spellings, and their year.

Company, bank and statistics reports name periods in a shorthand the calendar grammar alone
does not read: "Q3'22", "3Q22", "3Q 2022", "H2'24", "2H24", "FY2023/24", "fiscal year 2023".
This module holds the patterns of those spellings (the grammar puts them among its point
shapes) and the rules that give a period written without a year its year:

- A quarter or half without a year is read in the issue date's year, unless it would then
  start more than one quarter (92 days) after the issue date: then it is the year before's.
  A report issued in February 2024 that speaks of "Q4" means Q4 2023, of "Q2" the coming Q2 2024.
  The verb's tense still moves it (a past-tense period after the issue month is a year earlier).
- Fiscal years are named for a calendar year and read as that year ("FY2023", "fiscal year
  2023", "FY23"); a split fiscal year ("FY2023/24", "financial year 2023-24") covers both calendar
  years, as "2023/24" does. The month a fiscal year starts differs by issuer and is rarely
  printed, so no start month is guessed.
- In an event calendar (a section or heading such as "Calendar", "Upcoming events", "Dates for
  your diary") a day or month without a year is the next one to come: read in the issue date's
  year, unless it then ended more than 31 days before the issue date: then the year after.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

EARLIEST_FUTURE_START = dt.timedelta(days=92)
"""How far after the issue date a yearless quarter or half may start and still be this year's."""

CALENDAR_GRACE = dt.timedelta(days=31)
"""How long after it ended a yearless calendar date is still this year's (a late-sent calendar)."""

CALENDAR_HEADINGS = re.compile(
    r"\b(?:calendar|upcoming|forthcoming|coming up|diary|save the date|what[’']s on|future events|dates to remember)\b",
    re.IGNORECASE,
)
"""Words of a heading or section that make its yearless dates an event calendar."""

PERIOD_SHAPES = frozenset({"quarter", "half"})
"""Point shapes this module gives a year to when the text states none."""


def short_year(text: str) -> int:
    """The year of a two-digit year ("22" in "Q3'22") in this century; a four-digit one as it is."""
    value = int(text)
    return value if value >= 100 else 2000 + value


def quarter_fragment(the: str, ordinal: str, year_of: str, space: str, dash: str) -> str:
    """The quarter point: "Q3", "3Q", "the third quarter", each with an optional year in any spelling.

    Args:
        the: Pattern of "the " (the grammar's).
        ordinal: Pattern of ordinal words.
        year_of: Pattern of " 2022", " of 2022", " of the year 2022" (ending in a `year` group).
        space: Pattern of optional spacing.
        dash: Characters of hyphens and dashes.
    """
    return (
        rf"(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|(?:{the})?(?P<qo>{ordinal})(?:{space}|\s*-\s*)(?i:quarter))"
        rf"(?:{year_of}|{space}['’](?P<qyy>\d\d)(?!\w)|(?<=Q)(?P<qyy2>\d\d)(?!\w)"
        rf"|{space}[{dash}/]{space}(?P<qyear>(?:19|20)\d\d)(?!\w))?"
    )


def half_fragment(the: str, year_of: str, of_the_year: str, space: str) -> str:
    """The half point: "H2", "2H", "the second half", with a year ("H2'24", "2H24", "H1 2024") or "of the year"."""
    return (
        rf"(?:H(?P<h>[12])|(?P<h2>[12])H|(?:{the})?(?P<ho>(?i:first|second|1st|2nd))(?:{space}|\s*-\s*)(?i:half))"
        rf"(?:{year_of}|{of_the_year}|{space}['’](?P<hyy>\d\d)(?!\w)|(?<=H)(?P<hyy2>\d\d)(?!\w))"
    )


def fiscal_fragment(space: str, dash: str) -> str:
    """The fiscal year point: "FY2023", "FY 2023/24", "FY23", "fiscal year 2023", "financial year 2023-24"."""
    return (
        rf"(?:FY{space}(?P<fy>(?:19|20)?\d\d)|(?i:fiscal|financial)(?:{space}(?i:year))?{space}(?P<fyear>(?:19|20)\d\d))"
        rf"(?:{space}[{dash}/]{space}(?P<fy2>(?:19|20)?\d\d))?(?!\w)"
    )


def fiscal_years(first: str, second: str | None) -> tuple[int, int | None]:
    """The calendar years a fiscal year point names: ("2023", "24") → (2023, 2024); None when single.

    A second year that does not follow the first ("FY2023/25") is not a split fiscal year and is dropped.
    """
    year = short_year(first)
    if second is None:
        return year, None
    last = short_year(second) if len(second) == 4 else (year // 100) * 100 + int(second)
    return year, last if last == year + 1 else None


def yearless_period_year(start_in: Callable[[int], dt.date | None], issue_date: dt.date) -> int:
    """The year of a quarter or half written without one, by the rule in this module's docstring.

    Args:
        start_in: The period's first day when read in a given year.
        issue_date: The document's issue date.
    """
    start = start_in(issue_date.year)
    if start is not None and start - issue_date > EARLIEST_FUTURE_START:
        return issue_date.year - 1
    return issue_date.year


def calendar_year(end_in: Callable[[int], dt.date | None], issue_date: dt.date) -> int:
    """The year of a yearless date in an event calendar: the next occurrence after the issue date."""
    end = end_in(issue_date.year)
    if end is not None and issue_date - end > CALENDAR_GRACE:
        return issue_date.year + 1
    return issue_date.year


def is_event_calendar(*headings: str | None) -> bool:
    """Whether a passage under these headings (its section, the heading above it) is an event calendar."""
    return any(heading and CALENDAR_HEADINGS.search(heading) for heading in headings)
