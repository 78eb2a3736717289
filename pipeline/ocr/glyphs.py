"""OCR words into glyphs: the page objects layout reads, as if the page had a text layer.

Every recognised character becomes a glyph in the shape `pipeline.layout.glyphs` gives PDF
glyphs: a box in the reading frame (`x0`, `top`, `x1`, `bottom`), the line's type size, and its
box on the PDF page (`page_box`), so columns, paragraphs, roles, sections, passages and
provenance run unchanged. Glyph boxes run from the line's ascender to its descender, as a
PDF glyph's box does, and the glyphs of a word touch, so a word stays the word Tesseract read;
a space glyph separates words, as in a PDF.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from pipeline.layout.glyphs import PageObjects
from pipeline.layout.textmap import Box
from pipeline.ocr.corrections import correct_line
from pipeline.ocr.geometry import PageImage, weighted_median
from pipeline.ocr.hocr import OcrLine, OcrWord, PixelBox

OCR_FONTNAME = "OCR"
# Type size per hOCR x_size (ascender to descender height): measured on the fixtures, whose
# sizes are known, at 200 and 300 dpi.
SIZE_PER_X_SIZE = 1.04
# Line sizes within this ratio of their neighbours are one size: estimates jitter by a pixel.
SIZE_CLUSTER_RATIO = 1.06
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Share of a glyph box below the baseline: a PDF glyph's box is one em tall and reaches the
# font's descent (0.21 em in Helvetica and Times), and OCR glyph boxes are made the same way so
# that lines are spaced as in a PDF.
DESCENT = 0.21


@dataclasses.dataclass(frozen=True)
class OcrGlyphs:
    """The glyphs of one OCR'd page and the OCR confidence behind each glyph box.

    Attributes:
        page: The page's objects, in the reading frame, with page boxes.
        confidence: Word confidence (0..1) per glyph box on the page.
    """

    page: PageObjects
    confidence: dict[Box, float]


def snap_sizes(sizes: Sequence[float], weights: Sequence[int]) -> list[float]:
    """Sizes that differ by estimation noise made one.

    The size around which most characters are set (within `SIZE_CLUSTER_RATIO` either way)
    takes every line within that range, at their weighted median; then the next, among the lines
    left. Unlike chaining neighbours, this never lets a caption's size drift into the body's.

    Args:
        sizes: One estimated size per line.
        weights: How many characters each line has.

    Returns:
        The snapped size of each line, rounded to 0.1 point.
    """
    snapped = [0.0] * len(sizes)
    left = set(range(len(sizes)))

    def near(centre: int) -> list[int]:
        return [i for i in left if sizes[centre] / SIZE_CLUSTER_RATIO <= sizes[i] <= sizes[centre] * SIZE_CLUSTER_RATIO]

    while left:
        centre = max(sorted(left), key=lambda i: sum(weights[j] for j in near(i)))
        members = near(centre)
        value = round(weighted_median([sizes[i] for i in members], [weights[i] for i in members]), 1)
        for index in members:
            snapped[index] = value
        left.difference_update(members)
    return snapped


def _char_boxes(word: OcrWord) -> list[tuple[str, PixelBox]]:
    """Each character of a word with its box: Tesseract's, or a share of the word's box."""
    if word.chars:
        return [(char.text, char.box) for char in word.chars]
    x0, top, x1, bottom = word.box
    step = (x1 - x0) / len(word.text)
    return [(char, (x0 + i * step, top, x0 + (i + 1) * step, bottom)) for i, char in enumerate(word.text)]


def _touching(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Horizontal extents widened to meet halfway across each gap, so the glyphs of a word touch."""
    edges = [spans[0][0]]
    edges.extend((right + left) / 2 for (_, right), (left, _) in itertools.pairwise(spans))
    edges.append(spans[-1][1])
    return list(itertools.pairwise(edges))


def _glyph(text: str, frame: Box, page_box: Box, size: float) -> dict[str, Any]:
    x0, top, x1, bottom = frame
    return {
        "text": text,
        "x0": x0,
        "top": top,
        "x1": x1,
        "bottom": bottom,
        "doctop": top,
        "upright": True,
        "size": size,
        "fontname": OCR_FONTNAME,
        "matrix": IDENTITY,
        "invisible": False,
        "page_box": page_box,
    }


def word_page_box(word: OcrWord, line: OcrLine, ascent: float, descent: float, image: PageImage) -> Box:
    """A word's box on the PDF page: its ink and the line's type height from ascender to descender.

    Every glyph of the word gets this box: Tesseract's character boxes are approximate (a letter's
    box can stop short of its ink), so a mention inside a word is boxed by the whole word, which
    is sure to hold it.
    """
    x0, top, x1, bottom = word.box
    left, right = line.baseline_at(x0), line.baseline_at(x1)
    return image.to_page(
        (x0, min(top, left - ascent, right - ascent), x1, max(bottom, left + descent, right + descent))
    )


def _line_glyphs(line: OcrLine, size: float, image: PageImage) -> Iterator[tuple[dict[str, Any], float]]:
    """Glyphs of one line with their word's confidence; a space glyph between words."""
    scale = image.to_frame_scale
    em = size / scale  # the type size in pixels
    ascent, descent = em * (1 - DESCENT), em * DESCENT
    previous: dict[str, Any] | None = None
    for word in line.words:
        chars = _char_boxes(word)
        page_box = word_page_box(word, line, ascent, descent, image)
        glyphs = []
        for (text, _), (x0, x1) in zip(chars, _touching([(box[0], box[2]) for _, box in chars]), strict=True):
            centre = (x0 + x1) / 2
            fx, fy = image.to_frame(centre, line.baseline_at(centre))
            half = (x1 - x0) / 2 * scale
            frame = (fx - half, fy - ascent * scale, fx + half, fy + descent * scale)
            glyphs.append(_glyph(text, frame, page_box, size))
        if previous is not None and glyphs[0]["x0"] > previous["x1"]:
            gap = (previous["x1"], previous["top"], glyphs[0]["x0"], previous["bottom"])
            yield _glyph(" ", gap, gap, size), 1.0
        for glyph in glyphs:
            yield glyph, word.confidence
        previous = glyphs[-1]


def lines_to_glyphs(lines: Sequence[OcrLine], page_number: int, image: PageImage) -> OcrGlyphs:
    """The page objects of an OCR'd page.

    Args:
        lines: Tesseract's lines of the upright page image.
        page_number: 1-based page number.
        image: How the image maps to the page and the reading frame.

    Returns:
        The page's glyphs (no shapes: the scan's pictures are pixels) and their confidences.
    """
    sizes = snap_sizes(
        [line.size * SIZE_PER_X_SIZE * image.to_frame_scale for line in lines], [line.glyph_count for line in lines]
    )
    chars: list[dict[str, Any]] = []
    confidence: dict[Box, float] = {}
    for line, size in zip(map(correct_line, lines), sizes, strict=True):
        for glyph, word_confidence in _line_glyphs(line, size, image):
            chars.append(glyph)
            if not glyph["text"].isspace():
                confidence[glyph["page_box"]] = word_confidence
    width, height = image.frame_size
    page = PageObjects(page_number, width, height, tuple(chars), (), (), (), read_by_ocr=True)
    return OcrGlyphs(page, confidence)
