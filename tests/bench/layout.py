"""Benchmark: pages per second of the layout stage against pdfplumber's plain `extract_text()`.

Run as `python -m tests.bench.layout [PDF...]` (default: the fixture PDFs). Both sides open
the PDF afresh from memory on every round, so each pays for pdfminer's parsing of the pages, and
they alternate so that neither profits from a warmer cache. One warm-up round of each runs
first and is reported apart: it includes loading the word list that de-hyphenation consults,
once per process.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber

from pipeline.layout.reading_order import document_blocks

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


@dataclasses.dataclass(frozen=True)
class Timing:
    """Seconds per round of each side on one PDF."""

    name: str
    pages: int
    plain: tuple[float, ...]
    layout: tuple[float, ...]

    @property
    def plain_seconds(self) -> float:
        return statistics.median(self.plain)

    @property
    def layout_seconds(self) -> float:
        return statistics.median(self.layout)


def plain_text(data: bytes) -> int:
    """pdfplumber's `extract_text()` on every page; returns the number of pages."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def layout_blocks(data: bytes) -> int:
    """`document_blocks` on the whole document; returns the number of pages."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        document_blocks(pdf)
        return len(pdf.pages)


def readable(path: Path) -> bool:
    """Whether pdfplumber opens the file; an unreadable one is named on stderr and left out."""
    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages) > 0
    except Exception as exc:  # any parser failure: this benchmark times readable PDFs only
        print(f"skipped {path.name}: not a readable PDF ({type(exc).__name__})", file=sys.stderr)
        return False


def seconds(run: Callable[[bytes], int], data: bytes) -> float:
    start = time.perf_counter()
    run(data)
    return time.perf_counter() - start


def time_pdf(path: Path, rounds: int) -> Timing:
    """Alternate the two sides `rounds` times on one PDF."""
    data = path.read_bytes()
    pages = plain_text(data)
    plain: list[float] = []
    layout: list[float] = []
    for index in range(rounds):
        first, second = (plain_text, layout_blocks) if index % 2 == 0 else (layout_blocks, plain_text)
        times = {first: seconds(first, data), second: seconds(second, data)}
        plain.append(times[plain_text])
        layout.append(times[layout_blocks])
    return Timing(path.name, pages, tuple(plain), tuple(layout))


def report(timings: Sequence[Timing], warm_up: tuple[float, float]) -> str:
    """A table of pages per second per PDF and in total, with the layout/plain cost ratio."""
    lines = [f"{'pdf':42} {'pages':>5} {'plain p/s':>10} {'layout p/s':>10} {'cost ratio':>10}"]
    for t in timings:
        lines.append(
            f"{t.name[:42]:42} {t.pages:5d} {t.pages / t.plain_seconds:10.1f} {t.pages / t.layout_seconds:10.1f} "
            f"{t.layout_seconds / t.plain_seconds:10.2f}"
        )
    pages = sum(t.pages for t in timings)
    plain = sum(t.plain_seconds for t in timings)
    layout = sum(t.layout_seconds for t in timings)
    lines.append(f"{'all':42} {pages:5d} {pages / plain:10.1f} {pages / layout:10.1f} {layout / plain:10.2f}")
    lines.append(
        f"warm-up round (first document, not counted): plain {warm_up[0]:.2f} s, layout {warm_up[1]:.2f} s "
        "(includes loading the de-hyphenation word list)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Time the given PDFs (or the fixtures) and print the table; 0 on success, 2 without input."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.layout", description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDF files (default: the fixture PDFs)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per PDF and side; the median counts (default 5)")
    args = parser.parse_args(argv)
    paths = [path for path in (args.pdfs or sorted(FIXTURES.glob("*.pdf"))) if readable(path)]
    if not paths:
        print("no PDFs given and no fixture PDFs found", file=sys.stderr)
        return 2
    first = paths[0].read_bytes()
    warm_up = (seconds(plain_text, first), seconds(layout_blocks, first))
    timings = [time_pdf(path, args.rounds) for path in paths]
    print(report(timings, warm_up))
    return 0


if __name__ == "__main__":
    sys.exit(main())
