"""The date a bulletin was issued, which partial dates in it are read against.

Tried in order: a date in the masthead or running header (the last day of a reporting period
such as "22-24 October 2025": a report is issued when its period ends), then the latest full
date in the text that is not after the PDF's creation date (an operation's planned end date is
no issue date), then the PDF's creation date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from extractors.dates.extractor import iter_full_dates, iter_stated_dates
from extractors.dates.values import DateOrder, numeric_date_order
from pipeline.layout.blocks import Block

MASTHEAD_ROLES = frozenset({"heading", "header"})
# A text date may follow the PDF's creation date by this much (a file made the evening before).
CREATION_SLACK = dt.timedelta(days=2)


def masthead_date(blocks: Sequence[Block], order: DateOrder = "DMY") -> dt.date | None:
    """A date printed in the masthead of page 1 or in a running header."""
    for block in blocks:
        if block.role not in MASTHEAD_ROLES or (block.role == "heading" and block.page != 1):
            continue
        stated = [b for b in iter_stated_dates(block.text, order) if b.granularity in ("day", "month")]
        days = [b.start for b in stated if b.granularity == "day"]
        if days:
            return max(days)
        if stated:
            return stated[0].start
    return None


def find_issue_date(blocks: Sequence[Block], metadata_date: dt.date | None) -> dt.date | None:
    """Best guess of the issue date; None when the document gives no date at all.

    Slashed numeric dates are read in the order the document's unambiguous ones show, as the
    date extractor reads them.
    """
    order = numeric_date_order(block.text for block in blocks)
    found = masthead_date(blocks, order)
    if found is not None:
        return found
    dates = [d for block in blocks for d in iter_full_dates(block.text, order)]
    if metadata_date is not None:
        dates = [d for d in dates if d <= metadata_date + CREATION_SLACK] or dates
    if dates:
        return max(dates)
    return metadata_date
