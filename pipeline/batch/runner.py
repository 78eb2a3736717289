"""The batch runner: an archive of PDFs in, one JSON Lines output in source-path order, whatever happened to each file.

The job list is the sorted input paths. Files with the same bytes are processed once; the others
get a document line that names the first (`duplicate_of`). Documents run in worker processes
(`pipeline.batch.pool`), their lines go to crash-safe shards (`pipeline.batch.shards`), and the output is
written in job order as soon as each next document is known, so it is the same, byte for byte,
for any number of workers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pipeline.batch.dask_engine import DaskPool
from pipeline.batch.interrupts import stop_on_signals
from pipeline.batch.pool import Task, Work, WorkerPool, quiet_parsers
from pipeline.batch.progress import BatchSummary, Progress
from pipeline.batch.shards import DocumentLines, ShardStore
from pipeline.errors import UnreadableFile
from pipeline.failed import failed_document
from pipeline.inputs import (
    FoundInput,
    display_path,
    file_doc_id,
    find_inputs,
    source_fields,
    unreadable_doc_id,
)
from pipeline.jsonl import line_to_json, open_output, open_stream_output
from pipeline.output_target import OutputTarget, check_output, locked_output, temporary_path
from pipeline.settings import Settings
from schemas import DocumentLine
from schemas.document import KindCounts

log = logging.getLogger("bulletins")


@dataclasses.dataclass(frozen=True)
class Job:
    """One input of the batch.

    Attributes:
        index: Position in the output (inputs sorted by path).
        path: The file as found.
        doc_id: "sha256:<hex>" of its bytes, or `unreadable_doc_id` of its path when it cannot be read.
        duplicate_of: Index of the earlier job with the same bytes, or None.
        problem: Why it cannot be read (it then fails without a worker), or None.
    """

    index: int
    path: str
    doc_id: str
    duplicate_of: int | None = None
    problem: UnreadableFile | None = None


def plan_jobs(paths: Iterable[str | Path]) -> list[Job]:
    """The batch's jobs: inputs sorted by path, later copies of the same bytes marked as duplicates.

    Every input is hashed here, in chunks and without blocking (a FIFO or a device is a job that
    fails as `unreadable`, as is a file or folder that cannot be read).

    Args:
        paths: Files and folders as given on the command line.
    """
    return jobs_of(find_inputs(paths))


def jobs_of(inputs: Iterable[FoundInput]) -> list[Job]:
    """The jobs of inputs already found (see `plan_jobs`)."""
    jobs: list[Job] = []
    first_of: dict[str, int] = {}
    for index, found in enumerate(inputs):
        path = str(found.path)
        try:
            if found.problem is not None:
                raise UnreadableFile(found.problem)
            doc_id = file_doc_id(path)
        except UnreadableFile as exc:
            jobs.append(Job(index, path, unreadable_doc_id(path), problem=exc))
            continue
        original = first_of.setdefault(doc_id, index)
        jobs.append(Job(index, path, doc_id, None if original == index else original))
    return jobs


def duplicate_line(original: DocumentLine, job: Job, original_job: Job) -> str:
    """The document line of a duplicate: the original's, with its own source and no records."""
    data = original.model_dump()
    data.pop("source_bytes", None)
    data.update(
        **source_fields(job.path),
        duplicate_of=source_fields(original_job.path)["source"],
        counts=KindCounts().model_dump(),
    )
    return line_to_json(DocumentLine.model_validate(data))


