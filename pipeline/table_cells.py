"""Table cells as records: each table block read with its headers, each record tied to its cell and row.

Running text is read passage by passage; a table is read cell by cell (`extractors.tables`):
figures become counts and amounts under their column's header, whole row labels become places.
Header cells and cells of words are also handed to the running-text extractors as passages of
their own (a date in "Week 3 (13-19 Jan)", a country in "China (new)", a count in "13 Health
facilities supported"), run together with the document's passages so that the document's context (its
countries, its acronyms) applies to them.

A record from a cell carries `cell` (row and column in the block's `rows`), its boxes are the
mention's glyphs in the cell, line by line, and its sentence is the row read as text ("Region: Oromia;
Confirmed cases: 412").
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

import pydantic
from spacy.language import Language

from extractors.base import Mention
from extractors.counts.extractor import COLLECTIVE
from extractors.gazetteer.index import Gazetteer, load_gazetteer
from extractors.tables.context import TableView, continues
from extractors.tables.figures import header_subject
from extractors.tables.reader import (
    CellFact,
    column_meanings,
    iter_figure_facts,
    iter_label_places,
    passage_cells,
)
from pipeline.layout.blocks import Block
from pipeline.layout.textmap import TextMap, round_box_outward, union_boxes
from pipeline.passages import Passage
from pipeline.provenance import collapse, record_id
from schemas.records import RECORD_MODELS, Record

log = logging.getLogger("bulletins")

# Roles of the blocks right above a table that may be its title.
TITLE_ROLES = frozenset({"heading", "caption"})
# Singular nouns that name a group counted in people or things ("Total targeted population: 573,000").
COUNTED_WHOLES = COLLECTIVE | {"population", "people", "households", "families"}
# How many heading or caption blocks right above a table make its title.
TITLE_BLOCKS = 2
# Kinds the running-text extractors may give from a header cell ("China (new)", "Week 3 (13-19 Jan)"):
# a header's numbers ("Population (10,000s)") say what the figures below are, not how many.
HEADER_KINDS = frozenset({"place", "date", "organisation"})


@dataclasses.dataclass(frozen=True)
class CellPlace:
    """A cell of a table block, and the view of its table."""

    block: Block
    view: TableView
    row: int
    column: int


@dataclasses.dataclass(frozen=True)
class TableReading:
    """What the tables of a document say before the running-text extractors run.

    Attributes:
        passages: One passage per cell read as text, indexed after the document's passages.
        cells: The cell of each of those passages, by passage index.
        facts: Facts of the cells read with their headers (figures, row labels).
    """

    passages: tuple[Passage, ...]
    cells: dict[int, CellPlace]
    facts: tuple[tuple[CellPlace, CellFact], ...]

    def owns(self, mention: Mention) -> bool:
        """Whether a mention was found in one of the tables' cell passages."""
        return mention.passage in self.cells


def table_titles(blocks: Sequence[Block], index: int) -> tuple[str, ...]:
    """The headings or captions printed right above the table at `index` (at most two), top to bottom."""
    table = blocks[index]
    parts: list[str] = []
    for block in reversed(blocks[max(0, index - TITLE_BLOCKS) : index]):
        if block.page != table.page or block.role not in TITLE_ROLES:
            break
        parts.insert(0, block.text)
    return tuple(parts)


def iter_views(blocks: Sequence[Block]) -> Iterator[tuple[Block, TableView]]:
    """Each table block with its view: its title, and the headers of the table it continues."""
    previous: tuple[Block, TableView] | None = None
    for index, block in enumerate(blocks):
        if block.table is None:
            continue
        cells = block.table
        view = TableView(
            tuple(tuple(row) for row in cells.rows), cells.spans, cells.header_rows, table_titles(blocks, index)
        )
        if previous is not None and previous[0].page == block.page - 1:
            view = continues(view, previous[1])
        yield block, view
        previous = (block, view)


