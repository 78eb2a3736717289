"""Deskew and rotation: where a box in the upright OCR image lies on the PDF page and in the reading frame.

Tesseract reads a page image turned upright (a page scanned sideways or upside down is turned
by the angle its orientation detection reports) and gives each line's baseline, whose slope is
the scan's skew. Layout needs lines that run level, so every glyph gets two boxes: its box on the
PDF page (in points, pdfplumber's convention), for provenance, and its box in the reading frame,
the upright image turned by minus the skew, for columns, lines and paragraphs. Pixels are never
resampled for this; only coordinates are turned.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from pipeline.layout.textmap import Box
from pipeline.ocr.hocr import OcrLine, PixelBox

QUARTER_TURNS = (0, 90, 180, 270)
POINTS_PER_INCH = 72.0


def page_orientation(lines: Sequence[OcrLine]) -> int:
    """The angle most of the page's text is turned by (0, 90, 180 or 270), weighed by characters."""
    weights: dict[int, int] = {}
    for line in lines:
        weights[line.angle] = weights.get(line.angle, 0) + line.glyph_count
    if not weights:
        return 0
    angle = max(weights, key=lambda a: (weights[a], a == 0))
    return angle if angle in QUARTER_TURNS else 0


def weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    """The value at which half the total weight lies on either side.

    Raises:
        ValueError: There are no values.
    """
    if not values:
        raise ValueError("no values to take the median of")
    pairs = sorted(zip(values, weights, strict=True))
    half = sum(weights) / 2
    seen = 0.0
    for value, weight in pairs:
        seen += weight
        if seen >= half:
            return value
    return pairs[-1][0]


def page_skew(lines: Sequence[OcrLine], min_width: float = 100.0) -> float:
    """The page's skew in radians: the median baseline angle of its lines, weighed by their width.

    Short lines (a page number, a bullet) have unreliable baselines and are left out when longer
    ones exist.
    """
    measured = [(math.atan(line.slope), line.box[2] - line.box[0]) for line in lines if line.angle == 0]
    long_lines = [(angle, width) for angle, width in measured if width >= min_width] or measured
    if not long_lines:
        return 0.0
    return weighted_median([angle for angle, _ in long_lines], [width for _, width in long_lines])


def upright_size(width: float, height: float, orientation: int) -> tuple[float, float]:
    """Size of the image turned upright, from the rendered image's size."""
    return (height, width) if orientation in (90, 270) else (width, height)


def upright_to_rendered(x: float, y: float, orientation: int, width: float, height: float) -> tuple[float, float]:
    """A point of the upright image in the rendered image, whose text is turned by `orientation`.

    `width` and `height` are the upright image's. Text turned by 90 degrees reads upwards (the
    upright page turned counterclockwise).
    """
    if orientation == 90:
        return y, width - x
    if orientation == 180:
        return width - x, height - y
    if orientation == 270:
        return height - y, x
    return x, y


@dataclasses.dataclass(frozen=True)
class PageImage:
    """How a rendered page image relates to its PDF page and to the reading frame.

    Attributes:
        width: Width of the rendered image, in pixels.
        height: Height of the rendered image, in pixels.
        page_box: The page in pdfplumber's coordinates (x0, top, x1, bottom), in points.
        orientation: Angle the page's text is turned by in the rendered image.
        skew: Angle of the text's baselines in the upright image, in radians (positive: falling
            to the right).
    """

    width: int
    height: int
    page_box: Box
    orientation: int = 0
    skew: float = 0.0

    @property
    def upright(self) -> tuple[float, float]:
        """Width and height of the upright image, in pixels."""
        return upright_size(self.width, self.height, self.orientation)

    @property
    def points_per_pixel(self) -> tuple[float, float]:
        x0, top, x1, bottom = self.page_box
        return (x1 - x0) / self.width, (bottom - top) / self.height

    @property
    def to_frame_scale(self) -> float:
        """Points per pixel in the reading frame (the page's two scales differ only by rounding)."""
        sx, sy = self.points_per_pixel
        return (sx + sy) / 2

    @property
    def frame_size(self) -> tuple[float, float]:
        """Width and height of the reading frame, in points."""
        width, height = self.upright
        return width * self.to_frame_scale, height * self.to_frame_scale

    def to_page(self, box: PixelBox) -> Box:
        """A box of the upright image on the PDF page, in points."""
        width, height = self.upright
        corners = [
            upright_to_rendered(x, y, self.orientation, width, height)
            for x in (box[0], box[2])
            for y in (box[1], box[3])
        ]
        sx, sy = self.points_per_pixel
        page_x0, page_top = self.page_box[0], self.page_box[1]
        xs = [page_x0 + x * sx for x, _ in corners]
        ys = [page_top + y * sy for _, y in corners]
        return (min(xs), min(ys), max(xs), max(ys))

    def to_frame(self, x: float, y: float) -> tuple[float, float]:
        """A point of the upright image in the reading frame (deskewed), in points."""
        width, height = self.upright
        cx, cy = width / 2, height / 2
        cos, sin = math.cos(self.skew), math.sin(self.skew)
        dx, dy = x - cx, y - cy
        scale = self.to_frame_scale
        return (cx + dx * cos + dy * sin) * scale, (cy - dx * sin + dy * cos) * scale
