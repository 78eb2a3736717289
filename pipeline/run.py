"""One document end to end: bytes, layout, passages, extractors, records (or, for `blocks`, layout alone)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pdfplumber
import pydantic

from extractors import REGISTRY, DocumentContext, Mention
from pipeline.errors import DocumentTooLarge, MalformedPDF, NoTextLayer
from pipeline.inputs import source_fields
from pipeline.issue_date import find_issue_date
from pipeline.jsonl import line_to_json
from pipeline.language import ENGLISH, detect_language
from pipeline.layout.blocks import Block
from pipeline.layout.char_sources import page_reader
from pipeline.layout.reading_order import iter_document_blocks
from pipeline.layout.repair import zipf
from pipeline.layout.roles import FURNITURE_ROLES
from pipeline.layout.textmap import Box, TextMap
from pipeline.nlp import load_nlp
from pipeline.ocr.confidence import scale_by_ocr
from pipeline.ocr.pages import OcrBudget, OcrPageReader
from pipeline.ocr.tesseract import INSTALL_HINT
from pipeline.overlaps import resolve_overlaps
from pipeline.passages import Passage, iter_passages
from pipeline.pdf import SourceFile, metadata_date, metadata_title, open_pdf, read_source
from pipeline.provenance import mention_ids, mention_to_record
from pipeline.settings import Settings
from pipeline.table_cells import read_tables, table_records
from pipeline.title import document_title
from pipeline.version import pipeline_version
from schemas import DocumentLine, Record
from schemas.records import RECORD_KINDS, RecordKind

log = logging.getLogger("bulletins")

Kept = TypeVar("Kept")


@dataclasses.dataclass(frozen=True)
class Layout:
    """What the PDF says before any language processing."""

    source: SourceFile
    pages: int
    title: str | None
    metadata_date: dt.date | None
    blocks: tuple[Block, ...]
    language: str | None = None
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: Mapping[tuple[int, Box], float] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DocumentResult:
    """A processed document: its `document` line and records in reading order."""

    document: DocumentLine
    records: tuple[Record, ...]


PagesCallback = Callable[[int], None]
"""Told a document's page count as soon as the PDF is open (a batch worker grows its time limit)."""


def read_layout(
    source: SourceFile, settings: Settings | dict | None = None, on_pages: PagesCallback | None = None
) -> Layout:
    """Open the PDF and lay out its pages into blocks, reading pages by OCR as `settings.ocr` says.

    Args:
        source: The file.
        settings: Run settings; `max_pages` applies here.
        on_pages: Called with the page count once the PDF is open, before any page is read.

    Raises:
        DocumentTooLarge: It has more pages than `settings.max_pages`.
        BulletinsError: The file is not a readable PDF, has no text (in a text layer or to OCR),
            or its OCR ran out of the document's time (the time limit for its page count).
    """
    settings = Settings.resolve(settings)
    with open_pdf(source) as pdf:
        pages = len(pdf.pages)
        check_page_count(source, pages, settings)
        if on_pages is not None:
            on_pages(pages)
        budget = OcrBudget.starting_now(settings.time_limit(pages))
        with (
            page_reader(pdf, settings.char_source) as text_layer,
            OcrPageReader(source, settings.ocr, budget, text_layer) as reader,
        ):
            return _laid_out(source, pdf, reader, settings)


def _laid_out(source: SourceFile, pdf: pdfplumber.PDF, reader: OcrPageReader, settings: Settings) -> Layout:
    """The document's blocks, title, dates and language, its pages read by `reader`."""
    try:
        blocks = tuple(iter_document_blocks(pdf, read=reader))
    except MalformedPDF as exc:
        raise MalformedPDF(f"{source.name}: {exc}") from None
    if not any(block.text.strip() for block in blocks):
        raise NoTextLayer(no_text_message(source, len(pdf.pages), reader, settings))
    return Layout(
        source=source,
        pages=len(pdf.pages),
        title=document_title(metadata_title(pdf), blocks),
        metadata_date=metadata_date(pdf),
        blocks=blocks,
        language=detect_language(b.text for b in blocks if b.role not in FURNITURE_ROLES),
        ocr_pages=reader.ocr_pages,
        ocr_confidence=reader.confidence,
    )


