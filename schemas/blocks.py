"""Text blocks as `bulletins blocks` writes them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.values import BBox, DocId, PageNumber

Role = Literal["heading", "body", "sidebar", "caption", "header", "footer", "list_item"]


class BlockLine(BaseModel):
    """One block of a page, in reading order, with its role and the article it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["block"] = Field(default="block", description="Line kind: a text block.")
    doc_id: DocId
    page: PageNumber
    id: str = Field(description="Block id 'p<page>-b<n>', unique in its document; records name it in `block`.")
    bbox: BBox
    role: Role = Field(
        description="What the block is on the page: heading, body, sidebar, caption, header, footer or list_item."
    )
    section: str | None = Field(description="Headline of the article the block belongs to, or null.")
    text: str = Field(description="The block's text in reading order, de-hyphenated.")
