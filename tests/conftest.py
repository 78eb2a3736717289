"""Shared test fixtures: paths, the spaCy pipeline, and generated bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "fixtures"
REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite fixtures/<name>.jsonl and fixtures/<name>.blocks.jsonl from the current pipeline "
        "instead of comparing with them (commit them only with a reviewed reason).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are rewritten (`pytest --update-golden`) rather than compared."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def realworld() -> Path:
    """Folder of real PDFs from other projects; tests that need it skip when it is absent."""
    if not REALWORLD.is_dir():
        pytest.skip("the real-world PDF folder (../shared/realworld) is not present")
    return REALWORLD


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline, loaded once for the session."""
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline for unit tests that need tokens but no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def make_text_pdf(path: Path, lines: list[str], *, encrypt: str | None = None) -> Path:
    """A small one-column PDF with the given lines, optionally password-protected."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setFont("Helvetica", 10)
    y = A4[1] - 200
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """One file per kind of bad input, keyed by the error type it must produce."""
    good = make_text_pdf(tmp_path / "good.pdf", ["On 2 March 2018 UNODC trained 40 officers in Bishkek."])
    encrypted = make_text_pdf(tmp_path / "encrypted.pdf", ["Secret bulletin"], encrypt="s3cret")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.pdf"
    text.write_text("This is a plain text file with a .pdf name.\n", encoding="utf-8")
    malformed = tmp_path / "malformed.pdf"
    malformed.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 9 0 R >>\n%%EOF\n")
    blank = tmp_path / "blank.pdf"
    make_text_pdf(blank, [])
    return {
        "ok": good,
        "encrypted": encrypted,
        "not_a_pdf": text,
        "not_a_pdf_empty": empty,
        "malformed": malformed,
        "no_text_layer": blank,
    }


FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture(scope="session")
def fixture_output():
    """Pipeline output per fixture PDF, computed once per session and shared by every test.

    Returns a function name -> DocumentResult (strict: an invalid record raises).
    """
    from pipeline.run import extract_document
    from pipeline.settings import Settings

    cache: dict[str, object] = {}

    def output(name: str):
        if name not in cache:
            cache[name] = extract_document(FIXTURES / f"{name}.pdf", Settings(strict=True, workers=1))
        return cache[name]

    return output


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
    from pipeline.blocks import Block
    from pipeline.passages import iter_passages
    from pipeline.textmap import TextMap

    blocks = []
    for number, item in enumerate(texts, start=1):
        text, role = (item, "body") if isinstance(item, str) else item
        top = 20.0 * number
        boxes = tuple((72.0 + 5 * i, top, 77.0 + 5 * i, top + 10) for i in range(len(text)))
        bbox = (72.0, top, 72.0 + 5 * max(len(text), 1), top + 10)
        blocks.append(Block(f"p1-b{number}", 1, bbox, role, section, TextMap(text, boxes)))
    return list(iter_passages(blocks, nlp))
