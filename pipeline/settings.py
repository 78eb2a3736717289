"""Run settings: built once by the command line (or a caller) and passed down, never global."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the layout package is heavy; settings are read by the command line before any work
    from pipeline.layout.char_sources import CharSource


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a run may vary.

    Attributes:
        issue_date: Reference date for partial dates ("March 8"), for every input. None means
            each document's own issue date is found.
        workers: Worker processes for a batch.
        timeout: Seconds one document may take before it is failed with `timeout`.
        memory_limit_mb: Address-space limit of a worker, in MiB.
        overlap_priority: When mentions of different kinds cover the same text, the kind listed
            first wins (an amount's number is not also a count).
        extractors: Names of the extractors to run, in order; None runs every registered one.
        plugins: Modules imported in every batch worker before its first document, so that the
            extractors they register run too (registered extractors run when `extractors` is None).
        strict: Raise on a record that fails validation instead of logging and skipping it
            (tests run strict, so a contract break is a failure, not a lost record).
        quiet: Workers log warnings only, and the PDF parser's own warnings not at all (-q).
        char_source: Where glyphs are read from: "pdfplumber" (pdfminer; the default) or
            "pdfium", faster but not yet equal everywhere (docs/speed.md).
    """

    issue_date: dt.date | None = None
    workers: int = dataclasses.field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 120.0
    memory_limit_mb: int = 2048
    overlap_priority: tuple[str, ...] = ("amount", "date", "organisation", "place", "count")
    extractors: tuple[str, ...] | None = None
    plugins: tuple[str, ...] = ()
    strict: bool = False
    quiet: bool = False
    char_source: CharSource = "pdfplumber"

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
