"""What a batch tells a person on stderr: a progress bar while it runs and a summary at the end."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter
from typing import IO

from tqdm import tqdm

from schemas import DocumentLine
from schemas.records import RECORD_KINDS


@dataclasses.dataclass
class BatchSummary:
    """Totals of a batch, counted from the document lines it wrote.

    Attributes:
        documents: Document lines written (one per input file).
        failed: Failed documents by error type.
        duplicates: Inputs whose bytes repeat an earlier input's.
        resumed: Documents taken from an earlier, interrupted or complete, run.
        pages: Pages of the documents processed or taken over.
        records: Records written, by kind.
        wall_seconds: Time from start to the output in place.
        worker_peak_mb: Peak resident memory of each worker process, in MiB.
        worker_cpu_seconds: CPU time the workers used, as of their last finished document.
    """

    documents: int = 0
    failed: Counter[str] = dataclasses.field(default_factory=Counter)
    duplicates: int = 0
    resumed: int = 0
    pages: int = 0
    records: Counter[str] = dataclasses.field(default_factory=Counter)
    wall_seconds: float = 0.0
    worker_peak_mb: list[float] = dataclasses.field(default_factory=list)
    worker_cpu_seconds: float = 0.0

    @property
    def ok(self) -> int:
        return self.documents - sum(self.failed.values())

    @property
    def exit_status(self) -> int:
        """0 when every document was processed, 1 when at least one failed (the contract's rule)."""
        return 1 if self.failed else 0

    def add(self, document: DocumentLine, *, resumed: bool = False) -> None:
        """Count one written document line and the records written after it."""
        self.documents += 1
        if document.error is not None:
            self.failed[document.error.type] += 1
        if document.duplicate_of is not None:
            self.duplicates += 1
            return
        self.resumed += resumed
        self.pages += document.pages
        for kind, number in document.counts.model_dump().items():
            self.records[kind] += number

    def to_text(self) -> str:
        """The summary as a few lines for stderr."""
        failures = ", ".join(f"{n} {kind}" for kind, n in sorted(self.failed.items()))
        head = f"{self.documents} documents: {self.ok} ok, {sum(self.failed.values())} failed"
        head += f" ({failures})" if failures else ""
        head += f"; {self.duplicates} duplicates; {self.resumed} resumed"
        records = ", ".join(f"{self.records.get(kind, 0)} {kind}" for kind in RECORD_KINDS)
        rate = self.pages / self.wall_seconds if self.wall_seconds > 0 else 0.0
        timing = f"wall time {self.wall_seconds:.1f} s ({rate:.2f} pages/s)"
        if self.worker_peak_mb:
            timing += f"; peak worker memory {max(self.worker_peak_mb):.0f} MB"
        lines = [head, f"{self.pages} pages; records: {records}", timing]
        return "".join(f"bulletins: {line}\n" for line in lines)


class Progress:
    """Progress of a batch on stderr when it is a terminal: documents, pages, pages/s, ETA, failures.

    Args:
        total: Documents in the batch.
        enabled: Draw the bar at all (off with `-q`, and when stderr is not a terminal).
        stream: Where to draw it.
    """

    def __init__(self, total: int, enabled: bool, stream: IO[str] | None = None) -> None:
        self._bar = tqdm(
            total=total, unit="doc", file=stream or sys.stderr, disable=not enabled, dynamic_ncols=True, leave=False
        )
        self._started = time.monotonic()
        self._pages = 0
        self._failed = 0

    def advance(self, pages: int, failed: bool) -> None:
        """One more document is done (processed, taken over or a duplicate)."""
        self._pages += pages
        self._failed += failed
        elapsed = time.monotonic() - self._started
        rate = self._pages / elapsed if elapsed > 0 else 0.0
        self._bar.set_postfix_str(f"{self._pages} pages, {rate:.1f} pages/s, {self._failed} failed", refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()


def stderr_is_terminal() -> bool:
    """Whether a person is watching stderr (progress bars only make sense then)."""
    return sys.stderr.isatty()
