"""A page's glyphs and shapes read by PDFium (pypdfium2) instead of pdfminer: the optional faster char source.

pdfminer interprets a page's content stream in Python, which is most of what layout costs;
PDFium does it in C++. This module gives the same `PageObjects` as `glyphs.read_page`, in the
same coordinates, each glyph's box computed the way pdfminer computes it (from the glyph's
origin, the text matrix, the font's size and descent and the glyph's advance), so that the layout
stages downstream see the same page. Where PDFium does not expose what pdfminer uses the result
can differ (see docs/batch.md, "Speed"); `tests/layout/test_char_sources.py` compares the two sources on
every fixture and real PDF, and pdfplumber stays the default source until they agree everywhere.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS

from pipeline.layout.glyphs import PageObjects
from pipeline.layout.page_frame import PageFrame, PdfObject
from pipeline.safe_text import clean_text

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

UNKNOWN_GLYPH = "\ufffd"


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0, as pdfminer's `mult_matrix`."""
    (a1, b1, c1, d1, e1, f1) = m1
    (a0, b0, c0, d0, e0, f0) = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, point: Point) -> Point:
    (a, b, c, d, e, f) = m
    (x, y) = point
    return (a * x + c * y + e, b * x + d * y + f)


def page_matrix(page: pdfplumber.page.Page) -> Matrix:
    """pdfminer's initial transformation of a page: its rotation and the media box's origin."""
    (x0, y0, x1, y1) = page.page_obj.mediabox
    rotate = page.page_obj.rotate
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _bounds(points: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _font_text(getter: Callable[..., int], font: pdfium_c.FPDF_FONT) -> str:
    size = getter(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    getter(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")


def _font_name(font: pdfium_c.FPDF_FONT) -> str:
    """The font's BaseFont name with its subset prefix ("ABCDEF+Arial"), as pdfminer reports it.

    PDFium's base font name drops the prefix; its family name is the embedded program's own name,
    which carries the prefix when the font is a subset (and is a stand-in's name when it is not
    embedded).
    """
    base = _font_text(pdfium_c.FPDFFont_GetBaseFontName, font)
    family = _font_text(pdfium_c.FPDFFont_GetFamilyName, font)
    prefix, plus, rest = family.partition("+")
    return family if plus and rest == base and len(prefix) == 6 else base


class _Fonts:
    """Name and descent (per unit of font size) of each font, by PDFium font handle, read once.

    pdfminer takes the 14 standard fonts' metrics from its own tables whatever the PDF says; so
    does this, from the same tables.
    """

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[str, float, Mapping[str, float] | None]] = {}

    def font(self, text_object: pdfium_c.FPDF_PAGEOBJECT) -> tuple[str, float, Mapping[str, float] | None]:
        """The font's name, its descent per unit of size, and its widths by character for a standard font."""
        font = pdfium_c.FPDFTextObj_GetFont(text_object)
        key = _address(font)
        if key not in self._fonts:
            name = _font_name(font)
            if name in FONT_METRICS:
                metrics, widths = FONT_METRICS[name]
                descent = -abs(float(str(metrics.get("Descent", 0)))) / 1000.0
                self._fonts[key] = (str(metrics["FontName"]), descent, widths)
            else:
                value = ctypes.c_float()
                found = pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(value))
                self._fonts[key] = (name, -abs(value.value) / 1000.0 if found else 0.0, None)
        return self._fonts[key]


def _address(handle: Any) -> int:
    """A PDFium handle's address, to key what is read once per font or text object."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _page_objects(pdfium_page: pdfium.PdfPage) -> Iterator[pdfium_c.FPDF_PAGEOBJECT]:
    raw = pdfium_page.raw
    return (pdfium_c.FPDFPage_GetObject(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw)))


def _content_order(pdfium_page: pdfium.PdfPage) -> dict[int, int]:
    """Position of each text object in the content stream (forms opened where they are drawn)."""
    order: dict[int, int] = {}
    for raw, kind, _ in _iter_leaves(_page_objects(pdfium_page), (1, 0, 0, 1, 0, 0)):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            order[_address(raw)] = len(order)
    return order


class _CharReader:
    """Reads the glyphs of one PDFium text page, one at a time, as pdfminer would box them."""

    def __init__(self, page: pdfplumber.page.Page, text_page: pdfium_c.FPDF_TEXTPAGE) -> None:
        self.frame = PageFrame.of(page)
        self.rotation = page_matrix(page)
        self.handle = text_page
        self.fonts = _Fonts()
        self._matrix = pdfium_c.FS_MATRIX()
        self._loose = pdfium_c.FS_RECTF()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()

    def text(self, index: int) -> str:
        if pdfium_c.FPDFText_IsHyphen(self.handle, index) == 1:
            return "-"  # PDFium marks a hyphen that ends a line and forgets which dash it was
        if pdfium_c.FPDFText_HasUnicodeMapError(self.handle, index) == 1:
            return UNKNOWN_GLYPH
        return clean_text(chr(pdfium_c.FPDFText_GetUnicode(self.handle, index)))

    def glyph(self, index: int, text: str, text_object: pdfium_c.FPDF_PAGEOBJECT) -> PdfObject | None:
        """The glyph's box, size, font and matrix in pdfminer's terms, in pdfplumber's coordinates.

        None for a glyph outside the crop box. PDFium does not say which glyphs are drawn
        invisibly, so none is marked.
        """
        handle, matrix, loose = self.handle, self._matrix, self._loose
        pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
        pdfium_c.FPDFText_GetCharOrigin(handle, index, self._x, self._y)
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, loose)
        size = pdfium_c.FPDFText_GetFontSize(handle, index)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        fontname, descent_per_size, standard_widths = self.fonts.font(text_object)
        if standard_widths is not None:
            advance = standard_widths.get(text, 0) * 0.001 * size
        else:
            # The glyph's advance in text space: PDFium's loose box spans it along the baseline.
            advance = (loose.right - loose.left) / a if a and not b and not c else 0.0
        origin = _apply(self.rotation, (self._x.value, self._y.value))
        glyph = (*_mult((a, b, c, d, 0.0, 0.0), (*self.rotation[:4], 0.0, 0.0))[:4], *origin)
        descent = descent_per_size * size
        corners = [_apply(glyph, (x, y)) for x in (0.0, advance) for y in (descent, descent + size)]
        (x0, y0, x1, y1) = _bounds(corners)
        upright = glyph[0] * glyph[3] > 0 and glyph[1] * glyph[2] <= 0
        return self.frame.glyph((x0, y0, x1, y1), text, y1 - y0, upright, fontname, glyph, invisible=False)


def read_chars(page: pdfplumber.page.Page, pdfium_page: pdfium.PdfPage) -> list[PdfObject]:
    """The glyphs of a page as `glyphs.read_page` gives them, in the content stream's order."""
    order = _content_order(pdfium_page)
    text_page = pdfium_page.get_textpage()
    reader = _CharReader(page, text_page.raw)
    keyed: list[tuple[int, int, PdfObject]] = []
    try:
        for index in range(pdfium_c.FPDFText_CountChars(text_page.raw)):
            if pdfium_c.FPDFText_IsGenerated(text_page.raw, index) == 1:
                continue  # a space or line break PDFium inferred; pdfminer has none
            text = reader.text(index)
            if not text:
                continue  # a control character from the font's map: nothing a reader sees
            text_object = pdfium_c.FPDFText_GetTextObject(text_page.raw, index)
            item = reader.glyph(index, text, text_object)
            if item is None:
                continue  # outside the crop box, as glyphs.read_page leaves it out
            keyed.append((order.get(_address(text_object), len(order)), index, item))
    finally:
        text_page.close()
    # PDFium's text page may move runs of text around; pdfminer keeps the content stream's order.
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [item for _, _, item in keyed]


def _object_matrix(raw: pdfium_c.FPDF_PAGEOBJECT) -> Matrix:
    own = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, own)
    return (own.a, own.b, own.c, own.d, own.e, own.f)


