"""Finding a document's PDF: by source, under --pdf-root, and a clear note when it is missing or changed."""

from __future__ import annotations

from pathlib import Path

from pipeline.pdf import read_source
from pipeline.review.pdf_lookup import PdfFinder
from tests.helpers import make_text_pdf


def _pdf(path: Path, text: str = "On 2 March 2018 UNODC trained 40 officers.") -> tuple[Path, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    make_text_pdf(path, [text])
    return path, read_source(path).doc_id


def test_pdf_lookup_by_source_relative_to_the_records_file(tmp_path: Path) -> None:
    _, doc_id = _pdf(tmp_path / "run" / "archive" / "a.pdf")
    found = PdfFinder(base=tmp_path / "run").find("archive/a.pdf", doc_id)
    assert found.source is not None and found.source.doc_id == doc_id and found.note is None


def test_pdf_lookup_under_pdf_root_by_file_name_anywhere_below_it(tmp_path: Path) -> None:
    _, doc_id = _pdf(tmp_path / "moved" / "2018" / "a.pdf")
    found = PdfFinder(base=tmp_path, root=tmp_path / "moved").find("/elsewhere/archive/a.pdf", doc_id)
    assert found.source is not None and Path(found.source.path) == tmp_path / "moved" / "2018" / "a.pdf"


def test_pdf_lookup_skips_a_changed_namesake_when_the_original_is_found(tmp_path: Path) -> None:
    _, doc_id = _pdf(tmp_path / "root" / "a.pdf")
    _pdf(tmp_path / "root" / "archive" / "a.pdf", "Another text on 3 March 2018.")
    found = PdfFinder(base=tmp_path, root=tmp_path / "root").find("archive/a.pdf", doc_id)
    assert found.source is not None and found.source.doc_id == doc_id


def test_pdf_lookup_changed_pdf_is_a_note(tmp_path: Path) -> None:
    path, _ = _pdf(tmp_path / "a.pdf")
    found = PdfFinder(base=tmp_path).find(str(path), "sha256:" + "0" * 64)
    assert found.source is None and found.trouble == "changed"
    assert found.note is not None and "has changed since this run read it" in found.note and str(path) in found.note


def test_pdf_lookup_missing_pdf_is_a_note_naming_pdf_root(tmp_path: Path) -> None:
    found = PdfFinder(base=tmp_path, root=tmp_path).find("archive/gone.pdf", "sha256:" + "0" * 64)
    assert found.source is None and found.trouble == "missing"
    assert found.note is not None and "archive/gone.pdf was not found" in found.note and "--pdf-root" in found.note


def test_pdf_lookup_a_file_that_is_not_a_pdf_is_not_taken(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_text("not a pdf", encoding="utf-8")
    found = PdfFinder(base=tmp_path).find("a.pdf", "sha256:" + "0" * 64)
    assert found.source is None and found.note is not None and "was not found" in found.note
