"""Run settings: built once by the command line (or a caller) and passed down, never global."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the layout package is heavy; settings are read by the command line before any work
    from pipeline.layout.char_sources import CharSource

OcrMode = Literal["auto", "always", "never"]
"""When pages are read by OCR: pages without a usable text layer, every page, or none."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a run may vary.

    Attributes:
        issue_date: Reference date for partial dates ("March 8"), for every input. None means
            each document's own issue date is found.
        workers: Worker processes for a batch.
        timeout: Seconds one document may take before it is failed with `timeout`, besides its
            pages' allowance.
        timeout_per_page: Seconds each page adds to its document's time limit, so that a long
            document is given time in proportion to its length (see `time_limit`).
        max_pages: A document with more pages is failed as `too_large` before any page is read;
            None for no limit.
        memory_limit_mb: Address-space limit of a worker, in MiB.
        overlap_priority: When mentions of different kinds cover the same text, the kind listed
            first wins (an amount's number is not also a count).
        extractors: Names of the extractors to run, in order; None runs every registered one.
        plugins: Modules imported in every batch worker before its first document, so that the
            extractors they register run too (registered extractors run when `extractors` is None).
        strict: Raise on a record that fails validation instead of logging and skipping it
            (tests run strict, so a contract break is a failure, not a lost record).
        quiet: Workers log warnings only, and the PDF parser's own warnings not at all (-q).
        scheduler: Address of a Dask scheduler (tcp://HOST:PORT); when set, a batch runs its
            documents on that cluster's workers instead of local worker processes.
        ocr: "auto" reads by OCR the pages that have no usable text layer (docs/ocr.md says
            which), "always" every page, "never" none (a document without text then fails with
            `no_text_layer`).
        char_source: Where glyphs are read from: "pdfplumber" (pdfminer; the default) or
            "pdfium", faster but not yet equal everywhere (docs/batch.md, "Speed").
    """

    issue_date: dt.date | None = None
    workers: int = dataclasses.field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 120.0
    timeout_per_page: float = 1.0
    max_pages: int | None = None
    memory_limit_mb: int = 2048
    overlap_priority: tuple[str, ...] = ("amount", "date", "organisation", "place", "count")
    extractors: tuple[str, ...] | None = None
    plugins: tuple[str, ...] = ()
    strict: bool = False
    quiet: bool = False
    scheduler: str | None = None
    ocr: OcrMode = "auto"
    char_source: CharSource = "pdfplumber"

    def time_limit(self, pages: int | None) -> float:
        """Seconds a document of `pages` pages may take; `timeout` alone while its pages are not known."""
        return self.timeout + self.timeout_per_page * (pages or 0)

    @classmethod
    def resolve(cls, settings: Settings | dict[str, Any] | None) -> Settings:
        """Accept None (defaults), a mapping of field names, or a Settings.

        Raises:
            ValueError: A mapping names a field Settings does not have.
        """
        if settings is None:
            return cls()
        if isinstance(settings, Settings):
            return settings
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(settings) - known
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; allowed: {sorted(known)}")
        return cls(**settings)
