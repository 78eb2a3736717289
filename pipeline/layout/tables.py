"""Tables of a page: ruled ones by pdfplumber's lines strategy, unruled ones by text alignment.

Ruled tables: the page's rulings (`rulings`) meet at intersections that outline cells, and
connected cells form a table (pdfplumber's `edges_to_intersections`, `intersections_to_cells`
and `cells_to_tables`); `table_grid` turns each into rows, columns and spanning cells.

Unruled tables: on lines whose words fall into several phrases set apart by wide gaps, the gaps
that line up across the lines are the column gutters, pdfplumber's text strategy with phrases
for words; each line is a row, and a line that runs across a gutter (a title) is one cell.

Not every grid is a table. A box around a sidebar, a frame around a figure, a form, a chart's
grid or a page split into panels by rules is not: a candidate must have at least two rows and two
columns, regular cells, words in enough of them, and cells rather than paragraphs in them; an
unruled one must also have a column of figures. Whatever fails stays body text. A ruled box whose
cells hold whole columns of lines is a set of panels: each panel is searched for an unruled
table of its own.
"""

from __future__ import annotations

import dataclasses
import functools
import statistics
from collections.abc import Iterator, Sequence

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

from extractors.tables.figures import is_figure
from pipeline.layout.glyphs import PageObjects
from pipeline.layout.paragraphs import Line, region_lines
from pipeline.layout.rulings import Edge, page_rulings
from pipeline.layout.table_grid import Grid, GridCell, build_grid, line_band_cuts
from pipeline.layout.textmap import Box
from pipeline.layout.words import PageText, Word

# Footnote marks that a table cell keeps in its text.
SYMBOL_MARKS = frozenset("*†‡§¶")
# Intersection tolerance (points) of pdfplumber's lines strategy.
INTERSECTION = 3.0
# How close (points) a ruling's end must come to another ruling to meet it.
TOUCH = 2.0
# How far (points) a word of a ruled table may reach past its outer rulings: a word that crosses
# them (a bullet of the next column set against the table) is not the table's.
OVERHANG = 0.5
# A line of at most this many words may be a title row inside an unruled table.
SHORT_LINE = 6
# Most title rows in a row an unruled table takes in.
MAX_TITLE_LINES = 2
# A full-width row above a table set this much larger than the table is the page's title.
TITLE_SIZE = 1.5
# Height (points) of the bands a candidate's cells are indexed by, to find a word's cells fast.
BAND = 10.0
# Boundaries closer than this (points) are one.
SAME_BOUNDARY = 1.0


@dataclasses.dataclass(frozen=True)
class TableSettings:
    """Thresholds of table finding.

    Attributes:
        enabled: Whether tables are looked for at all (off: every word is running text, as
            before tables were read; the layout benchmark times both).
        min_filled: Fewest cells with words a table has.
        filled_share: Least share of a table's cells that hold words (a figure's callout boxes
            leave most of the grid they draw empty).
        panel_lines: A cell with more text lines than this is a panel of a layout box, not a cell.
        panel_words: So is a cell with more words than this (a paragraph).
        unruled_cell_words: Most words a cell of an unruled table holds (one line of a cell,
            not a line of prose beside an infographic).
        prose_words: A table whose cells hold more words than this (median) is paragraphs in boxes.
        phrase_gap: A gap between words wider than this share of their size separates two cells
            of an unruled table's line.
        gutter: A column gutter of an unruled table is at least this share of the body size wide.
        min_lines: Fewest lines an unruled table has with words in two columns or more.
        figure_share: An unruled table has a column at least this share of whose cells are figures.
        line_gap: Lines of one unruled table are closer than this many line heights.
    """

    enabled: bool = True
    min_filled: int = 4
    filled_share: float = 0.4
    panel_lines: int = 12
    panel_words: int = 50
    unruled_cell_words: int = 10
    prose_words: float = 12.0
    phrase_gap: float = 0.8
    gutter: float = 0.8
    min_lines: int = 3
    figure_share: float = 0.6
    line_gap: float = 2.5


@dataclasses.dataclass(frozen=True)
class Table:
    """A table found on a page.

    Attributes:
        grid: Its rows, columns and cells (reading frame).
        header_rows: How many leading rows are headers.
        ruled: Whether rulings drew it (else text alignment did).
    """

    grid: Grid
    header_rows: int
    ruled: bool

    @property
    def words(self) -> list[Word]:
        return [w for cell in self.grid.cells for w in cell.words]


def _box(words: Sequence[Word]) -> Box:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _inside(box: Box, word: Word) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _bounds(values: Sequence[float]) -> list[float]:
    """Sorted values with near-equal ones taken once."""
    bounds: list[float] = []
    for value in sorted(values):
        if not bounds or value - bounds[-1] > SAME_BOUNDARY:
            bounds.append(value)
    return bounds


