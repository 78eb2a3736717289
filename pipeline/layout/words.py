"""Words of a page with their font, turned so that rotated text reads left to right like any other.

A page can carry text in more than one direction: a landscape table set on a portrait page, or
a label running up the margin. Each direction is laid out on its own, in a frame where its lines
run left to right and follow one another downwards; every glyph keeps its box on the page, so
the text repaired and mapped later still points at the right place.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pdfplumber.utils.text import WordExtractor

from pipeline.layout.glyphs import PageObjects
from pipeline.layout.textmap import Box

UNKNOWN_GLYPH = "\ufffd"
Direction = Literal["ltr", "ttb", "btt"]
"""How a run of glyphs reads on the page: left to right, top to bottom, or bottom to top."""

BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demi")
# TeX's bold extended faces (CMBX10, SFBX1000, LMRomanDemi...) carry no "bold" in their name.
_TEX_BOLD = re.compile(r"^(cm|sf|ec|tc|lm)[a-z]*bx|^cmb\d")
ITALIC_MARKS = ("italic", "oblique")
# Gap between glyphs (points) above which they belong to different words.
WORD_GAP = 1.5
# Vertical distance (points) between glyph tops still counted as one line.
LINE_TOLERANCE = 2.5
# Spaced-out lettering: at least this many single letters in a row, each at most this share of
# the font size from the next, spell words; a gap this many times the usual one is a word space.
LETTER_SPACED_RUN = 4
LETTER_GAP = 0.6
LETTER_SPACING_BREAK = 1.6


@dataclasses.dataclass(frozen=True)
class Word:
    """A word: its glyphs' text, its box in the reading frame and each glyph's box on the page.

    Attributes:
        text: The glyphs as the PDF has them, one character per glyph (ligatures not expanded).
        x0: Left edge in the reading frame.
        top: Top edge in the reading frame.
        x1: Right edge in the reading frame.
        bottom: Bottom edge in the reading frame.
        size: Font size in points, rounded to 0.01.
        bold: Set in a bold (or heavier) face.
        italic: Set in an italic or oblique face.
        char_boxes: Page box of each glyph, parallel to `text`.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    char_boxes: tuple[Box, ...]

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclasses.dataclass(frozen=True)
class PageText:
    """The words of one page in one reading direction.

    Attributes:
        page: 1-based page number.
        direction: Reading direction of these words on the page.
        width: Width of the reading frame (the page's height for vertical text).
        height: Height of the reading frame.
        words: The words, in no particular order.
        markers: Footnote and reference markers kept out of `words`, with their page boxes
            (see `footnote_markers`).
    """

    page: int
    direction: Direction
    width: float
    height: float
    words: tuple[Word, ...]
    markers: tuple[Word, ...] = ()


@functools.lru_cache(maxsize=256)
def fontname_is_bold(fontname: str) -> bool:
    """Whether a PDF font name ("ABCDEF+Helvetica-Bold") names a bold or heavier face."""
    name = fontname.split("+")[-1].lower()
    return any(mark in name for mark in BOLD_MARKS) or bool(_TEX_BOLD.match(name))


@functools.lru_cache(maxsize=256)
def fontname_is_italic(fontname: str) -> bool:
    """Whether a PDF font name names an italic or oblique face."""
    name = fontname.split("+")[-1].lower()
    return any(mark in name for mark in ITALIC_MARKS)


def char_direction(char: dict[str, Any]) -> Direction:
    """Reading direction of one glyph, from its text matrix.

    Upside-down text counts as left to right: it is rare, and its glyph order is still usable.
    """
    if char["upright"]:
        return "ltr"
    matrix = char.get("matrix") or (1, 0, 0, 1)
    # PDF space has y going up, so a glyph advancing along -y reads down the page.
    return "ttb" if matrix[1] < 0 else "btt"


def frame_size(direction: Direction, width: float, height: float) -> tuple[float, float]:
    """Width and height of the reading frame of a page for one direction."""
    return (width, height) if direction == "ltr" else (height, width)


def box_to_frame(box: Box, direction: Direction, width: float, height: float) -> Box:
    """A page box in the reading frame, where lines run left to right and stack downwards.

    Text reading down the page has its lines stacked right to left (a page turned clockwise);
    text reading up has them left to right.
    """
    x0, top, x1, bottom = box
    if direction == "ttb":
        return (top, width - x1, bottom, width - x0)
    if direction == "btt":
        return (height - bottom, x0, height - top, x1)
    return box


