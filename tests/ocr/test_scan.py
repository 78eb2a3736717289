"""The fixture scanner: image-only PDFs of the fixtures, the same bytes on every run."""

from __future__ import annotations

import pdfplumber
import pytest

from fixtures.generator.scan import ScanSettings, scan_pdf
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def original() -> bytes:
    return (FIXTURES / "one_column_2020.pdf").read_bytes()


def test_scan_is_reproducible_and_image_only(original: bytes) -> None:
    first = scan_pdf("one_column_2020", original, ScanSettings())
    assert first == scan_pdf("one_column_2020", original, ScanSettings())
    with (
        pdfplumber.open(FIXTURES / "one_column_2020.pdf") as born,
        pdfplumber.open(__import__("io").BytesIO(first)) as scan,
    ):
        assert len(scan.pages) == len(born.pages)
        page, born_page = scan.pages[0], born.pages[0]
        assert page.chars == []
        assert len(page.images) == 1
        assert abs(page.width - born_page.width) < 0.5 and abs(page.height - born_page.height) < 0.5
        assert scan.metadata.get("CreationDate") is not None


def test_scan_turns_pages(original: bytes) -> None:
    turned = scan_pdf("one_column_2020", original, ScanSettings(turns={1: 90}))
    with pdfplumber.open(__import__("io").BytesIO(turned)) as scan:
        assert scan.pages[0].width > scan.pages[0].height
