"""The document's title as a reader gives it: the PDF's Title entry when page 1 prints it, else the masthead.

Real bulletins' Title entries are often left over from a template or a tool ("IFRC GO", a file
slug such as "ht-kmu-2025-11", the title of last week's issue): one that page 1 does not print is
not this document's title. The masthead is the largest heading of page 1 that is not a box
heading ("Highlights", "In Numbers", "Key Messages", "Situation Update").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.layout.blocks import Block

# Headings of boxes and sections that open many bulletins' first page: never the title.
BOX_HEADINGS = frozenset(
    {
        "highlights", "key highlights", "in numbers", "key figures", "key messages", "key facts", "fast facts",
        "situation update", "situation overview", "situation in numbers", "overview", "summary", "background",
        "contents", "table of contents", "contacts", "contact", "funding", "funding requirements", "our response",
        "our footprint", "needs", "response", "key points", "main points", "at a glance",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_ADDRESS = re.compile(r"www\.|https?://|@|\.(?:org|com|int|net)\b")
# "4 November 2025", "October 2025": a line mostly taken by a date is a dateline, not the title.
_DATE_LINE = re.compile(r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|[A-Z][a-z]+\s+\d{4}")
DATE_SHARE = 0.6
# Most space between two lines of one title, in font sizes.
STACK_GAP = 1.2


def folded(text: str) -> str:
    """Lower case, punctuation as spaces: how a title is compared with page text."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def is_box_heading(text: str) -> bool:
    """Whether a heading is a box or section heading ("HIGHLIGHTS", "Key figures:")."""
    return folded(text) in BOX_HEADINGS


def is_title_line(text: str) -> bool:
    """Whether a heading can be part of a title: no box heading, web address or "as of" date line."""
    lowered = text.strip().casefold()
    if is_box_heading(text) or _ADDRESS.search(lowered) or lowered.startswith(("as of", "as at", "data as")):
        return False
    dated = sum(match.end() - match.start() for match in _DATE_LINE.finditer(text))
    return dated < DATE_SHARE * len(text.strip())


def stacked(upper: Block, lower: Block) -> bool:
    """Whether two headings are lines of one title: the lower right under the upper, overlapping it."""
    gap = lower.bbox[1] - upper.bbox[3]
    overlap = min(upper.bbox[2], lower.bbox[2]) - max(upper.bbox[0], lower.bbox[0])
    return -2.0 <= gap <= STACK_GAP * max(upper.size, lower.size) and overlap > 0


def title_lines(blocks: Sequence[Block], role: str) -> list[Block]:
    """Page 1's blocks of one role that may be lines of the title, top first."""
    return sorted(
        (b for b in blocks if b.page == 1 and b.role == role and is_title_line(b.text)), key=lambda b: b.bbox[1]
    )


def masthead_title(blocks: Sequence[Block]) -> str | None:
    """The largest title-like heading of page 1, with the headings stacked right above and below it.

    A masthead set over several lines ("Haiti" / "Tropical Storm" / "Melissa Flash Update No. 1")
    is one title; a box heading ("Highlights"), a web address, an "as of" line or a dateline is no
    part of it. With no such heading, the running header of page 1 is read the same way.
    """
    headings = title_lines(blocks, "heading") or title_lines(blocks, "header")
    if not headings:
        return None
    anchor = max(headings, key=lambda b: b.size)
    at = headings.index(anchor)
    first = last = at
    while first > 0 and stacked(headings[first - 1], headings[first]):
        first -= 1
    while last + 1 < len(headings) and stacked(headings[last], headings[last + 1]):
        last += 1
    return " ".join(" ".join(b.text.split()) for b in headings[first : last + 1])


def printed_on_first_page(title: str, blocks: Sequence[Block]) -> bool:
    """Whether page 1's text holds the title, words in order (line breaks and punctuation aside)."""
    page = folded(" ".join(b.text for b in blocks if b.page == 1))
    wanted = folded(title)
    return bool(wanted) and wanted in page


def document_title(metadata: str | None, blocks: Sequence[Block]) -> str | None:
    """The metadata title when page 1 prints it, else the masthead heading, else the metadata title."""
    if metadata is not None and printed_on_first_page(metadata, blocks):
        return metadata
    return masthead_title(blocks) or metadata
