"""Shared pytest fixtures: the spaCy pipeline, fixture outputs computed once, generated bad inputs.

Plain helpers (paths, PDF and passage builders) live in `tests.helpers`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REALWORLD, make_text_pdf

# Headless Chromium on a machine without network: nothing in the background may try to reach out.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


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
def browser() -> Iterator:
    """Headless Chromium (Debian's package, which .ci/run installs) driven by Playwright, once per session."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Chromium is not installed: `apt-get install -y chromium` (.ci/run does it when it can)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


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
    malformed.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 9 0 R >>\n%%EOF\n"
    )
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
