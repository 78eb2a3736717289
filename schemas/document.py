"""The per-document line: what was read, and whether it worked."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from schemas.values import DocId

ErrorType = Literal[
    "encrypted",
    "not_a_pdf",
    "malformed",
    "timeout",
    "no_text_layer",
    "crashed",
    "memory",
    "unreadable",
    "too_large",
]


class DocumentError(BaseModel):
    """Why a document failed, in words a user can act on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ErrorType = Field(
        description=(
            "Why: encrypted, not_a_pdf, malformed, no_text_layer, timeout, crashed (its worker died), memory "
            "(over the memory limit) or unreadable."
        )
    )
    message: str = Field(description="What happened and what to do, in words.")


class KindCounts(BaseModel):
    """Number of records written per kind for one document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: int = Field(default=0, ge=0, description="Date records written for the document.")
    place: int = Field(default=0, ge=0, description="Place records written for the document.")
    count: int = Field(default=0, ge=0, description="Count records written for the document.")
    amount: int = Field(default=0, ge=0, description="Amount records written for the document.")
    organisation: int = Field(default=0, ge=0, description="Organisation records written for the document.")


class DocumentLine(BaseModel):
    """First line written for every input PDF; a failed one carries `error`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["document"] = Field(
        default="document", description="Line kind: one per input PDF, before its records (or blocks)."
    )
    doc_id: DocId
    source: str = Field(
        description=(
            "The path as given. A path that is not valid UTF-8 has U+FFFD for each byte that is not, "
            "and then `source_bytes` holds it exactly."
        )
    )
    pages: int = Field(ge=0, description="Pages read; 0 for a failed document.")
    title: str | None = Field(description="Title from the PDF's metadata, else the largest heading of page 1; or null.")
    issue_date: dt.date | None = Field(
        description="Date partial dates were read against: --issue-date, else the document's own (YYYY-MM-DD)."
    )
    status: Literal["ok", "failed"] = Field(description="ok, or failed (then `error` says why and no records follow).")
    error: DocumentError | None = Field(description="Why the document failed; null when ok.")
    counts: KindCounts = Field(description="Records written after this line, per kind.")
    schema_version: Literal["1"] = Field(default="1", description="Version of this record contract.")
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the main language of the text layer, when detected."
    )
    pipeline_version: str | None = Field(
        default=None, description="Version of bulletins that wrote the line; ids are stable per version."
    )
    duplicate_of: str | None = Field(
        default=None,
        description=(
            "Source of the earlier input (in output order) with the same bytes. The document was "
            "processed once: its records follow that input's line, none follow this one."
        ),
    )
    ocr_pages: list[PositiveInt] = Field(
        default_factory=list,
        description="1-based numbers of the pages read by OCR (empty when every page had a usable text layer).",
    )

    source_bytes: str | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description=(
            "Only when the path is not valid UTF-8: its bytes percent-encoded (RFC 3986, '/' kept), "
            "so that `urllib.parse.unquote_to_bytes` gives the exact path back. Absent otherwise."
        ),
    )

    @model_validator(mode="after")
    def _error_iff_failed(self) -> DocumentLine:
        if (self.status == "failed") != (self.error is not None):
            raise ValueError("a document has an error exactly when its status is 'failed'")
        return self
