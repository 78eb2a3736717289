"""A test-only extractor that makes a document hang, crash, exhaust memory, run slowly or kill its worker's host.

Batch tests load it into the workers with `--plugin tests.batch.batch_plugins`; it is never imported by the
package, so production runs cannot reach it. KILL_HOST kills the process that started the worker: only the
Dask tests use it, where that process is a Dask worker (a sandbox's parent).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator, Sequence

from extractors.base import DocumentContext, Extractor, Mention, register

HANG = "HANGFOREVER"
CRASH = "CRASHNOW"
EAT_MEMORY = "EATMEMORY"
SLOW = "GOSLOW"
KILL_HOST = "KILLMYHOST"
SLOW_SECONDS = 0.5


@register("tests.sabotage")
class Sabotage(Extractor):
    """Finds nothing; misbehaves when a marker word is in the document."""

    name = "tests.sabotage"
    kind = "count"

    def __call__(self, passages: Sequence, context: DocumentContext) -> Iterator[Mention]:
        text = " ".join(passage.text for passage in passages)
        if HANG in text:
            time.sleep(3600)
        if CRASH in text:
            os._exit(70)  # like a segfault in the parser: no exception, no cleanup
        if EAT_MEMORY in text:
            hog = [bytearray(1 << 27) for _ in range(512)]  # 64 GiB, far above any limit
            del hog
        if KILL_HOST in text:
            os.kill(os.getppid(), signal.SIGKILL)  # like the machine under a Dask worker going away
            os._exit(70)
        if SLOW in text:
            time.sleep(SLOW_SECONDS)
        return iter(())
