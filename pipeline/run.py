"""One document end to end: bytes, layout, passages, extractors, records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pydantic

from extractors import REGISTRY, DocumentContext, Mention
from pipeline.errors import BulletinsError, NoTextLayer
from pipeline.issue_date import find_issue_date
from pipeline.language import ENGLISH, detect_language
from pipeline.layout.blocks import Block
from pipeline.layout.reading_order import document_blocks
from pipeline.nlp import load_nlp
from pipeline.overlaps import resolve_overlaps
from pipeline.passages import Passage, iter_passages
from pipeline.pdf import SourceFile, metadata_date, metadata_title, open_pdf, read_source
from pipeline.provenance import mention_ids, mention_to_record
from pipeline.settings import Settings
from pipeline.version import PIPELINE_VERSION
from schemas import DocumentError, DocumentLine, Record
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


def read_layout(source: SourceFile) -> Layout:
    """Open the PDF and lay out its pages into blocks.

    Raises:
        BulletinsError: The file is not a readable PDF, or has no text layer.
    """
    with open_pdf(source) as pdf:
        blocks = tuple(document_blocks(pdf))
        pages = len(pdf.pages)
        if not any(block.text.strip() for block in blocks):
            raise NoTextLayer(
                f"{source.path} has no text layer on any of its {pages} pages; run OCR on it "
                "(for example ocrmypdf) and try again"
            )
        return Layout(
            source=source,
            pages=pages,
            title=metadata_title(pdf) or masthead_title(blocks),
            metadata_date=metadata_date(pdf),
            blocks=blocks,
            language=detect_language(b.text for b in blocks if b.role not in ("header", "footer")),
        )


def masthead_title(blocks: Sequence[Block]) -> str | None:
    """The largest heading of page 1."""
    headings = [b for b in blocks if b.page == 1 and b.role == "heading"]
    return max(headings, key=lambda b: b.size).text if headings else None


def run_extractors(passages: Sequence[Passage], context: DocumentContext, settings: Settings) -> list[Mention]:
    """Every configured extractor over the document, overlaps between kinds resolved."""
    mentions: list[Mention] = []
    for extractor in REGISTRY.create(settings.extractors):
        mentions.extend(extractor(passages, context))
    return resolve_overlaps(mentions, settings.overlap_priority)


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
    layout = read_layout(read_source(path))
    found_date = find_issue_date(layout.blocks, layout.metadata_date)
    issue_date = settings.issue_date or found_date
    context = DocumentContext(issue_date=issue_date, issue_date_given=settings.issue_date is not None)
    records: tuple[Record, ...] = ()
    if layout.language in (None, ENGLISH):
        passages = list(iter_passages(layout.blocks, load_nlp()))
        mentions = in_reading_order(run_extractors(passages, context, settings), passages, layout.blocks)
        records = tuple(valid_records(mentions, passages, layout.source.doc_id, settings))
    else:
        # The English model reads any text as English and would write garbage records.
        log.info("%s is in %r, not English: no records extracted", path, layout.language)
    document = DocumentLine(
        doc_id=layout.source.doc_id,
        source=str(path),
        pages=layout.pages,
        title=layout.title,
        issue_date=issue_date,
        status="ok",
        error=None,
        counts=count_kinds(records),
        language=layout.language,
        pipeline_version=PIPELINE_VERSION,
    )
    return DocumentResult(document=document, records=records)


def count_kinds(records: Iterable[Record]) -> dict[RecordKind, int]:
    counter = Counter(record.kind for record in records)
    return {kind: counter.get(kind, 0) for kind in RECORD_KINDS}


def failed_document(path: str | Path, error: BulletinsError, data: bytes | None = None) -> DocumentLine:
    """The `document` line of a document that could not be processed."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""
    return DocumentLine(
        doc_id=SourceFile(str(path), data).doc_id,
        source=str(path),
        pages=0,
        title=None,
        issue_date=None,
        status="failed",
        error=DocumentError(type=error.code, message=str(error)),
        counts={},
        pipeline_version=PIPELINE_VERSION,
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


def iter_pdf_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given and `*.pdf` under folders (recursively), sorted, without repeats.

    A folder without any PDF is said on stderr (a mistyped path should not pass for an empty archive).
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pdfs = {p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"}
            if not pdfs:
                log.warning("no PDF files in %s", path)
            found.update(pdfs)
        else:
            found.add(path)
    return sorted(found, key=lambda p: str(p))
