"""Confidence of records read by OCR: the extractor's confidence times the OCR's confidence in the words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from extractors.base import Mention
from pipeline.layout.textmap import Box
from pipeline.passages import Passage


def ocr_confidence(
    mention: Mention, passages: Sequence[Passage], confidence: Mapping[tuple[int, Box], float]
) -> float | None:
    """The lowest OCR word confidence among the glyphs of a mention, or None when none was OCR'd.

    The lowest, not the mean: one misread word (a digit of a count) is enough to make the fact wrong.
    """
    passage = passages[mention.passage]
    lowest: float | None = None
    for block, block_start in zip(passage.blocks, passage.starts, strict=False):
        lo = max(mention.start, block_start) - block_start
        hi = min(mention.end, block_start + len(block.text)) - block_start
        for box in block.textmap.boxes[lo:hi] if lo < hi else ():
            value = confidence.get((block.page, box)) if box is not None else None
            if value is not None and (lowest is None or value < lowest):
                lowest = value
    return lowest


def scale_by_ocr(
    mentions: Iterable[Mention], passages: Sequence[Passage], confidence: Mapping[tuple[int, Box], float]
) -> list[Mention]:
    """Mentions whose text was read by OCR get their confidence scaled by the OCR's (see `ocr_confidence`)."""
    if not confidence:
        return list(mentions)
    scaled = []
    for mention in mentions:
        factor = ocr_confidence(mention, passages, confidence)
        scaled.append(
            mention if factor is None else dataclasses.replace(mention, confidence=mention.confidence * factor)
        )
    return scaled
