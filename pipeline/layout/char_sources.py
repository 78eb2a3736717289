"""Where a page's glyphs and shapes come from: pdfminer under pdfplumber (the default), or PDFium.

Both give a page's `PageObjects` in pdfplumber's coordinates, so every layout stage after them is
the same. PDFium parses a page several times faster than pdfminer but does not give exactly the
same glyphs (docs/batch.md, "Speed" says where they differ), so it is chosen only by a setting.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Literal

import pdfplumber

from pipeline.layout.glyphs import PageObjects, read_page

log = logging.getLogger("bulletins")

CharSource = Literal["pdfplumber", "pdfium"]
"""pdfminer's glyphs under pdfplumber, or PDFium's (pypdfium2)."""

PageReader = Callable[[pdfplumber.page.Page], PageObjects]
"""Reads one page of the open PDF; raises whatever its parser raises on a damaged page."""


def _pdf_bytes(pdf: pdfplumber.PDF) -> bytes:
    """The bytes pdfplumber parses (its stream's position is left where it was)."""
    stream = pdf.stream
    position = stream.tell()
    try:
        stream.seek(0)
        return stream.read()
    finally:
        stream.seek(position)


@contextlib.contextmanager
def page_reader(pdf: pdfplumber.PDF, source: CharSource) -> Iterator[PageReader]:
    """A reader of the document's pages from the chosen source, open while the context lasts.

    pdfplumber still opens the document (its structure, metadata and errors are the same for
    both sources); PDFium reads the pages' content. A document PDFium cannot open is read by
    pdfplumber instead.
    """
    if source == "pdfplumber":
        yield read_page
        return
    import pypdfium2

    from pipeline.layout import pdfium_glyphs

    try:
        document = pypdfium2.PdfDocument(_pdf_bytes(pdf))
    except pypdfium2.PdfiumError as exc:
        log.info("PDFium cannot open the document (%s); its pages are read by pdfminer", exc)
        yield read_page
        return

    def read_with_pdfium(page: pdfplumber.page.Page) -> PageObjects:
        pdfium_page = document[page.page_number - 1]
        try:
            return pdfium_glyphs.read_page(page, pdfium_page)
        finally:
            pdfium_page.close()

    try:
        yield read_with_pdfium
    finally:
        document.close()
