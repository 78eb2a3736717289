"""Page images for OCR: each page rendered by pdfium, grey, at a fixed resolution, specks removed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

# Tesseract reads best when body text is 20-30 pixels high; 300 dpi gives a 9-point line about
# 37 pixels, and scans made at 200 dpi gain from it too (docs/ocr.md has the measurements).
RESOLUTION = 300
# A page larger than this many pixels at RESOLUTION (a poster, a map) is rendered at a lower
# resolution instead, so that one page cannot take the worker's memory: 60 Mpx is about A2.
MAX_PIXELS = 60_000_000
# A page image with less ink than this share of its pixels is blank (or only a speck or two).
MIN_INK_SHARE = 0.0005
INK_LEVEL = 128


@contextlib.contextmanager
def open_renderer(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """The PDF opened by pdfium for rendering, closed afterwards.

    Raises:
        pypdfium2.PdfiumError: pdfium cannot open the file.
    """
    document = pdfium.PdfDocument(data)
    try:
        yield document
    finally:
        document.close()


def page_resolution(width: float, height: float, resolution: int = RESOLUTION) -> float:
    """The resolution a page of this size (points) is rendered at: `resolution`, or less for a huge page."""
    pixels = (width * resolution / 72) * (height * resolution / 72)
    return resolution if pixels <= MAX_PIXELS else resolution * (MAX_PIXELS / pixels) ** 0.5


def render_page(document: pdfium.PdfDocument, index: int, resolution: float) -> Image.Image:
    """One page as a greyscale image of its media box, the box pdfplumber's coordinates measure.

    Args:
        document: The open PDF.
        index: 0-based page index.
        resolution: Dots per inch.
    """
    page = document[index]
    try:
        page.set_cropbox(*page.get_mediabox())
        bitmap = page.render(scale=resolution / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        page.close()


def has_ink(image: Image.Image) -> bool:
    """Whether the image shows anything: a share of dark pixels above `MIN_INK_SHARE`."""
    small = image.reduce(4)
    histogram = small.histogram()
    dark = sum(histogram[:INK_LEVEL])
    return dark >= MIN_INK_SHARE * small.width * small.height


def despeckle(image: Image.Image) -> Image.Image:
    """The image with isolated specks (scanner noise, dust) taken out by a 3x3 median filter.

    Specks next to letters read as punctuation ("in." for "in"); the filter leaves strokes of
    rendered text intact at this resolution.
    """
    return image.filter(ImageFilter.MedianFilter(3))
