"""Mentions into records: page, bbox and line boxes, block, section, sentence and a stable id, derived once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extractors.base import Mention, MentionRef
from pipeline.layout.textmap import round_box_outward, union_boxes
from pipeline.passages import Passage
from schemas.records import RECORD_MODELS, Record

_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Whitespace runs as one space, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def record_id(doc_id: str, block_id: str, start: int, end: int, kind: str) -> str:
    """Stable id: the same bytes and pipeline version give the same id, readable in a diff."""
    return f"{doc_id.removeprefix('sha256:')[:12]}:{block_id}:{start}-{end}:{kind}"


def mention_to_record(mention: Mention, passage: Passage, doc_id: str, part_of: str | None) -> Record:
    """Build and validate the record of one mention.

    Raises:
        pydantic.ValidationError: The mention's value or provenance breaks the contract.
    """
    block, line_boxes = passage.locate(mention.start, mention.end)
    boxes = tuple(round_box_outward(box) for box in line_boxes)
    _, block_start = passage.block_at(mention.start)
    value = mention.value
    if part_of is not None:
        value = value.model_copy(update={"part_of": part_of})
    model = RECORD_MODELS[mention.kind]
    # RECORD_MODELS maps each kind to its own model, so the result is that kind's record.
    return model.model_validate(  # type: ignore[return-value]
        {
            "kind": mention.kind,
            "id": record_id(doc_id, block.id, block_start, block_start + mention.end - mention.start, mention.kind),
            "doc_id": doc_id,
            "page": block.page,
            # Rounding outward commutes with the union, so `bbox` is exactly the union of `boxes`.
            "bbox": union_boxes(boxes),
            "boxes": boxes,
            "block": block.id,
            "section": block.section,
            "text": collapse(passage.text[mention.start : mention.end]),
            "sentence": collapse(passage.sentence(mention.start, mention.end).text),
            "value": value.model_dump(),
            "extractor": mention.extractor,
            "confidence": round(mention.confidence, 3),
        }
    )


def mention_ids(mentions: Iterable[Mention], passages: Sequence[Passage], doc_id: str) -> dict[MentionRef, str]:
    """The record id each mention will get, so that `part_of` can point at it."""
    ids: dict[MentionRef, str] = {}
    for mention in mentions:
        passage = passages[mention.passage]
        block, block_start = passage.block_at(mention.start)
        ids[mention.ref] = record_id(
            doc_id, block.id, block_start, block_start + mention.end - mention.start, mention.kind
        )
    return ids
