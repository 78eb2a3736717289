"""Worker processes: each document runs isolated, with a time and a memory limit, and a dead worker is replaced.

`concurrent.futures.ProcessPoolExecutor` breaks for good when one worker dies, and it cannot stop
a task that hangs. This pool is small instead: every worker owns one pipe, takes one document at
a time, and the parent alone decides when a document has taken too long (it kills the worker) or
when a worker has died (the document is failed as `crashed`). Either way a fresh worker replaces it.
Workers load the spaCy model (and what layout loads on first use) once, when they start, before
they are sent any document, so the time limit measures the document and not the loading. A
document's time limit is `--timeout` plus `--timeout-per-page` for each of its pages: the worker
says how many pages it has as soon as the PDF is open, and the parent moves the document's
deadline (`Settings.time_limit`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import logging
import multiprocessing
import multiprocessing.connection
import resource
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Final, Literal

from pipeline.errors import BulletinsError, DocumentTimeout, MemoryExceeded, ModelMissing, WorkerCrashed
from pipeline.failed import failed_document
from pipeline.inputs import display_path
from pipeline.jsonl import line_to_json
from pipeline.settings import Settings
from schemas.document import ErrorType

if TYPE_CHECKING:
    from pipeline.run import PagesCallback

log = logging.getLogger("bulletins")

# The forkserver starts from a clean interpreter (no threads, no model), imports these modules once
# and forks every worker from there: safe with spaCy's threads and quicker to start than spawn.
# The parent never imports `pipeline.run` (spaCy, the PDF libraries, the extractors): it only
# hands out documents and writes lines, and a second of imports there would delay the workers.
START_METHOD: Final = "forkserver"
WORKER_MODULES: Final = ["pipeline.batch.pool", "pipeline.run"]
# A worker whose parent has gone (killed) stops by itself this long after its document's time limit.
ORPHAN_GRACE_SECONDS = 10.0
# Workers that die before they are ready, in a row, before the pool gives up.
STARTUP_ATTEMPTS = 3

Work = Literal["extract", "blocks"]
"""What a worker does with a document: extract its records, or only lay out its blocks."""


class PoolError(BulletinsError):
    """The workers cannot start (for example the memory limit is below what the model needs)."""


@dataclasses.dataclass(frozen=True)
class Task:
    """One document to process; `index` is its position in the batch, `doc_id` the hash of its bytes."""

    index: int
    path: str
    doc_id: str


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one document.

    Attributes:
        index: The task's position in the batch.
        path: The document.
        lines: JSON Lines text of the document line and its records, in output order.
        pages: Pages read (0 for a failed document).
        error: The failed document's error type, or None.
        worker_peak_kb: Peak resident memory of the worker so far, in KiB (None when it died).
        worker_cpu_seconds: CPU time the worker has used so far (None when it died).
    """

    index: int
    path: str
    lines: tuple[str, ...]
    pages: int
    error: ErrorType | None
    worker_peak_kb: int | None
    worker_cpu_seconds: float | None = None


@dataclasses.dataclass(frozen=True)
class _Ready:
    """Sent once by a worker when its model is loaded."""


@dataclasses.dataclass(frozen=True)
class _Opened:
    """Sent by a worker once its document is open: the page count its time limit grows with."""

    pages: int


@dataclasses.dataclass(frozen=True)
class _StartupFailed:
    """Sent by a worker that cannot load what it needs; retrying would not help."""

    message: str


def document_outcome(
    task: Task, settings: Settings, work: Work = "extract", on_pages: PagesCallback | None = None
) -> Outcome:
    """Process one document and turn any failure into its failed document line.

    This is the document boundary, so broad exceptions are caught here: a bug in one document
    must not lose the others. The failed line takes the document id the parent computed, so that
    reporting a failure never reads the file again (after a MemoryError that would fail too).

    Args:
        task: The document.
        settings: Run settings.
        work: What to make of it.
        on_pages: Called with its page count once the PDF is open.
    """
    try:
        lines, pages = _document_lines(task, settings, work, on_pages)
    except ModelMissing:
        raise
    except MemoryError:
        error: BulletinsError = _memory_error(task, settings)
    except BulletinsError as exc:
        error = exc
    except Exception as exc:
        error = (
            _memory_error(task, settings)
            if _caused_by_memory(exc)
            else WorkerCrashed(
                f"internal error {type(exc).__name__} on {display_path(task.path)}: {exc}; please report it"
            )
        )
    else:
        return Outcome(task.index, task.path, lines, pages, None, peak_rss_kb(), cpu_seconds())
    line = line_to_json(failed_document(task.path, error, task.doc_id))
    return Outcome(task.index, task.path, (line,), 0, error.code, peak_rss_kb(), cpu_seconds())


def _document_lines(
    task: Task, settings: Settings, work: Work, on_pages: PagesCallback | None
) -> tuple[tuple[str, ...], int]:
    """The JSON lines of one document (its document line first) and its page count."""
    from pipeline.run import document_block_lines, extract_document_lines  # a worker's, imported by the forkserver

    make = document_block_lines if work == "blocks" else extract_document_lines
    written = make(task.path, settings, on_pages)
    return (line_to_json(written.document), *written.lines), written.document.pages


