"""Signals that stop a batch: SIGINT and SIGTERM become a clean stop that keeps what was finished.

Python's default turns SIGINT into KeyboardInterrupt (which click reports as exit status 1,
the status of a failed document) and lets SIGTERM end the process on the spot (workers
orphaned, temporary files left). Here both raise `Interrupted` in the main thread, so the pool
kills its workers, the temporary output file is removed and the shards stay for `--resume`; the
command line then exits with 128 + the signal number (130, 143).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from pipeline.errors import Interrupted

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise `Interrupted` on the first SIGINT or SIGTERM; ignore further ones while cleaning up.

    Outside the main thread (a library caller's worker thread) signals cannot be handled there,
    and the process's own handling stays as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

    def stop(signum: int, frame: FrameType | None) -> None:
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)  # one stop at a time: let the cleanup finish
        raise Interrupted(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
