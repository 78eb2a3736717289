"""The boxes behind a text's characters, stored flat: four doubles and a flag a character.

A block's text keeps one box per character so that any span maps back to the page. As tuples of
Python floats that costs about 170 bytes a character (a tuple and its floats), which for a
2,000-page document is over a gigabyte held until its records are made. Stored flat in an
`array('d')` it costs 33 bytes, and the values are the same doubles, so every box and bbox
derived from them is exactly what it was.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

Box = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in PDF points."""

_NO_BOX = (math.nan, math.nan, math.nan, math.nan)


class BoxArray(Sequence[Box | None]):
    """An immutable sequence of boxes (or None, for a character no glyph stands behind).

    Reads like the tuple it replaces: indexing gives a `Box` tuple or None, slicing and `+` give
    a BoxArray, and it equals any sequence of the same boxes.

    Args:
        boxes: The boxes, in order.
    """

    __slots__ = ("_coords", "_present")

    def __init__(self, boxes: Iterable[Box | None] = ()) -> None:
        coords = array("d")
        present = bytearray()
        for box in boxes:
            coords.extend(_NO_BOX if box is None else box)
            present.append(box is not None)
        self._coords = coords
        self._present = bytes(present)

    @classmethod
    def _of(cls, coords: array, present: bytes) -> BoxArray:
        made = cls.__new__(cls)
        made._coords = coords
        made._present = present
        return made

    def __len__(self) -> int:
        return len(self._present)

    @overload
    def __getitem__(self, index: int) -> Box | None: ...

    @overload
    def __getitem__(self, index: slice) -> BoxArray: ...

    def __getitem__(self, index: int | slice) -> Box | BoxArray | None:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return BoxArray(self[i] for i in range(start, stop, step))
            stop = max(start, stop)
            return BoxArray._of(self._coords[4 * start : 4 * stop], self._present[start:stop])
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("box index out of range")
        if not self._present[position]:
            return None
        x0, top, x1, bottom = self._coords[4 * position : 4 * position + 4]
        return (x0, top, x1, bottom)

    def __iter__(self) -> Iterator[Box | None]:
        coords = self._coords
        for position, present in enumerate(self._present):
            at = 4 * position
            yield (coords[at], coords[at + 1], coords[at + 2], coords[at + 3]) if present else None

    def __add__(self, other: Sequence[Box | None]) -> BoxArray:
        tail = other if isinstance(other, BoxArray) else BoxArray(other)
        return BoxArray._of(self._coords + tail._coords, self._present + tail._present)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"BoxArray({list(self)!r})"
