"""Benchmark: time and size of `bulletins review`, built from scratch and built again from its cache.

Run as `python -m tests.bench.review [RECORDS.jsonl] [--pdf-root DIR]` (default: the fixtures'
golden records, PDFs under fixtures/). Each build runs in a fresh process, as the command does,
into a new temporary folder; the second build reuses the first one's page cache. Prints
documents, pages, wall and CPU seconds, seconds per page, the HTML's size (and per page) and
the cache's size.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline.review.changes import review_documents
from pipeline.review.diff import read_jsonl

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def fixture_records(folder: Path) -> Path:
    """The golden records of every fixture in one file."""
    path = folder / "fixtures.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for golden in sorted(FIXTURES.glob("*.jsonl")):
            if not golden.name.endswith((".blocks.jsonl", ".gold.jsonl")):
                out.write(golden.read_text(encoding="utf-8"))
    return path


def folder_bytes(folder: Path, pattern: str) -> int:
    return sum(path.stat().st_size for path in folder.glob(pattern) if path.is_file())


def timed_build(records: Path, out: Path, pdf_root: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds of one `bulletins review` in a child process."""
    command = [sys.executable, "-m", "pipeline.cli", "review", str(records), "-o", str(out), "-q"]
    if pdf_root is not None:
        command += ["--pdf-root", str(pdf_root)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", nargs="?", help="An `extract` output (default: the fixtures' golden records).")
    parser.add_argument("--pdf-root", help="Folder of the PDFs (default: fixtures/ for the fixtures).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        records = Path(args.records) if args.records else fixture_records(folder)
        pdf_root = Path(args.pdf_root) if args.pdf_root else (None if args.records else FIXTURES)
        documents = review_documents(read_jsonl(records))
        pages = sum(review.document.pages for review in documents)
        first, again = folder / "first", folder / "again"
        cold = timed_build(records, first, pdf_root)
        again.mkdir()
        (first / ".cache").rename(again / ".cache")
        warm = timed_build(records, again, pdf_root)
        html = folder_bytes(again, "*.html")
        cache = folder_bytes(again / ".cache", "**/*")
    print(f"{len(documents)} documents, {pages} pages, {sum(len(r.records) for r in documents)} records")
    for label, (wall, cpu) in (("first build", cold), ("again, from the cache", warm)):
        print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / max(pages, 1):.3f} CPU s a page)")
    print(f"HTML {html / 1e6:.1f} MB ({html / max(pages, 1) / 1e3:.0f} KB a page); cache {cache / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
