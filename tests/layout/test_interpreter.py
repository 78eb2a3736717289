"""The faster interpreter builds the same layout tree as pdfplumber's `page.layout`: same glyphs, shapes and images."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFPageInterpreter

from pipeline.layout.content_stream import Unsupported, content_objects
from pipeline.layout.glyphs import PageObjects, layout_to_objects, read_page
from pipeline.layout.interpreter import GlyphDevice
from tests.helpers import FIXTURE_PDFS, make_text_pdf_bytes


def pdfminer_layout(page: pdfplumber.page.Page) -> tuple[LTPage, set[int]]:
    """The page's layout tree as pdfminer's own interpreter builds it (what `page.layout` does),
    with the device that also notes invisible glyphs."""
    device = GlyphDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result(), device.invisible


def pages_both_ways(data: bytes) -> list[tuple[PageObjects, PageObjects]]:
    """Each page read from pdfminer's layout tree and by `read_page`."""
    pairs = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pairs.append((layout_to_objects(page, *pdfminer_layout(page)), read_page(page)))
            page.close()
    return pairs


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_interpreter_reads_fixture_pages_as_pdfplumber(path: Path) -> None:
    for expected, got in pages_both_ways(path.read_bytes()):
        assert got == expected


@pytest.mark.realworld
def test_interpreter_reads_real_pages_as_pdfplumber(realworld: Path) -> None:
    compared = 0
    for path in sorted(realworld.rglob("*.pdf")):
        try:
            pairs = pages_both_ways(path.read_bytes())
        except Exception:  # encrypted, empty or broken: nothing to compare
            continue
        for expected, got in pairs:
            assert got == expected, f"{path.name} page {got.page_number}"
            compared += 1
    assert compared > 100


def test_interpreter_leaves_streams_it_does_not_read_to_pdfminer() -> None:
    """A page whose string runs from one content stream into the next reads as pdfplumber reads it.

    pdfminer reads a line break into the string where the streams meet; `content_stream` leaves
    such streams to pdfminer's parser, so the glyph is there too.
    """
    with pikepdf.open(io.BytesIO(make_text_pdf_bytes(["Bulletin of 5 March 2018, page one."]))) as pdf:
        page = pdf.pages[0]
        data = page.Contents.read_bytes()
        cut = data.index(b"(Bulletin") + 4
        streams = [data[:cut], data[cut:]]
        page.Contents = pikepdf.Array([pdf.make_stream(part) for part in streams])
        out = io.BytesIO()
        pdf.save(out)
    with pytest.raises(Unsupported):
        content_objects(streams)
    [(expected, got)] = pages_both_ways(out.getvalue())
    assert got == expected
    assert "".join(c["text"] for c in got.chars).startswith("Bul(cid:10)letin of 5 March")
