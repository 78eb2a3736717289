"""Text with a box behind every character, so a span of repaired text maps back to the page."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

Box = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in PDF points."""


def round_box_outward(box: Box, digits: int = 2) -> Box:
    """Round a box to `digits` decimals without shrinking it, so it still covers every glyph."""
    scale = 10**digits
    x0, top, x1, bottom = box
    return (
        math.floor(x0 * scale) / scale,
        math.floor(top * scale) / scale,
        math.ceil(x1 * scale) / scale,
        math.ceil(bottom * scale) / scale,
    )


def union_boxes(boxes: Iterable[Box]) -> Box | None:
    """Smallest box covering all the given boxes, or None when there are none."""
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    seen = False
    for bx0, btop, bx1, bbottom in boxes:
        seen = True
        x0, top = min(x0, bx0), min(top, btop)
        x1, bottom = max(x1, bx1), max(bottom, bbottom)
    return (x0, top, x1, bottom) if seen else None


@dataclasses.dataclass(frozen=True)
class TextMap:
    """A string and, parallel to it, the box of the source glyph behind each character.

    Characters the repair step inserted (the space that joins two lines) have no box.

    Attributes:
        text: The repaired text.
        boxes: Page box of the glyph behind each character, None for an inserted character.
        lines: Number of the source line each character sits on, parallel to `text`, so a span
            that wraps can be drawn line by line; empty when the whole text is one line.
    """

    text: str
    boxes: tuple[Box | None, ...]
    lines: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.text) != len(self.boxes):
            raise ValueError(f"text has {len(self.text)} characters but {len(self.boxes)} boxes")
        if self.lines and len(self.lines) != len(self.text):
            raise ValueError(f"text has {len(self.text)} characters but {len(self.lines)} line numbers")

    @property
    def line_numbers(self) -> tuple[int, ...]:
        """The line of every character (all on line 0 when `lines` is empty)."""
        return self.lines or (0,) * len(self.text)

    def span_box(self, start: int, end: int) -> Box | None:
        """Box covering the source glyphs of text[start:end]."""
        return union_boxes(b for b in self.boxes[start:end] if b is not None)

    def span_line_boxes(self, start: int, end: int) -> list[Box]:
        """One box per source line that text[start:end] covers, in text order.

        A mention that wraps onto the next line gets two boxes of line height rather than one
        box as tall as both lines and as wide as the column.
        """
        numbers = self.line_numbers
        by_line: dict[int, list[Box]] = {}
        for offset in range(start, min(end, len(self.text))):
            box = self.boxes[offset]
            if box is not None:
                by_line.setdefault(numbers[offset], []).append(box)
        return [box for boxes in by_line.values() if (box := union_boxes(boxes)) is not None]


class TextMapBuilder:
    """Appends text piece by piece, keeping the box map aligned."""

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._boxes: list[Box | None] = []
        self._lines: list[int] = []
        self._line = 0

    def __len__(self) -> int:
        return len(self._chars)

    def new_line(self) -> None:
        """What is appended from now on sits on the next source line."""
        if self._chars:
            self._line += 1

    def append(self, text: str, box: Box | None) -> None:
        """Append text whose every character comes from the same glyph box (or none)."""
        for char in text:
            self._chars.append(char)
            self._boxes.append(box)
            self._lines.append(self._line)

    def ends_with(self, suffix: str) -> bool:
        return "".join(self._chars[-len(suffix) :]) == suffix if suffix else True

    def last_word(self) -> str:
        """The text after the last space: the word being built."""
        text = "".join(self._chars[-64:])
        return text.rsplit(" ", 1)[-1]

    def pop(self) -> None:
        self._chars.pop()
        self._boxes.pop()
        self._lines.pop()

    def build(self) -> TextMap:
        return TextMap("".join(self._chars), tuple(self._boxes), tuple(self._lines))