def _iter_leaves(
    objects: Iterable[pdfium_c.FPDF_PAGEOBJECT], matrix: Matrix
) -> Iterator[tuple[pdfium_c.FPDF_PAGEOBJECT, int, Matrix]]:
    """Page objects with the matrix that takes their space to the page's; forms are opened."""
    for raw in objects:
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = _mult(_object_matrix(raw), matrix)
            count = pdfium_c.FPDFFormObj_CountObjects(raw)
            yield from _iter_leaves((pdfium_c.FPDFFormObj_GetObject(raw, i) for i in range(count)), inner)
        else:
            yield raw, kind, matrix


def _subpaths(path: pdfium_c.FPDF_PAGEOBJECT, to_page: Matrix) -> Iterator[tuple[str, list[Point]]]:
    """Each subpath as pdfminer writes it: operators ("m", "l", "c", "h") and their end points.

    PDFium keeps a curve as three points and a closing line as a point flagged "close"; pdfminer
    keeps one entry per operator, a closing "h" at the start point.
    """
    x, y = ctypes.c_float(), ctypes.c_float()
    shape, pending = "", 0
    points: list[Point] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(to_page, (x.value, y.value))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                yield shape, points
            shape, points = "m", [point]
            continue
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            pending += 1
            if pending < 3:
                continue  # control points: pdfminer keeps only where the curve ends
            pending = 0
            shape += "c"
        else:
            shape += "l"
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and points:
            if shape[-1] == "l" and point == points[0]:
                shape = shape[:-1] + "h"
            else:
                shape += "h"
                points.append(points[0])
    if shape:
        yield shape, points


