"""Hostile inputs: names that are not UTF-8, FIFOs, unreadable files and folders, Flate bombs, slow pages."""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from pathlib import Path

import pytest

from pipeline.inputs import source_fields, unreadable_doc_id
from tests.hostile import corpus
from tests.hostile.runs import documents, lines_of, no_traceback, run

EMPTY_SHA = "sha256:" + hashlib.sha256(b"").hexdigest()


def write(folder: Path, name: bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "source", "source_bytes"),
    [
        pytest.param(b"plain.pdf", "plain.pdf", None, id="utf8"),
        pytest.param("café.pdf".encode(), "café.pdf", None, id="utf8-accent"),
        pytest.param(b"caf\xe9.pdf", "caf\ufffd.pdf", "caf%E9.pdf", id="latin1"),
        pytest.param(b"a%b\x85.pdf", "a%b\ufffd.pdf", "a%25b%85.pdf", id="percent-and-c1"),
    ],
)
def test_inputs_source_fields_rule(name: bytes, source: str, source_bytes: str | None) -> None:
    fields = source_fields(os.fsdecode(name))
    assert fields["source"] == source
    assert fields.get("source_bytes") == source_bytes
    if source_bytes is not None:
        assert urllib.parse.unquote_to_bytes(source_bytes) == name


@pytest.mark.issue(11)
@pytest.mark.parametrize("to_file", [True, False], ids=["file", "stdout"])
def test_issue11_name_not_utf8_costs_nothing(tmp_path: Path, to_file: bool) -> None:
    good = write(tmp_path, b"good.pdf", corpus.good_pdf())
    odd = write(tmp_path, b"caf\xe9.pdf", corpus.three_pages())
    target = tmp_path / "out.jsonl"
    args = ["blocks", str(good), str(odd), "--workers", "1", *(["-o", str(target)] if to_file else [])]
    result = run(args)
    no_traceback(result)
    assert result.returncode == 0
    lines = lines_of(target.read_bytes() if to_file else result.stdout)
    found = documents(lines)
    assert set(found) == {"good.pdf", "caf\ufffd.pdf"}
    line = found["caf\ufffd.pdf"]
    assert line["status"] == "ok" and line["pages"] == 3
    assert urllib.parse.unquote_to_bytes(line["source_bytes"]) == os.fsencode(odd)
    assert "source_bytes" not in found["good.pdf"]


@pytest.mark.issue(11)
def test_issue11_fifo_on_the_command_line_fails_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    good = write(tmp_path, b"good.pdf", corpus.good_pdf())
    result = run(["blocks", str(fifo), str(good), "--workers", "1"])
    no_traceback(result)
    assert result.returncode == 1
    found = documents(lines_of(result.stdout))
    assert found["pipe.pdf"]["error"]["type"] == "unreadable"
    assert "FIFO" in found["pipe.pdf"]["error"]["message"]
    assert found["good.pdf"]["status"] == "ok"


@pytest.mark.issue(11)
def test_issue11_unreadable_file_and_folder_get_their_own_lines(tmp_path: Path) -> None:
    write(tmp_path, b"good.pdf", corpus.good_pdf())
    locked_file = write(tmp_path, b"locked.pdf", corpus.good_pdf())
    other_file = write(tmp_path, b"other.pdf", corpus.three_pages())
    folder = tmp_path / "closed"
    folder.mkdir()
    write(folder, b"inside.pdf", corpus.good_pdf())
    for path in (locked_file, other_file, folder):
        path.chmod(0)
    try:
        result = run(["blocks", str(tmp_path), str(locked_file), "--workers", "1"], obey_permissions=True)
    finally:
        for path in (locked_file, other_file, folder):
            path.chmod(0o700)
    no_traceback(result)
    assert result.returncode == 1  # a failed document, not a usage error
    found = documents(lines_of(result.stdout))
    assert set(found) == {"good.pdf", "locked.pdf", "other.pdf", "closed"}
    for name in ("locked.pdf", "other.pdf", "closed"):
        assert found[name]["error"]["type"] == "unreadable"
    assert "the PDFs in it" in found["closed"]["error"]["message"] or "list" in found["closed"]["error"]["message"]
    ids = [found[name]["doc_id"] for name in ("locked.pdf", "other.pdf", "closed")]
    assert len(set(ids)) == 3 and EMPTY_SHA not in ids
    assert found["locked.pdf"]["doc_id"] == unreadable_doc_id(locked_file)
    assert found["good.pdf"]["status"] == "ok"


@pytest.mark.issue(11)
def test_issue11_flate_bomb_is_memory_and_blocks_have_limits(tmp_path: Path) -> None:
    bomb = write(tmp_path, b"bomb.pdf", corpus.flate_bomb(1024))
    good = write(tmp_path, b"good.pdf", corpus.good_pdf())
    target = tmp_path / "out.jsonl"
    result = run(["blocks", str(bomb), str(good), "-o", str(target), "--workers", "1", "--memory-limit", "700", "-q"])
    no_traceback(result)
    assert result.returncode == 1
    found = documents(lines_of(target.read_bytes()))
    assert found["bomb.pdf"]["error"]["type"] == "memory"
    assert "--memory-limit" in found["bomb.pdf"]["error"]["message"]
    assert found["good.pdf"]["status"] == "ok"


@pytest.mark.issue(11)
def test_issue11_blocks_has_a_timeout(tmp_path: Path) -> None:
    # A document that never ends, not a slow one: its outcome cannot depend on the machine's load.
    # The good one runs beside it on the second worker, and has the whole limit to finish.
    hangs = write(tmp_path, b"hangs.pdf", corpus.nested_forms())
    good = write(tmp_path, b"good.pdf", corpus.good_pdf())
    result = run(["blocks", str(hangs), str(good), "--workers", "2", "--timeout", "15", "-q"])
    no_traceback(result)
    assert result.returncode == 1
    found = documents(lines_of(result.stdout))
    assert found["hangs.pdf"]["error"]["type"] == "timeout"
    assert found["good.pdf"]["status"] == "ok"
