"""Speed benchmark: the naive peer and the pipeline in turn on one corpus, at 1 and 2 workers.

Run it as `python -m tests.bench.speed [PDF or folder...] [--rounds 2] [--before DIR]`. The
corpus is the given PDFs, or by default the real bulletins in ../shared/realworld/bulletins
(when present) and the fixture bulletins. Every measurement is a fresh interpreter doing what a
user's run does (imports, model loading, worker start-up included), and the contestants take
turns round after round, so that each ratio compares runs made minutes apart on a machine
whose load moves. Reported per contestant: pages/s, CPU seconds a page (the whole process tree:
the run, its forkserver and every worker), peak resident memory of each worker; for the code
itself: `bulletins --version`, the time to the first record of a one-page PDF, and the split of
one process's CPU time between the stages (layout, NLP, extractors, records, writing).

`--before DIR` adds the same measurements of another checkout of the project (an earlier
commit, `git worktree add DIR <commit>`), run with the same interpreter and libraries, so that
before and after are compared to the same naive peer in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, PROJECT_ROOT, REALWORLD

DEFAULT_CORPUS = (REALWORLD / "bulletins", FIXTURES)
ONE_PAGE_PDF = FIXTURES / "one_column_2020.pdf"

# What the issue asks of the pipeline.
MAX_CPU_RATIO = 0.25  # CPU s/page at 1 worker, pipeline / naive peer
MAX_WALL_RATIO_TWO = 0.2  # wall time at 2 workers, pipeline / naive peer
MAX_FIRST_RECORD_SECONDS = 2.0
MAX_VERSION_SECONDS = 0.3
MAX_WORKER_MB = 600.0


@dataclasses.dataclass(frozen=True)
class Contestant:
    """One way of processing the corpus: the naive peer, or a checkout of the pipeline at N workers.

    Attributes:
        label: Name in the report ("naive", "after x1", "before x2").
        kind: "naive" or "pipeline".
        code: The checkout whose packages are imported.
        workers: Worker processes (the naive peer has none: it is one process).
    """

    label: str
    kind: str
    code: Path
    workers: int = 0


@dataclasses.dataclass(frozen=True)
class Run:
    """One timed pass of a contestant over the corpus.

    Attributes:
        label: The contestant.
        wall_seconds: Wall time of the whole process.
        cpu_seconds: CPU time of the process and every descendant it waited for (workers included).
        pages: Pages read (documents that did not fail).
        failed: Documents that failed.
        peak_mb: Peak resident memory of each process that read documents, in MiB.
    """

    label: str
    wall_seconds: float
    cpu_seconds: float
    pages: int
    failed: int
    peak_mb: tuple[float, ...]


@dataclasses.dataclass(frozen=True)
class ColdStart:
    """Start-up times of one checkout's command line, in wall seconds."""

    label: str
    version_seconds: float
    first_record_seconds: float


def corpus_paths(given: Sequence[Path]) -> list[Path]:
    """The PDFs to process: those given (folders searched recursively), or the default corpus."""
    roots = list(given) or [root for root in DEFAULT_CORPUS if root.is_dir()]
    paths: list[Path] = []
    for root in roots:
        paths.extend(sorted(root.resolve().rglob("*.pdf")) if root.is_dir() else [root.resolve()])
    return paths


# A measured process loads this file by its path: with `-m`, the checkout put first on the path
# for the measurement would shadow this project's `tests` package (and multiprocessing would
# import the module again in every worker).
CHILD_SCRIPT = """import importlib.util, pathlib, sys
sys.path.insert(0, str(pathlib.Path(sys.argv[1]).parents[2]))
spec = importlib.util.spec_from_file_location("bulletins_speed_bench", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
sys.exit(module.child_main(sys.argv[2:]))
"""


