"""Profile: where one process's time goes, by area of code and by function, over some PDFs.

Run it as `python -m tests.bench.profile [PDF or folder...] [--top 30] [--stats FILE]`
(default: the real bulletins in ../shared/realworld/bulletins when present, and the fixtures).
The pipeline is warmed up first (model, gazetteer, tables and patterns loaded, as a batch worker
does before its first document) and every document is then extracted once under cProfile.
Each function's own time is counted to the area its file belongs to (pdfminer, spaCy,
pipeline/layout, extractors, ...), which is the split the speed work is steered by; the
functions with the most own and cumulative time follow. `--stats FILE` keeps the raw profile
for `python -m pstats` or snakeviz.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.bench.speed import PROJECT_ROOT, corpus_paths

# The project's own areas, by folder.
OWN_AREAS = (
    (PROJECT_ROOT / "pipeline" / "layout", "pipeline/layout"),
    (PROJECT_ROOT / "pipeline", "pipeline (other)"),
    (PROJECT_ROOT / "extractors", "extractors"),
    (PROJECT_ROOT / "schemas", "schemas"),
)
# Libraries' areas by a fragment of the file path (compiled modules name theirs relatively).
AREAS = (
    ("/pdfminer/", "pdfminer"),
    ("/pdfplumber/", "pdfplumber"),
    ("/pypdfium2", "pypdfium2"),
    ("/spacy/", "spaCy"),
    ("spacy/", "spaCy"),
    ("/thinc/", "spaCy"),
    ("thinc/", "spaCy"),
    ("/pydantic", "pydantic"),
    ("/dateparser/", "dateparser"),
    ("/regex/", "regex"),
    ("/re/", "re"),
    ("/sre_", "re"),
)


def area_of(filename: str) -> str:
    """The area a function's file belongs to; built-ins and the rest count as "other"."""
    for folder, area in OWN_AREAS:
        if filename.startswith(f"{folder}/"):
            return area
    path = filename.replace("\\", "/")
    for fragment, area in AREAS:
        if fragment in path:
            return area
    if path == "~" or path.startswith("<"):
        return "built-ins"
    return "other"


def areas_to_text(stats: pstats.Stats) -> str:
    """Own time per area, largest first, with shares of the total."""
    totals: dict[str, float] = {}
    raw = stats.stats  # type: ignore[attr-defined]  (pstats keeps them there)
    for (filename, _, _), (_, _, own, _, _) in raw.items():
        area = area_of(filename)
        totals[area] = totals.get(area, 0.0) + own
    grand = sum(totals.values()) or 1.0
    rows = sorted(totals.items(), key=lambda item: -item[1])
    return "\n".join(f"{area:<18} {own:8.2f} s {own / grand:6.1%}" for area, own in rows)


def profile_documents(paths: Sequence[Path]) -> tuple[cProfile.Profile, float, int]:
    """Warm up, then extract every document under the profiler.

    Returns:
        The profile, the CPU seconds the documents took (profiler overhead included) and their pages.
    """
    from pipeline.errors import BulletinsError
    from pipeline.run import extract_document, warm_up
    from pipeline.settings import Settings

    settings = Settings(workers=1)
    warm_up(settings)
    # CPU time, not wall time: on a busy machine wall time counts the waits for a core as work.
    profiler = cProfile.Profile(time.process_time)
    pages = 0
    started = time.process_time()
    for path in paths:
        profiler.enable()
        try:
            pages += extract_document(path, settings).document.pages
        except BulletinsError as exc:
            print(f"{path.name}: {exc.code}", file=sys.stderr)
        finally:
            profiler.disable()
    return profiler, time.process_time() - started, pages


def main(argv: Sequence[str] | None = None) -> int:
    """Profile the given PDFs (or the default corpus) and print areas and top functions."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: real bulletins and fixtures)")
    parser.add_argument("--top", type=int, default=30, help="functions listed by own and by cumulative time")
    parser.add_argument("--stats", type=Path, help="write the raw profile here")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.paths)
    if not paths:
        print("no PDFs given and the default corpus is absent", file=sys.stderr)
        return 2
    profiler, seconds, pages = profile_documents(paths)
    if args.stats:
        profiler.dump_stats(args.stats)
    per_page = seconds / max(pages, 1)
    print(f"{len(paths)} PDFs, {pages} pages, {seconds:.1f} CPU s under the profiler ({per_page:.3f} s/page)")
    stats = pstats.Stats(profiler)
    print("\nown time by area:")
    print(areas_to_text(stats))
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(args.top)
        listing = buffer.getvalue()
        print(f"\nby {order}:")
        print(listing[listing.index("ncalls") :] if "ncalls" in listing else listing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
