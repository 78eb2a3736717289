"""A table's grid: rows and columns between rulings, cells with their spans, and the words in each.

The candidate boundaries of a table (every x and y where some ruling runs) cut it into slots.
Slots that hold no word are padding between double rules or gaps between filled cell
backgrounds, or spacer rows: they are dropped, and the boundary between the slots left on either
side becomes an interval. Two neighbouring slots belong to one cell unless a ruling runs along
the boundary between them, so a header over three columns or a region name beside nine rows is
one cell. A band of rows ruled only every few lines ("Alabama" to "California" in one ruled
band, one state per line) is cut into one row per line when its cells' lines line up.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import statistics
from collections.abc import Sequence

from extractors.tables.figures import is_figure
from pipeline.layout.rulings import Edge
from pipeline.layout.textmap import Box
from pipeline.layout.words import Word

# A slot lower (or narrower) than this share of the table's usual word height holds no line of
# text of its own: it is a gap between cell backgrounds or double rules, whatever word reaches in.
THIN_SLOT = 0.6
# How far (points) a ruling may sit outside the boundary it separates.
TOLERANCE = 2.0
# Share of a slot's side a ruling must run along to separate it from its neighbour.
SEPARATING_SHARE = 0.5


@dataclasses.dataclass(frozen=True)
class GridCell:
    """One cell of a table.

    Attributes:
        row: Its first row.
        column: Its first column.
        rows: How many rows it spans.
        columns: How many columns it spans.
        box: Its area in the reading frame.
        words: The words in it.
    """

    row: int
    column: int
    rows: int
    columns: int
    box: Box
    words: tuple[Word, ...]


@dataclasses.dataclass(frozen=True)
class Grid:
    """A table's cells, covering its rows and columns.

    Attributes:
        box: The table's extent in the reading frame.
        row_count: Number of rows.
        column_count: Number of columns.
        cells: The cells, in reading order (by first row, then first column).
        regular: Whether every cell is a rectangle of slots (a ragged structure is not a table).
    """

    box: Box
    row_count: int
    column_count: int
    cells: tuple[GridCell, ...]
    regular: bool = True


def _centre(word: Word) -> tuple[float, float]:
    return (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2


def _slot(bounds: Sequence[float], value: float) -> int:
    """Index of the slot between consecutive bounds holding `value` (clamped to the ends)."""
    return min(max(bisect.bisect_right(bounds, value) - 1, 0), len(bounds) - 2)


def _kept(bounds: Sequence[float], used: set[int], thin: float) -> list[tuple[float, float]]:
    """The slots that hold words and are not thin, as (start, end)."""
    return [
        (bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if i in used and bounds[i + 1] - bounds[i] >= thin
    ]


def _separated(edges: Sequence[Edge], gap: tuple[float, float], side: tuple[float, float]) -> bool:
    """Whether a ruling runs in `gap` (between two slots) along most of the slots' common `side`."""
    lo, hi = gap[0] - TOLERANCE, gap[1] + TOLERANCE
    need = SEPARATING_SHARE * (side[1] - side[0])
    covered = 0.0
    for edge in edges:
        if lo <= edge.position <= hi:
            covered += max(0.0, min(edge.end, side[1]) - max(edge.start, side[0]))
    return covered >= need


