"""Tables in layout: ruled and unruled tables become table blocks; boxes, forms and ragged grids stay text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.blocks import Block
from pipeline.layout.reading_order import document_blocks
from pipeline.layout.rulings import Edge
from pipeline.layout.table_grid import build_grid, line_band_cuts
from pipeline.layout.words import Word

PAGE_HEIGHT = 842.0
BEFORE = "The table below gives the cases reported by each region in the first week of March."
AFTER = "Most of the new cases were reported from the two largest regions of the country."
CASES = [
    ["Region", "Confirmed cases", "Deaths"],
    ["Oromia", "412", "3"],
    ["Amhara", "1,208*", "12"],
    ["Afar", "97", "0"],
    ["Total", "1,717", "15"],
]


def draw_pdf(path: Path, draw: Callable) -> Path:
    """A one-page A4 PDF drawn by `draw(canvas, y)` where y turns a top coordinate into reportlab's."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595.0, PAGE_HEIGHT), invariant=1)
    pdf.setFont("Helvetica", 10)
    draw(pdf, lambda top: PAGE_HEIGHT - top)
    pdf.showPage()
    pdf.save()
    return path


def prose(pdf, y, top: float, *lines: str) -> float:
    for line in lines:
        pdf.drawString(72, y(top), line)
        top += 14
    return top


def ruled_table(pdf, y, rows: list[list[str]], top: float, widths: list[float], left: float = 72.0) -> float:
    """Rows in a grid of ruled cells, each row 18 points high; returns the table's bottom."""
    height = 18.0
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    bottom = top + height * len(rows)
    for index in range(len(rows) + 1):
        pdf.line(xs[0], y(top + index * height), xs[-1], y(top + index * height))
    for x in xs:
        pdf.line(x, y(top), x, y(bottom))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            pdf.drawString(xs[c] + 4, y(top + r * height + 13), text)
    return bottom


