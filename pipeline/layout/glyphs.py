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
from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTCurve, LTImage, LTLine, LTPage, LTRect

from pipeline.layout.interpreter import page_layout
from pipeline.safe_text import clean_text

PdfObject = dict[str, Any]
"""One glyph or shape in pdfplumber's object shape, keys limited to what layout reads."""


@dataclasses.dataclass(frozen=True)
class PageObjects:
    """What the layout reads of one page.

    Attributes:
        page_number: 1-based page number.
        width: Page width in points.
        height: Page height in points.
        chars: Glyphs with text, box, `doctop`, `upright`, `size`, `fontname` and `matrix`.
        rects: Rectangles with box, `stroke` and `fill`.
        curves: Curves (and polygons) with box, `stroke` and `fill`.
        images: Images with their box.
    """

    page_number: int
    width: float
    height: float
    chars: tuple[PdfObject, ...]
    rects: tuple[PdfObject, ...]
    curves: tuple[PdfObject, ...]
    images: tuple[PdfObject, ...]


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
    return layout_to_objects(page, page_layout(page))


def layout_to_objects(page: pdfplumber.page.Page, layout: LTPage) -> PageObjects:
    """The glyphs and shapes of a page's layout tree (`interpreter.page_layout`, or pdfplumber's `page.layout`)."""
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    doctop = float(page.initial_doctop)
    chars: list[PdfObject] = []
    rects: list[PdfObject] = []
    curves: list[PdfObject] = []
    images: list[PdfObject] = []

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
            )
            chars.append(item)
        elif isinstance(obj, LTRect):
            rects.append({**box(obj), "stroke": obj.stroke, "fill": obj.fill})
        elif isinstance(obj, LTCurve) and not isinstance(obj, LTLine):  # pdfplumber's "curve"
            curves.append({**box(obj), "stroke": obj.stroke, "fill": obj.fill})
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
    )
