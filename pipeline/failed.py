"""The `document` line of a document that failed, made without loading the pipeline.

The batch's parent process writes such lines (a document that timed out, crashed its worker or
could not be read) but never extracts anything itself, so this module stays free of the PDF
libraries, spaCy and the extractors: the parent then starts in a fraction of a second, and its
workers' start is not kept waiting behind it.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import BulletinsError, UnreadableFile
from pipeline.inputs import file_doc_id, source_fields, unreadable_doc_id
from pipeline.safe_text import clean_text
from pipeline.version import pipeline_version
from schemas import DocumentError, DocumentLine


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