def no_text_message(source: SourceFile, count: int, reader: OcrPageReader, settings: Settings) -> str:
    """Why a document gave no text, and what to do about it."""
    if settings.ocr == "never":
        return f"{source.name} has no text layer on any of its {count} pages; run with --ocr auto to read it by OCR"
    if reader.unread and not reader.ocr_pages:
        return (
            f"{source.name} has no usable text layer on its {count} pages and OCR could not read them "
            f"({INSTALL_HINT} if it is missing)"
        )
    return f"{source.name} shows no text on any of its {count} pages, neither in a text layer nor to OCR"


def check_page_count(source: SourceFile, pages: int, settings: Settings) -> None:
    """Refuse a document longer than `settings.max_pages`, before any of its pages is read.

    Raises:
        DocumentTooLarge: It is.
    """
    if settings.max_pages is not None and pages > settings.max_pages:
        raise DocumentTooLarge(
            f"{source.name} has {pages} pages, more than --max-pages {settings.max_pages}; "
            "raise --max-pages (and run again with --resume) or split the file"
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
    warm_up_layout()
    boxes = tuple((72.0 + 5 * i, 72.0, 77.0 + 5 * i, 82.0) for i in range(len(WARM_UP_TEXT)))
    block = Block(
        "p1-b1", 1, (72.0, 72.0, 72.0 + 5 * len(WARM_UP_TEXT), 82.0), "body", None, TextMap(WARM_UP_TEXT, boxes)
    )
    passages = list(iter_passages([block], load_nlp()))
    run_extractors(passages, DocumentContext(issue_date=dt.date(2018, 3, 31)), settings)
    pipeline_version()


def warm_up_layout() -> None:
    """Lay out a one-page document made here, and look up a word's frequency.

    What layout loads on first use (the parser's font metrics, the language identifier, the word
    frequencies that decide hyphenation, the date patterns of the issue date: about 1 s on an idle
    machine, ten times that on a loaded one) is then loaded before a worker's first document,
    whose time limit it would otherwise take.
    """
    layout = read_layout(SourceFile("warm-up.pdf", one_page_pdf(WARM_UP_TEXT)))
    find_issue_date(layout.blocks, layout.metadata_date)
    zipf("warm")


def one_page_pdf(text: str) -> bytes:
    """A minimal PDF of one page that shows `text` (ASCII) in Helvetica."""
    content = b"BT /F1 10 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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


def extract_records(layout: Layout, context: DocumentContext, settings: Settings) -> list[Record]:
    """The records of a document's running text and of its tables, in reading order."""
    nlp = load_nlp()
    passages = list(iter_passages(layout.blocks, nlp))
    tables = read_tables(layout.blocks, nlp, first_index=len(passages))
    every_passage = [*passages, *tables.passages]
    mentions = scale_by_ocr(run_extractors(every_passage, context, settings), every_passage, layout.ocr_confidence)
    text_mentions = in_reading_order([m for m in mentions if not tables.owns(m)], passages, layout.blocks)
    doc_id = layout.source.doc_id
    cell_records = table_records(tables, [m for m in mentions if tables.owns(m)], doc_id, settings.strict)
    if not cell_records:
        return list(valid_records(text_mentions, passages, doc_id, settings))
    positions = {block.id: position for position, block in enumerate(layout.blocks)}
    keyed: list[tuple[tuple[int, int, int, int], Record]] = [
        ((positions[record.block], index, 0, 0), record)
        for index, record in enumerate(valid_records(text_mentions, passages, doc_id, settings))
    ]
    keyed.extend(
        ((positions[block], row, column, start), record) for (block, row, column, start), record in cell_records
    )
    return [record for _, record in sorted(keyed, key=lambda item: item[0])]


def extract_document(
    path: str | Path, settings: Settings | dict | None = None, on_pages: PagesCallback | None = None
) -> DocumentResult:
    """Process one PDF.

    Args:
        path: The PDF file.
        settings: Run settings (see `Settings.resolve`).
        on_pages: Called with the page count once the PDF is open.

    Returns:
        The document line and its records.

    Raises:
        BulletinsError: The document cannot be processed (its `code` says why).
    """
    document, records = _extracted(path, Settings.resolve(settings), on_pages, lambda record: record)
    return DocumentResult(document=document, records=tuple(records))


@dataclasses.dataclass(frozen=True)
class DocumentText:
    """A processed document as a batch writes it: its `document` line, then its records' (or blocks') JSON lines.

    Each record or block is turned into its line as soon as it is made and then let go: a line
    takes a fraction of the memory of the object behind it, which counts in a long document.
    """

    document: DocumentLine
    lines: tuple[str, ...]


def extract_document_lines(
    path: str | Path, settings: Settings | dict | None = None, on_pages: PagesCallback | None = None
) -> DocumentText:
    """`extract_document`, with each record written as its JSON line as soon as it is made.

    Raises:
        BulletinsError: The document cannot be processed (its `code` says why).
    """
    document, lines = _extracted(path, Settings.resolve(settings), on_pages, line_to_json)
    return DocumentText(document=document, lines=tuple(lines))


def _extracted(
    path: str | Path, settings: Settings, on_pages: PagesCallback | None, keep: Callable[[Record], Kept]
) -> tuple[DocumentLine, list[Kept]]:
    """The document line of one PDF and what `keep` makes of each of its records, in reading order."""
    return _records_of(read_layout(read_source(path), settings, on_pages), settings, keep)


def layout_to_result(layout: Layout, settings: Settings) -> DocumentResult:
    """The document line and records of a document already laid out (a benchmark times the stages apart)."""
    document, records = _records_of(layout, settings, lambda record: record)
    return DocumentResult(document=document, records=tuple(records))


def _records_of(layout: Layout, settings: Settings, keep: Callable[[Record], Kept]) -> tuple[DocumentLine, list[Kept]]:
    """The document line of a laid-out document and what `keep` makes of each of its records."""
    issue_date = settings.issue_date or find_issue_date(layout.blocks, layout.metadata_date)
    context = DocumentContext(issue_date=issue_date, issue_date_given=settings.issue_date is not None)
    kept: list[Kept] = []
    counts: Counter[RecordKind] = Counter()
    if layout.language in (None, ENGLISH):
        for record in extract_records(layout, context, settings):
            counts[record.kind] += 1
            kept.append(keep(record))
    else:
        # The English model reads any text as English and would write garbage records.
        log.info("%s is in %r, not English: no records extracted", layout.source.name, layout.language)
    return document_line(layout, issue_date, counts), kept


def document_block_lines(
    path: str | Path, settings: Settings | dict | None = None, on_pages: PagesCallback | None = None
) -> DocumentText:
    """Lay out one PDF: its document line (no records, so zero counts) and its blocks' JSON lines.

    Args:
        path: The PDF file.
        settings: Run settings (see `Settings.resolve`).
        on_pages: Called with the page count once the PDF is open.

    Raises:
        BulletinsError: The document cannot be read (its `code` says why).
    """
    settings = Settings.resolve(settings)
    layout = read_layout(read_source(path), settings, on_pages)
    issue_date = settings.issue_date or find_issue_date(layout.blocks, layout.metadata_date)
    lines = tuple(line_to_json(block.to_line(layout.source.doc_id)) for block in layout.blocks)
    return DocumentText(document=document_line(layout, issue_date, Counter()), lines=lines)


def document_line(layout: Layout, issue_date: dt.date | None, counts: Counter[RecordKind]) -> DocumentLine:
    """The `document` line of a document that was read, with its records counted per kind."""
    return DocumentLine(
        doc_id=layout.source.doc_id,
        **source_fields(layout.source.path),
        pages=layout.pages,
        title=layout.title,
        issue_date=issue_date,
        status="ok",
        error=None,
        counts={kind: counts.get(kind, 0) for kind in RECORD_KINDS},
        language=layout.language,
        pipeline_version=pipeline_version(),
        ocr_pages=list(layout.ocr_pages),
    )


def count_kinds(records: Iterable[Record]) -> dict[RecordKind, int]:
    counter = Counter(record.kind for record in records)
    return {kind: counter.get(kind, 0) for kind in RECORD_KINDS}


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
