"""Text blocks as `bulletins blocks` writes them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.values import BBox, DocId, PageNumber

Role = Literal["heading", "body", "sidebar", "caption", "header", "footer", "list_item", "table"]


def _absent(value: object) -> bool:
    return value is None


class BlockLine(BaseModel):
    """One block of a page, in reading order, with its role and the article it belongs to.

    A table block (role "table", v1.1) also carries its cells: `rows`, `header_rows` and
    `cell_bboxes`; other blocks leave them out.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["block"] = Field(default="block", description="Line kind: a text block.")
    doc_id: DocId
    page: PageNumber
    id: str = Field(description="Block id 'p<page>-b<n>', unique in its document; records name it in `block`.")
    bbox: BBox
    role: Role = Field(
        description="What the block is on the page: heading, body, sidebar, caption, header, footer, list_item, table."
    )
    section: str | None = Field(description="Headline of the article the block belongs to, or null.")
    text: str = Field(
        description="The block's text in reading order, de-hyphenated (a table: cells split by tabs, rows by newlines)."
    )
    rows: list[list[str]] | None = Field(
        default=None,
        exclude_if=_absent,
        description='A table\'s rows, each a list of cell texts ("" for an empty cell), header rows first.',
    )
    header_rows: int | None = Field(
        default=None, ge=0, exclude_if=_absent, description="How many leading rows of a table are headers."
    )
    cell_bboxes: list[list[BBox | None]] | None = Field(
        default=None,
        exclude_if=_absent,
        description="Box of each cell's text, the same shape as `rows`; null for an empty cell.",
    )

    @model_validator(mode="after")
    def _cells_iff_table(self) -> BlockLine:
        cells = (self.rows, self.header_rows, self.cell_bboxes)
        if (self.role == "table") != all(part is not None for part in cells) or (
            self.role != "table" and any(part is not None for part in cells)
        ):
            raise ValueError("a block has rows, header_rows and cell_bboxes exactly when its role is 'table'")
        if self.rows is not None and self.cell_bboxes is not None:
            if [len(row) for row in self.rows] != [len(row) for row in self.cell_bboxes]:
                raise ValueError("cell_bboxes must have the shape of rows")
            if self.header_rows is not None and self.header_rows > len(self.rows):
                raise ValueError("header_rows is more than the table's rows")
        return self