class _Language:
    """The spaCy pipeline's answers on short texts (titles, labels), each parsed once."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @functools.cache  # noqa: B019  (one instance per document; the cache dies with it)
    def is_noun(self, text: str) -> bool:
        """Whether a label names countable things: "Women", "Total targeted population", not "NEEL KASHKARI" or "YES".

        Its head is a plural common noun or a collective one ("population", "staff").
        """
        doc = self.nlp(text.title() if text.isupper() else text)  # "PETE PETERSON" is a name, "WOMEN" a noun
        heads = [t for t in doc if t.dep_ == "ROOT" and t.pos_ == "NOUN"]
        return any(t.tag_ == "NNS" or t.lower_ in COUNTED_WHOLES for t in heads)

    @functools.cache  # noqa: B019
    def plural_phrase(self, text: str) -> str | None:
        """The first noun phrase of a title that names plural things, lower case ("firearm background checks")."""
        doc = self.nlp(text)
        for chunk in doc.noun_chunks:
            if chunk.root.tag_ in ("NNS", "NNPS"):
                words = [t.text for t in chunk if t.pos_ != "DET"]
                return header_subject(" ".join(words)) or None
        return None


def _cell_block(block: Block, row: int, column: int) -> Block:
    """A block holding one cell's text, under the table block's id, for the running-text extractors."""
    assert block.table is not None
    text = block.table.texts[row][column]
    box = block.table.cell_box(row, column) or block.bbox
    return Block(block.id, block.page, box, "table", block.section, text, block.size, block.bold)


def read_tables(blocks: Sequence[Block], nlp: Language, first_index: int) -> TableReading:
    """Read every table block of a document.

    Args:
        blocks: The document's blocks in reading order.
        nlp: The spaCy pipeline, for cell passages, labels and titles.
        first_index: Index the first cell passage gets (the number of the document's passages).

    Returns:
        The cell passages and the facts read with headers.
    """
    gazetteer = load_gazetteer()
    language = _Language(nlp)
    facts: list[tuple[CellPlace, CellFact]] = []
    text_cells: list[CellPlace] = []
    for block, view in iter_views(blocks):
        for fact in _table_facts(view, gazetteer, language):
            facts.append((CellPlace(block, view, fact.row, fact.column), fact))
        claimed = {(fact.row, fact.column) for place, fact in facts if place.block is block and fact.kind == "place"}
        text_cells.extend(CellPlace(block, view, r, c) for r, c in passage_cells(view, claimed))
    cell_blocks = [_cell_block(cell.block, cell.row, cell.column) for cell in text_cells]
    docs = nlp.pipe(b.text for b in cell_blocks)
    passages = tuple(
        Passage(first_index + n, b.text, (b,), (0,), doc)
        for n, (b, doc) in enumerate(zip(cell_blocks, docs, strict=True))
    )
    cells = {first_index + n: cell for n, cell in enumerate(text_cells)}
    return TableReading(passages, cells, tuple(facts))


def _table_facts(view: TableView, gazetteer: Gazetteer, language: _Language) -> list[CellFact]:
    title_noun = next(filter(None, map(language.plural_phrase, view.titles)), None)
    meanings = column_meanings(view, gazetteer, title_noun)
    found = list(iter_figure_facts(view, meanings, language.is_noun, gazetteer))
    found.extend(iter_label_places(view, gazetteer))
    return found


def _keeps(cell: CellPlace, mention: Mention) -> bool:
    """Whether a running-text extractor's mention in a cell stands: no counts or amounts from headers."""
    return mention.kind in HEADER_KINDS or cell.row >= cell.view.header_rows


def _record(
    cell: CellPlace, start: int, end: int, kind: str, value: Any, extractor: str, confidence: float, doc_id: str
) -> Record:
    """Build and validate the record of a mention in a cell.

    Raises:
        pydantic.ValidationError: The value or provenance breaks the contract.
    """
    block, table = cell.block, cell.block.table
    assert table is not None
    text: TextMap = table.texts[cell.row][cell.column]
    offset = table.offsets[cell.row][cell.column]
    boxes = tuple(round_box_outward(box) for box in text.span_line_boxes(start, end)) or (
        round_box_outward(block.bbox),
    )
    record = RECORD_MODELS[kind].model_validate(
        {
            "kind": kind,
            "id": record_id(doc_id, block.id, offset + start, offset + end, kind),
            "doc_id": doc_id,
            "page": block.page,
            # Rounding outward commutes with the union, so `bbox` is exactly the union of `boxes`.
            "bbox": union_boxes(boxes),
            "boxes": boxes,
            "block": block.id,
            "section": block.section,
            "text": collapse(text.text[start:end]),
            "sentence": collapse(cell.view.sentence(cell.row)),
            "value": value.model_dump(),
            "extractor": extractor,
            "confidence": round(confidence, 3),
            "cell": {"row": cell.row, "column": cell.column},
        }
    )
    return cast(Record, record)  # the model of a record kind is one of the Record union


def table_records(
    reading: TableReading, mentions: Iterable[Mention], doc_id: str, strict: bool
) -> list[tuple[tuple[str, int, int, int], Record]]:
    """Records of the tables' facts and of the mentions found in cell passages.

    Args:
        reading: The document's tables, read.
        mentions: Mentions of the running-text extractors in cell passages.
        doc_id: The document's id.
        strict: Raise on an invalid record (a bug) instead of logging it.

    Returns:
        (block id, row, column, offset) with each record, to order them.
    """
    items: list[tuple[CellPlace, int, int, str, Any, str, float]] = [
        (cell, f.start, f.end, f.kind, f.value, f.extractor, f.confidence) for cell, f in reading.facts
    ]
    for mention in mentions:
        cell = reading.cells[mention.passage]
        if _keeps(cell, mention):
            value = mention.value.model_copy(update={"part_of": None}) if mention.kind == "count" else mention.value
            items.append((cell, mention.start, mention.end, mention.kind, value, mention.extractor, mention.confidence))
    records = []
    for cell, start, end, kind, value, extractor, confidence in items:
        try:
            record = _record(cell, start, end, kind, value, extractor, confidence, doc_id)
        except pydantic.ValidationError as exc:
            if strict:
                raise
            log.error("invalid %s record skipped (bug) in %s page %d: %s", kind, doc_id, cell.block.page, exc)
            continue
        records.append(((cell.block.id, cell.row, cell.column, start), record))
    return records
