"""The Dask engine: one task per document on an existing Dask distributed cluster, behind the local pool's interface.

`DaskPool.iter_outcomes(tasks)` yields an `Outcome` per document as `WorkerPool.iter_outcomes`
does, so the runner keeps its guarantees (order, shards, resume, duplicates) unchanged. On each
Dask worker a document runs in a `Sandbox` child process, under the same time and memory limit
as a local worker; the Dask worker itself only waits for it. A Dask worker that is lost while
running a document (killed, out of memory, its machine gone) makes the scheduler run the task
again elsewhere; the client counts those losses from the scheduler's events and, at the second,
cancels the task and writes the document as failed (`crashed`): a document that kills every
worker it meets costs two workers, not the cluster.

`distributed` is imported only when a cluster is used: it is an optional extra.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import logging
import os
import queue
import socket
import threading
import uuid
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pipeline.batch.pool import Outcome, PoolError, Task, Work, failed_outcome
from pipeline.batch.sandbox import Sandbox
from pipeline.errors import WorkerCrashed
from pipeline.settings import Settings
from pipeline.version import pipeline_version

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger("bulletins")

INSTALL_HINT = 'the Dask engine needs the `dask` extra: pip install "bulletins[dask]"'
# Times a Dask worker may be lost while running one document before the document is failed.
WORKER_LOSSES_ALLOWED = 1
# Tasks in flight per worker thread: enough to keep every thread busy between two round trips
# to the scheduler, few enough that results wait little in the ordered writer.
TASKS_PER_THREAD = 2
CONNECT_SECONDS = 30.0
# Event topic on which a task says which worker it started on (queued tasks have not started).
STARTED_TOPIC = "bulletins-task-started"
# How often the client checks, while it waits, that its scheduler is still there.
EVENT_WAIT_SECONDS = 30.0


def dask_available() -> bool:
    """Whether `distributed` can be imported (the `dask` extra is installed)."""
    return importlib.util.find_spec("distributed") is not None


@dataclasses.dataclass(frozen=True)
class TaskResult:
    """What a Dask task sends back: the outcome and which sandbox process produced it."""

    outcome: Outcome
    sandbox: str


class SandboxShelf:
    """The sandboxes of one Dask worker process, one per thread that is running a document.

    A sandbox keeps its child (and its loaded model) between documents; it is lent to one task
    at a time. Sandboxes are kept per settings, work and working directory, since a child
    processes documents with what it was started with, and reads relative paths from its directory.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[tuple[Settings, Work, str | None], list[Sandbox]] = {}

    def run(self, task: Task, settings: Settings, work: Work, cwd: str | None) -> TaskResult:
        if cwd is not None and not os.path.isdir(cwd):
            log.warning("%s has no folder %s; relative paths are read from %s", socket.gethostname(), cwd, os.getcwd())
            cwd = None
        kind = (settings, work, cwd)
        with self._lock:
            idle = self._idle.setdefault(kind, [])
            sandbox = idle.pop() if idle else Sandbox(settings, work, cwd)
        try:
            outcome = sandbox.run(task)
            name = f"{socket.gethostname()}:{sandbox.pid or os.getpid()}"
        finally:
            with self._lock:
                self._idle[kind].append(sandbox)
        return TaskResult(outcome, name)


@functools.cache
def sandbox_shelf() -> SandboxShelf:
    """This process's sandboxes (on a Dask worker), made on its first document."""
    return SandboxShelf()


def run_task(task: Task, settings: Settings, work: Work, cwd: str | None) -> TaskResult:
    """The Dask task: process one document in a sandbox of this worker.

    Args:
        task: The document.
        settings: The run's settings.
        work: Extract the document's records, or lay out its blocks.
        cwd: The client's working directory: relative paths are read from the same folder
            on the worker (a file system shared at the same place), as a local run reads them.

    Raises:
        PoolError: The sandbox cannot load the model; the client stops the run.
    """
    from distributed import get_worker

    worker = get_worker()
    worker.log_event(STARTED_TOPIC, {"key": worker.get_current_task(), "worker": worker.address})
    return sandbox_shelf().run(task, settings, work, cwd)