def _memory_error(task: Task, settings: Settings) -> MemoryExceeded:
    return MemoryExceeded(
        f"{display_path(task.path)} needed more than the {settings.memory_limit_mb} MB a worker may use; "
        "raise --memory-limit (and run again with --resume) or split the file"
    )


def _caused_by_memory(exc: BaseException) -> bool:
    """Whether a MemoryError is at the root of an exception (libraries wrap it in their own)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError) or any(isinstance(arg, MemoryError) for arg in current.args):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def peak_rss_kb() -> int:
    """Peak resident set size of this process in KiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space so that a runaway document raises MemoryError here."""
    soft = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def worker_main(conn: Connection, settings: Settings, work: Work = "extract") -> None:
    """Body of a worker process: load the model, then process documents until told to stop.

    The parent handles Ctrl-C and SIGTERM; a worker ignores Ctrl-C and is ended by SIGTERM
    without a word. SIGALRM keeps its default action (end the process) and is armed per document
    as a backstop for when the parent is gone. A parent that is gone is never an error here:
    the worker just stops.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    configure_logging(settings.quiet)
    limit_memory(settings.memory_limit_mb)
    try:
        from pipeline.run import warm_up, warm_up_layout  # imported by the forkserver already

        for module in settings.plugins:
            importlib.import_module(module)
        if work == "extract":
            warm_up(settings)
        else:
            warm_up_layout()
    except (ModelMissing, ImportError) as exc:
        _send(conn, _StartupFailed(str(exc)))
        return
    if not _send(conn, _Ready()):
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        signal.setitimer(signal.ITIMER_REAL, settings.time_limit(None) + ORPHAN_GRACE_SECONDS)
        outcome = document_outcome(task, settings, work, _page_count_reporter(conn, settings))
        signal.setitimer(signal.ITIMER_REAL, 0)
        if not _send(conn, outcome) or outcome.error == "memory":
            return  # after a MemoryError the interpreter's state is not trusted: start afresh


def _page_count_reporter(conn: Connection, settings: Settings) -> PagesCallback:
    """Tell the parent the open document's page count, and give the worker's own backstop alarm as long."""
    started = time.monotonic()

    def report(pages: int) -> None:
        remaining = settings.time_limit(pages) - (time.monotonic() - started)
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.0) + ORPHAN_GRACE_SECONDS)
        _send(conn, _Opened(pages))

    return report


def _send(conn: Connection, message: object) -> bool:
    """Send to the parent; False when it is gone (killed, or stopped by a signal)."""
    try:
        conn.send(message)
    except (BrokenPipeError, EOFError, OSError):
        return False
    return True


def configure_logging(quiet: bool) -> None:
    """Log to stderr as `bulletins: LEVEL: message` (the command line and every worker alike).

    With -q only warnings, and the PDF libraries' own warnings not at all.
    """
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="bulletins: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    quiet_parsers(quiet)