def with_source(found: DocumentLines, path: str) -> tuple[str, ...]:
    """A document taken from an earlier run, its `source` set to where the file is now."""
    fields = source_fields(path)
    if found.document.source == fields["source"] and found.document.source_bytes == fields.get("source_bytes"):
        return found.lines
    data = found.document.model_dump()
    data.pop("source_bytes", None)
    moved = DocumentLine.model_validate({**data, **fields})
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
    work: Work = "extract",
) -> BatchSummary:
    """Process every PDF under `paths` into one JSON Lines output.

    Args:
        paths: PDF files and folders (searched recursively for `*.pdf`).
        output: Output file, or None / "-" for stdout.
        settings: Run settings (`workers`, `timeout`, `memory_limit_mb`, ...).
        resume: Take documents already finished by an earlier run of the same output (its
            shards, or its complete output file) instead of processing them again.
        show_progress: Draw a progress bar on stderr.
        work: "extract" writes records; "blocks" writes each document's blocks.

    Returns:
        The batch's totals; `exit_status` is what the command line exits with.

    Raises:
        ValueError: `resume` without an output file.
        OutputRefused: The output cannot or must not be written (checked before any work).
        PoolError: Workers cannot start.
        Interrupted: SIGINT or SIGTERM stopped the run; finished documents are kept in the
            shards for `resume`, the output is left as it was.
    """
    settings = Settings.resolve(settings)
    quiet_parsers(settings.quiet)
    started = time.monotonic()
    found = find_inputs(paths)  # an archive's folders are walked once
    target = check_output(output, [item.path for item in found if item.problem is None])
    if resume and not target.is_file:
        raise ValueError("--resume needs an output file (-o FILE): it reads back what that file's run finished")
    with stop_on_signals(), _held(target):
        summary = _run(jobs_of(found), target, settings, resume, show_progress, work)
    summary.wall_seconds = time.monotonic() - started
    return summary


@contextlib.contextmanager
def _held(target: OutputTarget) -> Iterator[None]:
    if target.path is None:
        yield
        return
    with locked_output(target.path):
        yield


def _run(
    jobs: list[Job], target: OutputTarget, settings: Settings, resume: bool, show_progress: bool, work: Work
) -> BatchSummary:
    store = ShardStore(target.path, settings, work) if target.path is not None else None
    taken = store.start(resume) if store else {}
    summary = BatchSummary()
    progress = Progress(len(jobs), show_progress)
    try:
        with _open(target) as stream:
            writer = OrderedWriter(jobs, stream, summary)
            tasks = _take_over(jobs, taken, writer, progress)
            pool = _pool(settings, len(tasks), work)
            for outcome in pool.iter_outcomes(tasks):
                job = jobs[outcome.index]
                if store:
                    store.write(job.doc_id, outcome.lines)
                writer.add(outcome.index, outcome.lines)
                if outcome.error is not None:
                    log.warning("%s failed: %s", display_path(job.path), outcome.error)
                progress.advance(outcome.pages, outcome.error is not None)
            summary.worker_peak_mb = [kb / 1024 for kb in pool.peak_kb.values()]
            summary.worker_cpu_seconds = sum(pool.cpu_seconds.values())
            if not writer.done:
                raise RuntimeError("the batch ended with documents left unwritten (bug)")
    finally:
        progress.close()
    if store:
        store.remove()
    return summary


def _pool(settings: Settings, tasks: int, work: Work) -> WorkerPool | DaskPool:
    """Local worker processes, or the Dask cluster of `settings.scheduler`: the same interface."""
    if settings.scheduler:
        return DaskPool(settings, work)
    return WorkerPool(settings, min(settings.workers, tasks), work)


def _open(target: OutputTarget) -> contextlib.AbstractContextManager[IO[str]]:
    if target.stream is not None:
        return open_stream_output(target.stream)
    if target.path is not None:
        return open_output(target.path, temporary_path(target.path))
    return open_output(None)


def _take_over(
    jobs: list[Job], taken: dict[str, DocumentLines], writer: OrderedWriter, progress: Progress
) -> list[Task]:
    """Hand finished and unreadable documents to the writer; return the tasks left to process."""
    tasks: list[Task] = []
    for job in jobs:
        found = taken.get(job.doc_id)
        if job.duplicate_of is not None:
            progress.advance(0, False)
        elif job.problem is not None:
            writer.add(job.index, (line_to_json(failed_document(job.path, job.problem, job.doc_id)),))
            log.warning("%s failed: %s", display_path(job.path), job.problem.code)
            progress.advance(0, True)
        elif found is not None:
            writer.add(job.index, with_source(found, job.path), resumed=True)
            progress.advance(found.document.pages, found.document.status == "failed")
        else:
            tasks.append(Task(job.index, job.path, job.doc_id))
    return tasks
