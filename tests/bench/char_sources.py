"""The two glyph sources side by side: do pdfminer's and PDFium's glyphs give the same blocks and records?

Run it as `python -m tests.bench.char_sources [PDF or folder...]` (default: the fixtures and every
PDF in ../shared/realworld). For each PDF it runs `blocks` and `extract` with each char source
and prints whether the block lines are equal byte for byte, equal but for their boxes, and the
same for the records, with the CPU time each source took. pdfplumber stays the default source
until every PDF is equal (tests/layout/test_char_sources.py holds that rule).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, REALWORLD

SOURCES = ("pdfplumber", "pdfium")


@dataclasses.dataclass(frozen=True)
class SourceRun:
    """One source's output for one PDF: JSON lines of its blocks and records, or the error code."""

    blocks: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0


@dataclasses.dataclass(frozen=True)
class SourceComparison:
    """How the PDFium source's output compares with pdfplumber's on one PDF."""

    name: str
    runs: dict[str, SourceRun]

    @property
    def equal(self) -> bool:
        a, b = self.runs["pdfplumber"], self.runs["pdfium"]
        return a.error == b.error and a.blocks == b.blocks and a.records == b.records

    @property
    def blocks_equal_but_boxes(self) -> bool:
        return _without_boxes(self.runs["pdfplumber"].blocks) == _without_boxes(self.runs["pdfium"].blocks)

    @property
    def records_equal_but_boxes(self) -> bool:
        return _without_boxes(self.runs["pdfplumber"].records) == _without_boxes(self.runs["pdfium"].records)


def _without_boxes(lines: Sequence[str]) -> list[dict[str, Any]]:
    return [{k: v for k, v in json.loads(line).items() if k != "bbox"} for line in lines]


def run_source(path: Path, source: str) -> SourceRun:
    """`blocks` and `extract` of one PDF with one char source, in this process."""
    from pipeline.errors import BulletinsError
    from pipeline.jsonl import line_to_json
    from pipeline.run import document_block_lines, extract_document
    from pipeline.settings import Settings

    settings = Settings(char_source=source, workers=1)
    started = time.process_time()
    try:
        laid_out = document_block_lines(path, settings)
        extracted = extract_document(path, settings)
    except BulletinsError as exc:
        return SourceRun(error=exc.code, seconds=time.process_time() - started)
    return SourceRun(
        blocks=laid_out.lines,
        records=tuple(line_to_json(record) for record in extracted.records),
        seconds=time.process_time() - started,
    )


def compare_char_sources(path: Path) -> SourceComparison:
    return SourceComparison(path.name, {source: run_source(path, source) for source in SOURCES})


def default_pdfs() -> list[Path]:
    """The fixtures and every real PDF (when the folder is present)."""
    paths = sorted(FIXTURES.glob("*.pdf"))
    if REALWORLD.is_dir():
        paths.extend(sorted(REALWORLD.rglob("*.pdf")))
    return paths


def comparison_to_row(comparison: SourceComparison) -> str:
    a, b = comparison.runs["pdfplumber"], comparison.runs["pdfium"]
    if a.error or b.error:
        return f"| {comparison.name[:48]} | {a.error or 'ok'} / {b.error or 'ok'} | | | | |"
    return (
        f"| {comparison.name[:48]} | {len(a.blocks)} / {len(b.blocks)} "
        f"| {_mark(a.blocks == b.blocks)} ({_mark(comparison.blocks_equal_but_boxes)} but boxes) "
        f"| {len(a.records)} / {len(b.records)} "
        f"| {_mark(a.records == b.records)} ({_mark(comparison.records_equal_but_boxes)} but boxes) "
        f"| {a.seconds:.2f} / {b.seconds:.2f} |"
    )


def _mark(ok: bool) -> str:
    return "equal" if ok else "differ"


def main(argv: Sequence[str] | None = None) -> int:
    """Compare the sources on the given PDFs (or the fixtures and real PDFs) and print a table."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.char_sources", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: fixtures and real PDFs)")
    args = parser.parse_args(argv)
    paths = [p for root in args.paths for p in (sorted(root.rglob("*.pdf")) if root.is_dir() else [root])]
    paths = paths or default_pdfs()
    if not paths:
        print("no PDFs", file=sys.stderr)
        return 2
    print("| PDF | blocks | block lines | records | record lines | CPU s (pdfplumber / pdfium) |")
    print("|---|---|---|---|---|---|")
    equal = 0
    for path in paths:
        comparison = compare_char_sources(path)
        equal += comparison.equal
        print(comparison_to_row(comparison), flush=True)
    print(f"\n{equal} of {len(paths)} PDFs give the same block and record lines with both sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
