"""Which pages need OCR: the rule that judges a page's text layer usable or not.

A page's text layer is used as it is unless one of these holds, in which case `--ocr auto`
reads the page by OCR instead:

- it has no glyphs at all (a scan, or text drawn as outlines);
- most of its glyphs are invisible (text render mode 3 or 7): the layer an OCR tool lays
  under a scan, which says nothing about how good it is and whose boxes need not match the
  picture, so the page is read again with known confidences;
- most of its visible glyphs are unreadable: unmapped glyphs ("(cid:12)", U+FFFD), private-use
  or control characters, the signs of a font without a Unicode map;
- an image covers most of the page and the readable text on it is short: a scan with a stamp or
  a page number laid over it.

A page that passes is never OCR'd in auto mode, so born-digital documents cost no more than before.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, Literal

from pipeline.layout.glyphs import PageObjects
from pipeline.settings import OcrMode

TextLayer = Literal["usable", "none", "invisible", "garbage", "scan"]
"""What a page's text layer is worth: usable, or why not."""


@dataclasses.dataclass(frozen=True)
class NeedSettings:
    """Thresholds of the rule.

    Attributes:
        usable_share: Share of glyphs that must be visible, and of those that must be readable.
        scan_share: Share of the page an image must cover for the page to be a scan.
        stamp_glyphs: Fewer readable glyphs than this over a scan are a stamp, not the page's text.
    """

    usable_share: float = 0.5
    scan_share: float = 0.5
    stamp_glyphs: int = 100


def is_readable(text: str) -> bool:
    """Whether a glyph's text is a real character: not unmapped, private-use or a control code."""
    if not text or text.startswith("(cid:"):
        return False
    return all(ch != "\ufffd" and unicodedata.category(ch) not in ("Co", "Cc", "Cs", "Cn") for ch in text)


def image_share(page: PageObjects) -> float:
    """Share of the page covered by images (overlaps counted twice, capped at 1)."""
    area = float(page.width) * float(page.height)
    covered = 0.0
    for image in page.images:
        width = min(float(image["x1"]), page.width) - max(float(image["x0"]), 0.0)
        height = min(float(image["bottom"]), page.height) - max(float(image["top"]), 0.0)
        covered += max(width, 0.0) * max(height, 0.0)
    return min(covered / area, 1.0) if area > 0 else 0.0


def text_layer(page: PageObjects, settings: NeedSettings | None = None) -> TextLayer:
    """Judge a page's text layer (see the module's docstring)."""
    settings = settings or NeedSettings()
    glyphs: list[dict[str, Any]] = [c for c in page.chars if not c["text"].isspace()]
    if not glyphs:
        return "none"
    visible = [c for c in glyphs if not c.get("invisible")]
    if len(visible) < settings.usable_share * len(glyphs):
        return "invisible"
    readable = sum(1 for c in visible if is_readable(c["text"]))
    if readable < settings.usable_share * len(visible):
        return "garbage"
    if readable < settings.stamp_glyphs and image_share(page) >= settings.scan_share:
        return "scan"
    return "usable"


def needs_ocr(page: PageObjects, mode: OcrMode, settings: NeedSettings | None = None) -> bool:
    """Whether a page is read by OCR in the given mode."""
    if mode == "never":
        return False
    return mode == "always" or text_layer(page, settings) != "usable"
