"""Running headers and footers: page furniture that must never enter the text of an article.

A line at the top or bottom edge of the text of a page, set apart from the rest, is furniture
when it is a page number ("7-45", "Page 2 of 4", a title with the number flush right), when
the same text (numbers aside) comes back at the same height on other pages, or when it is a
short line at the top set smaller than the body text (a running title on the only page after
the first). One page that
merely starts with a short line is not enough: the only line of a one-page document stays body.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Literal

from pipeline.layout.paragraphs import Line, region_lines
from pipeline.layout.words import Word

Furniture = Literal["header", "footer"]

_PAGE_NUMBER = re.compile(
    r"^(page|p\.|seite|página|стр\.?)?\s*[-–—]?\s*(\d{1,4}|[ivxlc]{1,6})(\s*[-–]\s*\d{1,4})?"
    r"(\s*(of|/|из|de)\s*\d{1,4})?\s*[-–—]?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# How far (points) a repeated line may drift between pages and still be the same furniture.
SAME_PLACE = 4.0
# Candidate lines at each end of a page; a header can be two lines (title, then date).
EDGE_LINES = 2
# Gap between a candidate line and the next line inward, as a share of its height.
SET_APART = 0.8
# A running title is set at least this much (points) smaller than the body, in so many words.
SMALLER = 0.5
RUNNING_TITLE_WORDS = 15
# A page number standing apart at the start or end of a title line, in multiples of its size.
NUMBER_GAP = 2.0


@dataclasses.dataclass(frozen=True)
class EdgeLine:
    """A line at the top or bottom edge of a page's text."""

    page: int
    line: Line
    at_top: bool

    @property
    def key(self) -> str:
        """The text with numbers blanked out, so "Page 2" and "Page 3" match."""
        return _DIGITS.sub("#", " ".join(self.line.text.split()).lower())


def is_page_number(text: str) -> bool:
    """Whether a line's text is a page number ("7", "7-45", "- 7 -", "Page 2 of 4", "iv")."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def _numbered_title(line: Line) -> bool:
    """A title with a page number set well apart at its start or end ("Tokenization ... 9")."""
    words = line.words
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    gap = NUMBER_GAP * line.size
    return (is_page_number(last.text) and last.x0 - words[-2].x1 >= gap) or (
        is_page_number(first.text) and words[1].x0 - first.x1 >= gap
    )


def edge_lines(page: int, words: Sequence[Word]) -> list[EdgeLine]:
    """The top and bottom lines of a page's text that stand apart from the lines inward of them."""
    lines = region_lines(words)
    if len(lines) < 2:
        return []
    found = []
    for index in range(min(EDGE_LINES, len(lines) - 1)):
        line, inner = lines[index], lines[index + 1]
        if inner.box[1] - line.box[3] < SET_APART * (line.box[3] - line.box[1]):
            break
        found.append(EdgeLine(page, line, True))
    for index in range(min(EDGE_LINES, len(lines) - 1)):
        line, inner = lines[-1 - index], lines[-2 - index]
        if line.box[1] - inner.box[3] < SET_APART * (line.box[3] - line.box[1]):
            break
        found.append(EdgeLine(page, line, False))
    return found


@dataclasses.dataclass(frozen=True)
class EdgeSummary:
    """What deciding whether an edge line is furniture needs, without its words.

    A long document keeps one of these per edge line across the whole document, not the lines.

    Attributes:
        page: 1-based page number.
        index: Position among the page's edge lines (as `edge_lines` lists them).
        at_top: At the top edge (else the bottom).
        key: The text with numbers blanked out.
        top: Top of the line on the page.
        numbered: The line is a page number, or a title with one set well apart.
        size: Font size of the line.
        short_title: Few words, and no full stop at the end (a running title's shape).
    """

    page: int
    index: int
    at_top: bool
    key: str
    top: float
    numbered: bool
    size: float
    short_title: bool


def summarize_edges(page: int, words: Sequence[Word]) -> list[EdgeSummary]:
    """The edge lines of one page, summarized for `furniture_marks`."""
    summaries = []
    for index, edge in enumerate(edge_lines(page, words)):
        text = edge.line.text.strip()
        summaries.append(
            EdgeSummary(
                page=page,
                index=index,
                at_top=edge.at_top,
                key=edge.key,
                top=edge.line.box[1],
                numbered=is_page_number(edge.line.text) or _numbered_title(edge.line),
                size=edge.line.size,
                short_title=len(text.split()) <= RUNNING_TITLE_WORDS and not text.endswith("."),
            )
        )
    return summaries


def _repeated(candidate: EdgeSummary, same_key: Sequence[EdgeSummary]) -> bool:
    return any(other.page != candidate.page and abs(other.top - candidate.top) <= SAME_PLACE for other in same_key)


def _small_running_title(edge: EdgeSummary, body_size: float) -> bool:
    """A short line set smaller than the body at the top edge of a page: a running title.

    Only the top edge: a small line at the foot of a page may be a footnote, which is text.
    """
    return edge.at_top and edge.size < body_size - SMALLER and edge.short_title


def furniture_marks(
    candidates: Sequence[EdgeSummary], body_size: float | None = None
) -> dict[int, list[tuple[int, Furniture]]]:
    """Which edge lines of each page are running headers or footers.

    Args:
        candidates: The edge lines of every page (`summarize_edges`).
        body_size: Font size of the document's body text; when given, a short line in a smaller
            size that stands apart at the top of a page is a running title even if no other page
            repeats it.

    Returns:
        For each page number, (index among its edge lines, role) of its furniture lines.
    """
    by_key: dict[str, list[EdgeSummary]] = {}
    for edge in candidates:
        by_key.setdefault(edge.key, []).append(edge)
    marks: dict[int, list[tuple[int, Furniture]]] = {}
    for edge in candidates:
        if (
            edge.numbered
            or _repeated(edge, by_key[edge.key])
            or (body_size is not None and _small_running_title(edge, body_size))
        ):
            marks.setdefault(edge.page, []).append((edge.index, "header" if edge.at_top else "footer"))
    return marks


def marked_lines(
    page: int, words: Sequence[Word], marks: Sequence[tuple[int, Furniture]]
) -> list[tuple[Line, Furniture]]:
    """The furniture lines of a page, from its words and its marks."""
    if not marks:
        return []
    edges = edge_lines(page, words)
    return [(edges[index].line, role) for index, role in marks]


def find_furniture(
    pages: Sequence[tuple[int, Sequence[Word]]], body_size: float | None = None
) -> dict[int, list[tuple[Line, Furniture]]]:
    """Running headers and footers of each page.

    Args:
        pages: (page number, words of the page in its main reading direction) for every page.
        body_size: See `furniture_marks`.

    Returns:
        For each page number, its furniture lines with their role.
    """
    candidates = [edge for number, words in pages for edge in summarize_edges(number, words)]
    marks = furniture_marks(candidates, body_size)
    return {number: marked_lines(number, words, marks[number]) for number, words in pages if number in marks}
