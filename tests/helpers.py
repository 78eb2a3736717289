"""Helpers shared by the tests: project paths, and builders of small PDFs and passages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "fixtures"
REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"
FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))


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
