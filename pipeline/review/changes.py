"""What the review shows of each document: its records in reading order, each with its change against an older run."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

import pydantic

from pipeline.review.diff import DiffInputError, DiffOptions, FieldChange, diff_lines
from schemas import LINE_ADAPTER, BlockLine, DocumentLine, Record

Change = Literal["added", "removed", "changed", "same"]
CHANGES: tuple[Change, ...] = ("added", "removed", "changed", "same")


@dataclasses.dataclass(frozen=True)
class ReviewRecord:
    """One record as the review draws and lists it.

    Attributes:
        key: Unique within its document's page ("n12": line 12 of the new run, "o7": line 7 of
            the older one); record ids can repeat between the two runs.
        record: The record.
        change: Its change against the older run, None when there is none to compare with.
        field_changes: For a changed record, each field old -> new.
    """

    key: str
    record: Record
    change: Change | None = None
    field_changes: tuple[FieldChange, ...] = ()

    @property
    def boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        """Line boxes to draw: `boxes`, or `bbox` for a record written before they existed."""
        return tuple(self.record.boxes or (self.record.bbox,))


@dataclasses.dataclass(frozen=True)
class DocumentReview:
    """One document of the review: its `document` line and its records.

    Attributes:
        document: The document line (of the newer run; of the older one for a document only it has).
        records: Records in reading order; removed ones sit where they stood in the older run.
        duplicates: Document lines of later inputs with the same bytes (their records are these).
        only_in_older: The document is in the older run only.
    """

    document: DocumentLine
    records: tuple[ReviewRecord, ...]
    duplicates: tuple[DocumentLine, ...] = ()
    only_in_older: bool = False

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def current_records(self) -> int:
        """Records of the run under review (removed ones, from the older run, not counted)."""
        return sum(record.change != "removed" for record in self.records)

    def change_counts(self) -> Counter[str]:
        """Records per change (empty without an older run)."""
        return Counter(record.change for record in self.records if record.change is not None)


def parse_lines(lines: Sequence[Mapping[str, Any]], name: str) -> list[Any]:
    """Validate each line against the contract.

    Raises:
        DiffInputError: A line is not a contract line; the message names the file and line.
    """
    parsed = []
    for number, line in enumerate(lines, start=1):
        try:
            parsed.append(LINE_ADAPTER.validate_python(line))
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise DiffInputError(f"{name}: record {number} is not a contract line ({where}: {first['msg']})") from None
    return parsed


def review_documents(
    new_lines: Sequence[Mapping[str, Any]],
    old_lines: Sequence[Mapping[str, Any]] | None = None,
    names: tuple[str, str] = ("RECORDS", "OLD"),
) -> list[DocumentReview]:
    """Documents of a run, in output order, with their records' changes against an older run.

    Args:
        new_lines: The `extract` lines to review, as `read_jsonl` gives them.
        old_lines: An older run's lines; records are then marked added, removed, changed or same
            (matched by the record-level diff: by value, then by page and text).
        names: How error messages call the two inputs.

    Returns:
        One entry per document, documents only in the older run last.

    Raises:
        DiffInputError: A line is not a contract line.
    """
    new = parse_lines(new_lines, names[0])
    old = parse_lines(old_lines, names[1]) if old_lines is not None else []
    placed: dict[str, list[tuple[tuple[int, int, int], ReviewRecord]]] = defaultdict(list)
    if old_lines is None:
        for index, line in _records(new):
            placed[line.doc_id].append(((index, 0, 0), ReviewRecord(f"n{index}", line)))
        return _documents(new, old, placed, names)
    diff = diff_lines(old_lines, new_lines, DiffOptions())
    marks: dict[int, tuple[Change, tuple[FieldChange, ...]]] = {entry.index: ("added", ()) for entry in diff.added}
    kept: dict[int, int] = {}  # old line index -> new line index of the same record
    for pair in diff.pairs:
        marks[pair.new.index] = ("changed" if pair.status == "changed" else "same", pair.changes)
        kept[pair.old.index] = pair.new.index
    for index, line in _records(new):
        change, fields = marks.get(index, ("same", ()))
        placed[line.doc_id].append(((index, 0, 0), ReviewRecord(f"n{index}", line, change, fields)))
    removed = {entry.index for entry in diff.removed}
    last_kept: dict[str, int] = {}  # per document, the new position of the latest old record kept so far
    for index, line in _records(old):
        if index in kept:
            last_kept[line.doc_id] = kept[index]
        elif index in removed:
            # A removed record goes after the nearest earlier record of its document that was kept.
            position = (last_kept.get(line.doc_id, -1), 1, index)
            placed[line.doc_id].append((position, ReviewRecord(f"o{index}", line, "removed")))
    return _documents(new, old, placed, names)


def _records(lines: Sequence[Any]) -> Iterator[tuple[int, Record]]:
    """Line index and record of every extracted record (document and block lines left out)."""
    for index, line in enumerate(lines):
        if not isinstance(line, (DocumentLine, BlockLine)):
            yield index, line


def _documents(
    new: Sequence[Any],
    old: Sequence[Any],
    records: Mapping[str, list[tuple[tuple[int, int, int], ReviewRecord]]],
    names: tuple[str, str],
) -> list[DocumentReview]:
    firsts: dict[str, DocumentLine] = {}
    duplicates: dict[str, list[DocumentLine]] = defaultdict(list)
    for line in new:
        if isinstance(line, DocumentLine):
            if line.doc_id in firsts:
                duplicates[line.doc_id].append(line)
            else:
                firsts[line.doc_id] = line
    older = {line.doc_id: line for line in reversed(old) if isinstance(line, DocumentLine)}
    ordered = [(doc, False) for doc in firsts.values()]
    ordered += [(doc, True) for doc_id, doc in older.items() if doc_id not in firsts and doc_id in records]
    orphans = set(records) - set(firsts) - set(older)
    if orphans:
        raise DiffInputError(
            f"{names[0]}: records of {sorted(orphans)[0]} come without its `document` line; "
            "review the whole output of `bulletins extract`"
        )
    return [
        DocumentReview(
            document=doc,
            records=tuple(item for _, item in sorted(records.get(doc.doc_id, []), key=lambda pair: pair[0])),
            duplicates=tuple(duplicates.get(doc.doc_id, ())),
            only_in_older=only_old,
        )
        for doc, only_old in ordered
    ]
