"""The per-document line: what was read, and whether it worked."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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

    type: ErrorType
    message: str


class KindCounts(BaseModel):
    """Number of records written per kind for one document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: int = Field(default=0, ge=0)
    place: int = Field(default=0, ge=0)
    count: int = Field(default=0, ge=0)
    amount: int = Field(default=0, ge=0)
    organisation: int = Field(default=0, ge=0)


class DocumentLine(BaseModel):
    """First line written for every input PDF; a failed one carries `error`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["document"] = "document"
    doc_id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    source: str = Field(
        description=(
            "The path as given. A path that is not valid UTF-8 has U+FFFD for each byte that is not, "
            "and then `source_bytes` holds it exactly."
        )
    )
    pages: int = Field(ge=0)
    title: str | None
    issue_date: dt.date | None
    status: Literal["ok", "failed"]
    error: DocumentError | None
    counts: KindCounts
    schema_version: Literal["1"] = "1"
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
