"""A document's pages for layout: glyphs from each page's text layer, or from OCR where the page needs it."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from pipeline.errors import DocumentTimeout
from pipeline.layout.char_sources import PageReader
from pipeline.layout.glyphs import PageObjects, read_page
from pipeline.layout.textmap import Box
from pipeline.ocr.geometry import PageImage, page_orientation, page_skew
from pipeline.ocr.glyphs import lines_to_glyphs
from pipeline.ocr.hocr import OcrLine, OcrWord
from pipeline.ocr.need import needs_ocr
from pipeline.ocr.render import despeckle, has_ink, page_resolution, render_page
from pipeline.ocr.tesseract import (
    INSTALL_HINT,
    SEGMENT,
    SEGMENT_WITH_ORIENTATION,
    OcrError,
    OcrTimeout,
    recognise,
    tesseract_version,
)
from pipeline.pdf import SourceFile
from pipeline.settings import OcrMode

log = logging.getLogger("bulletins")

# Marks without a letter or digit that Tesseract is less sure of than this are specks.
MIN_WORD_CONFIDENCE = 0.3
# A lone mark smaller than this share of the type size in both directions is a speck.
SPECK_SIZE = 0.15
# Lines whose words Tesseract is on average less sure of than this are picture texture or noise.
MIN_LINE_CONFIDENCE = 0.4
# A page whose kept words average less than this confidence was not read, whatever it shows.
MIN_PAGE_CONFIDENCE = 0.5
# Tesseract is stopped this long before the document's time is up, so that the document fails
# with `timeout` by itself and no Tesseract process outlives it.
DEADLINE_MARGIN_SECONDS = 1.0


@dataclasses.dataclass(frozen=True)
class OcrBudget:
    """When OCR must stop: the document's deadline on `time.monotonic()`, or None for no limit."""

    deadline: float | None = None
    timeout: float | None = None

    @classmethod
    def starting_now(cls, timeout: float | None) -> OcrBudget:
        return cls(time.monotonic() + timeout if timeout else None, timeout)

    def seconds_left(self) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - time.monotonic() - DEADLINE_MARGIN_SECONDS


def is_speck(word: OcrWord, line: OcrLine) -> bool:
    """A line's first or last word whose ink is a dot smaller than `SPECK_SIZE` of the type: dust, or
    a rule crossing the line. Such a dot between two words is a separator ("Issue 7 · March") and stays.
    """
    x0, top, x1, bottom = word.box
    at_end = word is line.words[0] or word is line.words[-1]
    return at_end and max(x1 - x0, bottom - top) < SPECK_SIZE * line.size


