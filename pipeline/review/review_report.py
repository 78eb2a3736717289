"""Rendering of the visual review as HTML: one self-contained page per document, and an index of them."""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from pipeline.review.changes import CHANGES, DocumentReview, ReviewRecord
from pipeline.review.diff import FieldChange
from pipeline.review.image_settings import ImageSettings
from pipeline.review.pages import PageImage
from schemas import BlockLine, DocumentLine, Record
from schemas.records import RECORD_KINDS


@dataclasses.dataclass(frozen=True)
class Note:
    """A message at the top of a document's page: a missing or changed PDF, a failed document.

    Attributes:
        text: The message.
        error: Whether it is trouble (shown in red) rather than information.
        short: A word or two for the index's notes column, when the note belongs there.
    """

    text: str
    error: bool = False
    short: str | None = None


@dataclasses.dataclass(frozen=True)
class Mark:
    """One line box of a record, placed over the page image in percent of its size."""

    key: str
    record_id: str
    kind: str
    change: str | None
    line: int
    style: str
    title: str


@dataclasses.dataclass(frozen=True)
class Outline:
    """A layout block's box and role, shown on demand."""

    block_id: str
    role: str
    style: str


@dataclasses.dataclass(frozen=True)
class Sheet:
    """A page image with the record boxes and block outlines drawn over it."""

    number: int
    width_px: int
    height_px: int
    data_uri: str
    marks: tuple[Mark, ...]
    outlines: tuple[Outline, ...]


@dataclasses.dataclass(frozen=True)
class ShownChange:
    """A changed field as the list shows it."""

    field: str
    old: str
    new: str


@dataclasses.dataclass(frozen=True)
class Item:
    """A record in the side list: its text, value, sentence (mention marked) and where it came from."""

    key: str
    record_id: str
    kind: str
    change: str | None
    page: int
    text: str
    value: str
    sentence: tuple[str, str, str]
    extractor: str
    confidence: float
    field_changes: tuple[ShownChange, ...]


@dataclasses.dataclass(frozen=True)
class Tally:
    name: str
    count: int


@dataclasses.dataclass(frozen=True)
class DocumentPage:
    """Everything a document's review page shows."""

    document: DocumentLine
    title: str
    records: int
    notes: tuple[Note, ...]
    sheets: tuple[Sheet, ...]
    items: tuple[Item, ...]
    kinds: tuple[Tally, ...]
    changes: tuple[Tally, ...]
    change_counts: Mapping[str, int]
    against: str | None
    image_format: str
    has_outlines: bool
    no_pages_reason: str

    @property
    def compare(self) -> bool:
        return self.against is not None


@dataclasses.dataclass(frozen=True)
class IndexRow:
    """One document in the index."""

    doc_id: str
    source: str
    title: str | None
    href: str
    pages: int
    status: str
    error: str | None
    counts: tuple[int, ...]
    changes: Mapping[str, int]
    notes: str


@dataclasses.dataclass(frozen=True)
class IndexPage:
    """The index: one row per document line of the run."""

    records: str
    against: str | None
    rows: tuple[IndexRow, ...]
    totals: Mapping[str, int]
    total_records: int
    image_format: str
    kinds: tuple[str, ...] = RECORD_KINDS


