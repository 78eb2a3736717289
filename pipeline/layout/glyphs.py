"""A page's glyphs and shapes, read once as pdfminer interprets the page.

pdfplumber's `page.chars` turns every object of the page into a dictionary of some twenty
resolved attributes; for a text-heavy page that costs as much as parsing the page itself. Layout
needs only position, text, font and size of glyphs, and the boxes of rectangles, curves and
images: the glyphs are made into records as they are drawn (`interpreter.GlyphDevice`) and the
shapes are read from pdfminer's layout tree, in the same coordinates and under the same keys
pdfplumber uses (`x0`, `top`, `x1`, `bottom`, ...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import pdfplumber
from pdfminer.layout import LTComponent, LTContainer, LTCurve, LTImage, LTLine, LTPage, LTRect

from pipeline.layout.interpreter import page_layout
from pipeline.layout.page_frame import PageFrame, PdfObject

# White in the grey, RGB and CMYK colour spaces.
_WHITES = ((1,), (1, 1, 1), (0, 0, 0, 0))


def _color_key(color: object) -> str:
    """A fill colour as a comparable string (components rounded)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    return ",".join(f"{v:.3f}" if isinstance(v, (int, float)) else str(v) for v in values)


def is_white(color: object) -> bool:
    """Whether a fill colour is white: a shape filled white on a white page is not seen."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    try:
        numbers = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        return False  # a pattern or a named colour space: assume it shows
    return numbers in _WHITES


@dataclasses.dataclass(frozen=True)
class PageObjects:
    """What the layout reads of one page.

    Attributes:
        page_number: 1-based page number.
        width: Page width in points.
        height: Page height in points.
        chars: Glyphs with text, box, `doctop`, `upright`, `size`, `fontname`, `matrix` and
            `invisible` (drawn in an invisible text render mode, as OCR layers over scans are).
            Glyphs read by OCR (`pipeline.ocr`) are in the frame of the upright, deskewed page
            image and carry their box on the PDF page as `page_box`.
        rects: Rectangles with box, `stroke`, `fill`, `color` (of the fill, None when not filled)
            and `white` (filled white and not stroked: invisible on a white page).
        curves: Curves (and polygons) with box, `stroke`, `fill` and `outline` (every point lies on
            the box's sides: the path draws a rectangle, perhaps with a frame's thickness).
        images: Images with their box.
        lines: Straight lines (rules) with their box.
        read_by_ocr: The glyphs were read by OCR from the page image, not from its text layer.
    """

    page_number: int
    width: float
    height: float
    chars: tuple[PdfObject, ...]
    rects: tuple[PdfObject, ...]
    curves: tuple[PdfObject, ...]
    images: tuple[PdfObject, ...]
    lines: tuple[PdfObject, ...] = ()
    read_by_ocr: bool = False


# How far (points) a path's points may lie from its box's sides for it to draw that box.
OUTLINE_TOLERANCE = 2.0


def _traces_box(curve: LTCurve) -> bool:
    """Whether every point of a path lies on (or next to) a side of its bounding box."""
    x0, y0, x1, y1 = curve.bbox
    tolerance = OUTLINE_TOLERANCE
    return all(
        min(abs(x - x0), abs(x - x1)) <= tolerance or min(abs(y - y0), abs(y - y1)) <= tolerance for x, y in curve.pts
    )


def _iter_leaves(objects: list[LTComponent]) -> Iterator[LTComponent]:
    """Leaf objects of the tree; figures (form XObjects) are opened, as pdfplumber does."""
    for obj in objects:
        if isinstance(obj, LTContainer):
            yield from _iter_leaves(obj._objs)
        else:
            yield obj


def read_page(page: pdfplumber.page.Page) -> PageObjects:
    """Glyphs and shapes of a page in pdfplumber's coordinates (top measured from the page top).

    Raises:
        PdfminerException: The page's content cannot be interpreted.
    """
    layout, glyphs = page_layout(page)
    return layout_to_objects(page, layout, glyphs)


def layout_to_objects(page: pdfplumber.page.Page, layout: LTPage, glyphs: Sequence[PdfObject]) -> PageObjects:
    """A page's glyph records (made as it was drawn) and the shapes of its layout tree (`interpreter.page_layout`)."""
    frame = PageFrame.of(page)
    rects: list[PdfObject] = []
    curves: list[PdfObject] = []
    images: list[PdfObject] = []
    lines: list[PdfObject] = []
    for obj in _iter_leaves(layout._objs):
        if isinstance(obj, LTRect):
            color = _color_key(obj.non_stroking_color) if obj.fill else None
            white = obj.fill and not obj.stroke and is_white(obj.non_stroking_color)
            shape = {"stroke": obj.stroke, "fill": obj.fill, "white": white, "color": color}
            rects.append({**frame.box(*obj.bbox), **shape})
        elif isinstance(obj, LTLine):
            lines.append(frame.box(*obj.bbox))
        elif isinstance(obj, LTCurve):  # pdfplumber's "curve"
            curves.append({**frame.box(*obj.bbox), "stroke": obj.stroke, "fill": obj.fill, "outline": _traces_box(obj)})
        elif isinstance(obj, LTImage):
            images.append(frame.box(*obj.bbox))
    return PageObjects(
        page_number=page.page_number,
        width=float(page.width),
        height=frame.height,
        chars=tuple(glyphs),
        rects=tuple(rects),
        curves=tuple(curves),
        images=tuple(images),
        lines=tuple(lines),
    )