def confident_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines read with some confidence, less the specks among their words.

    A line whose words average below `MIN_LINE_CONFIDENCE` is picture texture or noise and goes.
    In the lines that stay, a word goes when it is a speck (`is_speck`), or when Tesseract is
    unsure of it and it has no letter or digit ("~", ":"): an unsure word of text is still the
    word there, and the records that contain it carry its low confidence.
    """
    kept = []
    for line in lines:
        if mean_confidence([line]) < MIN_LINE_CONFIDENCE:
            continue
        words = tuple(
            w
            for w in line.words
            if not is_speck(w, line) and (w.confidence >= MIN_WORD_CONFIDENCE or any(c.isalnum() for c in w.text))
        )
        if words:
            kept.append(dataclasses.replace(line, words=words))
    return kept


def mean_confidence(lines: Sequence[OcrLine]) -> float:
    """Word confidence averaged over characters."""
    total = sum(len(w.text) for line in lines for w in line.words)
    return sum(w.confidence * len(w.text) for line in lines for w in line.words) / total if total else 0.0


def _timeout(budget: OcrBudget, source: SourceFile, page_number: int) -> DocumentTimeout:
    limit = f"{budget.timeout:g} s" if budget.timeout else "its time"
    return DocumentTimeout(
        f"{source.path}: OCR of page {page_number} did not finish within the document's {limit}; "
        "raise --timeout-per-page (or --timeout) for scanned documents"
    )


def _recognise(
    image: Image.Image, resolution: float, segmentation: int, budget: OcrBudget, source: SourceFile, page_number: int
) -> list[OcrLine]:
    left = budget.seconds_left()
    if left is not None and left <= 0:
        raise _timeout(budget, source, page_number)
    try:
        return recognise(image, resolution, segmentation, left if left is not None else 0)
    except OcrTimeout:
        raise _timeout(budget, source, page_number) from None


def ocr_page(
    renderer: pdfium.PdfDocument, page: pdfplumber.page.Page, source: SourceFile, budget: OcrBudget
) -> tuple[PageObjects, dict[Box, float]] | None:
    """Read one page by OCR.

    Returns:
        The page's objects and glyph confidences, or None when the page image is blank.

    Raises:
        OcrError: Tesseract failed, or read nothing it is sure of, on a page that shows something.
        DocumentTimeout: The document's time ran out.
    """
    resolution = page_resolution(float(page.width), float(page.height))
    try:
        image = render_page(renderer, page.page_number - 1, resolution)
    except pdfium.PdfiumError as exc:
        raise OcrError(f"the page cannot be rendered ({exc})") from exc
    if not has_ink(image):
        return None
    image = despeckle(image)
    lines = _recognise(image, resolution, SEGMENT_WITH_ORIENTATION, budget, source, page.page_number)
    orientation = page_orientation(lines)
    rendered = image
    if orientation:
        # Tesseract read the turned text, but lays out a page best when it is upright.
        image = image.rotate(-orientation, expand=True)
        lines = _recognise(image, resolution, SEGMENT, budget, source, page.page_number)
    lines = confident_lines([line for line in lines if line.angle == 0])
    if not lines or mean_confidence(lines) < MIN_PAGE_CONFIDENCE:
        raise OcrError(f"OCR found no text it could read (mean confidence {mean_confidence(lines):.2f})")
    page_box = (float(page.bbox[0]), float(page.bbox[1]), float(page.bbox[2]), float(page.bbox[3]))
    geometry = PageImage(rendered.width, rendered.height, page_box, orientation, page_skew(lines))
    glyphs = lines_to_glyphs(lines, page.page_number, geometry)
    return glyphs.page, glyphs.confidence


class OcrPageReader:
    """Reads each page of one document for layout: from its text layer, or by OCR where it needs it.

    Pass it to `iter_document_blocks` as the page reader. It keeps what OCR read, so a page the
    layout reads twice is OCR'd once, and collects which pages were OCR'd, the confidence of each
    OCR glyph and the pages OCR could not read. A page OCR cannot read gives no glyphs and a
    warning; the other pages are unaffected. Use it as a context manager: it holds the PDF open
    for rendering.

    Args:
        source: The PDF's bytes and path.
        mode: auto, always or never (see `pipeline.ocr.need`).
        budget: When OCR must stop (no limit when None).
        text_layer: Reads a page's text layer (`pipeline.layout.char_sources.page_reader`).
    """

    def __init__(
        self,
        source: SourceFile,
        mode: OcrMode = "auto",
        budget: OcrBudget | None = None,
        text_layer: PageReader = read_page,
    ) -> None:
        self.source = source
        self.text_layer = text_layer
        self.mode = mode
        self.budget = budget or OcrBudget()
        self.confidence: dict[tuple[int, Box], float] = {}
        self._ocr_pages: dict[int, PageObjects] = {}
        self._unread: set[int] = set()
        self._renderer: pdfium.PdfDocument | None = None

    def __enter__(self) -> OcrPageReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        """1-based numbers of the pages read by OCR, in order."""
        return tuple(sorted(self._ocr_pages))

    @property
    def unread(self) -> tuple[int, ...]:
        """1-based numbers of the pages that needed OCR but could not be read by it."""
        return tuple(sorted(self._unread))

    def __call__(self, page: pdfplumber.page.Page) -> PageObjects:
        """The page's glyphs and shapes.

        Raises:
            DocumentTimeout: OCR did not finish within the document's time.
        """
        if page.page_number in self._ocr_pages:
            return self._ocr_pages[page.page_number]
        layer = None if self.mode == "always" else self.text_layer(page)
        if layer is not None and not needs_ocr(layer, self.mode):
            return layer
        if page.page_number in self._unread or not self._can_ocr(page.page_number):
            return layer if layer is not None else self.text_layer(page)
        try:
            result = ocr_page(self._open_renderer(), page, self.source, self.budget)
        except OcrError as exc:
            log.warning("%s: page %d left out: %s", self.source.name, page.page_number, exc)
            self._unread.add(page.page_number)
            return _empty_page(page)
        if result is None:  # a blank page image
            return _empty_page(page)
        objects, confidence = result
        self._ocr_pages[page.page_number] = objects
        self.confidence.update(((page.page_number, box), value) for box, value in confidence.items())
        return objects

    def _can_ocr(self, page_number: int) -> bool:
        if tesseract_version() is not None:
            return True
        if not self._unread:
            log.warning(
                "%s: page %d and maybe others need OCR; %s to read them", self.source.name, page_number, INSTALL_HINT
            )
        self._unread.add(page_number)
        return False

    def _open_renderer(self) -> pdfium.PdfDocument:
        if self._renderer is None:
            try:
                self._renderer = pdfium.PdfDocument(self.source.data)
            except pdfium.PdfiumError as exc:
                raise OcrError(f"the page cannot be rendered ({exc})") from exc
        return self._renderer


def _empty_page(page: pdfplumber.page.Page) -> PageObjects:
    return PageObjects(page.page_number, float(page.width), float(page.height), (), (), (), ())
