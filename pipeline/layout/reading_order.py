"""Page layout: the words of a PDF into text blocks, in the order a person reads them.

The stages, each in its own module: words in their reading direction (`words`), margin line
numbers left out (`line_numbers`), running headers and footers found across pages (`running`),
tables (`rulings`, `tables`, `table_grid`, `table_blocks`), sidebar panels and figure frames
(`frames`), columns by a recursive XY-cut (`columns`), lines and paragraphs (`paragraphs`), roles
(`roles`), and the article of each block with panels put after the article they sit beside
(`sections`). Text repair (`repair`) then turns each block's glyphs into its text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import BulletinsError, MalformedPDF
from pipeline.layout.blocks import Block, PageBlock
from pipeline.layout.char_sources import CharSource, PageReader, page_reader
from pipeline.layout.columns import ColumnSettings, cut_regions, side_columns_of
from pipeline.layout.footnote_markers import without_markers
from pipeline.layout.frames import Frame, FrameKind, candidate_boxes, contains, page_frames, split_by_frame
from pipeline.layout.furniture import EdgeSummary, Furniture, furniture_marks, marked_lines, summarize_edges
from pipeline.layout.glyphs import PageObjects, read_page
from pipeline.layout.line_numbers import LineNumberSettings, without_line_numbers
from pipeline.layout.paragraphs import Line, ParagraphSettings, is_bullet, region_lines, split_paragraphs
from pipeline.layout.repair import Vocabulary, VocabularyCollector, join_lines, mend_split_word
from pipeline.layout.roles import (
    FURNITURE_ROLES,
    TEXT_ROLES,
    RoleSettings,
    Typeface,
    classify,
    is_dateline,
    near_picture,
)
from pipeline.layout.sections import PageLayout, Panel, SectionSettings, iter_placed
from pipeline.layout.table_blocks import place_tables, table_cells, table_page_block
from pipeline.layout.tables import TableSettings, find_tables
from pipeline.layout.textmap import Box
from pipeline.layout.words import PageText, Word, box_to_frame, page_texts
from pipeline.safe_text import clean_text

log = logging.getLogger("bulletins")

# Pages read in the first pass are kept for the second while they hold fewer glyphs than this
# (a page's words and shapes take roughly 0.3 KB a glyph): a bulletin is parsed once, while a long
# document's later pages are parsed again rather than held, so memory does not grow with its length.
PAGE_CACHE_GLYPHS = 100_000


@dataclasses.dataclass(frozen=True)
class LayoutSettings:
    """Thresholds of every layout stage, and where glyphs are read from (`char_sources`)."""

    char_source: CharSource = "pdfplumber"
    columns: ColumnSettings = dataclasses.field(default_factory=ColumnSettings)
    paragraphs: ParagraphSettings = dataclasses.field(default_factory=ParagraphSettings)
    roles: RoleSettings = dataclasses.field(default_factory=RoleSettings)
    line_numbers: LineNumberSettings = dataclasses.field(default_factory=LineNumberSettings)
    tables: TableSettings = dataclasses.field(default_factory=TableSettings)


@dataclasses.dataclass
class TypefaceTally:
    """Glyphs per font size (and italic glyphs), counted page by page.

    Sizes of glyphs read by OCR are estimates from the page image, each word its own; they are
    counted apart and decide the body size only in a document without any text layer, so that
    a few scanned pages do not turn a born-digital document's body text into headings.
    """

    weights: dict[float, int] = dataclasses.field(default_factory=dict)
    estimated: dict[float, int] = dataclasses.field(default_factory=dict)
    italic: int = 0

    def add(self, words: Iterable[Word], read_by_ocr: bool = False) -> None:
        weights = self.estimated if read_by_ocr else self.weights
        for word in words:
            weights[word.size] = weights.get(word.size, 0) + len(word.text)
            self.italic += len(word.text) if word.italic else 0

    def typeface(self) -> Typeface:
        """The size (and slant) most of the text is set in, by number of glyphs."""
        weights = self.weights or self.estimated
        if not weights:
            return Typeface(10.0)
        size = max(weights, key=lambda s: weights[s])
        return Typeface(size, self.italic * 2 > sum(weights.values()))


def body_typeface(words: Sequence[Word]) -> Typeface:
    """The size (and slant) most of the text is set in, by number of glyphs."""
    tally = TypefaceTally()
    tally.add(words)
    return tally.typeface()


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
    page: PageObjects, texts: Sequence[PageText], furniture: Sequence[tuple[Line, Furniture]], context: _PageContext
) -> PageLayout:
    """One page: tables, furniture, the main flow by columns, and panels, before sections.

    Args:
        page: The page's glyphs and shapes (for its drawn boxes and images).
        texts: Its words, one `PageText` per reading direction, the main direction first.
        furniture: Its running header and footer lines (main direction).
        context: Body typeface and settings.

    Returns:
        The page's layout.
    """
    if not texts:
        return PageLayout(page.page_number, ())
    main_text = texts[0]
    tables = find_tables(page, main_text, context.body.size, context.settings.tables)
    in_tables = {id(w) for table in tables for w in table.words}
    # A table's last row ("Afar 97 0") can look like a title with a page number: it stays the table's.
    furniture = [(line, role) for line, role in furniture if not any(id(w) in in_tables for w in line.words)]
    taken = {id(w) for line, _ in furniture for w in line.words} | in_tables
    words = [w for w in main_text.words if id(w) not in taken]
    frames = page_frames(page, words, main_text.direction)
    outside, inside = split_by_frame(words, frames)
    cut = cut_regions(outside, context.body.size, context.settings.columns)
    regions: list[list[Word]] | None = cut
    sides = side_columns_of(cut, context.body.size)
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


def iter_mended(blocks: Iterable[Block], vocabulary: Vocabulary) -> Iterator[Block]:
    """Rejoin words broken at a column or page break, between consecutive blocks of one text.

    Blocks are held back only from the last text block on (running headers and footers between
    two text blocks wait with it), so the blocks of a long document stream through.
    """
    held: list[Block] = []  # the last text block, then the furniture read after it
    for block in blocks:
        if block.role in FURNITURE_ROLES:
            if held:
                held.append(block)
            else:
                yield block
            continue
        if held:
            before = held[0]
            if before.role == block.role and before.role in TEXT_ROLES and before.section == block.section:
                texts = mend_split_word(before.textmap, block.textmap, vocabulary, same_page=before.page == block.page)
                if texts is not None:
                    held[0] = dataclasses.replace(before, textmap=texts[0])
                    block = dataclasses.replace(block, textmap=texts[1])
            yield from held
        held = [block]
    yield from held


def mend_broken_words(blocks: Sequence[Block], vocabulary: Vocabulary) -> list[Block]:
    """`iter_mended` as a list."""
    return list(iter_mended(blocks, vocabulary))


@dataclasses.dataclass(frozen=True)
class _ReadPage:
    """A page after the first pass: its shapes and words (None when not kept), or why it failed."""

    number: int
    page: PageObjects | None = None
    texts: tuple[PageText, ...] | None = None
    error: str | None = None


@dataclasses.dataclass
class _DocumentTally:
    """What the first pass learns of the whole document: all that the cross-page steps need."""

    typeface: TypefaceTally = dataclasses.field(default_factory=TypefaceTally)
    vocabulary: VocabularyCollector = dataclasses.field(default_factory=VocabularyCollector)
    edges: list[EdgeSummary] = dataclasses.field(default_factory=list)
    pages: list[_ReadPage] = dataclasses.field(default_factory=list)
    kept_glyphs: int = 0


def read_page_texts(
    page: pdfplumber.page.Page, settings: LayoutSettings, reader: PageReader = read_page
) -> tuple[PageObjects, tuple[PageText, ...]]:
    """A page's shapes (its glyphs dropped once they are words) and its words per direction.

    pdfplumber's cached layout tree of the page is released, so that reading page after page
    does not keep every page's tree.

    Raises:
        Exception: Whatever the PDF parser raises on a page it cannot read.
    """
    try:
        objects = reader(page)
    finally:
        page.close()
    texts = tuple(without_markers(without_line_numbers(text, settings.line_numbers)) for text in page_texts(objects))
    return dataclasses.replace(objects, chars=()), texts


def _read_or_fail(
    page: pdfplumber.page.Page, settings: LayoutSettings, reader: PageReader
) -> tuple[PageObjects, tuple[PageText, ...]] | str:
    """`read_page_texts`, or the reason the parser gave for failing (the page is then left out).

    This is a page boundary: a damaged page costs that page, not the document. A MemoryError is
    not a damaged page and goes up.
    """
    try:
        return read_page_texts(page, settings, reader)
    except (MemoryError, BulletinsError):  # out of memory or time (OCR) is no damage of the page
        raise
    except Exception as exc:  # the parser's errors on damaged content are of any type
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, MemoryError):
            raise cause from None  # pdfplumber wraps it; it is no damage of the page
        return clean_text(str(cause)) or type(cause).__name__


def _first_pass(pdf: pdfplumber.PDF, settings: LayoutSettings, cache_glyphs: int, reader: PageReader) -> _DocumentTally:
    tally = _DocumentTally()
    for page in pdf.pages:
        read = _read_or_fail(page, settings, reader)
        if isinstance(read, str):
            log.warning("page %d cannot be read (%s); it is left out", page.page_number, read)
            tally.pages.append(_ReadPage(page.page_number, error=read))
            continue
        objects, texts = read
        for text in texts:
            tally.typeface.add(text.words, objects.read_by_ocr)
            tally.vocabulary.add(w.text for w in text.words)
        if texts:
            tally.edges.extend(summarize_edges(texts[0].page, texts[0].words))
        glyphs = sum(len(w.text) for text in texts for w in text.words)
        if tally.kept_glyphs + glyphs <= cache_glyphs:
            tally.kept_glyphs += glyphs
            tally.pages.append(_ReadPage(page.page_number, objects, texts))
        else:
            tally.pages.append(_ReadPage(page.page_number))
    return tally


def _second_pass(
    pdf: pdfplumber.PDF, tally: _DocumentTally, settings: LayoutSettings, reader: PageReader
) -> Iterator[tuple[PageObjects, tuple[PageText, ...]]]:
    """Each readable page's shapes and words: kept from the first pass, or read again."""
    for index, read in enumerate(tally.pages):
        if read.error is not None:
            continue
        if read.page is not None and read.texts is not None:
            tally.pages[index] = _ReadPage(read.number)  # hand it over and let it go
            yield read.page, read.texts
            continue
        again = _read_or_fail(pdf.pages[index], settings, reader)
        if isinstance(again, str):
            raise MalformedPDF(f"page {read.number} could be read once but not twice ({again})")
        yield again


