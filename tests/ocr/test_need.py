"""Which pages need OCR: the rule over a page's text layer, and the modes."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.glyphs import PageObjects, read_page
from pipeline.ocr.need import is_readable, needs_ocr, text_layer


def glyph(text: str, invisible: bool = False) -> dict:
    return {"text": text, "x0": 10.0, "x1": 15.0, "top": 10.0, "bottom": 20.0, "invisible": invisible}


def page(chars: list[dict], images: tuple[dict, ...] = ()) -> PageObjects:
    return PageObjects(1, 600.0, 800.0, tuple(chars), (), (), images)


FULL_PAGE_IMAGE = ({"x0": 0.0, "top": 0.0, "x1": 600.0, "bottom": 800.0},)


@pytest.mark.parametrize(
    ("chars", "images", "expected"),
    [
        pytest.param([], (), "none", id="no-glyphs"),
        pytest.param([glyph(" "), glyph(" ")], (), "none", id="only-spaces"),
        pytest.param([glyph(c) for c in "Bulletin"], (), "usable", id="visible-text"),
        pytest.param([glyph(c, invisible=True) for c in "Bulletin"], FULL_PAGE_IMAGE, "invisible", id="ocr-layer"),
        pytest.param(
            [glyph(c) for c in "Title"] + [glyph(c, invisible=True) for c in "Invisible text"],
            (),
            "invisible",
            id="mostly-invisible",
        ),
        pytest.param(
            [glyph(c) for c in "Visible heading line"] + [glyph(c, invisible=True) for c in "Hidden"],
            (),
            "usable",
            id="mostly-visible",
        ),
        pytest.param([glyph("(cid:12)") for _ in range(20)], (), "garbage", id="unmapped-glyphs"),
        pytest.param([glyph("\ufffd")] * 8 + [glyph("a")] * 2, (), "garbage", id="replacement-chars"),
        pytest.param([glyph("\ue001")] * 8 + [glyph("a")] * 2, (), "garbage", id="private-use"),
        pytest.param([glyph("\ufffd")] * 2 + [glyph("a")] * 8, (), "usable", id="a-few-bullets-unmapped"),
        pytest.param([glyph(c) for c in "Page 3"], FULL_PAGE_IMAGE, "scan", id="stamp-over-scan"),
        pytest.param([glyph("x")] * 150, FULL_PAGE_IMAGE, "usable", id="text-over-photo"),
        pytest.param(
            [glyph(c) for c in "Page 3"],
            ({"x0": 0.0, "top": 0.0, "x1": 100.0, "bottom": 100.0},),
            "usable",
            id="small-image",
        ),
    ],
)
def test_need_text_layer(chars: list[dict], images: tuple[dict, ...], expected: str) -> None:
    assert text_layer(page(chars, images)) == expected


@pytest.mark.parametrize(
    ("text", "readable"),
    [("a", True), ("é", True), ("fi", True), ("(cid:3)", False), ("\ufffd", False), ("\ue000", False), ("\x07", False)],
)
def test_need_is_readable(text: str, readable: bool) -> None:
    assert is_readable(text) is readable


def test_need_modes() -> None:
    text = page([glyph(c) for c in "Bulletin"])
    scan = page([], FULL_PAGE_IMAGE)
    assert [needs_ocr(text, mode) for mode in ("auto", "always", "never")] == [False, True, False]
    assert [needs_ocr(scan, mode) for mode in ("auto", "always", "never")] == [True, True, False]


def test_need_invisible_glyphs_are_read_from_the_render_mode(realworld: Path) -> None:
    with pdfplumber.open(realworld / "invisible_text_layer.pdf") as pdf:
        objects = read_page(pdf.pages[0])
    invisible = "".join(c["text"] for c in objects.chars if c["invisible"])
    visible = "".join(c["text"] for c in objects.chars if not c["invisible"])
    assert (invisible, visible) == ("Invisible OCR text layer", "Visible heading line")
    assert text_layer(objects) == "invisible"
