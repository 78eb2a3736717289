"""Boxes on a page: drawn or shaded panels that hold a sidebar, and frames around a figure.

A sidebar is set apart by a box around it or a shaded panel behind it. A box that also holds a
picture (an image, or drawn shapes covering much of it) frames a figure instead; the words in it
are the figure's labels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pipeline.layout.glyphs import PageObjects
from pipeline.layout.textmap import Box
from pipeline.layout.words import Direction, Word, box_to_frame

FrameKind = Literal["sidebar", "figure"]

# A box smaller than this (points) is a label tag or a table cell, not a panel.
MIN_WIDTH = 40.0
MIN_HEIGHT = 20.0
# A box covering more of the page than this share is a page border or background.
MAX_PAGE_SHARE = 0.5
# Share of a box covered by pictures above which it frames a figure.
FIGURE_SHARE = 0.25
SLACK = 2.0


@dataclasses.dataclass(frozen=True)
class Frame:
    """A box on the page and what it holds.

    Attributes:
        box: Its edges in the reading frame of the words it holds.
        kind: "sidebar" for a text panel, "figure" for a frame around a picture.
    """

    box: Box
    kind: FrameKind


def _object_box(obj: dict[str, Any]) -> Box:
    return (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: Box, b: Box) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def contains(outer: Box, inner: Box, slack: float = SLACK) -> bool:
    """Whether `inner` lies inside `outer`, give or take `slack` points."""
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def candidate_boxes(page: PageObjects) -> list[Box]:
    """Rectangles and closed curves big enough to be a panel, smaller than the page."""
    page_area = float(page.width) * float(page.height)
    boxes = []
    for obj in (*page.rects, *page.curves):
        if not (obj.get("stroke") or obj.get("fill")):
            continue
        box = _object_box(obj)
        width, height = box[2] - box[0], box[3] - box[1]
        if width >= MIN_WIDTH and height >= MIN_HEIGHT and _area(box) <= MAX_PAGE_SHARE * page_area:
            boxes.append(box)
    return boxes


def _picture_share(box: Box, pictures: Sequence[Box]) -> float:
    covered = sum(_overlap(box, picture) for picture in pictures if picture != box)
    return covered / max(_area(box), 1.0)


def _pictures(page: PageObjects, panels: Sequence[Box]) -> list[Box]:
    """Images, and drawn shapes that are not themselves panels, as boxes."""
    pictures = [_object_box(image) for image in page.images]
    panel_set = set(panels)
    for obj in page.curves:
        box = _object_box(obj)
        if box not in panel_set:
            pictures.append(box)
    return pictures


def _holds_prose(words: Sequence[Word]) -> bool:
    """Whether words read as sentences rather than a grid of numbers."""
    letters = sum(1 for w in words if any(ch.isalpha() for ch in w.text))
    return len(words) >= 6 and letters * 2 >= len(words)


def page_frames(page: PageObjects, words: Sequence[Word], direction: Direction) -> list[Frame]:
    """The panels of a page that hold some of the given words, outermost only.

    Args:
        page: The page's glyphs and shapes, for its drawn objects.
        words: Its words in one reading direction.
        direction: That direction, to turn the page's boxes into the words' frame.

    Returns:
        Sidebar panels holding prose and figure frames holding labels, none inside another.
    """
    panels = candidate_boxes(page)
    if not panels or not words:
        return []
    pictures = _pictures(page, panels)
    width, height = float(page.width), float(page.height)
    frames: list[Frame] = []
    for box in sorted(panels, key=_area, reverse=True):
        framed = box_to_frame(box, direction, width, height)
        if any(contains(frame.box, framed) for frame in frames):
            continue
        inside = [w for w in words if contains(framed, w.box)]
        if not inside:
            continue
        if _picture_share(box, pictures) >= FIGURE_SHARE:
            frames.append(Frame(framed, "figure"))
        elif _holds_prose(inside):
            frames.append(Frame(framed, "sidebar"))
    return frames


def split_by_frame(words: Iterable[Word], frames: Sequence[Frame]) -> tuple[list[Word], list[list[Word]]]:
    """Words outside every frame, and the words of each frame (in the frames' order)."""
    outside: list[Word] = []
    inside: list[list[Word]] = [[] for _ in frames]
    for word in words:
        for index, frame in enumerate(frames):
            if contains(frame.box, word.box):
                inside[index].append(word)
                break
        else:
            outside.append(word)
    return outside, inside
