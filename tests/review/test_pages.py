"""Page images: where PDF points fall on the rendered image, and the cache that renders each page once."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from pipeline.errors import MalformedPDF
from pipeline.pdf import SourceFile, read_source
from pipeline.review.pages import ImageSettings, PageImage, page_images

# A black square drawn at these PDF coordinates (origin bottom left), on a page whose crop box
# starts 50 pt in from the left and 100 pt up from the bottom: the image shows the crop box only.
SQUARE = (200.0, 500.0, 60.0, 60.0)  # x, y, width, height
CROP_BOX = (50.0, 100.0, 450.0, 700.0)


def _square_pdf(path: Path, pages: int = 1) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(500.0, 800.0), invariant=1)
    for _ in range(pages):
        pdf.setCropBox(CROP_BOX)
        pdf.rect(*SQUARE, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def _pixel_box(page: PageImage, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    left, top, width, height = page.percent(box)
    scale_x, scale_y = page.width_px / 100, page.height_px / 100
    return (
        round(left * scale_x),
        round(top * scale_y),
        round((left + width) * scale_x),
        round((top + height) * scale_y),
    )


@pytest.mark.parametrize("settings", [ImageSettings(), ImageSettings(dpi=72, format="png")], ids=["webp", "png"])
def test_pages_a_box_in_pdfplumber_points_lands_on_its_pixels(tmp_path: Path, settings: ImageSettings) -> None:
    source = read_source(_square_pdf(tmp_path / "square.pdf"))
    (page,) = page_images(source, tmp_path / "cache", settings)
    with pdfplumber.open(tmp_path / "square.pdf") as pdf:
        rect = pdf.pages[0].rects[0]
    square = (rect["x0"], rect["top"], rect["x1"], rect["bottom"])
    x0, top, x1, bottom = _pixel_box(page, square)
    image = Image.open(page.path).convert("L")
    assert (
        image.size
        == (page.width_px, page.height_px)
        == (round(400 * settings.dpi / 72), round(600 * settings.dpi / 72))
    )
    assert image.getpixel(((x0 + x1) // 2, (top + bottom) // 2)) < 40  # inside: black
    for x, y in ((x0 + 2, top + 2), (x1 - 3, bottom - 3)):
        assert image.getpixel((x, y)) < 60
    for x, y in ((x0 - 3, top), (x1 + 3, bottom), (x0, top - 3), (x1, bottom + 3)):
        assert image.getpixel((x, y)) > 200  # just outside: white


def test_pages_are_rendered_once_then_read_from_the_cache(tmp_path: Path) -> None:
    source = read_source(_square_pdf(tmp_path / "square.pdf", pages=3))
    rendered: list[int] = []
    first = page_images(source, tmp_path / "cache", ImageSettings(), on_render=lambda: rendered.append(1))
    again = page_images(source, tmp_path / "cache", ImageSettings(), on_render=lambda: rendered.append(1))
    assert len(rendered) == 3
    assert again == first
    other = page_images(source, tmp_path / "cache", ImageSettings(dpi=72), on_render=lambda: rendered.append(1))
    assert len(rendered) == 6 and other[0].path.parent != first[0].path.parent  # other settings, other images
    first[1].path.unlink()
    page_images(source, tmp_path / "cache", ImageSettings(), on_render=lambda: rendered.append(1))
    assert len(rendered) == 9  # a missing image renders the document again


def test_pages_unrenderable_pdf_is_a_bulletins_error(tmp_path: Path) -> None:
    source = SourceFile("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n")
    with pytest.raises(MalformedPDF):
        page_images(source, tmp_path / "cache", ImageSettings())