def unruled_table(pdf, y, rows: list[list[str]], top: float, columns: list[float]) -> float:
    """Rows set in columns at the given x positions, figures right-aligned, no rules."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if c == 0:
                pdf.drawString(columns[c], y(top + r * 14), text)
            else:
                pdf.drawRightString(columns[c], y(top + r * 14), text)
    return top + 14 * len(rows)


def blocks_of(path: Path) -> list[Block]:
    with pdfplumber.open(path) as pdf:
        return document_blocks(pdf)


def all_words(blocks: list[Block]) -> list[str]:
    return sorted(word for block in blocks for word in block.text.split())


def test_tables_ruled_table_is_one_table_block_in_reading_order(tmp_path: Path) -> None:
    def draw(pdf, y):
        top = prose(pdf, y, 100, BEFORE)
        bottom = ruled_table(pdf, y, CASES, top + 10, [150, 120, 80])
        prose(pdf, y, bottom + 20, AFTER)

    blocks = blocks_of(draw_pdf(tmp_path / "ruled.pdf", draw))
    roles = [block.role for block in blocks]
    assert roles == ["body", "table", "body"]
    table = blocks[1]
    assert table.table is not None
    assert table.table.rows == CASES
    assert table.table.header_rows == 1
    line = table.to_line("sha256:" + "0" * 64)
    assert line.rows == CASES and line.header_rows == 1
    assert line.cell_bboxes is not None and [len(r) for r in line.cell_bboxes] == [3] * 5
    assert all(box is not None for row in line.cell_bboxes for box in row)
    assert "412" not in blocks[0].text + blocks[2].text  # a cell's text is not body text too


def test_tables_spanning_header_is_one_cell(tmp_path: Path) -> None:
    def draw(pdf, y):
        xs, top = [72, 222, 312, 402], 100
        rows = [["Region", "Cases", ""], ["", "Confirmed", "Deaths"], ["Oromia", "412", "3"], ["Afar", "97", "0"]]
        for r in range(len(rows) + 1):
            left = xs[1] if r == 1 else xs[0]
            pdf.line(left, y(top + r * 18), xs[-1], y(top + r * 18))
        pdf.line(xs[0], y(top), xs[0], y(top + 72))
        pdf.line(xs[1], y(top), xs[1], y(top + 72))
        pdf.line(xs[2], y(top + 18), xs[2], y(top + 72))  # no rule between the two columns under "Cases"
        pdf.line(xs[3], y(top), xs[3], y(top + 72))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    pdf.drawString(xs[c] + 4, y(top + r * 18 + 13), text)

    (table,) = [b for b in blocks_of(draw_pdf(tmp_path / "span.pdf", draw)) if b.role == "table"]
    assert table.table is not None
    assert table.table.rows[0] == ["Region", "Cases", ""]
    assert table.table.spans[0][1] == (1, 2)  # "Cases" spans both columns under it
    assert table.table.spans[0][0] == (2, 1)  # "Region" spans both header rows
    assert table.table.header_rows == 2


def test_tables_unruled_table_is_found_by_its_columns(tmp_path: Path) -> None:
    rows = [["Sector", "People reached", "Funding (US$)"], ["Health", "12,400", "85,000"], ["Water", "8,150", "42,500"]]
    rows.append(["Shelter", "3,020", "17,250"])

    def draw(pdf, y):
        top = prose(pdf, y, 100, BEFORE)
        bottom = unruled_table(pdf, y, rows, top + 14, [72, 300, 420])
        prose(pdf, y, bottom + 20, AFTER)

    blocks = blocks_of(draw_pdf(tmp_path / "unruled.pdf", draw))
    assert [block.role for block in blocks] == ["body", "table", "body"]
    table = blocks[1].table
    assert table is not None
    assert table.rows == rows
    assert table.header_rows == 1


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("prose-box", id="box-of-prose"),
        pytest.param("form", id="form"),
        pytest.param("two-columns", id="two-columns-of-prose"),
        pytest.param("ragged", id="ragged-grid"),
        pytest.param("panels", id="ruled-panels-of-prose"),
        pytest.param("callouts", id="figure-callout-boxes"),
        pytest.param("paragraph-cell", id="paragraph-in-a-ruled-layout"),
    ],
)
def test_tables_what_is_no_table_stays_text(tmp_path: Path, kind: str) -> None:
    drawn: list[str] = []

    def text(pdf, y, x, top, line):
        pdf.drawString(x, y(top), line)
        drawn.extend(line.split())

    def draw(pdf, y):
        if kind == "prose-box":
            pdf.rect(70, y(200), 300, 110)
            for index in range(6):
                text(pdf, y, 80, 110 + index * 14, f"A boxed note of prose, line {index + 1} of six, no figures here.")
        elif kind == "form":
            for index, label in enumerate(["Name:", "Office:", "Date:"]):
                pdf.rect(72, y(100 + (index + 1) * 20), 300, 20)
                pdf.line(150, y(100 + index * 20), 150, y(120 + index * 20))
                text(pdf, y, 76, 114 + index * 20, label)
        elif kind == "two-columns":
            for index in range(12):
                text(pdf, y, 72, 100 + index * 14, f"Left column text {index} runs on in prose")
                text(pdf, y, 320, 100 + index * 14, f"right column text {index} says more of it")
        elif kind == "ragged":
            # A 3 x 3 grid whose cells (0, 1), (1, 1) and (1, 2) are one L-shaped cell: no rule
            # between rows 0 and 1 in column 1, none between columns 1 and 2 in row 1.
            tops = [100, 118, 136, 154]
            for index, top in enumerate(tops):
                if index == 1:
                    pdf.line(72, y(top), 172, y(top))
                    pdf.line(272, y(top), 372, y(top))
                else:
                    pdf.line(72, y(top), 372, y(top))
            for x in (72, 172, 372):
                pdf.line(x, y(100), x, y(154))
            pdf.line(272, y(100), 272, y(118))
            pdf.line(272, y(136), 272, y(154))
            for r in range(3):
                for c in range(3):
                    text(pdf, y, 76 + c * 100, 113 + r * 18, f"w{r}{c}")
        elif kind == "callouts":
            # A 4 x 4 grid of leader lines with a label in four of its sixteen cells.
            for index in range(5):
                pdf.line(72, y(100 + index * 30), 472, y(100 + index * 30))
                pdf.line(72 + index * 100, y(100), 72 + index * 100, y(220))
            for index, label in enumerate(["Nut case", "Keyway", "Threaded core", "Locking shoulder"]):
                text(pdf, y, 76 + index * 100, 118 + index * 30, label)
        elif kind == "paragraph-cell":
            pdf.rect(72, y(300), 450, 200)
            pdf.line(72, y(130), 522, y(130))
            pdf.line(160, y(100), 160, y(300))
            text(pdf, y, 76, 118, "Kenya")
            text(pdf, y, 164, 118, "Rain in March and April")
            text(pdf, y, 76, 148, "Climate")
            for index in range(8):
                text(
                    pdf,
                    y,
                    164,
                    148 + index * 14,
                    f"Below-average rain is likely in the north, line {index} of the note.",
                )
        else:
            pdf.rect(72, y(520), 450, 420)
            pdf.line(297, y(100), 297, y(520))
            for index in range(25):
                text(pdf, y, 80, 115 + index * 14, f"Panel one, line {index}, words of a note")
                text(pdf, y, 305, 115 + index * 14, f"Panel two, line {index}, more words")

    blocks = blocks_of(draw_pdf(tmp_path / f"{kind}.pdf", draw))
    assert all(block.role != "table" for block in blocks)
    assert all_words(blocks) == sorted(drawn)  # no word lost


def word(text: str, x0: float, top: float, x1: float | None = None) -> Word:
    x1 = x0 + 6 * len(text) if x1 is None else x1
    return Word(text, x0, top, x1, top + 10, 10.0, False, False, ((x0, top, x1, top + 10),) * len(text))


def test_table_grid_drops_gaps_and_merges_unruled_slots() -> None:
    # Two columns with a 3-point gap between their cell backgrounds; the label spans two rows.
    box = (0.0, 0.0, 203.0, 40.0)
    xs = [0.0, 100.0, 103.0, 203.0]
    ys = [0.0, 20.0, 40.0]
    edges = [Edge("v", x, 0, 40) for x in (0.0, 203.0)]
    edges += [Edge("v", 100.0, 0, 40), Edge("v", 103.0, 0, 40), Edge("h", 0.0, 0, 203), Edge("h", 40.0, 0, 203)]
    edges.append(Edge("h", 20.0, 103, 203))
    words = [word("Label", 10, 15), word("1", 150, 4), word("2", 150, 24)]
    grid = build_grid(box, xs, ys, edges, words)
    assert (grid.row_count, grid.column_count) == (2, 2)
    cells = {(c.row, c.column): (c.rows, c.columns, [w.text for w in c.words]) for c in grid.cells}
    assert cells == {(0, 0): (2, 1, ["Label"]), (0, 1): (1, 1, ["1"]), (1, 1): (1, 1, ["2"])}
    assert grid.regular


def test_table_grid_cuts_bands_of_aligned_records() -> None:
    ys = [0.0, 40.0]
    xs = [0.0, 100.0, 200.0]
    words = [word("Alabama", 5, 2), word("Alaska", 5, 14), word("Arizona", 5, 26)]
    words += [word("18,870", 150, 2), word("209", 150, 14), word("2,303", 150, 26)]
    assert len(line_band_cuts(ys, xs, words)) == 2
    headers = [word("Confirmed", 105, 2), word("cases", 105, 14), word("Province", 5, 8)]
    assert line_band_cuts(ys, xs, headers) == []  # a two-line header is one row


def test_tables_cells_keep_their_footnote_marks(tmp_path: Path) -> None:
    """A raised "*" glued to a cell's word is printed in the cell (running text leaves such marks out)."""

    def draw(pdf, y):
        rows = [
            ["Region", "Confirmed", "Deaths"],
            ["Oromia", "412", "3"],
            ["Amhara", "1,208", "12"],
            ["Afar", "97", "1"],
        ]
        ruled_table(pdf, y, rows, 100, [150, 120, 80])
        # Raised 3 points above the row's baseline, glued to the end of "Confirmed" and of "1,208".
        for left, baseline in ((226 + 46.12, 113 - 3), (226 + 25.02, 149 - 3)):
            pdf.setFont("Helvetica", 6)
            pdf.drawString(left, y(baseline), "*")
        pdf.setFont("Helvetica", 10)

    (table,) = [b.table for b in blocks_of(draw_pdf(tmp_path / "marks.pdf", draw)) if b.table is not None]
    assert table.rows[0][1] == "Confirmed*"
    assert table.rows[2][1] == "1,208*"
