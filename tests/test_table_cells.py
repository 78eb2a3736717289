"""Records from table cells, end to end: each tied to its cell, its row read as its sentence."""

from __future__ import annotations

from pathlib import Path

from pipeline.run import extract_document
from pipeline.settings import Settings
from tests.helpers import FIXTURES
from tests.layout.test_tables import draw_pdf, ruled_table

HEIGHT = 842.0


def records_of(path: Path) -> list:
    return list(extract_document(path, Settings(strict=True, workers=1)).records)


def test_table_cells_records_carry_cell_and_row_sentence(fixture_output) -> None:
    records = fixture_output("tables_2024").records
    by_text = {(r.kind, r.text): r for r in records if r.cell is not None}
    count = by_text["count", "412"]
    assert (count.cell.row, count.cell.column) == (1, 1)
    assert count.value.subject == "confirmed cases"
    assert count.sentence == "Region: Oromia; Confirmed cases: 412; Deaths: 3"
    assert count.extractor == "tables.figures"
    assert by_text["count", "1,208"].value.value == 1208  # the footnote mark is not part of the figure
    assert by_text["place", "Sidama"].value.country == "ET"
    assert by_text["amount", "42,000"].value.currency == "USD"
    assert by_text["count", "16"].sentence.startswith("Region: Total;")  # a Total row counts like any row
    header_figures = [r for r in records if r.cell is not None and r.cell.row == 0 and r.kind in ("count", "amount")]
    assert header_figures == []
    assert all(r.cell is None for r in records if r.block not in {"p1-b6", "p1-b10"})


def test_table_cells_continued_table_takes_the_headers_of_the_page_before(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "continued.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595.0, HEIGHT), invariant=1)
    pdf.setFont("Helvetica", 10)

    def y(top: float) -> float:
        return HEIGHT - top

    pdf.drawString(72, y(100), "Cases by district in the week to 12 March 2024 are given below.")
    rows = [["District", "Confirmed cases", "Deaths"], ["Adama", "41", "2"], ["Bishoftu", "18", "1"]]
    ruled_table(pdf, y, rows, 700, [170, 120, 90])
    pdf.showPage()
    pdf.setFont("Helvetica", 10)
    ruled_table(pdf, y, [["Dukem", "25", "3"], ["Modjo", "12", "4"]], 72, [170, 120, 90])
    pdf.drawString(72, y(130), "The outbreak is expected to peak by the end of March.")
    pdf.showPage()
    pdf.save()
    counts = {(r.page, r.text): r.value.subject for r in records_of(path) if r.kind == "count" and r.cell is not None}
    assert counts == {
        (1, "41"): "confirmed cases",
        (1, "2"): "deaths",
        (1, "18"): "confirmed cases",
        (1, "1"): "deaths",
        (2, "25"): "confirmed cases",
        (2, "3"): "deaths",
        (2, "12"): "confirmed cases",
        (2, "4"): "deaths",
    }


def test_table_cells_header_dates_and_places_come_from_the_running_text_extractors(tmp_path: Path) -> None:
    def draw(pdf, y):
        rows = [
            ["Region", "Week 3 (13-19 January 2020)", "Cases in Kenya"],
            ["Oromia", "412", "7"],
            ["Afar", "97", "2"],
        ]
        rows.append(["Sidama", "55", "1"])
        ruled_table(pdf, y, rows, 100, [120, 170, 110])

    records = records_of(draw_pdf(tmp_path / "headers.pdf", draw))
    header = [(r.kind, r.text) for r in records if r.cell is not None and r.cell.row == 0]
    assert ("date", "13-19 January 2020") in header
    assert ("place", "Kenya") in header
    date = next(r for r in records if r.kind == "date")
    assert str(date.value.start) == "2020-01-13" and str(date.value.end) == "2020-01-19"


def test_table_cells_fixture_gold_is_read_exactly(fixture_output) -> None:
    """Every fact of the tables fixture's cells, by the fixture's gold (all kinds F1 1.0 is its bar)."""
    texts = {(r.kind, r.text) for r in fixture_output("tables_2024").records if r.cell is not None}
    gold = (FIXTURES / "tables_2024.gold.jsonl").read_text(encoding="utf-8")
    for kind, text in [("count", "48,200"), ("amount", "310,000"), ("place", "Oromia"), ("count", "97")]:
        assert f'"text": "{text}"' in gold and (kind, text) in texts
