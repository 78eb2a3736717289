"""A text block: the unit of layout, with its text, role, section and per-character boxes."""

from __future__ import annotations

import dataclasses
import statistics

from pipeline.layout.paragraphs import Line
from pipeline.layout.textmap import Box, TextMap, round_box_outward, union_boxes
from schemas.blocks import BlockLine, Role


@dataclasses.dataclass(frozen=True)
class PageBlock:
    """A paragraph as the layout of one page finds it: lines and a role, but no article yet.

    Attributes:
        page: 1-based page number.
        lines: Its lines, top to bottom, in the reading frame of its words.
        role: heading, body, sidebar, caption, header, footer or list_item.
    """

    page: int
    lines: tuple[Line, ...]
    role: Role

    @property
    def box(self) -> Box:
        """Box in the reading frame, where reading-order geometry is decided."""
        box = union_boxes(line.box for line in self.lines)
        assert box is not None
        return box

    @property
    def page_box(self) -> Box:
        """Box on the page: the union of its glyphs' boxes."""
        box = union_boxes(b for line in self.lines for w in line.words for b in w.char_boxes)
        assert box is not None
        return box

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        return statistics.median(w.size for line in self.lines for w in line.words)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


@dataclasses.dataclass(frozen=True)
class Block:
    """One paragraph-like run of text on one page.

    Attributes:
        id: "p<page>-b<n>", n counting blocks of the page in reading order from 1.
        page: 1-based page number.
        bbox: Box covering the block's glyphs.
        role: heading, body, sidebar, caption, header, footer or list_item.
        section: Headline of the article the block belongs to.
        textmap: Repaired text and the glyph box behind each character.
        size: Median font size of the block's glyphs, in points.
        bold: Whether most glyphs are set in a bold face.
    """

    id: str
    page: int
    bbox: Box
    role: Role
    section: str | None
    textmap: TextMap
    size: float = 0.0
    bold: bool = False

    @property
    def text(self) -> str:
        return self.textmap.text

    def to_line(self, doc_id: str) -> BlockLine:
        """The contract's `block` line for this block."""
        return BlockLine(
            doc_id=doc_id,
            page=self.page,
            id=self.id,
            bbox=round_box_outward(self.bbox),
            role=self.role,
            section=self.section,
            text=self.text,
        )
