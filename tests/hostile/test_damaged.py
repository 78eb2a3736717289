"""Damaged and hostile PDFs: control characters from a font's map, repairable files, byte-flip mutants."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.safe_text import clean_text, escape_line_breakers, is_clean
from tests.hostile import corpus
from tests.hostile.runs import documents, lines_of, no_traceback, run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Bishkek", "Bishkek", id="plain"),
        pytest.param("a\x00b", "ab", id="nul"),
        pytest.param("\x1b[31mred", "[31mred", id="esc"),
        pytest.param("\u202eevil", "evil", id="rlo"),
        pytest.param("one\x85two", "one two", id="nel"),
        pytest.param("one\u2028two\u2029", "one two ", id="line-separators"),
        pytest.param("tab\there", "tab here", id="tab"),
        pytest.param("x\ud800y", "x\ufffdy", id="lone-surrogate"),
        pytest.param("\x9bcsi", "csi", id="c1"),
        pytest.param("non\xa0breaking", "non\xa0breaking", id="nbsp-kept"),
        pytest.param("\u0627\u0644\u200d", "\u0627\u0644\u200d", id="arabic-zwj-kept"),
        pytest.param("\ufffe", "", id="noncharacter"),
    ],
)
def test_safe_text_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected
    assert is_clean(clean_text(text))


def test_safe_text_escape_line_breakers_keeps_the_string() -> None:
    import json

    raw = json.dumps({"t": "a\x85b\u2028c\x9b"}, ensure_ascii=False)
    escaped = escape_line_breakers(raw)
    assert json.loads(escaped) == json.loads(raw)
    assert len(escaped.splitlines()) == 1


@pytest.mark.issue(11)
def test_issue11_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    pdf = tmp_path / "controls.pdf"
    pdf.write_bytes(corpus.control_characters())
    result = run(["blocks", str(pdf), "--workers", "1", "-q"])
    assert result.returncode == 0
    raw = result.stdout.decode("utf-8")
    assert "\u2028" not in raw and "\x85" not in raw and "\\u0000" not in raw
    blocks = [line for line in lines_of(result.stdout) if line["kind"] == "block"]
    text = " ".join(block["text"] for block in blocks)
    assert "Kyrgyzstan" in text and "Osh" in text
    assert not [char for char in text if unicodedata.category(char) in ("Cc", "Cs") or char == "\u202e"]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("build", "pages", "texts"),
    [
        pytest.param(corpus.no_header, 3, ["Page one", "Page two", "Page three"], id="no-header"),
        pytest.param(corpus.broken_xref, 3, ["Page one", "Page two", "Page three"], id="broken-xref"),
        pytest.param(corpus.truncated, 3, ["Page one", "Page two"], id="truncated"),
    ],
)
def test_issue11_damaged_files_are_repaired_and_read(tmp_path: Path, build, pages: int, texts: list[str]) -> None:
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(build())
    result = run(["blocks", str(pdf), "--workers", "1", "-q"])
    no_traceback(result)
    assert result.returncode == 0
    lines = lines_of(result.stdout)
    assert lines[0]["status"] == "ok" and lines[0]["pages"] == pages
    text = " ".join(line["text"] for line in lines[1:])
    for expected in texts:
        assert expected in text


@pytest.mark.issue(11)
def test_issue11_every_mutant_gets_one_document_line(tmp_path: Path) -> None:
    names = []
    for seed in range(corpus.MUTANTS):
        path = tmp_path / f"mutant_{seed:02d}.pdf"
        path.write_bytes(corpus.mutant(corpus.MUTANT_SEED * 1000 + seed)())
        names.append(path.name)
    (tmp_path / "good.pdf").write_bytes(corpus.good_pdf())
    result = run(["blocks", str(tmp_path), "--workers", "2", "-q"], timeout=300)
    no_traceback(result)
    assert result.returncode in (0, 1)
    found = documents(lines_of(result.stdout))
    assert set(found) == {*names, "good.pdf"}
    assert found["good.pdf"]["status"] == "ok"
    crashed = [
        name for name, line in found.items() if line["status"] == "failed" and line["error"]["type"] == "crashed"
    ]
    assert crashed == []  # a damaged file is malformed or read, never an internal error
    read = [name for name in names if found[name]["status"] == "ok"]
    assert len(read) >= corpus.MUTANTS // 3  # most flips leave something readable
