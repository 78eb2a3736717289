"""Batch benchmark: pages per second with 1 and 2 workers, peak memory per worker, and the naive
baseline on the same corpus.

Run it as `python -m tests.bench.batch [--pages 200]`. The corpus is built in a temporary
folder from the fixture bulletins (fixtures/*.pdf, or rendered by `fixtures.generator.generate` when they
are not on disk), each copy made distinct by a trailing PDF comment so that no two files share
bytes (duplicates would be processed once and flatter the figures). Every measurement runs in a
fresh interpreter, so each one pays its own imports, model loading and worker start-up, as a
user's run does; the wall time is taken around that process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pdfplumber

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"

# What the issue asks of the batch runner.
MAX_TIME_RATIO = 1.0  # pipeline seconds per page at 1 worker / baseline seconds per page
MIN_SPEEDUP = 1.7  # pages/s at 2 workers / pages/s at 1 worker
MAX_WORKER_MB = 600.0


@dataclasses.dataclass(frozen=True)
class Measurement:
    """One timed run over the corpus.

    Attributes:
        label: What ran ("baseline", "pipeline x1", ...).
        wall_seconds: Wall time of the whole process.
        pages: Pages of the corpus (rates are per corpus page, so a failed document is no saving).
        pages_read: Pages of the documents that did not fail.
        documents: Documents processed.
        failed: Documents that failed.
        peak_mb: Peak resident memory of each process that processed documents, in MiB.
        cpu_seconds: CPU time of the measured process and its workers; unlike wall time it
            hardly depends on what else the machine is running.
        worker_cpu_seconds: The workers' part of `cpu_seconds`.
    """

    label: str
    wall_seconds: float
    pages: int
    pages_read: int
    documents: int
    failed: int
    peak_mb: tuple[float, ...]
    cpu_seconds: float
    worker_cpu_seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall_seconds if self.wall_seconds > 0 else 0.0

    @property
    def seconds_per_page(self) -> float:
        return self.wall_seconds / self.pages if self.pages else float("inf")

    @property
    def cpu_seconds_per_page(self) -> float:
        return self.cpu_seconds / self.pages if self.pages else float("inf")


def source_pdfs() -> list[tuple[str, bytes]]:
    """The fixture bulletins as (name, bytes): from fixtures/ when present, else rendered in memory."""
    on_disk = sorted(FIXTURES_DIR.glob("*.pdf"))
    if on_disk:
        return [(path.stem, path.read_bytes()) for path in on_disk]
    from fixtures.generator.generate import fixture_to_files
    from fixtures.texts import all_fixtures

    return [(fixture.name, fixture_to_files(fixture).pdf) for fixture in all_fixtures()]


def pdf_pages(data: bytes, folder: Path) -> int:
    probe = folder / ".probe.pdf"
    probe.write_bytes(data)
    try:
        with pdfplumber.open(probe) as pdf:
            return len(pdf.pages)
    finally:
        probe.unlink()


def build_corpus(folder: Path, min_pages: int, sources: Sequence[tuple[str, bytes]]) -> tuple[int, int]:
    """Copy the sources round-robin into `folder` until the copies hold at least `min_pages` pages.

    Each copy ends with its own PDF comment after %%EOF (readers ignore it), so its bytes and
    its doc_id differ from every other copy's.

    Returns:
        (documents, pages) written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    pages_of = [pdf_pages(data, folder) for _, data in sources]
    documents = pages = 0
    while pages < min_pages:
        name, data = sources[documents % len(sources)]
        copy = documents // len(sources)
        (folder / f"{name}-{copy:04d}.pdf").write_bytes(data + f"\n%bench copy {copy}\n".encode("ascii"))
        pages += pages_of[documents % len(sources)]
        documents += 1
    return documents, pages


def measure_in_child(kind: str, corpus: Path, output: Path, workers: int, scheduler: str | None = None) -> dict:
    """Body of a measurement process: run the pipeline or the baseline, report what it read."""
    if kind == "baseline":
        from pipeline.jsonl import line_to_json
        from pipeline.review.baseline import iter_baseline

        documents = pages = failed = 0
        with output.open("w", encoding="utf-8") as stream:
            for line in iter_baseline([corpus]):
                if line.kind == "document":
                    documents += 1
                    pages += line.pages
                    failed += line.status == "failed"
                stream.write(line_to_json(line) + "\n")
        peak = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
        cpu = own_cpu_seconds()
        return {"documents": documents, "pages": pages, "failed": failed, "peak_mb": peak, "cpu_seconds": cpu}
    from pipeline.batch.runner import run_batch
    from pipeline.settings import Settings

    settings = Settings(scheduler=scheduler) if scheduler else Settings(workers=workers)
    summary = run_batch([corpus], str(output), settings)
    return {
        "documents": summary.documents,
        "pages": summary.pages,
        "failed": sum(summary.failed.values()),
        "peak_mb": summary.worker_peak_mb,
        "cpu_seconds": own_cpu_seconds() + summary.worker_cpu_seconds,
        "worker_cpu_seconds": summary.worker_cpu_seconds,
    }


