"""The batch runner: an archive of PDFs in, one JSON Lines output in source-path order, whatever happened to each file.

The job list is the sorted input paths. Files with the same bytes are processed once; the others
get a document line that names the first (`duplicate_of`). Documents run in worker processes
(`pipeline.batch.pool`), their lines go to crash-safe shards (`pipeline.batch.shards`), and the output is
written in job order as soon as each next document is known, so it is the same, byte for byte,
for any number of workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from pipeline.batch.dask_engine import DaskPool
from pipeline.batch.pool import Task, WorkerPool
from pipeline.batch.progress import BatchSummary, Progress
from pipeline.batch.shards import DocumentLines, ShardStore
from pipeline.jsonl import line_to_json, open_output
from pipeline.run import iter_pdf_paths
from pipeline.settings import Settings
from schemas import DocumentLine
from schemas.document import KindCounts

log = logging.getLogger("bulletins")

HASH_CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Job:
    """One input file of the batch.

    Attributes:
        index: Position in the output (inputs sorted by path).
        path: The file as found.
        doc_id: "sha256:<hex>" of its bytes, or None when it cannot be read.
        duplicate_of: Index of the earlier job with the same bytes, or None.
    """

    index: int
    path: str
    doc_id: str | None
    duplicate_of: int | None = None


def file_doc_id(path: Path) -> str | None:
    """The document id of a file's bytes, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return "sha256:" + digest.hexdigest()


def plan_jobs(paths: Iterable[str | Path]) -> list[Job]:
    """The batch's jobs: inputs sorted by path, later copies of the same bytes marked as duplicates.

    Args:
        paths: Files and folders as given on the command line.
    """
    jobs: list[Job] = []
    first_of: dict[str, int] = {}
    for index, path in enumerate(iter_pdf_paths(paths)):
        doc_id = file_doc_id(path)
        original = first_of.setdefault(doc_id, index) if doc_id else index
        jobs.append(Job(index, str(path), doc_id, None if original == index else original))
    return jobs


def duplicate_line(original: DocumentLine, job: Job, original_job: Job) -> str:
    """The document line of a duplicate: the original's, with its own source and no records."""
    data = original.model_dump()
    data.update(source=job.path, duplicate_of=original_job.path, counts=KindCounts().model_dump())
    return line_to_json(DocumentLine.model_validate(data))


def with_source(found: DocumentLines, path: str) -> tuple[str, ...]:
    """A document taken from an earlier run, its `source` set to where the file is now."""
    if found.document.source == path:
        return found.lines
    moved = DocumentLine.model_validate({**found.document.model_dump(), "source": path})
    return (line_to_json(moved), *found.lines[1:])


class OrderedWriter:
    """Writes documents in job order as they become known, and counts them for the summary.

    Args:
        jobs: The batch's jobs.
        stream: The output.
        summary: Totals to update.
    """

    def __init__(self, jobs: list[Job], stream: IO[str], summary: BatchSummary) -> None:
        self.jobs = jobs
        self.stream = stream
        self.summary = summary
        self._known: dict[int, tuple[tuple[str, ...], bool]] = {}
        self._documents: dict[int, DocumentLine] = {}
        self._next = 0

    def add(self, index: int, lines: tuple[str, ...], *, resumed: bool = False) -> None:
        """The lines of job `index` (document line first); writes every job now in order."""
        self._known[index] = (lines, resumed)
        self._flush()

    def _flush(self) -> None:
        while self._next < len(self.jobs):
            job = self.jobs[self._next]
            if job.duplicate_of is not None:
                original = self.jobs[job.duplicate_of]
                lines: tuple[str, ...] = (duplicate_line(self._documents[original.index], job, original),)
                resumed = False
            elif job.index in self._known:
                lines, resumed = self._known.pop(job.index)
            else:
                return
            document = DocumentLine.model_validate_json(lines[0])
            self._documents[job.index] = document
            self.summary.add(document, resumed=resumed)
            self.stream.write("".join(f"{line}\n" for line in lines))
            self._next += 1

    @property
    def done(self) -> bool:
        return self._next == len(self.jobs)


def run_batch(
    paths: Iterable[str | Path],
    output: str | None,
    settings: Settings | dict | None = None,
    *,
    resume: bool = False,
    show_progress: bool = False,
) -> BatchSummary:
    """Process every PDF under `paths` into one JSON Lines output.

    Args:
        paths: PDF files and folders (searched recursively for `*.pdf`).
        output: Output file, or None / "-" for stdout.
        settings: Run settings (`workers`, `timeout`, `memory_limit_mb`, ...).
        resume: Take documents already finished by an earlier run of the same output (its
            shards, or its complete output file) instead of processing them again.
        show_progress: Draw a progress bar on stderr.

    Returns:
        The batch's totals; `exit_status` is what the command line exits with.

    Raises:
        ValueError: `resume` without an output file.
        PoolError: Workers cannot start.
    """
    settings = Settings.resolve(settings)
    started = time.monotonic()
    to_file = output not in (None, "-")
    if resume and not to_file:
        raise ValueError("--resume needs an output file (-o FILE): it reads back what that file's run finished")
    jobs = plan_jobs(paths)
    store = ShardStore(Path(output), settings) if output is not None and to_file else None
    taken = store.start(resume) if store else {}
    summary = BatchSummary()
    progress = Progress(len(jobs), show_progress)
    try:
        with open_output(output) as stream:
            writer = OrderedWriter(jobs, stream, summary)
            tasks = _take_over(jobs, taken, writer, progress)
            pool = DaskPool(settings) if settings.scheduler else WorkerPool(settings, min(settings.workers, len(tasks)))
            for outcome in pool.iter_outcomes(tasks):
                job = jobs[outcome.index]
                if store and job.doc_id:
                    store.write(job.doc_id, outcome.lines)
                writer.add(outcome.index, outcome.lines)
                if outcome.error is not None:
                    log.warning("%s failed: %s", job.path, outcome.error)
                progress.advance(outcome.pages, outcome.error is not None)
            summary.worker_peak_mb = [kb / 1024 for kb in pool.peak_kb.values()]
            summary.worker_cpu_seconds = sum(pool.cpu_seconds.values())
            if not writer.done:
                raise RuntimeError("the batch ended with documents left unwritten (bug)")
    finally:
        progress.close()
    if store:
        store.remove()
    summary.wall_seconds = time.monotonic() - started
    return summary


def _take_over(
    jobs: list[Job], taken: dict[str, DocumentLines], writer: OrderedWriter, progress: Progress
) -> list[Task]:
    """Hand finished documents to the writer; return the tasks left to process."""
    tasks: list[Task] = []
    for job in jobs:
        found = taken.get(job.doc_id) if job.doc_id else None
        if job.duplicate_of is not None:
            progress.advance(0, False)
        elif found is not None:
            writer.add(job.index, with_source(found, job.path), resumed=True)
            progress.advance(found.document.pages, found.document.status == "failed")
        else:
            tasks.append(Task(job.index, job.path))
    return tasks
