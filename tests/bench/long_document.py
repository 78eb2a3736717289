"""Long-document benchmark: peak memory per worker and time on a generated document of many pages.

Run it as `python -m tests.bench.long_document [--pages 2000] [--command extract|blocks]`. The
document is built from the fixture bulletins' pages, repeated in order until it has the pages
asked for (real bulletin layouts: columns, sidebars, running headers, tables of figures), in a
temporary folder; `bulletins` then runs on it in a fresh process with one worker and a time
limit of an hour, and the figures printed are its own summary's (wall time, peak worker memory).
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--command", choices=["extract", "blocks"], default="extract")
    parser.add_argument("--timeout", type=float, default=3600.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / f"long_{args.pages}.pdf"
        build_long_pdf(pdf, args.pages)
        print(f"{pdf.name}: {args.pages} pages, {pdf.stat().st_size / 1e6:.1f} MB", flush=True)
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline.cli",
                args.command,
                str(pdf),
                "-o",
                str(Path(folder) / "out.jsonl"),
                "--workers",
                "1",
                "--timeout",
                str(args.timeout),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"bulletins {args.command}: exit {result.returncode}, {time.monotonic() - started:.1f} s wall")
        print(result.stderr[-1500:])


if __name__ == "__main__":
    main()