class _Components:
    """Union-find over slots."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def build_grid(
    box: Box, xs: Sequence[float], ys: Sequence[float], edges: Sequence[Edge], words: Sequence[Word]
) -> Grid:
    """The grid of a table from its candidate boundaries, its rulings and its words.

    Args:
        box: The table's extent (reading frame).
        xs: Candidate column boundaries, sorted, the table's left and right edges included.
        ys: Candidate row boundaries, sorted, its top and bottom included.
        edges: The rulings (real or drawn from text alignment) that separate cells.
        words: The words inside the table.

    Returns:
        The grid; empty (no rows) when no word falls inside it.
    """
    columns_used = {_slot(xs, _centre(w)[0]) for w in words}
    rows_used = {_slot(ys, _centre(w)[1]) for w in words}
    thin = THIN_SLOT * statistics.median(w.bottom - w.top for w in words) if words else 0.0
    columns, rows = _kept(xs, columns_used, thin), _kept(ys, rows_used, thin)
    if not columns or not rows:
        return Grid(box, 0, 0, ())
    vertical = [e for e in edges if e.orientation == "v"]
    horizontal = [e for e in edges if e.orientation == "h"]
    width = len(columns)
    components = _Components(len(rows) * width)
    for r, (top, bottom) in enumerate(rows):
        for c in range(width - 1):
            if not _separated(vertical, (columns[c][1], columns[c + 1][0]), (top, bottom)):
                components.union(r * width + c, r * width + c + 1)
    for r in range(len(rows) - 1):
        for c, (left, right) in enumerate(columns):
            if not _separated(horizontal, (rows[r][1], rows[r + 1][0]), (left, right)):
                components.union(r * width + c, (r + 1) * width + c)
    return _cells(box, rows, columns, components, words)


def _cells(
    box: Box,
    rows: Sequence[tuple[float, float]],
    columns: Sequence[tuple[float, float]],
    components: _Components,
    words: Sequence[Word],
) -> Grid:
    width = len(columns)
    spans: dict[int, list[int]] = {}
    for slot in range(len(rows) * width):
        root = components.find(slot)
        r, c = divmod(slot, width)
        span = spans.setdefault(root, [r, c, r, c, 0])
        span[0], span[1], span[2], span[3] = min(span[0], r), min(span[1], c), max(span[2], r), max(span[3], c)
        span[4] += 1
    starts = [row[0] for row in rows]
    lefts = [column[0] for column in columns]
    by_root: dict[int, list[Word]] = {}
    for word in words:
        x, y = _centre(word)
        r = min(max(bisect.bisect_right(starts, y) - 1, 0), len(rows) - 1)
        c = min(max(bisect.bisect_right(lefts, x) - 1, 0), width - 1)
        by_root.setdefault(components.find(r * width + c), []).append(word)
    cells = []
    regular = True
    for root, (r0, c0, r1, c1, count) in spans.items():
        regular = regular and count == (r1 - r0 + 1) * (c1 - c0 + 1)
        area = (columns[c0][0], rows[r0][0], columns[c1][1], rows[r1][1])
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, area, tuple(by_root.get(root, ()))))
    cells.sort(key=lambda cell: (cell.row, cell.column))
    return Grid(box, len(rows), width, tuple(cells), regular)


def _line_bands(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Vertical extents of the text lines of some words (words overlapping by half a line share one)."""
    bands: list[list[float]] = []
    for word in sorted(words, key=lambda w: w.top):
        if bands:
            top, bottom = bands[-1]
            if min(bottom, word.bottom) - max(top, word.top) >= 0.5 * min(bottom - top, word.bottom - word.top):
                bands[-1] = [min(top, word.top), max(bottom, word.bottom)]
                continue
        bands.append([word.top, word.bottom])
    return [(top, bottom) for top, bottom in bands]


def line_band_cuts(ys: Sequence[float], xs: Sequence[float], words: Sequence[Word]) -> list[float]:
    """Where to cut ruled bands of aligned one-line records into one row per line.

    A band between two rulings is cut when it holds several text lines, every column that has
    words has a word on each of them, and most of those columns hold figures: a list of records
    ruled every few lines. Multi-line headers and cells of prose keep their band.
    """
    cuts: list[float] = []
    by_band: dict[int, list[Word]] = {}
    for word in words:
        by_band.setdefault(bisect.bisect_right(ys, _centre(word)[1]) - 1, []).append(word)
    for index in range(len(ys) - 1):
        inside = by_band.get(index, [])
        bands = _line_bands(inside)
        if len(bands) < 2:
            continue
        by_column: dict[int, list[Word]] = {}
        for word in inside:
            by_column.setdefault(_slot(xs, _centre(word)[0]), []).append(word)
        full = figures = 0
        for column_words in by_column.values():
            lines = _line_bands(column_words)
            full += len(lines) == len(bands)
            texts = [" ".join(w.text for w in column_words if top <= _centre(w)[1] <= bottom) for top, bottom in lines]
            figures += all(is_figure(text) for text in texts)
        if full == len(by_column) and len(by_column) >= 2 and figures * 2 >= len(by_column):
            cuts.extend((a[1] + b[0]) / 2 for a, b in itertools.pairwise(bands))
    return cuts
