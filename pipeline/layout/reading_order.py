"""Page layout: the words of a PDF into text blocks, in the order a person reads them.

The stages, each in its own module: words in their reading direction (`words`), margin line
numbers left out (`line_numbers`), running headers and footers found across pages (`running`),
tables (`rulings`, `tables`, `table_grid`, `table_blocks`), sidebar panels and figure frames
(`frames`), columns by a recursive XY-cut (`columns`), lines and paragraphs (`paragraphs`), roles
(`roles`), and the article of each block with panels put after the article they sit beside
(`sections`). Text repair (`repair`) then turns each block's glyphs into its text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import pdfplumber

from pipeline.layout.blocks import Block, PageBlock
from pipeline.layout.columns import ColumnSettings, cut_regions, side_columns_of
from pipeline.layout.frames import Frame, FrameKind, candidate_boxes, contains, page_frames, split_by_frame
from pipeline.layout.furniture import Furniture, find_furniture
from pipeline.layout.glyphs import PageObjects, read_page
from pipeline.layout.line_numbers import LineNumberSettings, without_line_numbers
from pipeline.layout.paragraphs import Line, ParagraphSettings, is_bullet, region_lines, split_paragraphs
from pipeline.layout.repair import Vocabulary, join_lines, mend_split_word
from pipeline.layout.roles import RoleSettings, Typeface, classify, is_dateline, near_picture
from pipeline.layout.sections import PageLayout, Panel, SectionSettings, iter_placed
from pipeline.layout.table_blocks import place_tables, table_cells, table_page_block
from pipeline.layout.tables import Table, TableSettings, find_tables
from pipeline.layout.textmap import Box
from pipeline.layout.words import PageText, Word, box_to_frame, page_texts


@dataclasses.dataclass(frozen=True)
class LayoutSettings:
    """Thresholds of every layout stage."""

    columns: ColumnSettings = dataclasses.field(default_factory=ColumnSettings)
    paragraphs: ParagraphSettings = dataclasses.field(default_factory=ParagraphSettings)
    roles: RoleSettings = dataclasses.field(default_factory=RoleSettings)
    line_numbers: LineNumberSettings = dataclasses.field(default_factory=LineNumberSettings)
    tables: TableSettings = dataclasses.field(default_factory=TableSettings)


def body_typeface(words: Sequence[Word]) -> Typeface:
    """The size (and slant) most of the text is set in, by number of glyphs."""
    weights: dict[float, int] = {}
    italic = 0
    for word in words:
        weights[word.size] = weights.get(word.size, 0) + len(word.text)
        italic += len(word.text) if word.italic else 0
    if not weights:
        return Typeface(10.0)
    size = max(weights, key=lambda s: weights[s])
    return Typeface(size, italic * 2 > sum(weights.values()))


def page_pictures(page: PageObjects, words: Sequence[Word], text: PageText) -> list[Box]:
    """Images, and filled or drawn panels that hold no words (photos, charts), in the text's frame."""
    width, height = float(page.width), float(page.height)
    boxes = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in page.images]
    pictures = [box_to_frame(box, text.direction, width, height) for box in boxes]
    for box in candidate_boxes(page):
        framed = box_to_frame(box, text.direction, width, height)
        if not any(contains(framed, w.box) for w in words):
            pictures.append(framed)
    return pictures


@dataclasses.dataclass(frozen=True)
class _PageContext:
    """What classifying a page's paragraphs needs besides the paragraph."""

    page: int
    body: Typeface
    pictures: tuple[Box, ...]
    settings: LayoutSettings


def iter_region_blocks(
    words: Sequence[Word],
    frame: FrameKind | None,
    context: _PageContext,
    regions: Sequence[Sequence[Word]] | None = None,
) -> Iterator[PageBlock]:
    """Blocks of some words of a page (the main flow, or one panel), in reading order.

    `regions` are the words already cut into columns (`cut_regions`), when the caller has them.
    """
    body_size = context.body.size
    if regions is None:
        regions = cut_regions(words, body_size, context.settings.columns)
    for region in regions:
        for lines in split_paragraphs(region_lines(region), body_size, context.settings.paragraphs):
            box = (
                min(l.box[0] for l in lines),
                min(l.box[1] for l in lines),
                max(l.box[2] for l in lines),
                max(l.box[3] for l in lines),
            )
            close = near_picture(box, context.pictures, context.settings.roles.picture_gap)
            role = classify(lines, context.body, frame, close, context.settings.roles)
            yield PageBlock(context.page, tuple(lines), role)


def _mark_dateline(blocks: list[PageBlock]) -> list[PageBlock]:
    """On the first page, an issue line above the first paragraph is masthead furniture."""
    for index, block in enumerate(blocks):
        if block.role in ("body", "caption") and is_dateline(block.lines):
            blocks[index] = dataclasses.replace(block, role="header")
        elif block.role in ("body", "list_item", "sidebar"):
            break
    return blocks


