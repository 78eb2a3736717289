"""Helpers shared by the tests: project paths, builders of small PDFs and passages, and the line-box check."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "fixtures"
REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"
FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))
# Screenshots and other files tests leave for a person to look at (out/ is not committed).
TEST_ARTIFACTS = PROJECT_ROOT / "out" / "test-artifacts"


def make_text_pdf(path: Path, lines: list[str], *, encrypt: Any = None) -> Path:
    """A small one-column PDF with the given lines, optionally password-protected."""
    path.write_bytes(make_text_pdf_bytes(lines, encrypt=encrypt))
    return path


def make_text_pdf_bytes(lines: list[str], *, encrypt: Any = None) -> bytes:
    """The bytes of `make_text_pdf`: `encrypt` is a user password or a reportlab StandardEncryption."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setFont("Helvetica", 10)
    y = A4[1] - 200
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_passages(nlp, texts, section: str | None = None) -> list:
    """Passages parsed by `nlp` from plain texts, for extractor tests that need no PDF.

    Each item of `texts` is one block: a string (a body paragraph) or a (text, role) pair, such
    as ("MENTORSHIP PROGRAMMES IN 2017", "heading"). Blocks are joined into passages exactly as
    the pipeline joins them (consecutive body blocks of one section read as one passage).

    Args:
        nlp: A spaCy pipeline (the `nlp` or `blank_nlp` fixture).
        texts: The blocks' texts, in reading order.
        section: The section every block belongs to.

    Returns:
        The passages, in order.
    """
    from pipeline.layout.blocks import Block
    from pipeline.layout.textmap import TextMap
    from pipeline.passages import iter_passages

    blocks = []
    for number, item in enumerate(texts, start=1):
        text, role = (item, "body") if isinstance(item, str) else item
        top = 20.0 * number
        boxes = tuple((72.0 + 5 * i, top, 77.0 + 5 * i, top + 10) for i in range(len(text)))
        bbox = (72.0, top, 72.0 + 5 * max(len(text), 1), top + 10)
        blocks.append(Block(f"p1-b{number}", 1, bbox, role, section, TextMap(text, boxes)))
    return list(iter_passages(blocks, nlp))


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens, quotes straightened, for comparing page crops with mentions."""
    return (
        re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


def runs_in_crops(crops: Sequence[str], mention: str) -> bool:
    """Whether the mention reads, in order, as one non-empty run of text per crop, each found whole in its crop.

    This is what a record's line boxes promise: the first box holds the start of the mention, the
    next box the words that wrapped onto the next line (or column), and so on.
    """
    wanted = squeeze(mention)
    squeezed = [squeeze(crop) for crop in crops]

    def fits(index: int, rest: str) -> bool:
        if index == len(squeezed) - 1:
            return bool(rest) and rest in squeezed[index]
        return any(rest[:cut] in squeezed[index] and fits(index + 1, rest[cut:]) for cut in range(len(rest) - 1, 0, -1))

    return bool(squeezed) and fits(0, wanted)


# Boxes are written to 0.01 pt, rounded outward; a crop reaches this far past them so that a glyph
# edge the rounding left a float's breadth outside (166.67000000000002 against 166.67) still counts.
CROP_PAD = 0.005
# A one-line mention's box may be this much taller than the tallest glyph inside it (a superscript
# raised above the line) before it counts as taller than its line. The tallest glyph, not the
# median: "27,932 Children" sets the number at 16 pt and the word at 8 pt on one line.
LINE_HEIGHT_SLACK = 1.5


@dataclasses.dataclass(frozen=True)
class LineBoxCheck:
    """How one record's line boxes read when the page is cropped to each of them.

    Attributes:
        label: kind, text, page and boxes, for a failure message.
        crops: The text of the glyphs lying wholly inside each box.
        holds: Each box holds its part of the mention, in order.
        taller_than_line: The mention is on one line but its box is taller than that line's glyphs.
    """

    label: str
    crops: tuple[str, ...]
    holds: bool
    taller_than_line: bool

    @property
    def ok(self) -> bool:
        return self.holds and not self.taller_than_line


def check_line_boxes(page, record) -> LineBoxCheck:
    """Crop a pdfplumber page to each of the record's line boxes and check what they hold.

    Glyphs are kept only when they lie wholly inside a box: a neighbouring line's glyph that
    merely touches it does not count, so a box must really cover its own line.
    """
    boxes = record.boxes or (record.bbox,)
    regions = [page.within_bbox(_padded(box), strict=False) for box in boxes]
    crops = tuple(region.extract_text() for region in regions)
    taller = False
    if len(boxes) == 1:
        _, top, _, bottom = boxes[0]
        heights = [char["bottom"] - char["top"] for char in regions[0].chars]
        taller = bool(heights) and bottom - top > LINE_HEIGHT_SLACK * max(heights)
    label = f"{record.kind} {record.text!r} p{record.page} boxes {[list(b) for b in boxes]}"
    return LineBoxCheck(label, crops, runs_in_crops(crops, record.text), taller)


def _padded(box: Sequence[float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    return (x0 - CROP_PAD, top - CROP_PAD, x1 + CROP_PAD, bottom + CROP_PAD)


def line_box_checks(pdf_path: Path, records: Sequence) -> list[LineBoxCheck]:
    """The line-box check of every record of one PDF."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [check_line_boxes(pdf.pages[record.page - 1], record) for record in records]