def cell_text(cell: GridCell) -> str:
    """A cell's words line by line, as plain text (for judging it; blocks repair the text)."""
    return " ".join(line.text for line in region_lines(cell.words))


# --- ruled tables ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RuledCandidate:
    """What pdfplumber's lines strategy outlines: cells that touch one another.

    Attributes:
        cells: The cells' boxes.
        xs: Every x where a cell starts or ends, sorted.
        ys: Every y where a cell starts or ends, sorted.
    """

    cells: tuple[Box, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @functools.cached_property
    def _bands(self) -> dict[int, list[Box]]:
        """The cells by the horizontal bands (`BAND` points high) they reach into."""
        bands: dict[int, list[Box]] = {}
        for cell in self.cells:
            for band in range(int(cell[1] // BAND), int(cell[3] // BAND) + 1):
                bands.setdefault(band, []).append(cell)
        return bands

    def holds(self, word: Word) -> bool:
        """Whether a word lies in the cells: its centre in one, its ends within the cells level with it.

        A word that crosses the table's outer rulings (a bullet of the next column set against
        the table) is not the table's.
        """
        middle = (word.top + word.bottom) / 2
        level = [cell for cell in self._bands.get(int(middle // BAND), ()) if cell[1] <= middle <= cell[3]]
        if not any(_inside(cell, word) for cell in level):
            return False
        return min(c[0] for c in level) - OVERHANG <= word.x0 and word.x1 <= max(c[2] for c in level) + OVERHANG


def ruled_candidates(edges: Sequence[Edge]) -> list[RuledCandidate]:
    """pdfplumber's lines strategy over the rulings: the groups of cells that may be tables."""
    found = []
    intersections = edges_to_intersections([e.to_pdfplumber() for e in edges], INTERSECTION, INTERSECTION)
    for cells in cells_to_tables(intersections_to_cells(intersections)):
        xs = _bounds([c[0] for c in cells] + [c[2] for c in cells])
        ys = _bounds([c[1] for c in cells] + [c[3] for c in cells])
        found.append(RuledCandidate(tuple(cells), tuple(xs), tuple(ys)))
    return found


def ruled_grid(candidate: RuledCandidate, edges: Sequence[Edge], words: Sequence[Word]) -> Grid:
    """The grid of one ruled candidate, bands of one-line records cut into rows."""
    box, xs, ys = candidate.box, candidate.xs, candidate.ys
    inside = [w for w in words if candidate.holds(w)]
    near = [e for e in edges if _inside((box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3), _point_word(e))]
    cuts = line_band_cuts(ys, xs, inside)
    drawn = [Edge("h", y, box[0], box[2]) for y in cuts]
    steps = ruling_steps(near, box)
    rows = _bounds([*ys, *cuts, *(edge.position for edge in steps)])
    return build_grid(box, xs, rows, [*near, *drawn, *steps], inside)


def ruling_steps(edges: Sequence[Edge], box: Box) -> list[Edge]:
    """Where column rulings stop inside a table: the row boundary they imply, as drawn edges.

    Column rulings that start part-way down a header band ("Handgun | Long Gun | Other" under a
    group label "Pre-Pawn" with no rule between them) split the band into a row where the label
    spans the columns and a row where each column has its own label.
    """
    vertical = [e for e in edges if e.orientation == "v"]
    horizontal = [e for e in edges if e.orientation == "h"]
    steps = []
    for edge in vertical:
        for y in (edge.start, edge.end):
            if not box[1] + TOUCH < y < box[3] - TOUCH:
                continue
            if any(
                abs(h.position - y) <= TOUCH and h.start - TOUCH <= edge.position <= h.end + TOUCH for h in horizontal
            ):
                continue
            through = [v.position for v in vertical if v.start < y - TOUCH and v.end > y + TOUCH]
            left = max((x for x in through if x < edge.position), default=None)
            right = min((x for x in through if x > edge.position), default=None)
            if left is not None and right is not None:
                steps.append(Edge("h", y, left, right))
    return steps


def _point_word(edge: Edge) -> Word:
    """An edge's midpoint as a zero-size word, to test it with `_inside`."""
    middle = (edge.start + edge.end) / 2
    x, y = (middle, edge.position) if edge.orientation == "h" else (edge.position, middle)
    return Word("", x, y, x, y, 0.0, False, False, ())


# --- unruled tables -------------------------------------------------------------------------


def phrases(words: Sequence[Word], gap: float) -> list[list[Word]]:
    """A line's words grouped into phrases: a gap wider than `gap` times the font size splits them."""
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if groups and word.x0 - groups[-1][-1].x1 <= gap * max(word.size, groups[-1][-1].size):
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def gutters(lines: Sequence[Sequence[Sequence[Word]]], left: float, right: float, width: float) -> list[float]:
    """Centres of the x intervals at least `width` wide that no phrase of a multi-phrase line covers."""
    spans = sorted((p[0].x0, p[-1].x1) for line in lines if len(line) > 1 for p in line)
    found: list[float] = []
    reach = left
    for x0, x1 in spans:
        if x0 - reach >= width and reach > left:
            found.append((reach + x0) / 2)
        reach = max(reach, x1)
    return [g for g in found if left < g < right]


def text_grid(words: Sequence[Word], body_size: float, settings: TableSettings) -> Grid | None:
    """An unruled table of some words: gutters from aligned gaps, one row per line; None if there is none."""
    lines = [phrases(line.words, settings.phrase_gap) for line in region_lines(words)]
    if sum(len(line) > 1 for line in lines) < settings.min_lines:
        return None
    box = _box(words)
    cuts = gutters(lines, box[0], box[2], settings.gutter * body_size)
    if not cuts:
        return None
    tops = [min(w.top for p in line for w in p) for line in lines]
    bottoms = [max(w.bottom for p in line for w in p) for line in lines]
    ys = [box[1], *((b + t) / 2 for b, t in zip(bottoms, tops[1:], strict=False)), box[3]]
    edges = [Edge("v", box[0], box[1], box[3]), Edge("v", box[2], box[1], box[3])]
    edges += [Edge("h", y, box[0], box[2]) for y in ys]
    for index, line in enumerate(lines):
        for x in cuts:
            if not any(p[0].x0 < x < p[-1].x1 for p in line):
                edges.append(Edge("v", x, ys[index], ys[index + 1]))
    return build_grid(box, [box[0], *cuts, box[2]], ys, edges, words)


def line_runs(words: Sequence[Word], settings: TableSettings) -> Iterator[list[Word]]:
    """Runs of consecutive lines that may hold an unruled table: lines of two phrases or more, close together.

    A run takes in short one-phrase lines (title rows) between such lines, and before the first
    one when they are set like it (same size and weight; a caption or heading is set apart).
    """
    run: list[Line] = []
    pending: list[Line] = []
    last_bottom = None
    for line in region_lines(words):
        height = line.box[3] - line.box[1]
        close = last_bottom is None or line.box[1] - last_bottom <= settings.line_gap * height
        multi = len(phrases(line.words, settings.phrase_gap)) > 1
        short = len(line.words) <= SHORT_LINE
        if not close or (not multi and not short):
            if run:
                yield [w for l in run for w in l.words]
            run, pending = [], []
        if multi:
            if not run:
                pending = [p for p in pending if _set_alike(p, line)]
            run.extend(pending)
            run.append(line)
            pending = []
        elif short:
            pending = [*pending, line][-MAX_TITLE_LINES:]
        last_bottom = line.box[3]
    if run:
        yield [w for l in run for w in l.words]


def _set_alike(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= 0.1 * b.size and a.bold == b.bold


# --- judging candidates ---------------------------------------------------------------------


def is_panels(grid: Grid, settings: TableSettings) -> bool:
    """Whether a ruled grid is a layout box cut into panels: some cell holds a column of lines or a paragraph."""
    return any(
        len(cell.words) > settings.panel_words or len(region_lines(cell.words)) > settings.panel_lines
        for cell in grid.cells
        if cell.words
    )


def is_table(grid: Grid, settings: TableSettings, ruled: bool) -> bool:
    """Whether a grid reads as a table rather than boxes, frames, forms or prose.

    Args:
        grid: The candidate.
        settings: Thresholds.
        ruled: Whether rulings drew it; an unruled one also needs a column of figures.
    """
    filled = [cell for cell in grid.cells if cell.words]
    if grid.row_count < 2 or grid.column_count < 2 or not grid.regular or len(filled) < settings.min_filled:
        return False
    if len(filled) < settings.filled_share * len(grid.cells):
        return False
    if statistics.median(len(cell.words) for cell in filled) > settings.prose_words:
        return False
    if not ruled:
        if any(len(cell.words) > settings.unruled_cell_words for cell in filled):
            return False
        wide = sum(1 for row in range(grid.row_count) if sum(1 for c in filled if c.row == row) > 1)
        return wide >= settings.min_lines and _has_figure_column(grid, settings)
    return True


def _has_figure_column(grid: Grid, settings: TableSettings) -> bool:
    for column in range(1, grid.column_count):
        texts = [cell_text(c) for c in grid.cells if c.column == column and c.columns == 1 and c.words]
        if len(texts) >= 3 and sum(map(is_figure, texts)) >= settings.figure_share * len(texts):
            return True
    return False


def header_rows(grid: Grid) -> int:
    """How many leading rows are headers.

    A header row holds no figures and names at least two columns (or, as the first row, spans
    the whole table over such a row: a title); it is set in bold, or figures follow below it. A
    row with one label and nothing else after the first (a group row: "Western Pacific Region")
    ends the headers.
    """
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        if cell.words:
            rows.setdefault(cell.row, []).append(cell)
    figures_from = min(
        (row for row, cells in rows.items() if any(is_figure(cell_text(c)) for c in cells)), default=None
    )
    count = 0
    for row in range(grid.row_count - 1):
        cells = rows.get(row, [])
        if not cells or any(is_figure(cell_text(c)) for c in cells):
            break
        bold = all(w.bold for c in cells for w in c.words)
        heads = bold or (figures_from is not None and figures_from > row)
        if len(cells) >= 2 and heads:
            count = row + 1
            continue
        title = row == 0 and len(cells) == 1 and cells[0].columns == grid.column_count
        if not title:
            break
    return count


def _spans_all(grid: Grid, cells: Sequence[GridCell]) -> bool:
    return len(cells) == 1 and cells[0].columns == grid.column_count


def trim(grid: Grid) -> Grid:
    """The grid without the rows of one full-width cell that are not the table's.

    Below its last row of several cells: boxes of notes or of the next section drawn against the
    table share its rulings. Above its first: a page title set much larger than the table.
    """
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        if cell.words:
            rows.setdefault(cell.row, []).append(cell)
    several = [row for row, cells in rows.items() if not _spans_all(grid, cells)]
    if not several:
        return grid
    usual = statistics.median(w.size for cell in grid.cells for w in cell.words)
    first = min(several)
    while first > 0 and all(w.size <= TITLE_SIZE * usual for c in rows.get(first - 1, []) for w in c.words):
        first -= 1
    last = max(several)
    if (first, last) == (0, grid.row_count - 1):
        return grid
    kept = tuple(
        dataclasses.replace(cell, row=cell.row - first)
        for cell in grid.cells
        if cell.row >= first and cell.row + cell.rows - 1 <= last
    )
    box = (
        min(c.box[0] for c in kept),
        min(c.box[1] for c in kept),
        max(c.box[2] for c in kept),
        max(c.box[3] for c in kept),
    )
    return dataclasses.replace(grid, box=box, row_count=last - first + 1, cells=kept)


# --- a page ---------------------------------------------------------------------------------


def _without(words: Sequence[Word], taken: Sequence[Word]) -> list[Word]:
    ids = {id(w) for w in taken}
    return [w for w in words if id(w) not in ids]


def unruled_tables(words: Sequence[Word], body_size: float, settings: TableSettings) -> list[Table]:
    """The unruled tables among some words (a panel, or a page's flow)."""
    found = []
    for run in line_runs(words, settings):
        grid = text_grid(run, body_size, settings)
        if grid is not None and is_table(grid, settings, ruled=False):
            found.append(Table(grid, header_rows(grid), ruled=False))
    return found


def find_tables(
    page: PageObjects, text: PageText, body_size: float, settings: TableSettings | None = None
) -> list[Table]:
    """Every table of a page, in the reading frame of its main text.

    Args:
        page: The page's glyphs and shapes.
        text: Its words in the main reading direction (line numbers and footnote markers left out;
            its symbol markers are read back into the cells they stand in).
        body_size: The document's body font size.
        settings: Thresholds (defaults when None).

    Returns:
        The tables, top to bottom; their words are no longer body text.
    """
    settings = settings or TableSettings()
    if not settings.enabled:
        return []
    # A cell prints its footnote mark ("Confirmed* cases", "China*"): the symbol marks kept out of
    # running text come back into cells (the figure reader skips them); a raised digit stays out,
    # since glued to a figure it would read as one of its digits.
    words = [*text.words, *(m for m in text.markers if m.text[:1] in SYMBOL_MARKS)]
    edges = page_rulings(page, text.direction)
    tables: list[Table] = []
    for candidate in ruled_candidates(edges) if edges else []:
        grid = trim(ruled_grid(candidate, edges, words))
        if not grid.cells:
            continue
        if is_panels(grid, settings):
            for cell in grid.cells:
                tables.extend(unruled_tables(cell.words, body_size, settings))
        elif is_table(grid, settings, ruled=True):
            tables.append(Table(grid, header_rows(grid), ruled=True))
    rest = _without(words, [w for t in tables for w in t.words])
    tables.extend(unruled_tables(rest, body_size, settings))
    return sorted(tables, key=lambda t: (t.grid.box[1], t.grid.box[0]))
