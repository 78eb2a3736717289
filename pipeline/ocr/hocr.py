"""Tesseract's hOCR read into lines, words and characters with their pixel boxes and confidences."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

PixelBox = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in pixels of the image Tesseract read, y growing downwards."""

# hOCR classes of a text line: Tesseract marks some lines as headers, captions or floating text.
LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
_PROPERTY = re.compile(r"\s*([a-z_]+)\s+([^;]*)")


@dataclasses.dataclass(frozen=True)
class OcrChar:
    """One recognised character and its box."""

    text: str
    box: PixelBox


@dataclasses.dataclass(frozen=True)
class OcrWord:
    """One recognised word.

    Attributes:
        text: The word as recognised.
        box: Its box.
        confidence: Tesseract's word confidence, 0..1.
        chars: Its characters with their boxes, when Tesseract gave one box per character of
            `text` (empty otherwise).
    """

    text: str
    box: PixelBox
    confidence: float
    chars: tuple[OcrChar, ...]


@dataclasses.dataclass(frozen=True)
class OcrLine:
    """One line of text as Tesseract's layout analysis found it.

    Attributes:
        box: Its box.
        slope: Slope of its baseline (pixels down per pixel right).
        offset: Height of the baseline above the box's bottom at the box's left edge is -offset.
        size: Height of the line's type from descender to ascender (hOCR `x_size`), in pixels.
        descent: How far descenders reach below the baseline, in pixels.
        angle: Angle of the text (hOCR `textangle`): 0, or 90, 180 or 270 for turned text.
        words: Its words, left to right.
    """

    box: PixelBox
    slope: float
    offset: float
    size: float
    descent: float
    angle: int
    words: tuple[OcrWord, ...]

    def baseline_at(self, x: float) -> float:
        """The baseline's y at horizontal position x."""
        return self.box[3] + self.offset + self.slope * (x - self.box[0])

    @property
    def glyph_count(self) -> int:
        return sum(len(word.text) for word in self.words)


def _properties(title: str) -> dict[str, str]:
    """An hOCR `title` ("bbox 1 2 3 4; x_wconf 96") as a mapping of property to raw value."""
    return {match.group(1): match.group(2).strip() for match in _PROPERTY.finditer(title)}


def _numbers(raw: str | None) -> list[float]:
    return [float(value) for value in raw.split()] if raw else []


def _box(properties: dict[str, str], key: str = "bbox") -> PixelBox | None:
    values = _numbers(properties.get(key))
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _word(element: ET.Element) -> OcrWord | None:
    properties = _properties(element.get("title", ""))
    box = _box(properties)
    text = "".join(_text(element).split())  # a word has no spaces; its characters' spans are laid out on lines
    if box is None or not text:
        return None
    chars = []
    for info in element.iter():
        if "ocrx_cinfo" in _classes(info):
            char_box = _box(_properties(info.get("title", "")), "x_bboxes")
            if char_box is not None:
                chars.append(OcrChar(_text(info), char_box))
    if "".join(c.text for c in chars) != text or any(len(c.text) != 1 for c in chars):
        chars = []
    confidence = _numbers(properties.get("x_wconf")) or [0.0]
    return OcrWord(text, box, max(0.0, min(confidence[0], 100.0)) / 100.0, tuple(chars))


def _line(element: ET.Element, angle: int) -> OcrLine | None:
    properties = _properties(element.get("title", ""))
    box = _box(properties)
    words = tuple(
        word
        for child in element.iter()
        if "ocrx_word" in _classes(child)
        for word in [_word(child)]
        if word is not None
    )
    if box is None or not words:
        return None
    baseline = _numbers(properties.get("baseline")) or [0.0, 0.0]
    size = (_numbers(properties.get("x_size")) or [box[3] - box[1]])[0]
    descent = (_numbers(properties.get("x_descenders")) or [size * 0.2])[0]
    return OcrLine(box, baseline[0], baseline[1], size, descent, angle, words)


def _strip_namespaces(root: ET.Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]


def hocr_to_lines(hocr: str) -> list[OcrLine]:
    """The text lines of one page's hOCR, in Tesseract's order.

    Args:
        hocr: The hOCR document Tesseract wrote for one image.

    Returns:
        Lines that hold at least one word.

    Raises:
        ValueError: The text is not well-formed hOCR.
    """
    try:
        root = ET.fromstring(hocr)
    except ET.ParseError as exc:
        raise ValueError(f"Tesseract's hOCR cannot be parsed: {exc}") from exc
    _strip_namespaces(root)
    lines: list[OcrLine] = []
    angles: dict[int, int] = {}  # textangle is set on a line's paragraph or block in hOCR
    for element in root.iter():  # parents come before their children
        own = int((_numbers(_properties(element.get("title", "")).get("textangle")) or [0])[0]) % 360
        angle = own or angles.get(id(element), 0)
        for child in element:
            angles[id(child)] = angle
        if _classes(element) & LINE_CLASSES:
            line = _line(element, angle)
            if line is not None:
                lines.append(line)
    return lines
