"""A text block: the unit of layout, with its text, role, section and per-character boxes."""

from __future__ import annotations

import dataclasses

from pipeline.textmap import Box, TextMap
from schemas.blocks import BlockLine, Role


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
            bbox=tuple(round(v, 2) for v in self.bbox),
            role=self.role,
            section=self.section,
            text=self.text,
        )
