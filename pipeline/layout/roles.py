"""Roles of paragraphs: heading, body, sidebar, caption or list item, from type and position.

Type is judged against the document's body text: a heading is larger, or short and set all in
bold (or all in italic when the body is roman) without ending like a sentence. A caption names
its figure ("Figure 7-26.") or is a short, smaller or italic line next to a picture or inside a
figure's frame. Body-like text inside a sidebar panel is a sidebar.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extractors.dates.words import MONTH_NAMES
from pipeline.layout.frames import FrameKind
from pipeline.layout.paragraphs import Line, is_list_marker
from pipeline.layout.textmap import Box
from schemas.blocks import Role

_CAPTION_START = re.compile(r"^(figure|fig\.|photo|picture|image|table|chart|map|source)\s*[\w.:-]*", re.IGNORECASE)
_DATELINE = re.compile(
    r"\b(issue|vol\.?|volume|no\.|number|edition|nº|№)\s*\d" rf"|\b({'|'.join(MONTH_NAMES)})\s+\d{{4}}\b",
    re.IGNORECASE,
)
SENTENCE_STOP = (".", ";", ",", "!", "?")

FURNITURE_ROLES: frozenset[Role] = frozenset({"header", "footer"})
"""Page furniture: running headers and footers, never part of an article's text."""
PROSE_ROLES: frozenset[Role] = frozenset({"body", "sidebar", "list_item"})
"""Roles whose text runs on from block to block: a sentence may cross a column or page break."""
TEXT_ROLES: frozenset[Role] = PROSE_ROLES | {"caption"}
"""Roles of running text, whose words may break across consecutive blocks."""
DATELINE_WORDS = 16


@dataclasses.dataclass(frozen=True)
class RoleSettings:
    """Thresholds of role classification.

    Attributes:
        heading_ratio: A block whose font is this much larger than the body font is a heading.
        heading_chars: Longest text a heading may have.
        heading_lines: Most lines a heading made by weight or slant alone may have.
        caption_ratio: A short block whose font is at most this share of the body font, next to
            a picture, is a caption.
        caption_lines: Most lines a caption without a "Figure" label may have.
        picture_gap: Largest distance (points) between a caption and its picture.
    """

    heading_ratio: float = 1.18
    heading_chars: int = 200
    heading_lines: int = 3
    caption_ratio: float = 0.95
    caption_lines: int = 4
    picture_gap: float = 14.0


@dataclasses.dataclass(frozen=True)
class Typeface:
    """What the document's body text looks like."""

    size: float
    italic: bool = False


def block_text(lines: Sequence[Line]) -> str:
    return " ".join(line.text for line in lines)


def _size(lines: Sequence[Line]) -> float:
    sizes = sorted(w.size for line in lines for w in line.words)
    return sizes[len(sizes) // 2]


def is_heading(lines: Sequence[Line], body: Typeface, settings: RoleSettings) -> bool:
    """Larger than the body text, or all bold (or all italic) and not shaped like a sentence."""
    text = block_text(lines).strip()
    if not text or len(text) > settings.heading_chars or not any(ch.isalpha() for ch in text):
        return False
    if _size(lines) >= body.size * settings.heading_ratio:
        return len(lines) <= 2 * settings.heading_lines
    if len(lines) > settings.heading_lines or text.endswith(SENTENCE_STOP):
        return False
    if all(line.bold for line in lines):
        return True
    return not body.italic and all(line.italic for line in lines) and len(text) <= 80 and not _CAPTION_START.match(text)


def is_caption(lines: Sequence[Line], body: Typeface, near_picture: bool, settings: RoleSettings) -> bool:
    """A figure label, or a short, smaller or italic block beside a picture."""
    text = block_text(lines).strip()
    if _CAPTION_START.match(text) and re.match(r"^\S+\s*\d", text):
        return True
    if len(lines) > settings.caption_lines or not near_picture:
        return False
    smaller = _size(lines) <= body.size * settings.caption_ratio
    return smaller or all(line.italic for line in lines)


def is_dateline(lines: Sequence[Line]) -> bool:
    """An issue line of a masthead: one short line with an issue number or a month and year.

    "Issue 7 · March 2018", "Vol. 3, No. 2", "UNODC Programme Office in Kyrgyzstan · 15 June
    2020"; a sentence ending in a full stop is not one.
    """
    text = block_text(lines).strip()
    return (
        len(lines) == 1
        and sum(1 for word in text.split() if any(ch.isalnum() for ch in word)) <= DATELINE_WORDS  # "·" is no word
        and not text.endswith(SENTENCE_STOP)
        and bool(_DATELINE.search(text))
    )


def classify(
    lines: Sequence[Line],
    body: Typeface,
    frame: FrameKind | None,
    near_picture: bool,
    settings: RoleSettings | None = None,
) -> Role:
    """Role of one paragraph.

    Args:
        lines: The paragraph's lines.
        body: The document's body typeface.
        frame: Kind of panel the paragraph sits in, or None.
        near_picture: Whether a picture lies right above or below it.
        settings: Thresholds (defaults when None).

    Returns:
        heading, list_item, caption, sidebar or body (furniture is found across pages, elsewhere).
    """
    settings = settings or RoleSettings()
    if frame == "figure":
        return "caption"
    if is_heading(lines, body, settings):
        return "heading"
    if is_list_marker(lines[0].text):
        return "list_item"
    if is_caption(lines, body, near_picture, settings):
        return "caption"
    return "sidebar" if frame == "sidebar" else "body"


def near_picture(box: Box, pictures: Sequence[Box], gap: float) -> bool:
    """Whether a picture overlapping the block horizontally ends or starts within `gap` of it."""
    for picture in pictures:
        if min(box[2], picture[2]) - max(box[0], picture[0]) <= 0:
            continue
        if 0 <= box[1] - picture[3] <= gap or 0 <= picture[1] - box[3] <= gap:
            return True
    return False