def quiet_parsers(quiet: bool) -> None:
    """Silence the PDF libraries' warnings about the files they read when -q is given."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR if quiet else logging.WARNING)
    logging.getLogger("pikepdf").setLevel(logging.ERROR if quiet else logging.WARNING)


@dataclasses.dataclass
class _Slot:
    """One worker process as the parent sees it."""

    process: BaseProcess
    conn: Connection
    ready: bool = False
    retiring: bool = False
    task: Task | None = None
    started: float = 0.0
    pages: int | None = None
    deadline: float = 0.0


class WorkerPool:
    """A fixed number of worker processes running tasks with per-document isolation.

    Args:
        settings: Run settings; `timeout`, `memory_limit_mb` and `plugins` apply to workers.
        size: Number of worker processes.
        work: What the workers do with a document.
    """

    def __init__(self, settings: Settings, size: int, work: Work = "extract") -> None:
        self.settings = settings
        self.size = max(1, size)
        self.work = work
        self._context = multiprocessing.get_context(START_METHOD)
        self._context.set_forkserver_preload(WORKER_MODULES)
        self._slots: list[_Slot] = []
        self._startup_failures = 0
        self.peak_kb: dict[int, int] = {}
        self.cpu_seconds: dict[int, float] = {}
        self.replaced = 0

    def iter_outcomes(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """Run every task and yield its outcome as soon as it is known (completion order).

        Raises:
            PoolError: Workers die before they are ready, or cannot load the model.
        """
        pending = list(reversed(tasks))
        try:
            for _ in range(min(self.size, len(pending))):
                self._slots.append(self._start())
            while pending or any(slot.task for slot in self._slots):
                self._dispatch(pending)
                yield from self._collect(pending)
        finally:
            self._shutdown()

    def _start(self) -> _Slot:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=worker_main, args=(child_end, self.settings, self.work), daemon=True)
        process.start()
        child_end.close()
        return _Slot(process=process, conn=parent_end)

    def _dispatch(self, pending: list[Task]) -> None:
        for slot in self._slots:
            if slot.ready and not slot.retiring and slot.task is None and pending:
                task = pending.pop()
                try:
                    slot.conn.send(task)
                except OSError:  # died since it said it was ready: its death is handled next
                    pending.append(task)
                    slot.retiring = True
                    continue
                slot.task, slot.pages = task, None
                slot.started = time.monotonic()
                slot.deadline = slot.started + self.settings.time_limit(None)

    def _collect(self, pending: list[Task]) -> Iterator[Outcome]:
        """Wait for a message, a death or a deadline, and handle whichever came."""
        deadlines = [slot.deadline for slot in self._slots if slot.task]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [slot.conn for slot in self._slots] + [slot.process.sentinel for slot in self._slots]
        multiprocessing.connection.wait(handles, timeout=wait_for)
        for slot in list(self._slots):
            outcome = self._receive(slot)
            if outcome is not None:
                yield outcome
            if not slot.process.is_alive():
                died = self._on_death(slot)
                if died is not None:
                    yield died
                self._replace(slot, pending)
            elif slot.task and time.monotonic() >= slot.deadline:
                yield self._on_timeout(slot)
                self._replace(slot, pending)

    def _receive(self, slot: _Slot) -> Outcome | None:
        """Handle the slot's waiting messages; its document's outcome, if it came (a worker may send and then exit)."""
        while True:
            try:
                if not slot.conn.poll():
                    return None
                message = slot.conn.recv()
            except (EOFError, OSError):
                return None
            if isinstance(message, _StartupFailed):
                raise PoolError(message.message)
            if isinstance(message, _Ready):
                slot.ready = True
                self._startup_failures = 0
            elif isinstance(message, _Opened):
                if slot.task is not None:
                    slot.pages = message.pages
                    slot.deadline = slot.started + self.settings.time_limit(message.pages)
            else:
                return self._finished(slot, message)

    def _finished(self, slot: _Slot, message: Outcome) -> Outcome:
        slot.task = None
        slot.retiring = message.error == "memory"  # the worker exits after a MemoryError
        if message.worker_peak_kb is not None:
            pid = slot.process.pid or 0
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), message.worker_peak_kb)
        if message.worker_cpu_seconds is not None:
            self.cpu_seconds[slot.process.pid or 0] = message.worker_cpu_seconds
        return message

    def _on_death(self, slot: _Slot) -> Outcome | None:
        slot.process.join()
        if slot.task is None:
            if not slot.ready and not slot.retiring:
                self._startup_failures += 1
                if self._startup_failures >= STARTUP_ATTEMPTS:
                    raise PoolError(
                        f"worker processes died {STARTUP_ATTEMPTS} times while loading the model "
                        f"(last exit status {slot.process.exitcode}); is --memory-limit "
                        f"({self.settings.memory_limit_mb} MB) too low?"
                    )
            return None
        return failed_outcome(slot.task, worker_died(slot.task, slot.process.exitcode))

    def _on_timeout(self, slot: _Slot) -> Outcome:
        task = slot.task
        assert task is not None
        slot.process.kill()
        slot.process.join()
        return failed_outcome(task, timed_out(task, slot.pages, self.settings))

    def _replace(self, old: _Slot, pending: list[Task]) -> None:
        """Swap a dead or killed worker for a fresh one, if there is work left for it."""
        old.conn.close()
        position = self._slots.index(old)
        if pending:
            self._slots[position] = self._start()
            self.replaced += 1
        else:
            del self._slots[position]

    def _shutdown(self) -> None:
        """Ask idle workers to stop; kill any that do not."""
        for slot in self._slots:
            with contextlib.suppress(BrokenPipeError, OSError):
                slot.conn.send(None)
        for slot in self._slots:
            slot.process.join(timeout=2.0 if slot.task is None else 0.0)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
        self._slots = []


def failed_outcome(task: Task, error: BulletinsError) -> Outcome:
    """The outcome of a document its worker could not finish: a failed document line."""
    line = line_to_json(failed_document(task.path, error, task.doc_id))
    return Outcome(task.index, task.path, (line,), 0, error.code, None)


def timed_out(task: Task, pages: int | None, settings: Settings) -> DocumentTimeout:
    """The error of a document that ran past its time limit (its worker was killed).

    `pages` is None when the document was not yet open: its limit was `--timeout` alone.
    """
    name = display_path(task.path)
    if pages is None:
        return DocumentTimeout(
            f"{name} took longer than {settings.timeout:g} s before it was open; raise --timeout or check the file"
        )
    return DocumentTimeout(
        f"{name} took longer than {settings.time_limit(pages):g} s ({settings.timeout:g} s and "
        f"{settings.timeout_per_page:g} s for each of its {pages} pages); raise --timeout-per-page "
        "or --timeout, or check the file"
    )


def worker_died(task: Task, exitcode: int | None) -> WorkerCrashed:
    """The error of a document whose worker died under it."""
    return WorkerCrashed(
        f"the worker processing {display_path(task.path)} died ({exit_to_text(exitcode)}); "
        "the file probably crashes the PDF parser"
    )


def exit_to_text(exitcode: int | None) -> str:
    """A process exit status in words: 'exit status 3' or 'killed by signal SIGSEGV'."""
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"
