"""Rulings: the horizontal and vertical edges a page's tables are drawn with, in the words' reading frame.

A table is ruled by stroked lines, by thin filled rectangles, or by the edges of filled cell
backgrounds set apart by white gaps; pdfplumber's lines strategy takes the edges of every line and
rectangle for this, and so do we, except for rectangles filled white and not stroked, which a
reader does not see. A curve counts when it is flat enough to be a line. Edges are
turned into the reading frame of the words they rule, so a table printed sideways (a page turned
by /Rotate) is found like any other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from pdfplumber.table import merge_edges

from pipeline.layout.glyphs import PageObjects
from pipeline.layout.textmap import Box
from pipeline.layout.words import Direction, box_to_frame

Orientation = Literal["h", "v"]
# A drawn object thinner than this (points) is a line, not an area.
THIN = 2.0
# Edges shorter than this are glyph parts, tick marks or dots, not rulings.
MIN_LENGTH = 3.0
# Parallel edges closer than this are one ruling (double rules, cell backgrounds on both sides of
# a gap); collinear pieces closer than this are joined (pdfplumber's snap and join tolerances).
SNAP = 3.0
JOIN = 3.0


@dataclasses.dataclass(frozen=True)
class Edge:
    """A horizontal or vertical ruling in the reading frame.

    Attributes:
        orientation: "h" (runs along a line of text) or "v" (across lines).
        position: Its top (h) or x (v).
        start: Where it starts along its length (x0 for h, top for v).
        end: Where it ends.
    """

    orientation: Orientation
    position: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    def to_pdfplumber(self) -> dict[str, Any]:
        """The edge in the object shape pdfplumber's table functions take."""
        if self.orientation == "h":
            x0, x1, top, bottom = self.start, self.end, self.position, self.position
        else:
            x0, x1, top, bottom = self.position, self.position, self.start, self.end
        return {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": self.orientation,
        }

    @classmethod
    def from_pdfplumber(cls, edge: dict[str, Any]) -> Edge:
        if edge["orientation"] == "h":
            return cls("h", float(edge["top"]), float(edge["x0"]), float(edge["x1"]))
        return cls("v", float(edge["x0"]), float(edge["top"]), float(edge["bottom"]))


def box_edges(box: Box) -> Iterator[Edge]:
    """The edges of a drawn box: one line for a thin one, four sides for an area."""
    x0, top, x1, bottom = box
    width, height = x1 - x0, bottom - top
    if width < THIN and height < THIN:
        return
    if height < THIN:
        yield Edge("h", (top + bottom) / 2, x0, x1)
    elif width < THIN:
        yield Edge("v", (x0 + x1) / 2, top, bottom)
    else:
        yield Edge("h", top, x0, x1)
        yield Edge("h", bottom, x0, x1)
        yield Edge("v", x0, top, bottom)
        yield Edge("v", x1, top, bottom)


def _boxes(objects: Iterable[dict[str, Any]]) -> Iterator[Box]:
    for obj in objects:
        yield (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def _within(inner: Box, outer: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def shown_rects(rects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rectangles whose edges a reader sees.

    Left out: fills in white without a stroke, and fills lying inside a larger fill of the same
    colour (a text line's shading drawn over its cell's shading shows no edge). Thin rectangles
    are rules and always shown.
    """
    kept = []
    by_color: dict[str, list[Box]] = {}
    ordered = sorted(rects, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]), reverse=True)
    for rect in ordered:
        if rect.get("white"):
            continue
        box = next(iter(_boxes([rect])))
        color = rect.get("color")
        area = min(box[2] - box[0], box[3] - box[1]) >= THIN
        if area and rect.get("fill") and not rect.get("stroke") and color is not None:
            larger = by_color.setdefault(color, [])
            if any(_within(box, other) for other in larger):
                continue
            larger.append(box)
        kept.append(rect)
    return kept


def page_rulings(page: PageObjects, direction: Direction) -> list[Edge]:
    """The page's rulings in the reading frame of `direction`, double rules merged.

    Args:
        page: The page's shapes.
        direction: Reading direction of the words they rule.

    Returns:
        Merged edges at least `MIN_LENGTH` long.
    """
    width, height = float(page.width), float(page.height)
    # A line or curve counts when it runs straight across or down (a diagonal is no ruling), and
    # a path that draws a box (a table's outer frame) gives the box's sides.
    flat = [box for box in _boxes((*page.lines, *page.curves)) if min(box[2] - box[0], box[3] - box[1]) < THIN]
    outlines = [box for box, curve in zip(_boxes(page.curves), page.curves, strict=True) if curve.get("outline")]
    edges: list[Edge] = []
    for box in (*_boxes(shown_rects(page.rects)), *flat, *outlines):
        edges.extend(box_edges(box_to_frame(box, direction, width, height)))
    edges = [edge for edge in edges if edge.length >= 1.0]
    if len(edges) < 4:
        return []
    merged = merge_edges([edge.to_pdfplumber() for edge in edges], SNAP, SNAP, JOIN, JOIN)
    return [edge for edge in map(Edge.from_pdfplumber, merged) if edge.length >= MIN_LENGTH]