def own_cpu_seconds() -> float:
    """CPU time of this process (the forkserver's imports are not in it: it is not waited for)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(
    kind: str, corpus: Path, corpus_pages: int, workers: int, scratch: Path, scheduler: str | None = None
) -> Measurement:
    """Time one run in a fresh interpreter (on the Dask cluster at `scheduler`, if given)."""
    label = "baseline" if kind == "baseline" else f"{'dask' if scheduler else 'pipeline'} x{workers}"
    output = scratch / f"{label.replace(' ', '_')}.jsonl"
    command = [
        sys.executable,
        "-m",
        "tests.bench.batch",
        "--measure",
        kind,
        "--workers",
        str(workers),
        "--corpus",
        str(corpus),
        "--output",
        str(output),
        *(["--scheduler", scheduler] if scheduler else []),
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"{label} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement(
        label,
        wall,
        corpus_pages,
        report["pages"],
        report["documents"],
        report["failed"],
        tuple(report["peak_mb"]),
        report["cpu_seconds"],
        report.get("worker_cpu_seconds", 0.0),
    )


def measurement_to_text(m: Measurement) -> str:
    peaks = ", ".join(f"{mb:.0f}" for mb in m.peak_mb)
    return (
        f"{m.label:<12} {m.documents:>5} docs {m.pages:>6} pages {m.wall_seconds:>8.1f} s "
        f"{m.pages_per_second:>7.2f} pages/s {m.cpu_seconds_per_page:>6.3f} cpu s/page  "
        f"failed {m.failed} ({m.pages - m.pages_read} pages)  peak MB per process [{peaks}]"
    )


def ratios_to_text(baseline: Measurement, one: Measurement, two: Measurement | None) -> str:
    """The issue's three bars, each with its figure and whether it is met."""
    lines = []
    if any(m.failed for m in (baseline, one, two) if m):
        lines.append("WARNING: documents failed, so the figures below do not measure complete work")
    ratio = one.seconds_per_page / baseline.seconds_per_page
    lines.append(
        f"time per page, pipeline x1 / baseline: {ratio:.2f} (bar <= {MAX_TIME_RATIO}: {_met(ratio <= MAX_TIME_RATIO)})"
    )
    cpu_ratio = one.cpu_seconds_per_page / baseline.cpu_seconds_per_page
    lines.append(
        f"cpu time per page, pipeline x1 / baseline: {cpu_ratio:.2f} (same bar: {_met(cpu_ratio <= MAX_TIME_RATIO)})"
    )
    if two is not None:
        speedup = two.pages_per_second / one.pages_per_second
        lines.append(f"throughput, x2 / x1: {speedup:.2f} (bar >= {MIN_SPEEDUP}: {_met(speedup >= MIN_SPEEDUP)})")
        overhead = two.cpu_seconds / one.cpu_seconds
        lines.append(f"cpu time, x2 / x1: {overhead:.2f} (1.0 = no overhead from the second worker)")
    peak = max((mb for m in (one, two) if m for mb in m.peak_mb), default=0.0)
    lines.append(f"peak memory per worker: {peak:.0f} MB (bar < {MAX_WORKER_MB:.0f}: {_met(peak < MAX_WORKER_MB)})")
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, time the baseline and the pipeline at 1 and 2 workers, print figures and ratios."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.batch", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages in the generated corpus, at least (default 200)")
    parser.add_argument(
        "--max-workers", type=int, default=2, choices=(1, 2), help="time 1, or 1 and 2 workers (default 2)"
    )
    parser.add_argument("--measure", choices=("pipeline", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_in_child(args.measure, args.corpus, args.output, args.workers, args.scheduler)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bulletins-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        documents, pages = build_corpus(corpus, args.pages, source_pdfs())
        print(f"corpus: {documents} documents, {pages} pages (fixture bulletins, each copy distinct)")
        baseline = measure("baseline", corpus, pages, 1, Path(scratch))
        print(measurement_to_text(baseline), flush=True)
        one = measure("pipeline", corpus, pages, 1, Path(scratch))
        print(measurement_to_text(one), flush=True)
        two = measure("pipeline", corpus, pages, 2, Path(scratch)) if args.max_workers >= 2 else None
        if two is not None:
            print(measurement_to_text(two), flush=True)
        print(ratios_to_text(baseline, one, two))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
