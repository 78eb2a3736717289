"""Long-document benchmark: peak memory per worker and time on a generated document of many pages.

Run it as `python -m tests.bench.long_document [--pages 100 500 1000 2000] [--command blocks extract]`.
Each document is built from the fixture bulletins' pages, repeated in order until it has the
pages asked for (real bulletin layouts: columns, sidebars, running headers, tables of figures), in
a temporary folder; `bulletins` then runs on it in a fresh process with one worker and a time
limit of an hour plus the per-page allowance. Each run prints a table row: the document line's
outcome (`ok` or its error type), the wall time of the whole command (worker start and model
load included) and the worker's peak resident memory, from the run's own summary (the worker's
`ru_maxrss`, taken when it hands the document back, so it covers the whole document).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"


def build_long_pdf(target: Path, pages: int) -> None:
    """Concatenate the fixture PDFs' pages, in order and again, until there are `pages` pages.

    Each page gets a content stream of its own (the fixture page's, plus a comment with its
    number), as in a real long document; fonts and images are shared, as they are there too.
    """
    import pikepdf

    sources = [pikepdf.open(path) for path in sorted(FIXTURES_DIR.glob("*.pdf"))]
    out = pikepdf.Pdf.new()
    while len(out.pages) < pages:
        for source in sources:
            for page in source.pages:
                if len(out.pages) < pages:
                    out.pages.append(page)
                    copy = out.pages[-1]
                    content = b"".join(stream.read_bytes() for stream in _contents(copy))
                    copy.obj.Contents = out.make_stream(content + b"\n%% page %d\n" % len(out.pages))
    out.save(target)


def _contents(page) -> list:
    import pikepdf

    contents = page.obj.Contents
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


@dataclasses.dataclass(frozen=True)
class Measure:
    """One run of `bulletins` on one long document, as its summary and output report it."""

    command: str
    pages: int
    exit_status: int
    wall_seconds: float
    worker_peak_mb: float | None
    outcome: str

    def to_row(self) -> str:
        peak = f"{self.worker_peak_mb:.0f}" if self.worker_peak_mb is not None else "-"
        per_page = self.wall_seconds / self.pages
        return f"| {self.command} | {self.pages} | {self.outcome} | {self.wall_seconds:.0f} | {per_page:.2f} | {peak} |"


def measure(command: str, pdf: Path, pages: int, timeout: float) -> Measure:
    """Run `bulletins COMMAND` on the document in a fresh process with one worker, as a user would."""
    output = pdf.with_suffix(f".{command}.jsonl")
    args = [command, str(pdf), "-o", str(output), "--workers", "1", "--timeout", str(timeout)]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    peak = re.search(r"peak worker memory (\d+) MB", result.stderr)
    outcome = "no output"
    if output.exists():
        document = json.loads(output.read_text(encoding="utf-8").split("\n", 1)[0])
        outcome = document["status"] if document["error"] is None else document["error"]["type"]
    return Measure(command, pages, result.returncode, wall, float(peak.group(1)) if peak else None, outcome)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000], help="Page counts to measure, in turn.")
    parser.add_argument("--command", choices=["extract", "blocks"], nargs="+", default=["blocks", "extract"])
    parser.add_argument("--timeout", type=float, default=3600.0, help="--timeout of each run (pages add to it).")
    args = parser.parse_args()
    print("| command | pages | outcome | wall s | wall s/page | peak worker MB |")
    print("|---|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for pages in args.pages:
            pdf = Path(folder) / f"long_{pages}.pdf"
            build_long_pdf(pdf, pages)
            for command in args.command:
                print(measure(command, pdf, pages, args.timeout).to_row(), flush=True)


if __name__ == "__main__":
    main()
