"""Tables as blocks: the block a found table becomes, where it is read in the flow, its cells' text.

A table is read where it stands in its column: before the first block below it that it shares
columns with, or else after the last one above it. Its cells' text is repaired like any
paragraph's (lines joined, a hyphen at a line end removed, ligatures expanded), each cell on its
own.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.layout.blocks import PageBlock, TableCells
from pipeline.layout.paragraphs import region_lines
from pipeline.layout.repair import Vocabulary, join_lines
from pipeline.layout.tables import Table
from pipeline.layout.textmap import Box, TextMap

# How far (points) a block may start above a table's top and still count as below it.
LEVEL = 2.0


def table_page_block(table: Table, page: int) -> PageBlock:
    """The page block of a found table: its words as lines (for its box and type), and the table."""
    return PageBlock(page, tuple(region_lines(table.words)), "table", table)


def _overlaps(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0


def place_tables(flow: Sequence[PageBlock], tables: Sequence[PageBlock]) -> list[PageBlock]:
    """The page's flow with each table inserted where a reader meets it.

    Args:
        flow: The page's blocks in reading order (running headers and footers left out).
        tables: Its table blocks.

    Returns:
        The blocks with the tables among them.
    """
    placed = list(flow)
    for table in sorted(tables, key=lambda t: (t.box[1], t.box[0])):
        box = table.box
        below = [i for i, b in enumerate(placed) if _overlaps(b.box, box) and b.box[1] >= box[1] - LEVEL]
        above = [i for i, b in enumerate(placed) if _overlaps(b.box, box) and b.box[1] < box[1] - LEVEL]
        if below:
            point = below[0]
        elif above:
            point = above[-1] + 1
        else:
            point = len([b for b in placed if b.box[1] < box[1]])
        placed.insert(point, table)
    return placed


def table_cells(table: Table, vocabulary: Vocabulary) -> tuple[TableCells, TextMap]:
    """A table's cells with their repaired text, and the table block's text.

    Args:
        table: The table.
        vocabulary: How the document spells words, to decide line-end hyphens.

    Returns:
        The cells, and the block's text (cells separated by tabs, rows by newlines).
    """
    grid = table.grid
    empty = TextMap("", ())
    texts: list[list[TextMap]] = [[empty] * grid.column_count for _ in range(grid.row_count)]
    spans: list[list[tuple[int, int]]] = [[(1, 1)] * grid.column_count for _ in range(grid.row_count)]
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.column, cell.column + cell.columns):
                spans[r][c] = (0, 0)
        spans[cell.row][cell.column] = (cell.rows, cell.columns)
        if cell.words:
            lines = [list(line.words) for line in region_lines(cell.words)]
            texts[cell.row][cell.column] = join_lines(lines, vocabulary)
    return TableCells.build(texts, spans, table.header_rows)
