"""A page's glyphs and shapes, read once from pdfminer's layout tree of the page.

pdfplumber's `page.chars` turns every object of the page into a dictionary of some twenty
resolved attributes; for a text-heavy page that costs as much as parsing the page itself. Layout
needs only position, text, font and size of glyphs, and the boxes of rectangles, curves and
images, so they are read here straight from the layout tree (the one pdfplumber's `page.layout`
builds, built faster by `interpreter.page_layout`), in the same coordinates and under the same
keys pdfplumber uses (`x0`, `top`, `x1`, `bottom`, ...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Set
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTCurve, LTImage, LTLine, LTPage, LTRect

from pipeline.layout.interpreter import page_layout
from pipeline.safe_text import clean_text

PdfObject = dict[str, Any]
"""One glyph or shape in pdfplumber's object shape, keys limited to what layout reads."""

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


def visible_area(page: pdfplumber.page.Page) -> tuple[float, float, float, float] | None:
    """The crop box (x0, top, x1, bottom) when it hides part of the media box, else None."""
    crop = tuple(float(v) for v in page.cropbox)
    media = tuple(float(v) for v in page.mediabox)
    return None if crop == media else (crop[0], crop[1], crop[2], crop[3])


def inside(item: PdfObject, area: tuple[float, float, float, float]) -> bool:
    """Whether a glyph's centre lies in the area."""
    x, y = (item["x0"] + item["x1"]) / 2, (item["top"] + item["bottom"]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def read_page(page: pdfplumber.page.Page) -> PageObjects:
    """Glyphs and shapes of a page in pdfplumber's coordinates (top measured from the page top).

    Raises:
        PdfminerException: The page's content cannot be interpreted.
    """
    return layout_to_objects(page, *page_layout(page))


def layout_to_objects(page: pdfplumber.page.Page, layout: LTPage, invisible: Set[int] = frozenset()) -> PageObjects:
    """The glyphs and shapes of a page's layout tree (`interpreter.page_layout`, or pdfplumber's `page.layout`).

    `invisible` holds the ids of the tree's glyphs drawn in an invisible text render mode.
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    doctop = float(page.initial_doctop)
    chars: list[PdfObject] = []
    rects: list[PdfObject] = []
    curves: list[PdfObject] = []
    images: list[PdfObject] = []
    lines: list[PdfObject] = []

    def box(obj: LTComponent) -> PdfObject:
        top = height - obj.y1 + mb_top
        return {"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top, "bottom": height - obj.y0 + mb_top}

    visible = visible_area(page)
    for obj in _iter_leaves(layout._objs):
        if isinstance(obj, LTChar):
            text = clean_text(obj.get_text())
            if not text:
                continue  # a control character from the font's map: nothing a reader sees
            item = box(obj)
            if visible is not None and not inside(item, visible):
                continue  # outside the crop box: printers' marks and proof lines no reader sees
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fontname.decode("latin-1", "replace")
            item.update(
                text=text,
                doctop=doctop + item["top"],
                upright=obj.upright,
                size=obj.size,
                fontname=fontname,
                matrix=obj.matrix,
                invisible=id(obj) in invisible,
            )
            chars.append(item)
        elif isinstance(obj, LTRect):
            color = _color_key(obj.non_stroking_color) if obj.fill else None
            white = obj.fill and not obj.stroke and is_white(obj.non_stroking_color)
            rects.append({**box(obj), "stroke": obj.stroke, "fill": obj.fill, "white": white, "color": color})
        elif isinstance(obj, LTLine):
            lines.append(box(obj))
        elif isinstance(obj, LTCurve):  # pdfplumber's "curve"
            curves.append({**box(obj), "stroke": obj.stroke, "fill": obj.fill, "outline": _traces_box(obj)})
        elif isinstance(obj, LTImage):
            images.append(box(obj))
    return PageObjects(
        page_number=page.page_number,
        width=float(page.width),
        height=height,
        chars=tuple(chars),
        rects=tuple(rects),
        curves=tuple(curves),
        images=tuple(images),
        lines=tuple(lines),
    )