def child_command(mode: str, code: Path, *args: str) -> list[str]:
    """A fresh interpreter running one measurement with `code`'s packages first on the path."""
    return [sys.executable, "-c", CHILD_SCRIPT, __file__, mode, str(code), *args]


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_run(contestant: Contestant, paths: Sequence[Path], scratch: Path) -> Run:
    """Process the corpus once in a fresh process tree; wall and CPU time are taken around it."""
    listing = scratch / "corpus.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    output = scratch / f"{contestant.label.replace(' ', '_')}.jsonl"
    command = child_command(contestant.kind, contestant.code, str(listing), str(output), str(contestant.workers))
    cpu_before = children_cpu_seconds()
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=scratch)
    wall = time.monotonic() - started
    cpu = children_cpu_seconds() - cpu_before
    if done.returncode != 0:
        raise RuntimeError(f"{contestant.label} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(contestant.label, wall, cpu, report["pages"], report["failed"], tuple(report["peak_mb"]))


def cli_command(code: Path, *args: str) -> list[str]:
    """`bulletins ARGS` as the installed script runs it, importing `code`'s packages."""
    script = f"import sys; sys.path.insert(0, {str(code)!r}); from pipeline.cli import main; sys.exit(main())"
    return [sys.executable, "-c", script, *args]


def time_cold_start(label: str, code: Path, scratch: Path) -> ColdStart:
    """Wall time of `bulletins --version`, and of `bulletins extract` on a one-page PDF until its first record."""
    started = time.monotonic()
    subprocess.run(cli_command(code, "--version"), capture_output=True, check=True, cwd=scratch)
    version = time.monotonic() - started
    command = cli_command(code, "extract", "-q", "--workers", "1", str(ONE_PAGE_PDF))
    started = time.monotonic()
    first = float("nan")
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=scratch) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if json.loads(line)["kind"] != "document":
                first = time.monotonic() - started
                break
        proc.stdout.read()
    return ColdStart(label, version, first)


# --- the measured processes -------------------------------------------------------------------


def measure_naive(paths: Sequence[str], output: Path) -> dict[str, Any]:
    """Body of a naive peer's process: its lines for every PDF, as `python -m pipeline.review.baseline` writes them."""
    from pipeline.jsonl import line_to_json
    from pipeline.review.baseline import iter_baseline

    pages = failed = 0
    with output.open("w", encoding="utf-8") as stream:
        for line in iter_baseline(paths):
            if line.kind == "document":
                pages += line.pages
                failed += line.status == "failed"
            stream.write(line_to_json(line) + "\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": pages, "failed": failed, "peak_mb": [peak]}


