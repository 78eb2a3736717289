"""A sandbox: one child process that runs documents one at a time under the time and memory limit.

The local pool forks its workers from a forkserver; a host that is itself a daemon process (a
Dask worker under its nanny) may not do that, so the sandbox starts its child as a fresh
interpreter (`python -m pipeline.batch.sandbox FD`) and speaks the pool's worker protocol over a
socket pair: the child runs `pool.worker_main`, which loads the model once, caps its own address
space and answers each task with an `Outcome`. The sandbox alone decides when a document has
taken too long (it kills the child) or when the child has died under one; either way the
document gets its failed line and the next task gets a fresh child.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import subprocess
import sys
import time
from multiprocessing.connection import Connection

from pipeline.batch.pool import (
    STARTUP_ATTEMPTS,
    Outcome,
    PoolError,
    Task,
    Work,
    _Opened,
    _Ready,
    _StartupFailed,
    exit_to_text,
    failed_outcome,
    timed_out,
    worker_died,
    worker_main,
)
from pipeline.settings import Settings

log = logging.getLogger("bulletins")

# Loading spaCy takes seconds; a child not ready after this long is stuck.
STARTUP_SECONDS = 300.0


class Sandbox:
    """One child process, started on first use and again after a timeout, crash or MemoryError.

    Args:
        settings: Run settings; the child processes documents with them (`timeout`,
            `memory_limit_mb` and `plugins` apply to it).
        work: What the child does with a document (extract its records, or lay out its blocks).
        cwd: Working directory of the child, against which relative paths are read (None:
            this process's).
    """

    def __init__(self, settings: Settings, work: Work = "extract", cwd: str | None = None) -> None:
        self.settings = settings
        self.work = work
        self.cwd = cwd
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None

    def run(self, task: Task) -> Outcome:
        """Process one document in the child and return what became of it.

        Raises:
            PoolError: The child cannot load the model (or a plugin), or dies while loading it.
        """
        conn = self._ready_connection()
        started = time.monotonic()
        try:
            conn.send(task)
        except OSError:  # died since it said it was ready
            return failed_outcome(task, worker_died(task, self._stop()))
        pages: int | None = None
        while True:
            # The child says the page count once the PDF is open; the limit then grows with it.
            if not conn.poll(max(started + self.settings.time_limit(pages) - time.monotonic(), 0.0)):
                self._stop()
                return failed_outcome(task, timed_out(task, pages, self.settings))
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return failed_outcome(task, worker_died(task, self._stop()))
            if not isinstance(message, _Opened):
                break
            pages = message.pages
        outcome: Outcome = message
        if outcome.error == "memory":
            self._stop()  # the child exits after a MemoryError: its state is not trusted
        return outcome

    @property
    def pid(self) -> int | None:
        """The child's process id, while it runs."""
        return self._process.pid if self._process else None

    def close(self) -> None:
        """Stop the child (it also stops by itself when this process goes away)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=2.0)
        self._stop()

    def _ready_connection(self) -> Connection:
        """The connection to a child that has loaded the model, starting one if needed."""
        if self._conn is not None and self._process is not None and self._process.poll() is None:
            return self._conn
        self._stop()
        for attempt in range(1, STARTUP_ATTEMPTS + 1):
            conn = self._start()
            try:
                message = conn.recv() if conn.poll(STARTUP_SECONDS) else None
            except (EOFError, OSError):  # died before it was ready
                message = None
            if isinstance(message, _Ready):
                return conn
            if isinstance(message, _StartupFailed):
                self._stop()
                raise PoolError(message.message)
            exitcode = self._stop()
            log.warning("sandbox child died while loading the model (%s), attempt %d", exit_to_text(exitcode), attempt)
        raise PoolError(
            f"sandbox processes died {STARTUP_ATTEMPTS} times while loading the model; "
            f"is --memory-limit ({self.settings.memory_limit_mb} MB) too low?"
        )

    def _start(self) -> Connection:
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "pipeline.batch.sandbox", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                cwd=self.cwd,
            )
        self._conn = Connection(ours.detach())
        self._conn.send((self.settings, self.work))
        return self._conn

    def _stop(self) -> int | None:
        """Kill the child if it still runs; return its exit status."""
        exitcode = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            exitcode = self._process.wait()  # negative: killed by that signal
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None
        return exitcode


def child_main(fd: int) -> None:
    """Body of the child: take the settings and the work from the parent, then serve documents as a pool worker."""
    conn = Connection(fd)
    settings, work = conn.recv()
    worker_main(conn, settings, work)


if __name__ == "__main__":
    child_main(int(sys.argv[1]))
