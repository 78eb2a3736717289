"""Deskew and rotation: boxes of the upright OCR image on the PDF page and in the reading frame."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from pipeline.ocr.geometry import PageImage, page_orientation, page_skew, upright_to_rendered
from pipeline.ocr.hocr import OcrLine, OcrWord


def line(angle: int = 0, slope: float = 0.0, width: float = 400.0, text: str = "words") -> OcrLine:
    word = OcrWord(text, (0.0, 0.0, width, 10.0), 0.9, ())
    return OcrLine((0.0, 0.0, width, 10.0), slope, 0.0, 10.0, 2.0, angle, (word,))


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_geometry_upright_point_found_in_the_rendered_image(turn: int) -> None:
    """A pixel marked in an upright image is where `upright_to_rendered` says after PIL turns it."""
    upright = Image.new("L", (40, 30), 255)
    upright.putpixel((7, 5), 0)
    rendered = upright.rotate(turn, expand=True)  # text turned counterclockwise, as a scanner fed sideways
    x, y = upright_to_rendered(7.5, 5.5, turn, 40, 30)
    assert rendered.getpixel((math.floor(x), math.floor(y))) == 0


def test_geometry_orientation_by_characters() -> None:
    assert page_orientation([line(90, text="long line of text"), line(0, text="short")]) == 90
    assert page_orientation([line(180), line(180), line(0)]) == 180
    assert page_orientation([]) == 0


def test_geometry_skew_is_the_median_of_long_lines() -> None:
    lines = [line(slope=0.01), line(slope=0.012), line(slope=0.011), line(slope=0.5, width=40.0)]
    assert page_skew(lines) == pytest.approx(math.atan(0.011))


def test_geometry_to_page_scales_and_turns() -> None:
    image = PageImage(width=600, height=800, page_box=(0.0, 0.0, 300.0, 400.0))
    assert image.to_page((100.0, 200.0, 120.0, 220.0)) == pytest.approx((50.0, 100.0, 60.0, 110.0))
    turned = PageImage(width=800, height=600, page_box=(0.0, 0.0, 400.0, 300.0), orientation=90)
    assert turned.upright == (600, 800)
    # The upright image's top-left corner is the rendered image's bottom-left.
    assert turned.to_page((0.0, 0.0, 10.0, 10.0)) == pytest.approx((0.0, 295.0, 5.0, 300.0))


def test_geometry_deskew_levels_a_sloping_baseline() -> None:
    slope = 0.02
    image = PageImage(width=1000, height=1000, page_box=(0.0, 0.0, 500.0, 500.0), skew=math.atan(slope))
    left = image.to_frame(100.0, 500.0)
    right = image.to_frame(900.0, 500.0 + 800 * slope)
    assert left[1] == pytest.approx(right[1])
    assert right[0] - left[0] == pytest.approx(800 * math.hypot(1, slope) / 2)
