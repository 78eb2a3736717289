"""Text blocks as `bulletins blocks` writes them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.values import BBox

Role = Literal["heading", "body", "sidebar", "caption", "header", "footer", "list_item"]


class BlockLine(BaseModel):
    """One block of a page, in reading order, with its role and the article it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["block"] = "block"
    doc_id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    page: int = Field(ge=1)
    id: str
    bbox: BBox
    role: Role
    section: str | None
    text: str
