"""Page layout: pdfplumber words into blocks in the order a person reads them.

Regions are split recursively (an XY-cut): a page region is cut at a vertical gutter that runs
through all of it, or else into horizontal strips; consecutive strips that share a gutter are
merged again so that two columns whose paragraph gaps happen to line up are not read across.
Leaves of the cut are one column of text; their lines become paragraphs, which become blocks.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterator, Sequence

import pdfplumber

from pipeline.blocks import Block
from pipeline.repair import join_lines
from pipeline.textmap import Box, union_boxes
from schemas.blocks import Role


@dataclasses.dataclass(frozen=True)
class Word:
    """A word with the boxes of its glyphs and its font."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    char_boxes: tuple[Box, ...]

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclasses.dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[Word, ...]

    @property
    def box(self) -> Box:
        box = union_boxes(w.box for w in self.words)
        assert box is not None
        return box

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclasses.dataclass(frozen=True)
class LayoutSettings:
    """Thresholds of the layout analysis, in PDF points unless stated.

    Attributes:
        gutter: Narrowest empty vertical band that separates two columns.
        strip_gap: Fraction of the body font size; a horizontal gap at least this tall splits a
            region into strips.
        paragraph_gap: Fraction of the line height; a larger gap between lines starts a new block.
        heading_ratio: A block whose font is this much larger than the body font is a heading.
        margin_band: Fraction of the page height at the top and bottom where running headers and
            footers live.
    """

    gutter: float = 7.0
    strip_gap: float = 0.45
    paragraph_gap: float = 0.55
    heading_ratio: float = 1.18
    margin_band: float = 0.09


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words of a page with font size, weight and glyph boxes."""
    raw = page.extract_words(
        x_tolerance=1.5,
        y_tolerance=2.5,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
        return_chars=True,
    )
    words = []
    for item in raw:
        chars = item["chars"]
        if not chars:
            continue
        words.append(
            Word(
                text=item["text"],
                x0=float(item["x0"]),
                top=float(item["top"]),
                x1=float(item["x1"]),
                bottom=float(item["bottom"]),
                size=round(float(item["size"]), 2),
                bold=is_bold(item["fontname"]),
                char_boxes=tuple(
                    (float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])) for c in chars
                ),
            )
        )
    return words


def is_bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold"))


def body_font_size(words: Sequence[Word]) -> float:
    """The font size most of the text is set in (by number of glyphs)."""
    weights: dict[float, int] = {}
    for word in words:
        weights[word.size] = weights.get(word.size, 0) + len(word.text)
    return max(weights, key=lambda size: weights[size]) if weights else 10.0


# --- region cutting --------------------------------------------------------------------------


def _free_intervals(spans: Sequence[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """Gaps inside [lo, hi] that no span covers, edges included."""
    gaps = []
    cursor = lo
    for start, end in sorted(spans):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        gaps.append((cursor, hi))
    return gaps


def _vertical_gutters(words: Sequence[Word], min_width: float) -> list[tuple[float, float]]:
    """Interior x-bands at least min_width wide crossed by no word."""
    lo = min(w.x0 for w in words)
    hi = max(w.x1 for w in words)
    gaps = _free_intervals([(w.x0, w.x1) for w in words], lo, hi)
    return [g for g in gaps if g[1] - g[0] >= min_width and lo < g[0] and g[1] < hi]


def _strips(words: Sequence[Word], min_gap: float) -> list[list[Word]]:
    """Split words into horizontal strips at empty y-bands at least min_gap tall."""
    ordered = sorted(words, key=lambda w: w.top)
    strips: list[list[Word]] = [[ordered[0]]]
    bottom = ordered[0].bottom
    for word in ordered[1:]:
        if word.top - bottom >= min_gap:
            strips.append([word])
        else:
            strips[-1].append(word)
        bottom = max(bottom, word.bottom)
    return strips


def _strip_gaps(strip: Sequence[Word], lo: float, hi: float, min_width: float) -> list[tuple[float, float]]:
    gaps = _free_intervals([(w.x0, w.x1) for w in strip], lo, hi)
    return [g for g in gaps if g[1] - g[0] >= min_width]


def _share_gutter(
    upper: list[tuple[float, float]], lower: list[tuple[float, float]], lo: float, hi: float, min_width: float
) -> bool:
    """Whether two strips have an x-band, not both at the page edge, that is empty in each."""
    for a0, a1 in upper:
        for b0, b1 in lower:
            start, end = max(a0, b0), min(a1, b1)
            if end - start >= min_width and (start > lo or end < hi) and not (a0 <= lo and b0 <= lo):
                return True
    return False


def cut_regions(words: Sequence[Word], settings: LayoutSettings, body_size: float) -> list[list[Word]]:
    """Recursively cut the words into single-column regions, in reading order."""
    if not words:
        return []
    gutters = _vertical_gutters(words, settings.gutter)
    if gutters:
        return _cut_columns(words, gutters, settings, body_size)
    lo = min(w.x0 for w in words)
    hi = max(w.x1 for w in words)
    strips = _strips(words, settings.strip_gap * body_size)
    if len(strips) == 1:
        return [list(words)]
    groups: list[list[Word]] = [strips[0]]
    previous_gaps = _strip_gaps(strips[0], lo, hi, settings.gutter)
    for strip in strips[1:]:
        gaps = _strip_gaps(strip, lo, hi, settings.gutter)
        if _share_gutter(previous_gaps, gaps, lo, hi, settings.gutter):
            groups[-1].extend(strip)
            previous_gaps = [
                (max(a0, b0), min(a1, b1)) for a0, a1 in previous_gaps for b0, b1 in gaps if min(a1, b1) > max(a0, b0)
            ]
        else:
            groups.append(strip)
            previous_gaps = gaps
    if len(groups) == 1:
        if _vertical_gutters(groups[0], settings.gutter):
            return cut_regions(groups[0], settings, body_size)
        return [list(words)]
    regions: list[list[Word]] = []
    for group in groups:
        regions.extend(cut_regions(group, settings, body_size))
    return regions


def _cut_columns(
    words: Sequence[Word], gutters: list[tuple[float, float]], settings: LayoutSettings, body_size: float
) -> list[list[Word]]:
    edges = [g[0] for g in gutters]
    columns: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for word in words:
        index = sum(1 for edge in edges if word.x0 >= edge)
        columns[index].append(word)
    regions: list[list[Word]] = []
    for column in columns:
        regions.extend(cut_regions(column, settings, body_size))
    return regions


# --- lines and paragraphs --------------------------------------------------------------------


def region_lines(words: Sequence[Word]) -> list[Line]:
    """Group a single-column region's words into lines, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            last = lines[-1]
            top = min(w.top for w in last)
            bottom = max(w.bottom for w in last)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                last.append(word)
                continue
        lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def split_paragraphs(lines: Sequence[Line], settings: LayoutSettings, body_size: float) -> list[list[Line]]:
    """Start a new paragraph at a wide gap, a change of font size or weight, or a bullet."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not _starts_paragraph(paragraphs[-1][-1], line, settings, body_size):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


BULLETS = ("•", "●", "▪", "■", "◦", "‣", "–", "-", "*")


def is_list_marker(text: str) -> bool:
    head = text.lstrip()
    return head[:1] in BULLETS and head[1:2] == " " or head[:1] in BULLETS[:6]


def _starts_paragraph(previous: Line, line: Line, settings: LayoutSettings, body_size: float) -> bool:
    gap = line.box[1] - previous.box[3]
    height = previous.box[3] - previous.box[1]
    if gap > settings.paragraph_gap * max(height, body_size):
        return True
    if abs(line.size - previous.size) > 0.15 * body_size:
        return True
    if _line_bold(line) != _line_bold(previous):
        return True
    return is_list_marker(line.text)


def _line_bold(line: Line) -> bool:
    return sum(len(w.text) for w in line.words if w.bold) * 2 > sum(len(w.text) for w in line.words)


# --- roles -----------------------------------------------------------------------------------


def classify(lines: Sequence[Line], page: pdfplumber.page.Page, frames: Sequence[Box], settings: LayoutSettings, body_size: float) -> Role:
    """Role of a paragraph from its size, weight, position and any frame around it."""
    box = union_boxes(line.box for line in lines)
    assert box is not None
    text = " ".join(line.text for line in lines)
    size = statistics.median(line.size for line in lines)
    in_margin = box[3] < page.height * settings.margin_band or box[1] > page.height * (1 - settings.margin_band)
    if in_margin and len(lines) <= 2 and size <= body_size * 1.05:
        return "footer" if box[1] > page.height / 2 else "header"
    if any(_inside(box, frame) for frame in frames):
        return "sidebar"
    if size >= body_size * settings.heading_ratio and len(text) < 200:
        return "heading"
    if all(_line_bold(line) for line in lines) and len(lines) <= 3 and not text.rstrip().endswith("."):
        return "heading"
    if is_list_marker(text):
        return "list_item"
    if size <= body_size * 0.85 and len(lines) <= 3:
        return "caption"
    return "body"


def _inside(box: Box, frame: Box, slack: float = 2.0) -> bool:
    return (
        box[0] >= frame[0] - slack
        and box[1] >= frame[1] - slack
        and box[2] <= frame[2] + slack
        and box[3] <= frame[3] + slack
    )


def page_frames(page: pdfplumber.page.Page) -> list[Box]:
    """Drawn boxes and shaded panels big enough to hold a sidebar."""
    frames = []
    for rect in page.rects:
        width, height = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if width > 40 and height > 20 and width < page.width * 0.95:
            frames.append((float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"])))
    return frames


# --- the page --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RawBlock:
    """A block before sections are assigned: the layout of one page knows no articles."""

    page: int
    index: int
    role: Role
    lines: tuple[Line, ...]

    @property
    def box(self) -> Box:
        box = union_boxes(line.box for line in self.lines)
        assert box is not None
        return box

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def iter_page_blocks(
    page: pdfplumber.page.Page, words: Sequence[Word], body_size: float, settings: LayoutSettings
) -> Iterator[RawBlock]:
    """Blocks of one page in reading order, with roles but without sections."""
    frames = page_frames(page)
    index = 0
    for region in cut_regions(words, settings, body_size):
        for paragraph in split_paragraphs(region_lines(region), settings, body_size):
            index += 1
            role = classify(paragraph, page, frames, settings, body_size)
            yield RawBlock(page=page.page_number, index=index, role=role, lines=tuple(paragraph))


def document_blocks(pdf: pdfplumber.PDF, settings: LayoutSettings | None = None) -> list[Block]:
    """Every block of the document, in reading order, with sections assigned."""
    settings = settings or LayoutSettings()
    all_words = [page_words(page) for page in pdf.pages]
    body_size = body_font_size([w for words in all_words for w in words])
    raw = [
        block
        for page, words in zip(pdf.pages, all_words)
        for block in iter_page_blocks(page, words, body_size, settings)
    ]
    return assign_sections(raw)


def assign_sections(raw: Sequence[RawBlock]) -> list[Block]:
    """Carry the latest headline forward, across pages, to every block below it."""
    blocks = []
    section: str | None = None
    for item in raw:
        textmap = join_lines([[w for w in line.words] for line in item.lines])
        if item.role == "heading":
            section = textmap.text
        block_section = None if item.role in ("header", "footer") else section
        sizes = [w.size for line in item.lines for w in line.words]
        blocks.append(
            Block(
                id=f"p{item.page}-b{item.index}",
                page=item.page,
                bbox=item.box,
                role=item.role,
                section=block_section,
                textmap=textmap,
                size=statistics.median(sizes),
                bold=all(_line_bold(line) for line in item.lines),
            )
        )
    return blocks