def measure_pipeline(paths: Sequence[str], output: Path, workers: int) -> dict[str, Any]:
    """Body of a pipeline's process: a batch run as `bulletins extract PDF... -o FILE --workers N` makes it.

    The forkserver is stopped and waited for at the end, so that its CPU time and its workers'
    reach the benchmark's count of its children.
    """
    import multiprocessing.forkserver

    from pipeline.batch.runner import run_batch
    from pipeline.settings import Settings

    summary = run_batch(paths, str(output), Settings(workers=workers, quiet=True))
    stop = getattr(multiprocessing.forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()
    failed = sum(summary.failed.values())
    return {"pages": summary.pages, "failed": failed, "peak_mb": summary.worker_peak_mb}


class StageClock:
    """CPU seconds spent inside some functions of `pipeline.run`, by stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.process_time() - started

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, its CPU time counted to `stage` (a generator's, as it is consumed)."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            result = function(*args, **kwargs)
            self.add(stage, started)
            return self._timed_iter(stage, result) if isinstance(result, Iterator) else result

        return timed

    def _timed_iter(self, stage: str, items: Iterator[Any]) -> Iterator[Any]:
        while True:
            started = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                self.add(stage, started)
                return
            self.add(stage, started)
            yield item


# The functions of `pipeline.run` each stage is made of (those a checkout has are timed).
STAGES = {
    "layout": ("read_layout",),
    "nlp": ("iter_passages",),
    "extractors": ("find_issue_date", "issue_date_of", "run_extractors", "in_reading_order"),
    "records": ("valid_records",),
}


def measure_stages(paths: Sequence[str], output: Path) -> dict[str, Any]:
    """Body of a stage-split process: every document in this process, after a warm-up, each stage timed."""
    import pipeline.run as run
    from pipeline.errors import BulletinsError
    from pipeline.jsonl import line_to_json
    from pipeline.settings import Settings

    settings = Settings(workers=1)
    run.warm_up(settings)
    clock = StageClock()
    for stage, names in STAGES.items():
        for name in names:
            if hasattr(run, name):
                setattr(run, name, clock.wrap(stage, getattr(run, name)))
    started = time.process_time()
    pages = 0
    with output.open("w", encoding="utf-8") as stream:
        for path in paths:
            try:
                result = run.extract_document(path, settings)
            except BulletinsError:
                continue
            pages += result.document.pages
            writing = time.process_time()
            stream.write("".join(line_to_json(line) + "\n" for line in (result.document, *result.records)))
            clock.add("writing", writing)
    total = time.process_time() - started
    clock.seconds["other"] = total - sum(clock.seconds.values())
    return {"pages": pages, "seconds": clock.seconds}


def child_main(argv: Sequence[str]) -> int:
    """A measured process's body: import the checkout under test, measure, print one JSON line.

    Args:
        argv: The measurement ("naive", "pipeline" or "stages"), the checkout, the file listing
            the corpus, the output file, and for "pipeline" the number of workers.
    """
    mode, code, listing, output = argv[0], argv[1], argv[2], Path(argv[3])
    sys.path.insert(0, code)  # ahead of this project's root, which the loader put first
    paths = Path(listing).read_text(encoding="utf-8").splitlines()
    if mode == "naive":
        report = measure_naive(paths, output)
    elif mode == "pipeline":
        report = measure_pipeline(paths, output, int(argv[4]))
    else:
        report = measure_stages(paths, output)
    print(json.dumps(report))
    return 0


# --- the report ---------------------------------------------------------------------------------


def corpus_pages(paths: Sequence[Path]) -> int:
    """Pages of the readable PDFs of the corpus (rates are per corpus page)."""
    import pypdfium2

    pages = 0
    for path in paths:
        try:
            document = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError:
            continue
        pages += len(document)
        document.close()
    return pages


def run_to_text(run: Run, pages: int) -> str:
    peaks = ", ".join(f"{mb:.0f}" for mb in run.peak_mb)
    return (
        f"{run.label:<10} {run.wall_seconds:8.1f} s wall {pages / run.wall_seconds:7.2f} pages/s "
        f"{run.cpu_seconds / pages:7.3f} CPU s/page  failed {run.failed} ({pages - run.pages} pages)  "
        f"peak MB [{peaks}]"
    )


def machine_to_text() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), platform.processor()
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    python = platform.python_version()
    return f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({model}), Python {python}, load average {load}"


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def ratios_to_text(rounds: Sequence[dict[str, Run]], pages: int, versions: Sequence[str]) -> str:
    """Per round and median, each version's CPU and wall ratios to the naive peer of the same round."""
    lines = []
    for version in versions:
        cpu = [r[f"{version} x1"].cpu_seconds / r["naive"].cpu_seconds for r in rounds]
        wall_one = [r[f"{version} x1"].wall_seconds / r["naive"].wall_seconds for r in rounds]
        wall_two = [r[f"{version} x2"].wall_seconds / r["naive"].wall_seconds for r in rounds if f"{version} x2" in r]
        lines.append(
            f"{version}: CPU s/page x1 / naive {_figures(cpu)} (bar <= {MAX_CPU_RATIO}: {_met(cpu, MAX_CPU_RATIO)}); "
            f"wall x1 / naive {_figures(wall_one)}"
        )
        if wall_two:
            lines.append(
                f"{version}: wall x2 / naive {_figures(wall_two)} (bar <= {MAX_WALL_RATIO_TWO}: "
                f"{_met(wall_two, MAX_WALL_RATIO_TWO)})"
            )
        peaks = [mb for r in rounds for label, run in r.items() if label.startswith(version) for mb in run.peak_mb]
        if peaks:
            ok = max(peaks) <= MAX_WORKER_MB
            lines.append(f"{version}: peak RSS per worker {max(peaks):.0f} MB (bar <= {MAX_WORKER_MB:.0f}: {_ok(ok)})")
    return "\n".join(lines)


def _figures(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.3f} (rounds: {', '.join(f'{v:.3f}' for v in values)})"


def _met(values: Sequence[float], bar: float) -> str:
    return _ok(statistics.median(values) <= bar)


def _ok(ok: bool) -> str:
    return "met" if ok else "MISSED"


def cold_to_text(starts: Sequence[ColdStart]) -> str:
    lines = []
    for label in dict.fromkeys(s.label for s in starts):
        mine = [s for s in starts if s.label == label]
        version = statistics.median(s.version_seconds for s in mine)
        first = statistics.median(s.first_record_seconds for s in mine)
        version_ok = _ok(version <= MAX_VERSION_SECONDS)
        lines.append(
            f"{label}: --version {version:.2f} s (bar <= {MAX_VERSION_SECONDS}: {version_ok}), "
            f"first record of a one-page PDF {first:.2f} s (bar <= {MAX_FIRST_RECORD_SECONDS}: "
            f"{_ok(first <= MAX_FIRST_RECORD_SECONDS)}); runs: "
            + ", ".join(f"{s.version_seconds:.2f}/{s.first_record_seconds:.2f}" for s in mine)
        )
    return "\n".join(lines)


def stages_to_text(label: str, report: dict[str, Any]) -> str:
    seconds: dict[str, float] = report["seconds"]
    total = sum(seconds.values())
    pages = max(report["pages"], 1)
    parts = ", ".join(f"{stage} {s / pages:.4f} ({s / total:.0%})" for stage, s in seconds.items())
    return f"{label}: CPU s/page {total / pages:.4f} in one process after warm-up: {parts}"


def nlp_floor_to_text(label: str, report: dict[str, Any], rounds: Sequence[dict[str, Run]], pages: int) -> str:
    """The NLP stage (spaCy over every passage) over the naive peer's cost: a floor for any run that parses it all."""
    nlp = report["seconds"].get("nlp", 0.0) / max(report["pages"], 1)
    naive = statistics.median(r["naive"].cpu_seconds for r in rounds) / max(pages, 1) if rounds else 0.0
    share = f"{nlp / naive:.3f}" if naive else "n/a"
    return (
        f"{label}: the NLP stage alone is {nlp:.4f} CPU s/page, {share} of the naive peer's "
        f"{naive:.4f}: the floor of CPU s/page x1 / naive while the model parses every passage"
    )


# --- the benchmark ------------------------------------------------------------------------------


def contestants(before: Path | None, max_workers: int) -> list[Contestant]:
    versions = [("after", PROJECT_ROOT)] + ([("before", before)] if before else [])
    field = [Contestant("naive", "naive", PROJECT_ROOT)]
    for name, code in versions:
        field.extend(Contestant(f"{name} x{n}", "pipeline", code, n) for n in range(1, max_workers + 1))
    return field


def run_round(field: Sequence[Contestant], index: int, paths: Sequence[Path], scratch: Path) -> dict[str, Run]:
    """Every contestant once; the order turns from round to round so no one always goes first."""
    shift = index % len(field)
    order = [*field[shift:], *field[:shift]]
    return {c.label: time_run(c, paths, scratch) for c in order}


def main(argv: Sequence[str] | None = None) -> int:
    """Time the contestants over the corpus, round after round, and print the figures and ratios."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.speed", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: real bulletins and fixtures)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every contestant (default 2)")
    parser.add_argument("--before", type=Path, help="another checkout of the project to measure alongside")
    parser.add_argument("--max-workers", type=int, default=2, choices=(1, 2), help="time 1, or 1 and 2 workers")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.paths)
    if not paths:
        print("no PDFs given and the default corpus is absent", file=sys.stderr)
        return 2
    pages = corpus_pages(paths)
    print(f"machine: {machine_to_text()}")
    print(f"corpus: {len(paths)} PDFs, {pages} pages", flush=True)
    field = contestants(args.before, args.max_workers)
    versions = ["after"] + (["before"] if args.before else [])
    rounds: list[dict[str, Run]] = []
    starts: list[ColdStart] = []
    with tempfile.TemporaryDirectory(prefix="bulletins-speed-") as folder:
        scratch = Path(folder)
        for index in range(args.rounds):
            rounds.append(run_round(field, index, paths, scratch))
            for run in rounds[-1].values():
                print(f"round {index + 1}: {run_to_text(run, pages)}", flush=True)
            for version in versions:
                code = args.before if version == "before" else PROJECT_ROOT
                assert code is not None
                starts.append(time_cold_start(version, code, scratch))
        print(ratios_to_text(rounds, pages, versions))
        print(cold_to_text(starts))
        for version in versions:
            code = args.before if version == "before" else PROJECT_ROOT
            listing = scratch / "corpus.txt"
            command = child_command("stages", code or PROJECT_ROOT, str(listing), str(scratch / "stages.jsonl"))
            done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=scratch)
            report = json.loads(done.stdout.strip().splitlines()[-1])
            print(stages_to_text(version, report))
            print(nlp_floor_to_text(version, report, rounds, pages))
    print(f"machine at the end: {machine_to_text()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
