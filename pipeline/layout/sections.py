"""Sections: the article each block belongs to, and where a sidebar panel joins the reading order.

A heading larger than the body text opens an article, and every block after it belongs to that
article, across columns and pages, until the next one. A heading at body size (bold or italic)
is a sub-heading inside the current article when that article was opened by a larger heading,
and opens an article of its own otherwise. A heading directly followed by a larger one is a
banner or kicker over the headline and belongs to no article. Running headers and footers belong
to none.

A panel (a boxed or shaded sidebar, a framed figure) belongs to the article it sits beside or
under, when that is one article, and is read right after that article's last block on the page;
a panel beside several articles (or none) starts afresh, its own heading naming its section, and
is read where it stands on the page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence

from pipeline.layout.blocks import PageBlock
from pipeline.layout.repair import repair_chars
from pipeline.layout.roles import FURNITURE_ROLES, PROSE_ROLES
from pipeline.layout.sentence_ends import ends_sentence
from pipeline.layout.textmap import Box

# Size difference (points) that makes one heading larger than another.
LARGER = 0.5


@dataclasses.dataclass(frozen=True)
class Panel:
    """A sidebar panel or figure frame of a page and its blocks, in reading order."""

    box: Box
    blocks: tuple[PageBlock, ...]


@dataclasses.dataclass(frozen=True)
class PageLayout:
    """One page before sections: the main flow in reading order, and its panels.

    Attributes:
        page: 1-based page number.
        main: Blocks outside panels: running headers first, then the columns, footers last.
        panels: Panels, top to bottom.
    """

    page: int
    main: tuple[PageBlock, ...]
    panels: tuple[Panel, ...] = ()


@dataclasses.dataclass(frozen=True)
class Placed:
    """A block in document reading order with the headline of its article.

    Attributes:
        block: The block.
        section: Headline of its article, or None.
        floating: Whether it floats beside the running text (a panel's block, a caption).
    """

    block: PageBlock
    section: str | None
    floating: bool = False


@dataclasses.dataclass(frozen=True)
class Article:
    """The article being read: its headline and the size it is set in."""

    headline: str
    size: float


@dataclasses.dataclass(frozen=True)
class SectionSettings:
    """Thresholds of section assignment.

    Attributes:
        body_size: Font size of the document's body text.
        heading_ratio: A heading at least this much larger than the body opens an article.
    """

    body_size: float
    heading_ratio: float = 1.18


def _next_text_block(blocks: Sequence[PageBlock], index: int) -> PageBlock | None:
    for block in blocks[index + 1 :]:
        if block.role not in FURNITURE_ROLES:
            return block
    return None


def heading_article(
    heading: PageBlock,
    following: PageBlock | None,
    current: Article | None,
    settings: SectionSettings,
    opening: bool = False,
) -> tuple[str | None, Article | None]:
    """Section of a heading, and the article being read after it.

    Args:
        heading: The heading block.
        following: The next block of the same flow that is not furniture.
        current: The article being read before the heading.
        settings: Thresholds.
        opening: Whether the heading is the first text of the document (a masthead when
            another heading follows it).

    Returns:
        (the heading's section, the article after it).
    """
    size = heading.size
    if following is not None and following.role == "heading" and (following.size > size + LARGER or opening):
        return None, None  # a masthead, banner or kicker over the headline
    body_sized = size < settings.body_size * settings.heading_ratio
    if body_sized and current is not None and current.size > size + LARGER:
        return current.headline, current
    article = Article(repair_chars(" ".join(heading.text.split())), size)
    return article.headline, article


def iter_flow_sections(
    blocks: Sequence[PageBlock], current: Article | None, settings: SectionSettings, opening: bool = False
) -> Iterator[tuple[PageBlock, str | None, Article | None]]:
    """Each block of a flow with its section, and the article being read after it.

    Args:
        blocks: The flow's blocks in reading order.
        current: The article being read when the flow starts.
        settings: Thresholds.
        opening: Whether the flow starts the document.
    """
    for index, block in enumerate(blocks):
        if block.role in FURNITURE_ROLES:
            yield block, None, current
            continue
        if block.role == "heading":
            section, current = heading_article(block, _next_text_block(blocks, index), current, settings, opening)
            yield block, section, current
        else:
            yield block, current.headline if current else None, current
        opening = False


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _directly_above(panel: Box, boxes: Sequence[Box]) -> list[int]:
    """Indexes of the boxes that end above the panel with nothing between them and it."""
    x0, top, x1, _ = panel
    above = [i for i, b in enumerate(boxes) if _overlap(x0, x1, b[0], b[2]) > 0 and b[3] <= top + 1.0]
    nearest = []
    for i in above:
        b = boxes[i]
        between = any(
            boxes[j][1] >= b[3] and _overlap(b[0], b[2], boxes[j][0], boxes[j][2]) > 0 for j in above if j != i
        )
        if not between:
            nearest.append(i)
    return nearest


def anchor_section(panel: Panel, placed: Sequence[Placed]) -> str | None:
    """The one article a panel sits beside or right under, or None when there is not exactly one.

    "Beside" is any block level with the panel; "under" is, in each column over the panel, the
    lowest block above it.
    """
    items = [item for item in placed if item.block.role not in FURNITURE_ROLES]
    boxes = [item.block.box for item in items]
    _, top, _, bottom = panel.box
    touching = {i for i, box in enumerate(boxes) if _overlap(top, bottom, box[1], box[3]) > 0}
    touching.update(_directly_above(panel.box, boxes))
    sections = {items[i].section for i in touching} - {None}
    return sections.pop() if len(sections) == 1 else None


def _insertion_point(panel: Panel, placed: Sequence[Placed], anchor: str | None) -> int:
    """Index in the page's main flow after which the panel is read."""
    if anchor is not None:
        for index in range(len(placed) - 1, -1, -1):
            if placed[index].section == anchor:
                return index
    point = -1
    for index, item in enumerate(placed):
        if item.block.role == "header" or (item.block.role != "footer" and item.block.box[1] < panel.box[3]):
            point = index
    return point


def _panel_placed(
    panel: Panel, anchor: str | None, articles: dict[str, Article], settings: SectionSettings
) -> list[Placed]:
    current = articles.get(anchor) if anchor is not None else None
    placed = []
    for block, section, article in iter_flow_sections(panel.blocks, current, settings):
        placed.append(Placed(block, section, floating=True))
        if article is not None:
            articles.setdefault(article.headline, article)
    return placed


def iter_placed(pages: Iterable[PageLayout], settings: SectionSettings) -> Iterator[Placed]:
    """Every block of the document in reading order, with its section.

    Args:
        pages: The pages' layouts, in page order.
        settings: Thresholds.

    Returns:
        The blocks, panels placed after the article they sit beside.
    """
    current: Article | None = None
    articles: dict[str, Article] = {}
    for number, page in enumerate(pages):
        placed: list[Placed] = []
        for block, section, article in iter_flow_sections(page.main, current, settings, opening=number == 0):
            placed.append(Placed(block, section))
            current = article  # the article being read after this block
            if article is not None:
                articles.setdefault(article.headline, article)
        inserts: dict[int, list[Placed]] = {}
        for panel in sorted(page.panels, key=lambda p: (p.box[1], p.box[0])):
            anchor = anchor_section(panel, placed)
            point = _before_running_sentence(placed, _insertion_point(panel, placed, anchor), anchor)
            inserts.setdefault(point, []).extend(_panel_placed(panel, anchor, articles, settings))
        ordered = [*inserts.get(-1, [])]
        for index, item in enumerate(placed):
            ordered.append(item)
            ordered.extend(inserts.get(index, []))
        yield from defer_floats(ordered)


def _before_running_sentence(placed: Sequence[Placed], point: int, anchor: str | None) -> int:
    """Where a panel goes when its article's last block on the page runs on to the next page.

    Read after that block, the panel would cut a sentence in two across the page break, so it is
    read before the article's text on the page instead (right after its headline, if there).
    """
    if anchor is None or point < 0:
        return point
    last = placed[point].block
    if last.role not in PROSE_ROLES or ends_sentence(last.text):
        return point
    for index, item in enumerate(placed):
        if item.section == anchor and item.block.role in PROSE_ROLES:
            return index - 1
    return point


def _interrupts(before: Placed, after: Placed) -> bool:
    """Whether `after` continues the unfinished sentence at the end of `before`."""
    return (
        before.block.role in PROSE_ROLES
        and after.block.role == before.block.role
        and after.section == before.section
        and not after.floating
        and not ends_sentence(before.block.text)
    )


def defer_floats(placed: Sequence[Placed]) -> list[Placed]:
    """Move captions and panels that fall inside a sentence to after the block that ends it.

    A column can end with a figure and its caption while its last paragraph runs on at the top
    of the next column; a reader finishes the sentence before looking at the figure.
    """
    ordered = list(placed)
    index = 1
    while index < len(ordered):
        item = ordered[index]
        if not (item.floating or item.block.role == "caption"):
            index += 1
            continue
        end = index
        while end < len(ordered) and (ordered[end].floating or ordered[end].block.role == "caption"):
            end += 1
        if end < len(ordered) and _interrupts(ordered[index - 1], ordered[end]):
            ordered[index : end + 1] = [ordered[end], *ordered[index:end]]
            index += 1
        index = end + 1
    return ordered