def worker_pipeline_version() -> str:
    """Run on each worker: the version of the pipeline it would run documents with (code digest included)."""
    return pipeline_version()


def connect(address: str) -> Client:
    """A client of the scheduler at `address`.

    Raises:
        PoolError: `distributed` is not installed, or the scheduler cannot be reached.
    """
    if not dask_available():
        raise PoolError(INSTALL_HINT)
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise PoolError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


class DaskPool:
    """Runs documents as tasks on a Dask cluster, with the interface of `WorkerPool`.

    Args:
        settings: Run settings; `scheduler` is the cluster's address, and `timeout`,
            `memory_limit_mb` and `plugins` apply to the sandbox of each Dask worker.
        work: What the workers do with a document.
    """

    def __init__(self, settings: Settings, work: Work = "extract") -> None:
        if not settings.scheduler:
            raise ValueError("DaskPool needs settings.scheduler (the scheduler's address)")
        self.settings = settings
        self.work = work
        self.peak_kb: dict[str, int] = {}
        self.cpu_seconds: dict[str, float] = {}
        self.lost_workers = 0

    def iter_outcomes(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """Run every task on the cluster and yield its outcome as soon as it is known.

        Raises:
            PoolError: The cluster cannot be reached, or its workers cannot run the pipeline.
        """
        if not tasks:
            return
        assert self.settings.scheduler is not None
        client = connect(self.settings.scheduler)
        try:
            yield from _Run(self, client, tasks).iter_outcomes()
        finally:
            client.close()

    def record(self, result: TaskResult) -> Outcome:
        """Note the sandbox's memory and CPU figures; return the outcome."""
        outcome = result.outcome
        if outcome.worker_peak_kb is not None:
            self.peak_kb[result.sandbox] = max(self.peak_kb.get(result.sandbox, 0), outcome.worker_peak_kb)
        if outcome.worker_cpu_seconds is not None:
            self.cpu_seconds[result.sandbox] = outcome.worker_cpu_seconds
        return outcome


class _Run:
    """One batch on the cluster: a window of tasks in flight, completions and worker losses as they come.

    Every callback of the client (a task done, a scheduler event) lands in one queue, which this
    generator alone reads, so no state is shared between threads.
    """

    def __init__(self, pool: DaskPool, client: Client, tasks: Sequence[Task]) -> None:
        self.pool = pool
        self.client = client
        self.waiting = deque(tasks)
        self.prefix = f"bulletins-{uuid.uuid4().hex[:12]}-"
        self.running: dict[str, tuple[Future, Task]] = {}
        self.started_on: dict[str, str] = {}
        self.losses: Counter[str] = Counter()
        self.events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self.cwd = os.getcwd()

    def iter_outcomes(self) -> Iterator[Outcome]:
        self.client.subscribe_topic("all", lambda event: self.events.put(("removed", event[1])))
        self.client.subscribe_topic(STARTED_TOPIC, lambda event: self.events.put(("started", event[1])))
        try:
            self._wait_for_workers()
            self._submit()
            while self.running:
                what, item = self._next_event()
                if what == "done":
                    yield from self._on_done(item)
                elif what == "started":
                    self._on_started(item)
                else:
                    yield from self._on_removed(item)
                self._submit()
        finally:
            self.client.unsubscribe_topic("all")
            self.client.unsubscribe_topic(STARTED_TOPIC)
            for future, _ in self.running.values():
                future.cancel()

    def _next_event(self) -> tuple[str, Any]:
        """The next callback, checking now and then that the scheduler is still there.

        Raises:
            PoolError: The client lost its scheduler for good.
        """
        while True:
            try:
                return self.events.get(timeout=EVENT_WAIT_SECONDS)
            except queue.Empty:
                if self.client.status in ("closing", "closed"):
                    raise PoolError(
                        f"lost the Dask scheduler at {self.pool.settings.scheduler}; "
                        "run again with --resume to keep the documents already done"
                    ) from None

    def _wait_for_workers(self) -> None:
        """Wait for a first worker, and check that every worker runs this version of the pipeline.

        Raises:
            PoolError: A worker runs another version (its output would differ from this one's).
        """
        if not self.client.nthreads():
            log.info("no Dask workers yet on %s; waiting for the first one", self.pool.settings.scheduler)
            self.client.wait_for_workers(1)
        try:
            versions = self.client.run(worker_pipeline_version)
        except Exception as exc:  # whatever a worker raised: it cannot run the pipeline
            raise PoolError(
                f"a Dask worker cannot run the pipeline ({type(exc).__name__}: {exc}); "
                'install bulletins on the workers: pip install "bulletins[dask]"'
            ) from None
        here = pipeline_version()
        other = {worker: version for worker, version in versions.items() if version != here}
        if other:
            worker, version = next(iter(other.items()))
            raise PoolError(
                f"Dask worker {worker} runs bulletins {version}, this machine {here}; "
                "install the same version on the workers (and restart them after a change)"
            )

    def _submit(self) -> None:
        """Keep TASKS_PER_THREAD tasks per worker thread in flight."""
        if not self.waiting:
            return
        window = TASKS_PER_THREAD * max(1, sum(self.client.nthreads().values()))
        while self.waiting and len(self.running) < window:
            task = self.waiting.popleft()
            key = f"{self.prefix}{task.index}"
            settings, work = self.pool.settings, self.pool.work
            future = self.client.submit(run_task, task, settings, work, self.cwd, key=key, pure=False)
            self.running[key] = (future, task)
            future.add_done_callback(lambda done: self.events.put(("done", done)))

    def _on_done(self, future: Future) -> Iterator[Outcome]:
        entry = self.running.pop(str(future.key), None)
        if entry is None:  # already failed by this client after losing its workers
            return
        task = entry[1]
        if future.status == "finished":
            yield self.pool.record(future.result())
        elif future.status == "cancelled":
            yield self._lost(task, "its task was cancelled on the cluster")
        else:
            error = future.exception()
            if type(error).__name__ != "KilledWorker":
                # A document's own failures are outcomes; an exception is the worker's setup.
                raise PoolError(
                    f"a Dask worker cannot run the pipeline ({type(error).__name__}: {error}); "
                    "install the same bulletins on the workers as on this machine"
                ) from None
            yield self._lost(task, f"{self.losses[str(future.key)] + 1} Dask workers died running it")

    def _on_started(self, message: Any) -> None:
        """A task of this run started on a worker (tasks queued on a worker have not)."""
        if isinstance(message, dict) and str(message.get("key", "")).startswith(self.prefix):
            self.started_on[message["key"]] = message["worker"]

    def _on_removed(self, message: Any) -> Iterator[Outcome]:
        """A scheduler event; a worker lost while running one of our documents counts against that document.

        The scheduler runs the document again elsewhere by itself; at the second loss the
        document is failed here and its task cancelled.
        """
        if not isinstance(message, dict) or message.get("action") != "remove-worker" or message.get("expected"):
            return
        worker = message.get("worker")
        ours = [key for key in message.get("processing-tasks", ()) if key in self.running]
        for key in (key for key in ours if self.started_on.get(key) == worker):
            self.pool.lost_workers += 1
            self.losses[key] += 1
            task = self.running[key][1]
            if self.losses[key] <= WORKER_LOSSES_ALLOWED:
                log.warning("Dask worker %s was lost while running %s; trying it again", worker, task.path)
                continue
            future, _ = self.running.pop(key)
            future.cancel()
            yield self._lost(task, f"{self.losses[key]} Dask workers were lost while running it")

    def _lost(self, task: Task, why: str) -> Outcome:
        return failed_outcome(
            task, WorkerCrashed(f"{task.path} could not be processed: {why}; the file probably crashes its worker")
        )
