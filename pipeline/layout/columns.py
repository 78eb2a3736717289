"""Columns: a page region cut recursively (XY-cut) into single-column regions in reading order.

A region is cut at vertical gutters that run through all of it, read left to right; when it
has none it is cut into horizontal strips, read top to bottom, and consecutive strips that share
a gutter are put back together, so that two columns whose paragraph gaps happen to line up are
still read column by column. A masthead or a full-width headline is its own strip above the
columns, so the number of columns can change down a page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.layout.textmap import Box
from pipeline.layout.words import Word

Interval = tuple[float, float]
# A gutter is wider than this share of the font size of the words beside it: a word space is
# about a third of an em, a column gutter at least an em of body text.
SPACE_EM = 0.8


@dataclasses.dataclass(frozen=True)
class ColumnSettings:
    """Thresholds of the cut, in points unless stated.

    Attributes:
        gutter: Narrowest empty vertical band that separates two columns, as a share of the body
            font size (and never under `min_gutter` points): wide enough that a headline ending
            just short of a column edge does not open a gutter through the whole page.
        min_gutter: Narrowest gutter in points, whatever the font size.
        min_column: Narrowest column, as a multiple of the body font size; a narrower one (a
            column of bullets, item numbers or a table's row labels) stays with its neighbour.
        strip_gap: Shortest horizontal gap that cuts a region into strips, as a share of the
            body font size.
        band_gap: Horizontal gap, as a multiple of the body font size, that sets a one-line
            strip (a heading under a table, a banner) apart from the columns next to it,
            whatever gutters they share.
    """

    gutter: float = 0.9
    min_gutter: float = 6.0
    min_column: float = 4.0
    strip_gap: float = 0.45
    band_gap: float = 2.5


def _free_intervals(spans: Sequence[Interval], lo: float, hi: float) -> list[Interval]:
    """Gaps inside [lo, hi] that no span covers, edges included."""
    gaps = []
    cursor = lo
    for start, end in sorted(spans):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        gaps.append((cursor, hi))
    return gaps


def gutter_width(settings: ColumnSettings, body_size: float) -> float:
    """Narrowest gutter, in points, for a document of the given body size."""
    return max(settings.min_gutter, settings.gutter * body_size)


def _wider_than_a_space(gap: Interval, words: Sequence[Word]) -> bool:
    """Whether a gap is wider than a word space of the text on either side of it.

    A masthead set in 30-point type has word spaces wider than a body text's gutter.
    """
    size = max((w.size for w in words if w.x1 == gap[0] or w.x0 == gap[1]), default=0.0)
    return gap[1] - gap[0] >= SPACE_EM * size


def _columns(words: Sequence[Word], settings: ColumnSettings, body_size: float) -> list[list[Word]]:
    """The words split at every interior gutter, narrow columns merged into a neighbour."""
    lo = min(w.x0 for w in words)
    hi = max(w.x1 for w in words)
    gaps = _free_intervals([(w.x0, w.x1) for w in words], lo, hi)
    width = gutter_width(settings, body_size)
    gutters = [g for g in gaps if g[1] - g[0] >= width and lo < g[0] and g[1] < hi and _wider_than_a_space(g, words)]
    if not gutters:
        return [list(words)]
    # Column spans between gutters; drop the gutter beside any column that is too narrow.
    min_width = settings.min_column * body_size
    while gutters:
        edges = [lo, *(x for g in gutters for x in g), hi]
        widths = [edges[2 * i + 1] - edges[2 * i] for i in range(len(gutters) + 1)]
        narrow = min(range(len(widths)), key=lambda i: widths[i])
        if widths[narrow] >= min_width:
            break
        gutters.pop(_gutter_to_drop(narrow, gutters))
    if not gutters:
        return [list(words)]
    columns: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
    for word in words:
        columns[sum(1 for g in gutters if word.x0 >= g[1])].append(word)
    return columns


def _gutter_to_drop(column: int, gutters: Sequence[Interval]) -> int:
    """Of the gutters beside a narrow column, the narrower one (the column's own indent)."""
    if column == 0:
        return 0
    if column == len(gutters):
        return len(gutters) - 1
    left, right = gutters[column - 1], gutters[column]
    return column - 1 if left[1] - left[0] <= right[1] - right[0] else column


def _strips(words: Sequence[Word], min_gap: float) -> list[list[Word]]:
    """Split words into horizontal strips at empty y-bands at least min_gap tall."""
    ordered = sorted(words, key=lambda w: w.top)
    strips: list[list[Word]] = [[ordered[0]]]
    bottom = ordered[0].bottom
    for word in ordered[1:]:
        if word.top - bottom >= min_gap:
            strips.append([word])
        else:
            strips[-1].append(word)
        bottom = max(bottom, word.bottom)
    return strips


def _strip_gaps(strip: Sequence[Word], lo: float, hi: float, min_width: float) -> list[Interval]:
    gaps = _free_intervals([(w.x0, w.x1) for w in strip], lo, hi)
    return [g for g in gaps if g[1] - g[0] >= min_width]


def _share_gutter(upper: Sequence[Interval], lower: Sequence[Interval], lo: float, hi: float, min_width: float) -> bool:
    """Whether two strips have an x-band, not at the region's left edge, empty in both."""
    for a0, a1 in upper:
        for b0, b1 in lower:
            start, end = max(a0, b0), min(a1, b1)
            if end - start >= min_width and (start > lo or end < hi) and not (a0 <= lo and b0 <= lo):
                return True
    return False


def _single_line(words: Sequence[Word]) -> bool:
    top = min(w.top for w in words)
    return all(w.top < top + 0.5 * (w.bottom - w.top) for w in words)


def _band_apart(upper: Sequence[Word], lower: Sequence[Word], band_gap: float) -> bool:
    """Whether a one-line strip (a heading, a banner) stands a band's gap from its neighbour.

    Such a line belongs to no column, even when it is short enough to leave a gutter free; a
    strip of several lines after a tall gap (below a photo) is still a column's continuation.
    """
    distance = min(w.top for w in lower) - max(w.bottom for w in upper)
    return distance >= band_gap and (_single_line(upper) or _single_line(lower))


def _group_strips(
    strips: Sequence[list[Word]], lo: float, hi: float, settings: ColumnSettings, body_size: float
) -> list[list[Word]]:
    """Consecutive strips merged while they share a gutter and are not a band apart."""
    width = gutter_width(settings, body_size)
    groups: list[list[Word]] = [list(strips[0])]
    previous_gaps = _strip_gaps(strips[0], lo, hi, width)
    for strip in strips[1:]:
        gaps = _strip_gaps(strip, lo, hi, width)
        apart = _band_apart(groups[-1], strip, settings.band_gap * body_size)
        if not apart and _share_gutter(previous_gaps, gaps, lo, hi, width):
            groups[-1].extend(strip)
            previous_gaps = [
                (max(a0, b0), min(a1, b1)) for a0, a1 in previous_gaps for b0, b1 in gaps if min(a1, b1) > max(a0, b0)
            ]
        else:
            groups.append(list(strip))
            previous_gaps = gaps
    return groups


def cut_regions(words: Sequence[Word], body_size: float, settings: ColumnSettings | None = None) -> list[list[Word]]:
    """Cut words recursively into single-column regions, in reading order.

    Args:
        words: The words of a page (or of a box on it), in one reading frame.
        body_size: Font size of the document's body text, the unit of the thresholds.
        settings: Thresholds (defaults when None).

    Returns:
        The regions, each a list of words that form one column of one band of the page.
    """
    settings = settings or ColumnSettings()
    if not words:
        return []
    columns = _columns(words, settings, body_size)
    if len(columns) > 1:
        return [region for column in columns for region in cut_regions(column, body_size, settings)]
    strips = _strips(words, settings.strip_gap * body_size)
    if len(strips) == 1:
        return [list(words)]
    lo = min(w.x0 for w in words)
    hi = max(w.x1 for w in words)
    groups = _group_strips(strips, lo, hi, settings, body_size)
    if len(groups) == 1:
        # The strips share gutters, but no one gutter runs through all of them (a table, a
        # ragged layout): read it as one region rather than guess.
        return [list(words)]
    return [region for group in groups for region in cut_regions(group, body_size, settings)]


@dataclasses.dataclass(frozen=True)
class SideColumnSettings:
    """What makes a column a side column of short items ("IN BRIEF") rather than a text column.

    Attributes:
        width_ratio: How many times wider than it the text column beside it is, at least.
        height_share: Share of the page's text height it runs down, at least.
    """

    width_ratio: float = 2.0
    height_share: float = 0.3


def _box_of(words: Sequence[Word]) -> Box:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _is_running_text(region: Sequence[Word], body_size: float) -> bool:
    """Lines of text about the body's size: not a headline spanning columns, not a lone label."""
    if not region:
        return False
    sizes = sorted(w.size for w in region)
    box = _box_of(region)
    return box[3] - box[1] >= 2 * body_size and sizes[len(sizes) // 2] <= 1.15 * body_size


def _stacks(boxes: Sequence[Box]) -> list[Box]:
    """Regions stacked one above another in the same horizontal band, merged into one box each.

    Two regions share a stack when their horizontal extents overlap by more than half of the
    narrower one: the paragraphs of one column, the items of a side column.
    """
    stacks: list[Box] = []
    for box in sorted(boxes, key=lambda b: b[0]):
        for index, stack in enumerate(stacks):
            overlap = min(stack[2], box[2]) - max(stack[0], box[0])
            if overlap > 0.5 * min(stack[2] - stack[0], box[2] - box[0]):
                stacks[index] = (
                    min(stack[0], box[0]),
                    min(stack[1], box[1]),
                    max(stack[2], box[2]),
                    max(stack[3], box[3]),
                )
                break
        else:
            stacks.append(box)
    return stacks


def side_columns(
    words: Sequence[Word],
    body_size: float,
    settings: ColumnSettings | None = None,
    side: SideColumnSettings | None = None,
) -> list[Box]:
    """Boxes of narrow columns at the page's edge beside a much wider text column.

    Such a column holds items apart from the article beside it (news in brief, contacts), as a
    boxed panel does; it is read as a sidebar panel, not as the article's next column.

    Args:
        words: The page's words outside drawn panels and furniture, in one reading frame.
        body_size: Font size of the document's body text.
        settings: Column thresholds.
        side: Side column thresholds.

    Returns:
        The side columns' boxes (usually none).
    """
    return side_columns_of(cut_regions(words, body_size, settings), body_size, side)


def side_columns_of(
    regions: Sequence[Sequence[Word]], body_size: float, side: SideColumnSettings | None = None
) -> list[Box]:
    """`side_columns` for a page already cut into regions (`cut_regions`), to cut it only once."""
    side = side or SideColumnSettings()
    cut = [region for region in regions if region]
    boxes = [_box_of(region) for region in cut]
    stacks = _stacks([_box_of(region) for region in cut if _is_running_text(region, body_size)])
    if len(stacks) < 2:
        return []
    text_height = max(b[3] for b in stacks) - min(b[1] for b in stacks)
    found = []
    for box in stacks:
        if box[3] - box[1] < side.height_share * text_height:
            continue
        beside = [b for b in stacks if b is not box and min(b[3], box[3]) > max(b[1], box[1])]
        at_edge = all(b[2] <= box[0] for b in beside) or all(b[0] >= box[2] for b in beside)
        if beside and at_edge and max(b[2] - b[0] for b in beside) >= side.width_ratio * (box[2] - box[0]):
            found.append(_with_labels(box, boxes))
    return found


def _with_labels(box: Box, regions: Sequence[Box]) -> Box:
    """A side column's box grown over the headings and labels set in its width ("IN BRIEF")."""
    x0, top, x1, bottom = box
    for region in regions:
        overlap = min(x1, region[2]) - max(x0, region[0])
        if overlap > 0.5 * (region[2] - region[0]):
            top, bottom = min(top, region[1]), max(bottom, region[3])
    return (x0, top, x1, bottom)
