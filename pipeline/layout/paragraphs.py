"""Lines and paragraphs of one single-column region.

A region (one column of one band of a page) is read top to bottom. Its words form lines, and
lines form paragraphs: a paragraph ends at a gap taller than the column's line spacing, at a
change of font size or of an all-bold line, at a list marker, or at a first-line indent after a
finished sentence.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import statistics
from collections.abc import Sequence

from pipeline.layout.textmap import Box
from pipeline.layout.words import Word

# U+FFFD is a glyph without a Unicode mapping: alone at a line start, it is a bullet whose
# font did not say what it is.
BULLETS = frozenset("•●▪■◦‣○□➢►▶✓✔\ufffd")
# Marks that are bullets at a list's start but also occur inside running text.
WEAK_BULLETS = frozenset("-–—*·")
_NUMBERED = re.compile(r"^(\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])$")
SENTENCE_END = (".", "!", "?", ":", '"', "\u201d", "'")


@dataclasses.dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right.

    Its measures are computed once: layout asks for them many times.
    """

    words: tuple[Word, ...]

    @functools.cached_property
    def box(self) -> Box:
        return (
            min(w.x0 for w in self.words),
            min(w.top for w in self.words),
            max(w.x1 for w in self.words),
            max(w.bottom for w in self.words),
        )

    @functools.cached_property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @functools.cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @functools.cached_property
    def bold(self) -> bool:
        """Every word is bold: a bold lead-in on a body line does not make the line bold."""
        return all(w.bold for w in self.words)

    @functools.cached_property
    def italic(self) -> bool:
        return all(w.italic for w in self.words)


@dataclasses.dataclass(frozen=True)
class ParagraphSettings:
    """Thresholds of paragraph splitting.

    Attributes:
        gap: A gap between lines larger than this share of the column's usual gap plus the
            line height starts a new paragraph.
        size_change: A change of font size larger than this share of the body size does too.
        indent: A first line indented by at least this share of the font size, after a line
            that ends a sentence, does too.
    """

    gap: float = 0.55
    size_change: float = 0.15
    indent: float = 0.8


def region_lines(words: Sequence[Word]) -> list[Line]:
    """Group a single-column region's words into lines, top to bottom.

    A word joins the current line when it overlaps the line vertically by half the smaller
    height, so superscripts and slightly shifted glyphs stay on their line.
    """
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                lines[-1].append(word)
                top, bottom = min(top, word.top), max(bottom, word.bottom)
                continue
        lines.append([word])
        top, bottom = word.top, word.bottom
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def is_list_marker(text: str) -> bool:
    """Whether a line's first word is a bullet or an item number ("•", "–", "1.", "b)")."""
    first = text.split(" ", 1)[0] if text else ""
    return bool(first) and (is_bullet(first) or _is_weak_marker(first))


def is_bullet(first: str) -> bool:
    """Whether a line's first word is a bullet glyph (an unmapped glyph only when alone)."""
    return first[:1] in BULLETS and (len(first) == 1 or first[0] != "\ufffd")


def _is_weak_marker(first: str) -> bool:
    return _marker_kind(first) is not None


def _marker_kind(first: str) -> str | None:
    """What kind of item marker a first word is: the dash itself, "number", or None."""
    if first in WEAK_BULLETS:
        return first
    return "number" if _NUMBERED.match(first) else None


def _starts_item(paragraph: Sequence[Line], line: Line) -> bool:
    """A bullet always starts an item; a dash or number only where an item can start.

    That is after a line that can end an item, or inside a list whose items start with the same
    kind of marker. A dash or a small number at the start of a line inside a running sentence
    ("... in Osh – and ...") is not a list marker.
    """
    first = line.text.split(" ", 1)[0]
    if not first:
        return False
    if is_bullet(first):
        return True
    kind = _marker_kind(first)
    if kind is None:
        return False
    if _marker_kind(paragraph[0].text.split(" ", 1)[0]) == kind:
        return True
    text = paragraph[-1].text.rstrip()
    return text.endswith((*SENTENCE_END, ";", ",")) or not text[-1:].isalpha()


def split_paragraphs(
    lines: Sequence[Line], body_size: float, settings: ParagraphSettings | None = None
) -> list[list[Line]]:
    """Cut a region's lines into paragraphs.

    Args:
        lines: The region's lines, top to bottom.
        body_size: Font size of the document's body text.
        settings: Thresholds (defaults when None).

    Returns:
        The paragraphs, each a list of consecutive lines.
    """
    settings = settings or ParagraphSettings()
    usual_gap = _usual_gap(lines)
    left = min((line.box[0] for line in lines), default=0.0)
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not _starts_paragraph(paragraphs[-1], line, usual_gap, left, body_size, settings):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _usual_gap(lines: Sequence[Line]) -> float | None:
    """The most common gap between consecutive lines of the same size: the line spacing."""
    gaps = [
        round(b.box[1] - a.box[3], 1)
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) < 0.5 and b.box[1] > a.box[3] - 1
    ]
    if len(gaps) < 2:
        return None
    return min(statistics.multimode(gaps))


def _starts_paragraph(
    paragraph: Sequence[Line],
    line: Line,
    usual_gap: float | None,
    left: float,
    body_size: float,
    settings: ParagraphSettings,
) -> bool:
    previous = paragraph[-1]
    gap = line.box[1] - previous.box[3]
    height = max(previous.box[3] - previous.box[1], line.box[3] - line.box[1])
    limit = settings.gap * max(height, body_size)
    if usual_gap is not None:
        limit = max(usual_gap, 0.0) + settings.gap * 0.5 * max(height, body_size)
    if gap > limit:
        return True
    if abs(line.size - previous.size) > settings.size_change * body_size:
        return True
    if previous.bold != line.bold or previous.italic != line.italic:
        return True
    if _starts_item(paragraph, line):
        return True
    return _indented_start(paragraph, previous, line, left, settings)


def _indented_start(
    paragraph: Sequence[Line], previous: Line, line: Line, left: float, settings: ParagraphSettings
) -> bool:
    """A first-line indent after a finished sentence, outside a list item's hanging indent."""
    if is_list_marker(paragraph[0].text):
        return False
    indent = line.box[0] - left
    at_margin = previous.box[0] - left < 1.0
    return (
        at_margin
        and settings.indent * line.size <= indent <= 4 * line.size
        and previous.text.rstrip().endswith(SENTENCE_END)
    )
