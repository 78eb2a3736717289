"""Benchmark: pages per second of the layout stage against pdfplumber's plain `extract_text()`.

Run as `python -m tests.bench.layout [PDF...]` (default: the fixture PDFs). Each side opens
the PDF afresh from memory on every round, so each pays for pdfminer's parsing of the pages, and
they take turns so that none profits from a warmer cache. A third side runs the layout with
table finding off, so the table step's own cost shows: its added seconds per page, and the
cost ratio with and without it. One warm-up round of each runs first and is reported apart: it
includes loading the word list that de-hyphenation consults, once per process.
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

from pipeline.layout.reading_order import LayoutSettings, document_blocks
from pipeline.layout.tables import TableSettings

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


@dataclasses.dataclass(frozen=True)
class Timing:
    """Seconds per round of each side on one PDF (layout, and layout with table finding off)."""

    name: str
    pages: int
    plain: tuple[float, ...]
    layout: tuple[float, ...]
    untabled: tuple[float, ...]

    @property
    def plain_seconds(self) -> float:
        return statistics.median(self.plain)

    @property
    def layout_seconds(self) -> float:
        return statistics.median(self.layout)

    @property
    def untabled_seconds(self) -> float:
        return statistics.median(self.untabled)


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


def layout_without_tables(data: bytes) -> int:
    """`document_blocks` with table finding off; returns the number of pages."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        document_blocks(pdf, LayoutSettings(tables=TableSettings(enabled=False)))
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
    """Run the three sides `rounds` times on one PDF, each round in a different order."""
    data = path.read_bytes()
    pages = plain_text(data)
    sides = [plain_text, layout_blocks, layout_without_tables]
    times: dict[Callable[[bytes], int], list[float]] = {side: [] for side in sides}
    for index in range(rounds):
        for side in sides[index % 3 :] + sides[: index % 3]:
            times[side].append(seconds(side, data))
    return Timing(
        path.name, pages, tuple(times[plain_text]), tuple(times[layout_blocks]), tuple(times[layout_without_tables])
    )


def _row(name: str, pages: int, plain: float, layout: float, untabled: float) -> str:
    tables_ms = 1000 * (layout - untabled) / pages
    return (
        f"{name[:42]:42} {pages:5d} {pages / plain:10.1f} {pages / layout:10.1f} {layout / plain:10.2f} "
        f"{untabled / plain:10.2f} {tables_ms:11.1f}"
    )


def report(timings: Sequence[Timing], warm_up: tuple[float, float]) -> str:
    """A table of pages per second per PDF and in total, with the layout/plain cost ratio.

    "no tables" is the cost ratio with table finding off; "tables ms/p" the milliseconds per
    page that table finding adds (layout less layout without it; noise can make it negative).
    """
    header = f"{'pdf':42} {'pages':>5} {'plain p/s':>10} {'layout p/s':>10} {'cost ratio':>10}"
    lines = [header + f" {'no tables':>10} {'tables ms/p':>11}"]
    for t in timings:
        lines.append(_row(t.name, t.pages, t.plain_seconds, t.layout_seconds, t.untabled_seconds))
    pages = sum(t.pages for t in timings)
    plain = sum(t.plain_seconds for t in timings)
    layout = sum(t.layout_seconds for t in timings)
    untabled = sum(t.untabled_seconds for t in timings)
    lines.append(_row("all", pages, plain, layout, untabled))
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
