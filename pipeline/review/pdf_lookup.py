"""Finding the PDF a document line was read from: by its `source`, or under a given folder, checked by hash."""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from pathlib import Path
from typing import Literal

from pipeline.errors import BulletinsError
from pipeline.pdf import SourceFile, read_source


@dataclasses.dataclass(frozen=True)
class PdfLookup:
    """The outcome of a search for one document's PDF.

    Attributes:
        source: The PDF's bytes, when a file with the document's hash was found.
        trouble: Why there is none: "missing", or "changed" (found, with another hash).
        note: The same in words a reviewer can act on.
    """

    source: SourceFile | None
    trouble: Literal["missing", "changed"] | None = None
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class PdfFinder:
    """Looks for PDFs where a run's `source` paths point.

    Attributes:
        base: Folder of the records file; a relative `source` is also tried against it.
        root: Folder given with --pdf-root: tried first, as `root/source`, `root/<file name>`,
            then any file of that name below it.
    """

    base: Path
    root: Path | None = None

    def find(self, source: str, doc_id: str) -> PdfLookup:
        """The PDF of a document line whose bytes hash to `doc_id`, or a note saying why there is none."""
        changed: list[str] = []
        for path in self.candidates(source):
            try:
                found = read_source(path)
            except BulletinsError:
                continue
            if found.doc_id == doc_id:
                return PdfLookup(found)
            changed.append(str(path))
        if changed:
            return PdfLookup(
                None,
                "changed",
                f"The PDF at {changed[0]} has changed since this run read it (its sha256 differs from the "
                "document's doc_id), so its pages are not drawn: the boxes would not fit them. Run "
                "`bulletins extract` again on it, or give the original with --pdf-root.",
            )
        where = f" or under {self.root}" if self.root is not None else ""
        return PdfLookup(
            None,
            "missing",
            f"The PDF {source} was not found (looked at its source path{where}), so its pages are not drawn. "
            "Give the folder that holds it with --pdf-root.",
        )

    def candidates(self, source: str) -> list[Path]:
        """Existing files that may be the PDF, most likely first, without repeats."""
        given = Path(source)
        paths: list[Path] = []
        if self.root is not None:
            if not given.is_absolute():
                paths.append(self.root / given)
            paths.append(self.root / given.name)
            paths.extend(self._named(given.name))
        paths.append(given)
        if not given.is_absolute():
            paths.append(self.base / given)
        seen: set[Path] = set()
        unique = []
        for path in paths:
            key = path.resolve()
            if key not in seen and path.is_file():
                seen.add(key)
                unique.append(path)
        return unique

    def _named(self, name: str) -> list[Path]:
        return self._index().get(name, [])

    @functools.cache  # noqa: B019 (one index per finder, which lives as long as one review build)
    def _index(self) -> dict[str, list[Path]]:
        """Every PDF below the root by file name, listed once."""
        index: dict[str, list[Path]] = defaultdict(list)
        if self.root is not None:
            for path in sorted(self.root.rglob("*")):
                if path.suffix.lower() == ".pdf" and path.is_file():
                    index[path.name].append(path)
        return index
