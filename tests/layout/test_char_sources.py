"""The PDFium glyph source against pdfminer's: close on every page, and the default only once equal everywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from pipeline.layout import glyphs, pdfium_glyphs
from pipeline.run import document_block_lines
from pipeline.settings import Settings
from tests.bench.char_sources import compare_char_sources, default_pdfs
from tests.helpers import FIXTURE_PDFS, FIXTURES

# A glyph counts as the same when its text matches and its box is this close (points).
BOX_TOLERANCE = 0.02


def glyph_pairs(path: Path) -> tuple[int, int, int]:
    """(glyphs by pdfminer, glyphs by PDFium, glyphs in the same order with the same text and a close box)."""
    data = path.read_bytes()
    minded = pdfium_count = close = 0
    document = pypdfium2.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            a = glyphs.read_page(page).chars
            b = pdfium_glyphs.read_page(page, document[index]).chars
            minded, pdfium_count = minded + len(a), pdfium_count + len(b)
            close += sum(
                x["text"] == y["text"] and all(abs(x[k] - y[k]) <= BOX_TOLERANCE for k in ("x0", "x1", "top", "bottom"))
                for x, y in zip(a, b, strict=False)
            )
    document.close()
    return minded, pdfium_count, close


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_char_sources_pdfium_glyphs_are_pdfminers_on_the_fixtures(path: Path) -> None:
    """Same glyphs in the same order, all but a few (a Euro sign pdfminer's font tables lack) within 0.02 pt."""
    minded, pdfium_count, close = glyph_pairs(path)
    assert pdfium_count == minded
    assert close >= 0.99 * minded


def test_char_sources_setting_reads_the_pdf_with_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    read_by_pdfium = []
    read_page = pdfium_glyphs.read_page

    def spy(page: pdfplumber.page.Page, pdfium_page: pypdfium2.PdfPage) -> glyphs.PageObjects:
        read_by_pdfium.append(page.page_number)
        return read_page(page, pdfium_page)

    monkeypatch.setattr(pdfium_glyphs, "read_page", spy)
    path = FIXTURES / "milestones_2018.pdf"
    by_pdfium = [json.loads(line) for line in document_block_lines(path, Settings(char_source="pdfium")).lines]
    assert read_by_pdfium == [1, 2, 3, 4]
    by_pdfminer = [json.loads(line) for line in document_block_lines(path, Settings()).lines]
    assert [(b["id"], b["role"], b["text"]) for b in by_pdfium] == [
        (b["id"], b["role"], b["text"]) for b in by_pdfminer
    ]


@pytest.mark.realworld
def test_char_sources_default_is_pdfium_only_when_equal_everywhere(realworld: Path) -> None:
    """pdfplumber stays the default while any fixture or real PDF reads differently with PDFium.

    When this fails because every PDF now reads the same, switch `Settings.char_source` to
    "pdfium" and say so in docs/batch.md, "Speed" with the table of `python -m tests.bench.char_sources`.
    """
    differing = [c.name for c in map(compare_char_sources, default_pdfs()) if not c.equal]
    if Settings().char_source == "pdfium":
        assert differing == []
    else:
        assert differing, "PDFium now gives the same blocks and records on every PDF: make it the default"
