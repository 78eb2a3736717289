"""One document end to end: bytes, layout, passages, extractors, records (or, for `blocks`, layout alone)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pydantic

from extractors import REGISTRY, DocumentContext, Mention
from pipeline.errors import BulletinsError, MalformedPDF, NoTextLayer, UnreadableFile
from pipeline.inputs import file_doc_id, source_fields, unreadable_doc_id
from pipeline.issue_date import find_issue_date
from pipeline.language import ENGLISH, detect_language
from pipeline.layout.blocks import Block
from pipeline.layout.reading_order import LayoutSettings, document_blocks
from pipeline.layout.repair import zipf
from pipeline.layout.roles import FURNITURE_ROLES
from pipeline.layout.textmap import TextMap
from pipeline.nlp import load_nlp
from pipeline.overlaps import resolve_overlaps
from pipeline.passages import Passage, iter_passages
from pipeline.pdf import SourceFile, metadata_date, metadata_title, open_pdf, read_source
from pipeline.provenance import mention_ids, mention_to_record
from pipeline.safe_text import clean_text
from pipeline.settings import Settings
from pipeline.title import document_title
from pipeline.version import pipeline_version
from schemas import BlockLine, DocumentError, DocumentLine, Record
from schemas.records import RECORD_KINDS, RecordKind

log = logging.getLogger("bulletins")


@dataclasses.dataclass(frozen=True)
class Layout:
    """What the PDF says before any language processing."""

    source: SourceFile
    pages: int
    title: str | None
    metadata_date: dt.date | None
    blocks: tuple[Block, ...]
    language: str | None = None


@dataclasses.dataclass(frozen=True)
class DocumentResult:
    """A processed document: its `document` line and records in reading order."""

    document: DocumentLine
    records: tuple[Record, ...]


def read_layout(source: SourceFile, settings: Settings | None = None) -> Layout:
    """Open the PDF and lay out its pages into blocks.

    Raises:
        BulletinsError: The file is not a readable PDF, or has no text layer.
    """
    layout_settings = LayoutSettings(char_source=settings.char_source) if settings else LayoutSettings()
    with open_pdf(source) as pdf:
        try:
            blocks = tuple(document_blocks(pdf, layout_settings))
        except MalformedPDF as exc:
            raise MalformedPDF(f"{source.name}: {exc}") from None
        pages = len(pdf.pages)
        if not any(block.text.strip() for block in blocks):
            raise NoTextLayer(
                f"{source.name} has no text layer on any of its {pages} pages; run OCR on it "
                "(for example ocrmypdf) and try again"
            )
        return Layout(
            source=source,
            pages=pages,
            title=document_title(metadata_title(pdf), blocks),
            metadata_date=metadata_date(pdf),
            blocks=blocks,
            language=detect_language(b.text for b in blocks if b.role not in FURNITURE_ROLES),
        )


def run_extractors(passages: Sequence[Passage], context: DocumentContext, settings: Settings) -> list[Mention]:
    """Every configured extractor over the document, overlaps between kinds resolved."""
    mentions: list[Mention] = []
    for extractor in REGISTRY.create(settings.extractors):
        mentions.extend(extractor(passages, context))
    return resolve_overlaps(mentions, settings.overlap_priority)


# One sentence with a fact of every kind: running it loads every table and pattern the extractors use.
WARM_UP_TEXT = (
    "On 5 March 2018 the United Nations Office on Drugs and Crime (UNODC) gave US$ 2 million "
    "to 40 officers in Bishkek, Kyrgyzstan."
)


def warm_up(settings: Settings) -> None:
    """Load the model, the gazetteer, the reference tables and the patterns every document needs.

    A batch worker calls it before its first document, so that loading (seconds on a busy
    machine) is not counted against that document's time limit, and the first document's
    records come as soon as the second's would. The language identifier, the word list that
    de-hyphenation consults and the pipeline version (a digest of the code) load here too.
    """
    boxes = tuple((72.0 + 5 * i, 72.0, 77.0 + 5 * i, 82.0) for i in range(len(WARM_UP_TEXT)))
    block = Block(
        "p1-b1", 1, (72.0, 72.0, 72.0 + 5 * len(WARM_UP_TEXT), 82.0), "body", None, TextMap(WARM_UP_TEXT, boxes)
    )
    passages = list(iter_passages([block], load_nlp()))
    run_extractors(passages, DocumentContext(issue_date=dt.date(2018, 3, 31)), settings)
    detect_language([WARM_UP_TEXT])
    zipf("bulletin")
    pipeline_version()


def in_reading_order(
    mentions: Iterable[Mention], passages: Sequence[Passage], blocks: Sequence[Block]
) -> list[Mention]:
    """Mentions ordered by the block they start in, then by offset.

    Passages are not always in block order: a running header read between two pages of an
    article forms its own passage after the article's.
    """
    positions = {block.id: position for position, block in enumerate(blocks)}

    def key(mention: Mention) -> tuple[int, int, int, str]:
        block, offset = passages[mention.passage].block_at(mention.start)
        return positions[block.id], offset, mention.end - mention.start, mention.kind

    return sorted(mentions, key=key)


def valid_records(
    mentions: Iterable[Mention], passages: Sequence[Passage], doc_id: str, settings: Settings
) -> Iterator[Record]:
    """Records of the mentions; an invalid one is a bug, raised when strict, logged otherwise."""
    mentions = list(mentions)
    ids = mention_ids(mentions, passages, doc_id)
    for mention in mentions:
        parent = ids.get(mention.part_of) if mention.part_of is not None else None
        try:
            yield mention_to_record(mention, passages[mention.passage], doc_id, parent)
        except pydantic.ValidationError as exc:
            if settings.strict:
                raise
            page = passages[mention.passage].block_at(mention.start)[0].page
            log.error("invalid %s record skipped (bug) in %s page %d: %s", mention.kind, doc_id, page, exc)


def extract_document(path: str | Path, settings: Settings | dict | None = None) -> DocumentResult:
    """Process one PDF.

    Args:
        path: The PDF file.
        settings: Run settings (see `Settings.resolve`).

    Returns:
        The document line and its records.

    Raises:
        BulletinsError: The document cannot be processed (its `code` says why).
    """
    settings = Settings.resolve(settings)
    layout = read_layout(read_source(path), settings)
    issue_date = settings.issue_date or find_issue_date(layout.blocks, layout.metadata_date)
    context = DocumentContext(issue_date=issue_date, issue_date_given=settings.issue_date is not None)
    records: tuple[Record, ...] = ()
    if layout.language in (None, ENGLISH):
        passages = list(iter_passages(layout.blocks, load_nlp()))
        mentions = in_reading_order(run_extractors(passages, context, settings), passages, layout.blocks)
        records = tuple(valid_records(mentions, passages, layout.source.doc_id, settings))
    else:
        # The English model reads any text as English and would write garbage records.
        log.info("%s is in %r, not English: no records extracted", layout.source.name, layout.language)
    return DocumentResult(document=document_line(layout, issue_date, records), records=records)


@dataclasses.dataclass(frozen=True)
class BlocksResult:
    """A laid-out document as `bulletins blocks` writes it: its `document` line and its blocks."""

    document: DocumentLine
    blocks: tuple[BlockLine, ...]


def document_blocks_of(path: str | Path, settings: Settings | dict | None = None) -> BlocksResult:
    """Lay out one PDF: its document line (no records, so zero counts) and its block lines.

    Raises:
        BulletinsError: The document cannot be read (its `code` says why).
    """
    settings = Settings.resolve(settings)
    layout = read_layout(read_source(path), settings)
    issue_date = settings.issue_date or find_issue_date(layout.blocks, layout.metadata_date)
    blocks = tuple(block.to_line(layout.source.doc_id) for block in layout.blocks)
    return BlocksResult(document=document_line(layout, issue_date, ()), blocks=blocks)


def document_line(layout: Layout, issue_date: dt.date | None, records: Sequence[Record]) -> DocumentLine:
    """The `document` line of a document that was read."""
    return DocumentLine(
        doc_id=layout.source.doc_id,
        **source_fields(layout.source.path),
        pages=layout.pages,
        title=layout.title,
        issue_date=issue_date,
        status="ok",
        error=None,
        counts=count_kinds(records),
        language=layout.language,
        pipeline_version=pipeline_version(),
    )


def count_kinds(records: Iterable[Record]) -> dict[RecordKind, int]:
    counter = Counter(record.kind for record in records)
    return {kind: counter.get(kind, 0) for kind in RECORD_KINDS}


def failed_document(path: str | Path, error: BulletinsError, doc_id: str | None = None) -> DocumentLine:
    """The `document` line of a document that could not be processed.

    Args:
        path: The input.
        error: Why it failed.
        doc_id: Its id when already known (a batch hashes every input first); otherwise the
            file is hashed here, in chunks, or given `unreadable_doc_id` when it cannot be read.
    """
    if doc_id is None:
        try:
            doc_id = file_doc_id(path)
        except UnreadableFile:
            doc_id = unreadable_doc_id(path)
    return DocumentLine(
        doc_id=doc_id,
        **source_fields(path),
        pages=0,
        title=None,
        issue_date=None,
        status="failed",
        error=DocumentError(type=error.code, message=clean_text(str(error))),
        counts={},
        pipeline_version=pipeline_version(),
    )


def extract(
    path: str | Path, issue_date: dt.date | None = None, settings: Settings | dict | None = None
) -> Iterator[DocumentLine | Record]:
    """The lines `bulletins extract` writes for one PDF: its document line, then its records.

    Raises:
        BulletinsError: The document cannot be processed.
    """
    resolved = Settings.resolve(settings)
    if issue_date is not None:
        resolved = dataclasses.replace(resolved, issue_date=issue_date)
    result = extract_document(path, resolved)
    yield result.document
    yield from result.records