def _framed_chars(
    chars: Iterable[dict[str, Any]], direction: Direction, width: float, height: float
) -> list[dict[str, Any]]:
    """Copies of the glyphs with frame coordinates and the page box kept aside."""
    framed = []
    for char in chars:
        page_box = (float(char["x0"]), float(char["top"]), float(char["x1"]), float(char["bottom"]))
        x0, top, x1, bottom = box_to_frame(page_box, direction, width, height)
        framed.append(
            {
                "text": char["text"],
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "upright": True,
                # pdfminer gives a rotated glyph's advance as its size; the glyph's extent across
                # the line is what an upright glyph's size measures.
                "size": bottom - top,
                "fontname": char["fontname"],
                "page_box": page_box,
            }
        )
    return framed


def chars_to_words(chars: Sequence[dict[str, Any]]) -> list[Word]:
    """Group upright glyphs (frame coordinates) into words.

    Ligatures are not expanded here so that every character keeps exactly one glyph box; the
    repair step expands them onto that box.
    """
    extractor = WordExtractor(
        x_tolerance=WORD_GAP,
        y_tolerance=LINE_TOLERANCE,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
        expand_ligatures=False,
    )
    words = []
    for item, glyphs in extractor.iter_extract_tuples(chars):
        if not glyphs:
            continue
        fontname = item["fontname"]
        texts = [glyph_text(g["text"]) for g in glyphs]
        words.append(
            Word(
                text="".join(texts),
                x0=float(item["x0"]),
                top=float(item["top"]),
                x1=float(item["x1"]),
                bottom=float(item["bottom"]),
                size=round(float(item["size"]), 2),
                bold=fontname_is_bold(fontname),
                italic=fontname_is_italic(fontname),
                char_boxes=tuple(
                    box for g, text in zip(glyphs, texts, strict=False) for box in [_page_box(g)] * len(text)
                ),
            )
        )
    return merge_letter_spaced(words)


def glyph_text(text: str) -> str:
    """A glyph's text; a glyph the font does not map to Unicode ("(cid:127)") is U+FFFD.

    One glyph can stand for several characters (a ligature decoded as "fi"); each of them then
    gets the glyph's box.
    """
    return UNKNOWN_GLYPH if text.startswith("(cid:") else text


def _page_box(glyph: dict[str, Any]) -> Box:
    box = glyph.get("page_box")
    if box is not None:
        return box
    return (float(glyph["x0"]), float(glyph["top"]), float(glyph["x1"]), float(glyph["bottom"]))


def page_texts(page: PageObjects) -> list[PageText]:
    """The words of a page, one `PageText` per reading direction, the most used direction first."""
    by_direction: dict[Direction, list[dict[str, Any]]] = {}
    for char in page.chars:
        # Spaces stay in: the word extractor splits at them even where glyphs nearly touch.
        by_direction.setdefault(char_direction(char), []).append(char)
    texts = []
    for direction, chars in sorted(by_direction.items(), key=lambda item: -len(item[1])):
        width, height = frame_size(direction, float(page.width), float(page.height))
        if direction != "ltr":
            chars = _framed_chars(chars, direction, float(page.width), float(page.height))
        words = chars_to_words(chars)
        texts.append(PageText(page.page_number, direction, width, height, tuple(words)))
    return texts


def _merge(run: Sequence[Word]) -> Word:
    return Word(
        text="".join(w.text for w in run),
        x0=run[0].x0,
        top=min(w.top for w in run),
        x1=run[-1].x1,
        bottom=max(w.bottom for w in run),
        size=run[0].size,
        bold=run[0].bold,
        italic=run[0].italic,
        char_boxes=tuple(box for w in run for box in w.char_boxes),
    )


def _split_run(run: Sequence[Word]) -> list[list[Word]]:
    """A run of spaced-out letters cut where a word space (a wider gap) falls."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
    usual = sorted(gaps)[len(gaps) // 2]
    parts: list[list[Word]] = [[run[0]]]
    for gap, word in zip(gaps, run[1:], strict=False):
        if gap > LETTER_SPACING_BREAK * max(usual, 0.5):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def merge_letter_spaced(words: Sequence[Word]) -> list[Word]:
    """Join words spelled out in spaced letters ("M I L E S T O N E S") back into words.

    Args:
        words: Words in extraction order (line by line, left to right).

    Returns:
        The words, with each run of at least `LETTER_SPACED_RUN` single letters set at an even,
        narrow spacing merged into the words it spells.
    """
    merged: list[Word] = []
    run: list[Word] = []

    def flush() -> None:
        if len(run) >= LETTER_SPACED_RUN:
            merged.extend(_merge(part) for part in _split_run(run))
        else:
            merged.extend(run)
        run.clear()

    for word in words:
        single = len(word.text) == 1 and word.text.isalnum()
        close = bool(run) and abs(word.top - run[-1].top) <= 1.0 and 0 <= word.x0 - run[-1].x1 <= LETTER_GAP * word.size
        if single and (not run or close):
            run.append(word)
            continue
        flush()
        if single:
            run.append(word)
        else:
            merged.append(word)
    flush()
    return merged
