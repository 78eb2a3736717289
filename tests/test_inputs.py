"""Input lists: `extract --files-from FILE` and `-` for stdin; folders without PDFs are said on stderr."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.inputs import read_path_list
from tests.helpers import make_text_pdf


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        pytest.param(b"a.pdf\nb.pdf\n", ["a.pdf", "b.pdf"], id="one-a-line"),
        pytest.param(b"a.pdf\nb.pdf", ["a.pdf", "b.pdf"], id="no-final-newline"),
        pytest.param(b"a.pdf\r\nb.pdf\r\n", ["a.pdf", "b.pdf"], id="windows-line-ends"),
        pytest.param(b"\na.pdf\n\n  \nb.pdf\n", ["a.pdf", "b.pdf"], id="blank-lines-skipped"),
        pytest.param(b"my bulletin 2019.pdf\n", ["my bulletin 2019.pdf"], id="spaces-kept"),
        pytest.param(" rapport d'été.pdf\n".encode(), [" rapport d'été.pdf"], id="utf-8-and-leading-space"),
        pytest.param(b"caf\xe9.pdf\n", ["caf\udce9.pdf"], id="not-utf-8-reaches-its-file"),
        pytest.param(b"", [], id="empty"),
    ],
)
def test_inputs_read_path_list(listing: bytes, expected: list[str]) -> None:
    assert read_path_list(io.BytesIO(listing)) == expected


def _documents(out: str) -> list[dict]:
    return [line for line in map(json.loads, out.splitlines()) if line["kind"] == "document"]


def test_inputs_files_from_a_list_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spaced = make_text_pdf(tmp_path / "with space.pdf", ["On 5 April 2018 UNODC met in Bishkek."])
    other = make_text_pdf(tmp_path / "other.pdf", ["On 6 April 2018 UNODC met in Osh."])
    make_text_pdf(tmp_path / "not_listed.pdf", ["On 7 April 2018 UNODC met in Naryn."])
    listing = tmp_path / "list.txt"
    listing.write_text(f"{spaced}\n\n{other}\n", encoding="utf-8")
    status = main(["extract", "--files-from", str(listing), "--workers", "1", "-q"])
    sources = [document["source"] for document in _documents(capsys.readouterr().out)]
    assert status == 0
    assert sources == sorted([str(spaced), str(other)])


def test_inputs_files_from_stdin_with_a_missing_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    good = make_text_pdf(tmp_path / "good.pdf", ["On 5 April 2018 UNODC met in Bishkek."])
    missing = tmp_path / "gone.pdf"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{good}\n{missing}\n".encode())))
    status = main(["extract", "--files-from", "-", "--workers", "1", "-q"])
    captured = capsys.readouterr()
    documents = {Path(document["source"]).name: document for document in _documents(captured.out)}
    assert status == 1  # a listed file that is gone is a failed document, not a usage error
    assert documents["good.pdf"]["status"] == "ok"
    assert documents["gone.pdf"]["error"]["type"] == "unreadable"
    assert "Traceback" not in captured.err


def test_inputs_paths_and_files_from_together(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = make_text_pdf(tmp_path / "a.pdf", ["On 5 April 2018 UNODC met in Bishkek."])
    second = make_text_pdf(tmp_path / "b.pdf", ["On 6 April 2018 UNODC met in Osh."])
    listing = tmp_path / "list.txt"
    listing.write_text(f"{second}\n{first}\n", encoding="utf-8")
    assert main(["extract", str(first), "--files-from", str(listing), "--workers", "1", "-q"]) == 0
    assert [d["source"] for d in _documents(capsys.readouterr().out)] == [str(first), str(second)]  # once each


def test_inputs_nothing_to_read_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    assert "--files-from" in capsys.readouterr().err


def test_inputs_folder_without_pdfs_is_said_on_stderr(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("no bulletins here\n", encoding="utf-8")
    status = main(["extract", str(tmp_path), "--workers", "1"])
    assert status == 0
    assert capsys.readouterr().out == ""
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [f"no PDF files in {tmp_path}"]


def test_inputs_blocks_reads_files_from_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf = make_text_pdf(tmp_path / "one.pdf", ["On 5 April 2018 UNODC met in Bishkek."])
    listing = tmp_path / "list.txt"
    listing.write_text(f"{pdf}\n", encoding="utf-8")
    assert main(["blocks", "--files-from", str(listing), "--workers", "1", "-q"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["kind"] for line in lines[:2]] == ["document", "block"]
    assert lines[0]["source"] == str(pdf)
