"""Hostile output paths: -o naming an input, a folder, a non-JSON-Lines file, a link, a device; two runs, one output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.output_target import locked_output
from tests.hostile import corpus
from tests.hostile.runs import documents, lines_of, no_traceback, run


def inputs(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(exist_ok=True)
    a, b = folder / "a.pdf", folder / "b.pdf"
    a.write_bytes(corpus.good_pdf())
    b.write_bytes(corpus.three_pages())
    return a, b


@pytest.mark.issue(11)
@pytest.mark.parametrize("kind", ["input", "folder", "not_jsonl"])
def test_issue11_output_that_would_destroy_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    a, b = inputs(tmp_path)
    target = {"input": a, "folder": tmp_path / "sub", "not_jsonl": tmp_path / "notes.txt"}[kind]
    if kind == "folder":
        target.mkdir()
    if kind == "not_jsonl":
        target.write_text("my notes\n", encoding="utf-8")
    before = a.read_bytes(), target.read_bytes() if target.is_file() else None
    result = run(["blocks", str(a), str(b), "-o", str(target), "--workers", "1"])
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.startswith(b"Error: ") and str(target.name).encode() in result.stderr
    assert (a.read_bytes(), target.read_bytes() if target.is_file() else None) == before
    assert not list(tmp_path.glob(".*.part")) and not list(tmp_path.glob(".*.parts"))


@pytest.mark.issue(11)
def test_issue11_output_symlink_keeps_the_link_and_replaces_its_target(tmp_path: Path) -> None:
    a, _ = inputs(tmp_path)
    real = tmp_path / "real.jsonl"
    real.write_text("", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    result = run(["blocks", str(a), "-o", str(link), "--workers", "1", "-q"])
    assert result.returncode == 0
    assert link.is_symlink() and link.resolve() == real
    assert documents(lines_of(real.read_bytes()))["a.pdf"]["status"] == "ok"


@pytest.mark.issue(11)
def test_issue11_output_device_is_written_not_replaced(tmp_path: Path) -> None:
    a, _ = inputs(tmp_path)
    result = run(["blocks", str(a), "-o", os.devnull, "--workers", "1", "-q"])
    assert result.returncode == 0
    assert Path(os.devnull).is_char_device()


@pytest.mark.issue(11)
def test_issue11_second_run_on_a_locked_output_stops_at_once(tmp_path: Path) -> None:
    a, _ = inputs(tmp_path)
    target = tmp_path / "out.jsonl"
    leftover = tmp_path / ".out.jsonl.k3jd9x.part"  # what a killed older run left
    with locked_output(target):
        result = run(["blocks", str(a), "-o", str(target), "--workers", "1"])
        no_traceback(result)
        assert result.returncode == 2
        assert b"another bulletins run" in result.stderr
        assert not target.exists()
    leftover.write_text("{half", encoding="utf-8")
    result = run(["blocks", str(a), "-o", str(target), "--workers", "1", "-q"])
    assert result.returncode == 0
    assert not leftover.exists() and not (tmp_path / ".out.jsonl.lock").exists()


@pytest.mark.issue(11)
def test_issue11_output_in_a_read_only_place_is_refused_at_once(tmp_path: Path) -> None:
    a, _ = inputs(tmp_path / "in")
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0o555)
    try:
        result = run(["blocks", str(a), "-o", str(closed / "out.jsonl"), "--workers", "1"], obey_permissions=True)
    finally:
        closed.chmod(0o755)
    no_traceback(result)
    assert result.returncode == 2
    assert b"Permission denied" in result.stderr
