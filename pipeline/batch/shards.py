"""Crash-safe batch output: one shard per finished document beside the output, read back by `--resume`.

A run writes each finished document's lines to its own shard file (temporary name, then an
atomic rename), and the output file itself only at the end (again through a rename). A run
killed at any moment therefore leaves complete shards and either no output or the previous one,
never a partial line; the next run with `--resume` takes the finished documents from the shards
(and from a previous complete output) instead of processing them again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pydantic

from pipeline.settings import Settings
from pipeline.version import pipeline_version
from schemas import DocumentLine

log = logging.getLogger("bulletins")

MANIFEST = "run.json"
SHARD_SUFFIX = ".jsonl"
# Failures that depend on the machine, the moment or the run's limits rather than the file: tried
# again on resume (a file nobody could read may have been given read permission since; a document
# refused as `too_large` is read if --max-pages was raised, and refused again at once if not).
RETRIED_ERRORS = frozenset({"timeout", "crashed", "memory", "unreadable", "too_large"})


@dataclasses.dataclass(frozen=True)
class DocumentLines:
    """One finished document as written: its parsed document line and all of its JSON lines."""

    document: DocumentLine
    lines: tuple[str, ...]

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def settings_fingerprint(settings: Settings, work: str = "extract") -> dict[str, Any]:
    """What must not change between a run and its resumption, for records to be the same."""
    return {
        "work": work,
        "pipeline_version": pipeline_version(),
        "issue_date": settings.issue_date.isoformat() if settings.issue_date else None,
        "extractors": list(settings.extractors) if settings.extractors is not None else None,
        "overlap_priority": list(settings.overlap_priority),
        "plugins": list(settings.plugins),
    }


def iter_documents(lines: Iterable[str]) -> Iterator[DocumentLines]:
    """Group JSON lines into documents, keeping only complete ones.

    A document is complete when its document line is followed by exactly as many records of its
    doc_id as its `counts` announce. Anything else (a truncated tail, stray lines) is dropped.
    """
    current: DocumentLine | None = None
    group: list[str] = []
    for raw in lines:
        text = raw.rstrip("\n")
        if not text.strip():
            continue
        head = _peek(text)
        if head is None:
            current, group = None, []
            continue
        if head.get("kind") == "document":
            if current is not None and _complete(current, group):
                yield DocumentLines(current, tuple(group))
            current, group = _parse_document(text), [text]
        elif current is not None and head.get("doc_id") == current.doc_id:
            group.append(text)
        else:
            current, group = None, []
    if current is not None and _complete(current, group):
        yield DocumentLines(current, tuple(group))


def _peek(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _parse_document(text: str) -> DocumentLine | None:
    try:
        return DocumentLine.model_validate_json(text)
    except pydantic.ValidationError:
        return None


def _complete(document: DocumentLine | None, group: list[str]) -> bool:
    if document is None:
        return False
    announced = sum(document.counts.model_dump().values())
    return len(group) - 1 == announced


def reusable(found: DocumentLines, settings: Settings) -> bool:
    """Whether a document written earlier stands for what this run would write.

    Written by another pipeline version, for another issue date, as a duplicate's line, or
    failed for a reason of the moment or of the run's limits (timeout, crash, memory, too_large): no.
    """
    document = found.document
    if document.pipeline_version != pipeline_version() or document.duplicate_of is not None:
        return False
    if document.error is not None and document.error.type in RETRIED_ERRORS:
        return False
    return settings.issue_date is None or document.issue_date == settings.issue_date


class ShardStore:
    """The shard folder of one output file: `.<name>.parts/` beside it.

    Args:
        output: The output file the shards belong to.
        settings: The run's settings; shards written under other settings are not reused.
        work: What the run writes ("extract" or "blocks"); shards of the other are not reused.
    """

    def __init__(self, output: Path, settings: Settings, work: str = "extract") -> None:
        self.output = output
        self.directory = output.parent / f".{output.name}.parts"
        self.settings = settings
        self.fingerprint = settings_fingerprint(settings, work)

    def start(self, resume: bool) -> dict[str, DocumentLines]:
        """Prepare the folder and return the documents a resumed run can take as they are.

        Without `resume` the folder is emptied. With it, documents come from a complete earlier
        output (checked per document: same pipeline version and issue date) and from shards
        written under the same settings; shards written under other settings are discarded.
        """
        if not resume:
            self._reset()
            return {}
        found = self._from_output()
        if self._manifest() == self.fingerprint:
            self._remove_partial_shards()
            found.update(self._from_shards())
        else:
            if self.directory.exists():
                log.warning("shards in %s were written with other settings; not reusing them", self.directory)
            self._reset()
        return {doc_id: doc for doc_id, doc in found.items() if reusable(doc, self.settings)}

    def write(self, doc_id: str, lines: Iterable[str]) -> None:
        """Store one finished document's lines under its id, atomically."""
        name = doc_id.removeprefix("sha256:")
        final = self.directory / f"{name}{SHARD_SUFFIX}"
        temporary = self.directory / f".{name}.tmp"
        temporary.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        os.replace(temporary, final)

    def remove(self) -> None:
        """Delete the folder once the output file holds everything."""
        shutil.rmtree(self.directory, ignore_errors=True)

    def _reset(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        manifest = self.directory / MANIFEST
        temporary = self.directory / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(self.fingerprint, sort_keys=True), encoding="utf-8")
        os.replace(temporary, manifest)

    def _remove_partial_shards(self) -> None:
        """Shards a killed run was still writing (their temporary names); the caller holds the lock."""
        for partial in self.directory.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                partial.unlink()

    def _manifest(self) -> dict[str, Any] | None:
        with contextlib.suppress(OSError, json.JSONDecodeError):
            return json.loads((self.directory / MANIFEST).read_text(encoding="utf-8"))
        return None

    def _from_shards(self) -> dict[str, DocumentLines]:
        found: dict[str, DocumentLines] = {}
        for shard in sorted(self.directory.glob(f"*{SHARD_SUFFIX}")):
            with shard.open(encoding="utf-8") as handle:
                for document in iter_documents(handle):
                    found[document.doc_id] = document
        return found

    def _from_output(self) -> dict[str, DocumentLines]:
        """Documents of an earlier complete output file (the shards of its run were removed)."""
        if not self.output.is_file():
            return {}
        with self.output.open(encoding="utf-8") as handle:
            return {document.doc_id: document for document in iter_documents(handle)}