def lay_out_page(
    page: PageObjects,
    texts: Sequence[PageText],
    furniture: Sequence[tuple[Line, Furniture]],
    tables: Sequence[Table],
    context: _PageContext,
) -> PageLayout:
    """One page: furniture, tables, the main flow by columns, and panels, before sections.

    Args:
        page: The page's glyphs and shapes (for its drawn boxes and images).
        texts: Its words, one `PageText` per reading direction, the main direction first.
        furniture: Its running header and footer lines (main direction).
        tables: Its tables (main direction).
        context: Body typeface and settings.

    Returns:
        The page's layout.
    """
    if not texts:
        return PageLayout(page.page_number, ())
    main_text = texts[0]
    taken = {id(w) for line, _ in furniture for w in line.words} | {id(w) for table in tables for w in table.words}
    words = [w for w in main_text.words if id(w) not in taken]
    frames = page_frames(page, words, main_text.direction)
    outside, inside = split_by_frame(words, frames)
    regions: list[list[Word]] | None = cut_regions(outside, context.body.size, context.settings.columns)
    sides = side_columns_of(regions, context.body.size)
    if sides:
        frames = [*frames, *(Frame(box, "sidebar") for box in sides)]
        outside, inside = split_by_frame(words, frames)
        regions = None  # the flow lost the side columns' words: cut it again
    context = dataclasses.replace(context, pictures=tuple(page_pictures(page, main_text.words, main_text)))
    headers = [PageBlock(context.page, (line,), role) for line, role in furniture if role == "header"]
    footers = [PageBlock(context.page, (line,), role) for line, role in furniture if role == "footer"]
    flow = list(iter_region_blocks(outside, None, context, regions))
    for other in texts[1:]:
        flow.extend(iter_region_blocks(other.words, None, dataclasses.replace(context, pictures=())))
    if context.page == 1:
        flow = _mark_dateline(flow)
    flow = place_tables(flow, [table_page_block(table, context.page) for table in tables])
    panels = tuple(
        _panel(frame, frame_words, context) for frame, frame_words in zip(frames, inside, strict=False) if frame_words
    )
    return PageLayout(context.page, (*headers, *flow, *footers), panels)


def _panel(frame: Frame, words: Sequence[Word], context: _PageContext) -> Panel:
    return Panel(frame.box, tuple(iter_region_blocks(words, frame.kind, context)))


def _block_text_words(block: PageBlock) -> list[list[Word]]:
    """The block's words line by line, a list item's leading bullet glyph left out."""
    lines = [list(line.words) for line in block.lines]
    first = lines[0]
    if block.role == "list_item" and len(first) > 1 and is_bullet(first[0].text):
        lines[0] = first[1:]
    return lines


# Roles whose consecutive blocks (same section) continue one running text.
RUNNING_ROLES = frozenset({"body", "sidebar", "list_item", "caption"})


def mend_broken_words(blocks: Sequence[Block], vocabulary: Vocabulary) -> list[Block]:
    """Rejoin words broken at a column or page break, between consecutive blocks of one text."""
    mended = list(blocks)
    previous: int | None = None
    for index, block in enumerate(mended):
        if block.role in ("header", "footer"):
            continue
        if previous is not None:
            before = mended[previous]
            if before.role == block.role and before.role in RUNNING_ROLES and before.section == block.section:
                texts = mend_split_word(before.textmap, block.textmap, vocabulary, same_page=before.page == block.page)
                if texts is not None:
                    mended[previous] = dataclasses.replace(before, textmap=texts[0])
                    mended[index] = dataclasses.replace(block, textmap=texts[1])
        previous = index
    return mended


def _without_tables(words: Sequence[Word], tables: Sequence[Table]) -> list[Word]:
    taken = {id(w) for table in tables for w in table.words}
    return [w for w in words if id(w) not in taken]


def document_blocks(pdf: pdfplumber.PDF, settings: LayoutSettings | None = None) -> list[Block]:
    """Every block of the document, in reading order, with roles and sections.

    Args:
        pdf: The open PDF.
        settings: Thresholds (defaults when None).

    Returns:
        The blocks; ids count each page's blocks from 1 in reading order.
    """
    settings = settings or LayoutSettings()
    pages = [read_page(page) for page in pdf.pages]
    texts = [[without_line_numbers(text, settings.line_numbers) for text in page_texts(page)] for page in pages]
    all_words = [w for page in texts for text in page for w in text.words]
    body = body_typeface(all_words)
    vocabulary = Vocabulary.from_texts(w.text for w in all_words)
    # Tables first: a table's last row ("Afar 97 0") looks like a footer with a page number.
    tables = [
        find_tables(page, page_text[0], body.size, settings.tables) if page_text else []
        for page, page_text in zip(pages, texts, strict=False)
    ]
    outside_tables = [
        (page_text[0].page, _without_tables(page_text[0].words, page_tables))
        for page_text, page_tables in zip(texts, tables, strict=False)
        if page_text
    ]
    furniture = find_furniture(outside_tables, body.size)
    layouts = [
        lay_out_page(
            page,
            page_text,
            furniture.get(page.page_number, []),
            page_tables,
            _PageContext(page.page_number, body, (), settings),
        )
        for page, page_text, page_tables in zip(pages, texts, tables, strict=False)
    ]
    blocks: list[Block] = []
    counters: dict[int, int] = {}
    for item in iter_placed(layouts, SectionSettings(body.size, settings.roles.heading_ratio)):
        block = item.block
        counters[block.page] = counters.get(block.page, 0) + 1
        cells, textmap = None, None
        if block.table is not None:
            cells, textmap = table_cells(block.table, vocabulary)
        blocks.append(
            Block(
                id=f"p{block.page}-b{counters[block.page]}",
                page=block.page,
                bbox=block.page_box,
                role=block.role,
                section=item.section,
                textmap=textmap or join_lines(_block_text_words(block), vocabulary),
                size=block.size,
                bold=block.bold,
                table=cells,
            )
        )
    return mend_broken_words(blocks, vocabulary)
