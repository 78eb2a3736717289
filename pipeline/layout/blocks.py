"""A text block: the unit of layout, with its text, role, section and per-character boxes."""

from __future__ import annotations

import dataclasses
import statistics
from typing import TYPE_CHECKING

from pipeline.layout.paragraphs import Line
from pipeline.layout.textmap import Box, TextMap, TextMapBuilder, round_box_outward, union_boxes
from schemas.blocks import BlockLine, Role

if TYPE_CHECKING:
    from pipeline.layout.tables import Table

# Between the cells of a table block's text, and between its rows.
CELL_SEPARATOR = "\t"
ROW_SEPARATOR = "\n"


@dataclasses.dataclass(frozen=True)
class PageBlock:
    """A paragraph as the layout of one page finds it: lines and a role, but no article yet.

    Attributes:
        page: 1-based page number.
        lines: Its lines, top to bottom, in the reading frame of its words.
        role: heading, body, sidebar, caption, header, footer, list_item or table.
        table: The table's grid, for a table block.
    """

    page: int
    lines: tuple[Line, ...]
    role: Role
    table: Table | None = None

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
class TableCells:
    """The cells of a table block, each with its repaired text and glyph boxes.

    Attributes:
        texts: Row by row, every cell's text (empty for an empty cell or one a spanning cell covers).
        spans: Row by row, (rows, columns) a cell spans from there; (0, 0) where a spanning cell
            covers the place, (1, 1) for an ordinary cell.
        header_rows: How many leading rows are headers.
        offsets: Row by row, where each cell's text starts in the block's text.
    """

    texts: tuple[tuple[TextMap, ...], ...]
    spans: tuple[tuple[tuple[int, int], ...], ...]
    header_rows: int
    offsets: tuple[tuple[int, ...], ...]

    @property
    def rows(self) -> list[list[str]]:
        """The cells' texts, as the contract's `rows`."""
        return [[cell.text for cell in row] for row in self.texts]

    def cell_box(self, row: int, column: int) -> Box | None:
        """Box of a cell's glyphs on the page, None for an empty cell."""
        cell = self.texts[row][column]
        return cell.span_box(0, len(cell.text))

    @classmethod
    def build(
        cls, texts: list[list[TextMap]], spans: list[list[tuple[int, int]]], header_rows: int
    ) -> tuple[TableCells, TextMap]:
        """The cells and the block's text: cells separated by a tab, rows by a newline."""
        builder = TextMapBuilder()
        offsets: list[tuple[int, ...]] = []
        for index, row in enumerate(texts):
            if index:
                builder.append(ROW_SEPARATOR, None)
                builder.new_line()
            starts = []
            for position, cell in enumerate(row):
                if position:
                    builder.append(CELL_SEPARATOR, None)
                starts.append(len(builder))
                for char, box in zip(cell.text, cell.boxes, strict=True):
                    builder.append(char, box)
            offsets.append(tuple(starts))
        cells = cls(
            tuple(tuple(row) for row in texts),
            tuple(tuple(row) for row in spans),
            header_rows,
            tuple(offsets),
        )
        return cells, builder.build()


@dataclasses.dataclass(frozen=True)
class Block:
    """One paragraph-like run of text on one page.

    Attributes:
        id: "p<page>-b<n>", n counting blocks of the page in reading order from 1.
        page: 1-based page number.
        bbox: Box covering the block's glyphs.
        role: heading, body, sidebar, caption, header, footer, list_item or table.
        section: Headline of the article the block belongs to.
        textmap: Repaired text and the glyph box behind each character (a table's cells
            separated by tabs, its rows by newlines).
        size: Median font size of the block's glyphs, in points.
        bold: Whether most glyphs are set in a bold face.
        table: A table block's cells.
    """

    id: str
    page: int
    bbox: Box
    role: Role
    section: str | None
    textmap: TextMap
    size: float = 0.0
    bold: bool = False
    table: TableCells | None = None

    @property
    def text(self) -> str:
        return self.textmap.text

    def to_line(self, doc_id: str) -> BlockLine:
        """The contract's `block` line for this block (a table's with its rows and cell boxes)."""
        table = self.table
        extra = {}
        if table is not None:
            boxes = [[_rounded(table.cell_box(r, c)) for c in range(len(row))] for r, row in enumerate(table.texts)]
            extra = {"rows": table.rows, "header_rows": table.header_rows, "cell_bboxes": boxes}
        return BlockLine(
            doc_id=doc_id,
            page=self.page,
            id=self.id,
            bbox=round_box_outward(self.bbox),
            role=self.role,
            section=self.section,
            text=self.text,
            **extra,
        )


def _rounded(box: Box | None) -> Box | None:
    return round_box_outward(box) if box is not None else None
