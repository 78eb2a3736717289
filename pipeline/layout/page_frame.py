"""Where a glyph drawn on a PDF page lands in pdfplumber's page coordinates, and whether it is seen.

PDF space measures up from the media box's lower left corner; pdfplumber (and all of layout)
measures `top` down from the page's top edge and `doctop` down from the first page's top. Both
ways of reading a page's glyphs (`interpreter.GlyphDevice` as it draws them, and
`glyphs.layout_to_objects` from a layout tree) turn a glyph into layout's record here, so the two
give equal records.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pdfplumber

PdfObject = dict[str, Any]
"""One glyph or shape in pdfplumber's object shape, keys limited to what layout reads."""

Area = tuple[float, float, float, float]
"""A region of the page as (x0, top, x1, bottom)."""


def visible_area(page: pdfplumber.page.Page) -> Area | None:
    """The crop box (x0, top, x1, bottom) when it hides part of the media box, else None."""
    crop = tuple(float(v) for v in page.cropbox)
    media = tuple(float(v) for v in page.mediabox)
    return None if crop == media else (crop[0], crop[1], crop[2], crop[3])


def inside(item: PdfObject, area: Area) -> bool:
    """Whether a glyph's centre lies in the area."""
    x, y = (item["x0"] + item["x1"]) / 2, (item["top"] + item["bottom"]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


@dataclasses.dataclass(frozen=True)
class PageFrame:
    """One page's placement: its height, media box origin, offset in the document and crop box."""

    height: float
    x_origin: float
    top_origin: float
    doctop: float
    visible: Area | None

    @classmethod
    def of(cls, page: pdfplumber.page.Page) -> PageFrame:
        return cls(
            height=float(page.height),
            x_origin=float(page.mediabox[0]),
            top_origin=float(page.mediabox[1]),
            doctop=float(page.initial_doctop),
            visible=visible_area(page),
        )

    def box(self, x0: float, y0: float, x1: float, y1: float) -> PdfObject:
        """A box in PDF space (x0, y0, x1, y1) as pdfplumber's x0, x1, top and bottom."""
        top, bottom = self.height - y1 + self.top_origin, self.height - y0 + self.top_origin
        return {"x0": x0 + self.x_origin, "x1": x1 + self.x_origin, "top": top, "bottom": bottom}

    def glyph(
        self,
        bbox: tuple[float, float, float, float],
        text: str,
        size: float,
        upright: bool,
        fontname: str | bytes,
        matrix: tuple[float, ...],
        invisible: bool,
    ) -> PdfObject | None:
        """Layout's record of one glyph, or None for a glyph no reader sees.

        Such a glyph is a control character from the font's map (no `text` once cleaned by
        `safe_text.clean_text`, which the caller does), or one outside the crop box (printers'
        marks, proof lines).
        """
        if not text:
            return None
        item = self.box(*bbox)
        if self.visible is not None and not inside(item, self.visible):
            return None
        if isinstance(fontname, bytes):
            fontname = fontname.decode("latin-1", "replace")
        item.update(
            text=text,
            doctop=self.doctop + item["top"],
            upright=upright,
            size=size,
            fontname=fontname,
            matrix=matrix,
            invisible=invisible,
        )
        return item
