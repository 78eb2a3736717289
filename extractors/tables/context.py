"""A table as a reader takes it in: the headers over each column, the label of each row, a row read aloud.

A cell's headers are the header cells above it, a spanning group header first ("Likely place
of exposure" over "China (new)"). A table that continues one on the page before without
repeating its header rows takes that table's headers. A row's label is the first cell of the
row that holds words rather than figures, or the spanning cell beside it ("Western Pacific"
beside nine countries). A row is read as its cells under their headers: "Region: Oromia;
Confirmed cases: 412".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractors.tables.figures import is_figure

Position = tuple[int, int]


@dataclasses.dataclass(frozen=True)
class TableView:
    """The cells of one table block and the context around them.

    Attributes:
        rows: Every cell's text, row by row ("" for an empty or covered cell).
        spans: (rows, columns) each cell spans; (0, 0) where another cell's span covers it.
        header_rows: How many leading rows are headers.
        titles: The headings or captions printed right above the table, top to bottom.
        inherited: Column headers taken from the table this one continues (no header rows of its own).
    """

    rows: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[tuple[int, int], ...], ...]
    header_rows: int
    titles: tuple[str, ...] = ()
    inherited: tuple[tuple[str, ...], ...] | None = None

    @property
    def column_count(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def owner(self, row: int, column: int) -> Position:
        """The cell whose span covers a place of the grid (the place itself when not covered)."""
        if self.spans[row][column] != (0, 0):
            return row, column
        for r in range(row, -1, -1):
            for c in range(column, -1, -1):
                rows, columns = self.spans[r][c]
                if rows and r + rows > row and c + columns > column:
                    return r, c
        return row, column

    def text(self, row: int, column: int) -> str:
        return self.rows[row][column]

    def column_headers(self, column: int) -> list[str]:
        """The header texts over a column, top to bottom (a group header before the column's own)."""
        if self.header_rows == 0 and self.inherited is not None and column < len(self.inherited):
            return list(self.inherited[column])
        headers: list[str] = []
        seen: set[Position] = set()
        for row in range(self.header_rows):
            owner = self.owner(row, column)
            text = self.text(*owner)
            if owner not in seen and text:
                seen.add(owner)
                headers.append(text)
        return headers

    def headers(self) -> tuple[tuple[str, ...], ...]:
        """Every column's headers, to hand to a table that continues this one."""
        return tuple(tuple(self.column_headers(c)) for c in range(self.column_count))

    def row_label(self, row: int, column: int) -> str | None:
        """The words that name a row for a cell: the first cell left of it that holds words, not figures.

        A cell left empty because a label beside several rows spans it gives that label.
        """
        for c in range(column):
            text = self.text(*self.owner(row, c))
            if text and not is_figure(text):
                return text
        return None

    def sentence(self, row: int) -> str:
        """The row read as text: each cell under its header ("Region: Oromia; Confirmed cases: 412").

        A label that spans the row from above is read too; cells covered by a span across
        columns are not repeated.
        """
        parts: list[str] = []
        seen: set[Position] = set()
        for column in range(self.column_count):
            owner = self.owner(row, column)
            if owner in seen:
                continue
            seen.add(owner)
            text = self.text(*owner)
            if not text or (owner[0] != row and owner[0] < self.header_rows):
                continue
            header = " ".join(self.column_headers(column)) if row >= self.header_rows else ""
            parts.append(f"{header}: {text}" if header else text)
        return "; ".join(parts)


def continues(view: TableView, previous: TableView | None) -> TableView:
    """The view with the headers of the table it continues, when it repeats none of its own.

    A table continues the one before it when that one is on the page before, has the same
    number of columns and has header rows while this one has none.
    """
    if previous is None or view.header_rows or previous.column_count != view.column_count:
        return view
    if previous.header_rows == 0 and previous.inherited is None:
        return view
    return dataclasses.replace(view, inherited=previous.headers())


def figure_columns(view: TableView) -> Sequence[int]:
    """Columns most of whose data cells are figures."""
    found = []
    for column in range(view.column_count):
        texts = [view.text(r, column) for r in range(view.header_rows, len(view.rows)) if view.text(r, column)]
        if texts and sum(map(is_figure, texts)) * 2 > len(texts):
            found.append(column)
    return found
