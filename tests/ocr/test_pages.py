"""OCR end to end: scanned fixtures give the born-digital records, turned pages are read upright, and a
page OCR cannot read, a missing Tesseract or a spent time limit cost no more than they must."""

from __future__ import annotations

import dataclasses
import io
import logging
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.cli import main
from pipeline.errors import DocumentTimeout, NoTextLayer
from pipeline.ocr import pages as ocr_pages
from pipeline.pdf import read_source
from pipeline.review.evaluate import evaluate_files
from pipeline.run import extract_document, read_layout
from pipeline.settings import Settings
from tests.helpers import FIXTURES, make_text_pdf

SETTINGS = Settings(strict=True, workers=1, timeout=600.0)  # OCR stops at the time limit: room for a loaded machine


def f1_against_gold(result, name: str, tmp_path: Path) -> float:
    records = tmp_path / f"{name}.jsonl"
    lines = [result.document.model_dump_json(), *(r.model_dump_json() for r in result.records)]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return evaluate_files([FIXTURES / f"{name}.gold.jsonl"], records).micro.f1


def noise_pdf(path: Path, pages: int = 1) -> Path:
    """An image-only PDF of random grey noise: nothing a reader could read."""
    rng = np.random.default_rng(5)
    images = [Image.fromarray(rng.integers(0, 256, (1100, 850), dtype=np.uint8), mode="L") for _ in range(pages)]
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return path


def test_ocr_scanned_fixture_gives_the_gold(tesseract: str, scanned, tmp_path: Path) -> None:
    result = extract_document(scanned("one_column_2020"), SETTINGS)
    assert result.document.status == "ok"
    assert result.document.ocr_pages == [1]
    assert f1_against_gold(result, "one_column_2020", tmp_path) >= 0.9
    born: dict[tuple[str, str], list] = {}
    for record in extract_document(FIXTURES / "one_column_2020.pdf", SETTINGS).records:
        born.setdefault((record.kind, record.text), []).append(record)
    scaled = [r for r in result.records if (r.kind, r.text) in born]
    assert len(scaled) >= 0.8 * len(result.records), "most records of the scan match a born-digital one"
    assert all(r.confidence <= max(b.confidence for b in born[(r.kind, r.text)]) for r in scaled)
    assert any(r.confidence < min(b.confidence for b in born[(r.kind, r.text)]) for r in scaled)
    for record in scaled:  # the box lies where the born-digital PDF has the same words (skew is under 1 degree)
        distance = min(
            abs(record.bbox[0] - b.bbox[0]) + abs(record.bbox[1] - b.bbox[1]) for b in born[(record.kind, record.text)]
        )
        assert distance < 15, record.text


@pytest.mark.parametrize("turn", [90, 180])
def test_ocr_turned_page_is_read_upright(tesseract: str, scanned, tmp_path: Path, turn: int) -> None:
    result = extract_document(scanned("one_column_2020", {1: turn}), SETTINGS)
    assert result.document.ocr_pages == [1]
    assert f1_against_gold(result, "one_column_2020", tmp_path) >= 0.9
    width, height = 595.28, 841.89
    page_width, page_height = (height, width) if turn == 90 else (width, height)
    assert all(
        0 <= r.bbox[0] < r.bbox[2] <= page_width + 1 and 0 <= r.bbox[1] < r.bbox[3] <= page_height + 1
        for r in result.records
    )


def test_ocr_never_keeps_no_text_layer(scanned) -> None:
    with pytest.raises(NoTextLayer, match="--ocr auto"):
        extract_document(scanned("one_column_2020"), Settings(ocr="never", workers=1))


def test_ocr_unreadable_page_is_left_out_with_a_note(
    tesseract: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A text page and a page of noise: the text page's records, a warning for the other, no crash."""
    import pypdfium2 as pdfium

    text = make_text_pdf(tmp_path / "text.pdf", ["On 2 March 2018 UNODC trained 40 officers in Bishkek."])
    noise = noise_pdf(tmp_path / "noise.pdf")
    merged = pdfium.PdfDocument.new()
    for source in (text, noise):
        document = pdfium.PdfDocument(str(source))
        merged.import_pages(document)
        document.close()
    buffer = io.BytesIO()
    merged.save(buffer)
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(buffer.getvalue())
    with caplog.at_level(logging.WARNING, logger="bulletins"):
        result = extract_document(mixed, SETTINGS)
    assert result.document.status == "ok"
    assert result.document.ocr_pages == []
    assert {r.page for r in result.records} == {1}
    assert any("page 2 left out" in message for message in caplog.messages)
    with pytest.raises(NoTextLayer, match="OCR could not read"):
        extract_document(noise, SETTINGS)


def test_ocr_without_tesseract_fails_with_the_install_hint(scanned, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_pages, "tesseract_version", lambda: None)
    with pytest.raises(NoTextLayer, match="apt-get install tesseract-ocr"):
        extract_document(scanned("one_column_2020"), SETTINGS)


def test_ocr_stops_when_the_document_time_is_spent(tesseract: str, scanned) -> None:
    """The document's time limit (`--timeout` and `--timeout-per-page` for each page) bounds its OCR too."""
    spent = dataclasses.replace(SETTINGS, timeout=0.5, timeout_per_page=0.0)  # less than the deadline margin
    with pytest.raises(DocumentTimeout, match="OCR of page 1"):
        read_layout(read_source(scanned("one_column_2020")), spent)


def test_ocr_born_digital_pages_are_not_ocr_d(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("a page with a usable text layer was OCR'd")

    monkeypatch.setattr(ocr_pages, "ocr_page", fail)
    result = extract_document(FIXTURES / "one_column_2020.pdf", SETTINGS)
    assert result.document.ocr_pages == []


def test_ocr_cli_option(tesseract: str, scanned, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(scanned("one_column_2020"))
    assert main(["extract", path, "--ocr", "never", "--workers", "1", "-q"]) == 1
    assert '"no_text_layer"' in capsys.readouterr().out
    assert main(["blocks", path, "--workers", "1", "-q"]) == 0
    out = capsys.readouterr().out
    assert '"ocr_pages":[1]' in out and "Keeping COVID-19 out of prisons" in out


def test_ocr_invisible_text_layer(tesseract: str, realworld: Path) -> None:
    """An invisible layer (as OCR tools leave) is read again by OCR: only what the page shows."""
    path = realworld / "invisible_text_layer.pdf"
    auto = read_layout(read_source(path), SETTINGS)
    assert auto.ocr_pages == (1,)
    assert [b.text for b in auto.blocks] == ["Visible heading line"]
    never = read_layout(read_source(path), Settings(ocr="never", workers=1))
    assert never.ocr_pages == ()
    assert "Invisible OCR text layer" in " ".join(b.text for b in never.blocks)