def iter_document_blocks(
    pdf: pdfplumber.PDF,
    settings: LayoutSettings | None = None,
    cache_glyphs: int = PAGE_CACHE_GLYPHS,
    read: PageReader | None = None,
) -> Iterator[Block]:
    """Every block of the document, in reading order, with roles and sections, page after page.

    A first pass reads every page for what the cross-page steps need (body typeface, vocabulary,
    running headers and footers); the second lays the pages out one at a time.

    Args:
        pdf: The open PDF.
        settings: Thresholds (defaults when None).
        cache_glyphs: How many glyphs' worth of pages the first pass keeps for the second.
        read: Reads a page's glyphs and shapes. None: the text layer, from `settings.char_source`.
            A reader that OCRs pages (`pipeline.ocr.OcrPageReader`) keeps what it read, so a
            page read again is not OCR'd twice.

    Yields:
        The blocks; ids count each page's blocks from 1 in reading order.

    Raises:
        MalformedPDF: No page at all can be read.
    """
    settings = settings or LayoutSettings()
    with page_reader(pdf, settings.char_source) if read is None else contextlib.nullcontext(read) as reader:
        tally = _first_pass(pdf, settings, cache_glyphs, reader)
        errors = [read.error for read in tally.pages if read.error is not None]
        if tally.pages and len(errors) == len(tally.pages):
            raise MalformedPDF(f"none of its {len(errors)} pages can be read ({errors[0]})")
        body = tally.typeface.typeface()
        vocabulary = tally.vocabulary.vocabulary()
        marks = furniture_marks(tally.edges, body.size)
        tally.edges.clear()
        layouts = (
            lay_out_page(
                page,
                texts,
                marked_lines(page.page_number, texts[0].words, marks.get(page.page_number, [])) if texts else [],
                _PageContext(page.page_number, body, (), settings),
            )
            for page, texts in _second_pass(pdf, tally, settings, reader)
        )
        yield from iter_mended(_placed_blocks(layouts, body, vocabulary, settings), vocabulary)


def _placed_blocks(
    layouts: Iterable[PageLayout], body: Typeface, vocabulary: Vocabulary, settings: LayoutSettings
) -> Iterator[Block]:
    counters: dict[int, int] = {}
    for item in iter_placed(layouts, SectionSettings(body.size, settings.roles.heading_ratio)):
        block = item.block
        counters[block.page] = counters.get(block.page, 0) + 1
        cells, textmap = None, None
        if block.table is not None:
            cells, textmap = table_cells(block.table, vocabulary)
        yield Block(
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


def document_blocks(pdf: pdfplumber.PDF, settings: LayoutSettings | None = None) -> list[Block]:
    """`iter_document_blocks` as a list."""
    return list(iter_document_blocks(pdf, settings))