def _shape_box(shape: str, points: list[Point]) -> tuple[str, tuple[float, float, float, float]] | None:
    """pdfminer's reading of one subpath: ("rect" or "curve", its box), or None for a line."""
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]
    if shape in ("mlh", "ml"):
        return None
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            return "rect", _bounds([points[0], points[2]])
    return "curve", _bounds(points)


def read_shapes(page: pdfplumber.page.Page, pdfium_page: pdfium.PdfPage) -> dict[str, list[PdfObject]]:
    """Painted paths as pdfminer tells rectangles from curves (single lines left out), and images."""
    frame = PageFrame.of(page)
    rotation = page_matrix(page)
    shapes: dict[str, list[PdfObject]] = {"rect": [], "curve": [], "image": []}
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    for raw, kind, matrix in _iter_leaves(_page_objects(pdfium_page), (1, 0, 0, 1, 0, 0)):
        to_page = _mult(matrix, rotation)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(raw, fill_mode, stroke)
            for shape, points in _subpaths(raw, to_page):
                found = _shape_box(shape, points)
                if found is not None:
                    box = frame.box(*found[1])
                    shapes[found[0]].append({**box, "stroke": bool(stroke.value), "fill": fill_mode.value != 0})
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image = _mult(_object_matrix(raw), to_page)
            corners = [_apply(image, (x, y)) for x in (0.0, 1.0) for y in (0.0, 1.0)]
            shapes["image"].append(frame.box(*_bounds(corners)))
    return shapes


def read_page(page: pdfplumber.page.Page, pdfium_page: pdfium.PdfPage) -> PageObjects:
    """Glyphs and shapes of a page, read by PDFium, in pdfplumber's coordinates.

    Args:
        page: The page as pdfplumber opened it (its boxes and rotation; its content is not parsed).
        pdfium_page: The same page opened by PDFium.
    """
    shapes = read_shapes(page, pdfium_page)
    return PageObjects(
        page_number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=tuple(read_chars(page, pdfium_page)),
        rects=tuple(shapes["rect"]),
        curves=tuple(shapes["curve"]),
        images=tuple(shapes["image"]),
    )
