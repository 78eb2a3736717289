"""The visual review: a run's records (and an older run's) into OUT_DIR/index.html and one page per document."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from pipeline.errors import BulletinsError
from pipeline.jsonl import open_output
from pipeline.review.changes import CHANGES, DocumentReview, review_documents
from pipeline.review.diff import read_jsonl
from pipeline.review.image_settings import ImageSettings
from pipeline.review.outlines import block_outlines
from pipeline.review.pages import PageImage, page_images
from pipeline.review.pdf_lookup import PdfFinder
from pipeline.review.review_report import (
    IndexPage,
    IndexRow,
    Note,
    document_file_name,
    document_page,
    render_document,
    render_index,
)
from pipeline.version import pipeline_version
from schemas import BlockLine, DocumentLine
from schemas.records import RECORD_KINDS

CACHE = ".cache"


@dataclasses.dataclass(frozen=True)
class ReviewOptions:
    """What a review build may vary.

    Attributes:
        against: An older run to compare with; records are then marked added, removed,
            changed or same.
        pdf_root: A folder to look for the PDFs in before their `source` paths.
        images: Resolution and format of the page images.
        outlines: Draw the layout's blocks (on a toggle); this lays out each PDF once, cached.
    """

    against: Path | None = None
    pdf_root: Path | None = None
    images: ImageSettings = dataclasses.field(default_factory=ImageSettings)
    outlines: bool = True


@dataclasses.dataclass
class ReviewSummary:
    """What a build did, for stderr and for benchmarks."""

    index: Path
    documents: int = 0
    pages: int = 0
    pages_rendered: int = 0
    without_pdf: int = 0
    html_bytes: int = 0
    seconds: float = 0.0

    def to_text(self) -> str:
        cached = self.pages - self.pages_rendered
        lines = [
            f"review of {self.documents} documents written to {self.index}",
            f"{self.pages} pages: {self.pages_rendered} rendered, {cached} from the cache; "
            f"{self.without_pdf} documents without their PDF",
            f"{self.html_bytes / 1e6:.1f} MB of HTML in {self.seconds:.1f} s",
        ]
        return "".join(f"bulletins: {line}\n" for line in lines)


def build_review(
    records: Path, out_dir: Path, options: ReviewOptions | None = None, show_progress: bool = False
) -> ReviewSummary:
    """Write the review of a records file.

    Page images and block outlines are cached in OUT_DIR/.cache by the PDF's hash, so building
    the review again (say after a rule change) renders nothing twice.

    Args:
        records: JSON Lines written by `bulletins extract`.
        out_dir: Folder for index.html and the document pages.
        options: Older run, PDF folder, image settings.
        show_progress: Draw a progress bar on stderr.

    Returns:
        The summary of the build.

    Raises:
        DiffInputError: A records file is not JSON Lines of contract lines.
    """
    options = options or ReviewOptions()
    started = time.monotonic()
    new_lines = read_jsonl(records)
    old_lines = read_jsonl(options.against) if options.against is not None else None
    documents = review_documents(new_lines, old_lines, names=(str(records), str(options.against)))
    out_dir.mkdir(parents=True, exist_ok=True)
    finder = PdfFinder(base=records.parent, root=options.pdf_root)
    summary = ReviewSummary(index=out_dir / "index.html")
    against = str(options.against) if options.against is not None else None
    rows: list[IndexRow] = []
    with tqdm(total=len(documents), unit="doc", file=sys.stderr, disable=not show_progress, leave=False) as bar:
        for review in documents:
            notes, pages, outlines = _gather(review, finder, out_dir / CACHE, options, summary)
            page = document_page(review, pages, outlines, notes, against, options.images)
            name = document_file_name(review.document)
            summary.html_bytes += _write(out_dir / name, render_document(page))
            rows.extend(_rows(review, name, notes))
            summary.documents += 1
            bar.update(1)
    totals = Counter[str]()
    for review in documents:
        totals.update(review.change_counts())
    index = IndexPage(
        records=str(records),
        against=against,
        rows=tuple(rows),
        totals={change: totals.get(change, 0) for change in CHANGES},
        total_records=sum(review.current_records for review in documents),
        image_format=options.images.describe(),
    )
    summary.html_bytes += _write(summary.index, render_index(index))
    summary.seconds = time.monotonic() - started
    return summary


def _gather(
    review: DocumentReview, finder: PdfFinder, cache: Path, options: ReviewOptions, summary: ReviewSummary
) -> tuple[list[Note], list[PageImage], list[BlockLine]]:
    """Notes, page images and block outlines of one document; trouble becomes a note, never a crash."""
    document = review.document
    notes = [
        Note(f"{dup.source} has the same bytes; its records are these.", short="duplicate") for dup in review.duplicates
    ]
    if review.only_in_older:
        notes.append(
            Note("This document is in the older run only: every record of it was removed.", short="older run only")
        )
    if document.error is not None:
        notes.append(Note(f"The document failed: {document.error.type}: {document.error.message}", error=True))
        return notes, [], []
    lookup = finder.find(document.source, document.doc_id)
    if lookup.source is None:
        summary.without_pdf += 1
        notes.append(
            Note(
                lookup.note or "The PDF was not found.",
                error=True,
                short="PDF changed" if lookup.trouble == "changed" else "PDF not found",
            )
        )
        return notes, [], []

    def rendered() -> None:
        summary.pages_rendered += 1

    try:
        pages = page_images(lookup.source, cache / "pages", options.images, on_render=rendered)
    except BulletinsError as exc:
        notes.append(Note(f"The pages could not be rendered: {exc}", error=True, short="not rendered"))
        return notes, [], []
    summary.pages += len(pages)
    outlines: list[BlockLine] = []
    if options.outlines:
        try:
            outlines = block_outlines(lookup.source, cache / "blocks")
        except BulletinsError as exc:
            notes.append(Note(f"Block outlines are not available: {exc}"))
    if outlines and _other_code(document.pipeline_version):
        notes.append(
            Note(
                f"Blocks are drawn as pipeline version {pipeline_version()} lays them out; the records were "
                f"written by version {document.pipeline_version}, whose blocks may differ."
            )
        )
    return notes, pages, outlines


def _other_code(version: str | None) -> bool:
    """Whether the records come from other code than this, as far as their version can tell.

    Only a version with a code digest ("0.1.0+284dca7c661e") can tell; golden files keep the
    release part alone, since the digest changes with every commit.
    """
    return version is not None and "+" in version and version != pipeline_version()


def _rows(review: DocumentReview, href: str, notes: list[Note]) -> list[IndexRow]:
    """The index rows of a document: its own, then one per later input with the same bytes."""
    shorts = "; ".join(note.short for note in notes if note.short and note.short != "duplicate")
    changes = review.change_counts()
    rows = [_row(review.document, href, changes, shorts)]
    rows.extend(_row(dup, href, Counter(), f"same bytes as {review.document.source}") for dup in review.duplicates)
    return rows


def _row(document: DocumentLine, href: str, changes: Counter[str], notes: str) -> IndexRow:
    counts = document.counts.model_dump()
    return IndexRow(
        doc_id=document.doc_id,
        source=document.source,
        title=document.title,
        href=href,
        pages=document.pages,
        status=document.status,
        error=f"{document.error.type}: {document.error.message}" if document.error else None,
        counts=tuple(counts.get(kind, 0) for kind in RECORD_KINDS),
        changes={change: changes.get(change, 0) for change in CHANGES},
        notes=notes,
    )


def _write(path: Path, html: str) -> int:
    """Write a page atomically; its size in bytes."""
    with open_output(str(path)) as stream:
        stream.write(html)
    return path.stat().st_size
