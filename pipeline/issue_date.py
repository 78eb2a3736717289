"""The date a bulletin was issued, which partial dates in it are read against.

Tried in order: a date in the masthead or running header, then the latest full date in the
text, then the PDF's creation date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence

from pipeline.blocks import Block

_MONTH = "|".join(calendar.month_name[1:])
_MONTH_ABBR = "|".join(calendar.month_abbr[1:])
FULL_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH}|{_MONTH_ABBR})\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH}|{_MONTH_ABBR})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
MASTHEAD_ROLES = frozenset({"heading", "header"})


def _month_number(name: str) -> int:
    key = name.lower()[:3]
    return [m.lower() for m in calendar.month_abbr].index(key)


def iter_full_dates(text: str) -> Iterator[dt.date]:
    """Dates with day, month and year ("2 March 2018", "March 2, 2018")."""
    for match in FULL_DATE.finditer(text):
        day, month, year = (match.group("d"), match.group("m"), match.group("y"))
        if day is None:
            day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
        try:
            yield dt.date(int(year), _month_number(month), int(day))
        except ValueError:
            continue


def masthead_date(blocks: Sequence[Block]) -> dt.date | None:
    """A date printed in the masthead of page 1 or in a running header."""
    for block in blocks:
        if block.role not in MASTHEAD_ROLES or (block.role == "heading" and block.page != 1):
            continue
        full = next(iter_full_dates(block.text), None)
        if full is not None:
            return full
        match = MONTH_YEAR.search(block.text)
        if match:
            return dt.date(int(match.group("y")), _month_number(match.group("m")), 1)
    return None


def find_issue_date(blocks: Sequence[Block], metadata_date: dt.date | None) -> dt.date | None:
    """Best guess of the issue date; None when the document gives no date at all."""
    found = masthead_date(blocks)
    if found is not None:
        return found
    dates = [d for block in blocks for d in iter_full_dates(block.text)]
    if dates:
        return max(dates)
    return metadata_date