def document_file_name(document: DocumentLine) -> str:
    """A file name for a document's page: its PDF's name and the start of its hash, so names never collide."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(document.source).stem).strip("-.")[:80] or "document"
    return f"{stem}-{document.doc_id.removeprefix('sha256:')[:10]}.html"


def document_page(
    review: DocumentReview,
    pages: Sequence[PageImage],
    outlines: Sequence[BlockLine],
    notes: Sequence[Note],
    against: str | None,
    images: ImageSettings,
) -> DocumentPage:
    """The view of one document: sheets with marks and outlines, and the list of records.

    Args:
        review: The document and its records (with changes when compared).
        pages: Its rendered pages; empty when the PDF was not found.
        outlines: Its layout blocks; empty when unavailable.
        notes: Messages to show at the top.
        against: Name of the older run, when compared.
        images: How the pages were rendered (stated on the page).
    """
    by_page: dict[int, list[ReviewRecord]] = {}
    for item in review.records:
        by_page.setdefault(item.record.page, []).append(item)
    blocks_by_page: dict[int, list[BlockLine]] = {}
    for block in outlines:
        blocks_by_page.setdefault(block.page, []).append(block)
    sheets = tuple(_sheet(page, by_page.get(page.number, []), blocks_by_page.get(page.number, [])) for page in pages)
    off_pages = sum(len(items) for number, items in by_page.items() if number > len(pages)) if pages else 0
    all_notes = list(notes)
    if off_pages:
        all_notes.append(Note(f"{off_pages} records name pages the PDF does not have; they are listed, not drawn."))
    texts = {item.record.id: item.record.text for item in review.records}
    counts = review.change_counts()
    document = review.document
    return DocumentPage(
        document=document,
        title=document.title or Path(document.source).name,
        records=review.current_records,
        notes=tuple(all_notes),
        sheets=sheets,
        items=tuple(_item(item, texts) for item in review.records),
        kinds=tuple(Tally(kind, sum(item.record.kind == kind for item in review.records)) for kind in RECORD_KINDS),
        changes=tuple(Tally(change, counts.get(change, 0)) for change in CHANGES),
        change_counts={change: counts.get(change, 0) for change in CHANGES},
        against=against,
        image_format=images.describe(),
        has_outlines=bool(outlines),
        no_pages_reason="see the note above." if notes else "the document has no pages.",
    )


def _sheet(page: PageImage, items: Sequence[ReviewRecord], blocks: Sequence[BlockLine]) -> Sheet:
    marks = []
    for item in items:
        record = item.record
        title = f"{record.kind}: {record.text}" + (f" ({item.change})" if item.change else "")
        for line, box in enumerate(item.boxes):
            marks.append(Mark(item.key, record.id, record.kind, item.change, line, _style(page.percent(box)), title))
    outlines = tuple(Outline(block.id, block.role, _style(page.percent(block.bbox))) for block in blocks)
    data = base64.b64encode(page.path.read_bytes()).decode("ascii")
    return Sheet(page.number, page.width_px, page.height_px, f"data:{page.mime};base64,{data}", tuple(marks), outlines)


def _style(percent: tuple[float, float, float, float]) -> str:
    left, top, width, height = percent
    return f"left:{left}%;top:{top}%;width:{width}%;height:{height}%"


def _item(item: ReviewRecord, texts: Mapping[str, str]) -> Item:
    record = item.record
    return Item(
        key=item.key,
        record_id=record.id,
        kind=record.kind,
        change=item.change,
        page=record.page,
        text=record.text,
        value=value_to_text(record, texts),
        sentence=mark_mention(record.sentence, record.text),
        extractor=record.extractor,
        confidence=record.confidence,
        field_changes=tuple(_shown(change) for change in item.field_changes),
    )


def _shown(change: FieldChange) -> ShownChange:
    return ShownChange(change.field, _show(change.old), _show(change.new))


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def mark_mention(sentence: str, text: str) -> tuple[str, str, str]:
    """The sentence cut around the mention (before, mention, after); the mention is empty when not found."""
    start = sentence.find(text)
    if start < 0:
        start = sentence.lower().find(text.lower())
    if start < 0 or not text:
        return sentence, "", ""
    return sentence[:start], sentence[start : start + len(text)], sentence[start + len(text) :]


def value_to_text(record: Record, texts: Mapping[str, str]) -> str:
    """The normalised value in a few words: "2018-03-01 .. 2018-03-31 (month)", "more than 40 sports coaches"."""
    value = record.value.model_dump(mode="json")
    kind = record.kind
    if kind == "date":
        span = value["start"] if value["start"] == value["end"] else f"{value['start'] or '…'} .. {value['end'] or '…'}"
        return f"{span} ({value['granularity']}{', year inferred' if value['inferred_year'] else ''})"
    if kind == "place":
        where = ", ".join(str(value[key]) for key in ("type", "country") if value.get(key))
        geonames = f", GeoNames {value['geonames_id']}" if value.get("geonames_id") else ""
        return f"{value['name']} ({where}{geonames})"
    if kind in ("count", "amount"):
        qualifier = "" if value["qualifier"] == "exact" else value["qualifier"].replace("_", " ") + " "
        unit = value.get("subject") or value.get("currency") or ""
        part_of = value.get("part_of")
        parent = f", part of “{texts.get(part_of, part_of)}”" if part_of else ""
        return f"{qualifier}{_number(value['value'])} {unit}{parent}".strip()
    if kind == "organisation":
        return value["name"] + (f" ({value['acronym']})" if value.get("acronym") else "")
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


@functools.cache
def _environment() -> jinja2.Environment:
    """Templates ship with the package; autoescaping keeps record text from becoming markup."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.review", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def _asset(name: str) -> str:
    return resources.files("pipeline.review").joinpath("templates", name).read_text(encoding="utf-8")


def render_document(page: DocumentPage) -> str:
    """A document's page as one HTML file: images, styles and script inline, nothing fetched."""
    template = _environment().get_template("document.html.j2")
    return template.render(page=page, css=Markup(_asset("review.css")), js=Markup(_asset("review.js")))


def render_index(index: IndexPage) -> str:
    """The index page: one row per document, linking to its page."""
    return _environment().get_template("index.html.j2").render(index=index, css=Markup(_asset("review.css")))
