"""Block outlines for the review: the layout's blocks of a PDF, laid out once per PDF and pipeline version."""

from __future__ import annotations

import json
from pathlib import Path

import pydantic

from pipeline.layout.reading_order import document_blocks
from pipeline.pdf import SourceFile, open_pdf
from pipeline.version import pipeline_version
from schemas import BlockLine


def block_outlines(source: SourceFile, cache: Path) -> list[BlockLine]:
    """The blocks `bulletins blocks` writes for this PDF, from the cache when it holds them.

    The cache is keyed by the PDF's hash and the pipeline version, which changes whenever the
    code could change the layout.

    Raises:
        BulletinsError: The PDF cannot be opened.
    """
    path = cache / source.doc_id.removeprefix("sha256:")[:16] / f"blocks-{pipeline_version()}.jsonl"
    cached = _read_blocks(path)
    if cached is not None:
        return cached
    with open_pdf(source) as pdf:
        blocks = [block.to_line(source.doc_id) for block in document_blocks(pdf)]
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text("".join(block.model_dump_json() + "\n" for block in blocks), encoding="utf-8")
    part.replace(path)
    return blocks


def _read_blocks(path: Path) -> list[BlockLine] | None:
    try:
        text = path.read_text(encoding="utf-8")
        return [BlockLine.model_validate(json.loads(line)) for line in text.splitlines() if line.strip()]
    except (OSError, ValueError, pydantic.ValidationError):
        return None
