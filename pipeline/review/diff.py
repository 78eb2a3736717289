"""Record-level diff of two JSON Lines outputs, keyed by document, kind and normalised value."""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

DocumentMode = Literal["doc_id", "source", "single"]
Status = Literal["added", "removed", "changed", "moved", "unchanged"]

KIND_ORDER = ("document", "date", "place", "count", "amount", "organisation", "block")
DEFAULT_IGNORED = frozenset({"id", "pipeline_version"})
RECORD_POSITIONS = frozenset({"page", "bbox", "boxes", "block"})
BLOCK_POSITIONS = frozenset({"page", "bbox", "id"})
# Coordinates and confidences are rounded floats; closer than this they are the same number.
FLOAT_TOLERANCE = 1e-6


class DiffInputError(ValueError):
    """A file given to the diff is not JSON Lines of objects with a `kind`."""


@dataclasses.dataclass(frozen=True)
class DiffOptions:
    """What counts as the same line and as a difference.

    Attributes:
        documents: How lines are assigned to documents. "doc_id" (the default) keys them by
            the PDF's hash; "source" by the file name of their `document` line's source, so a
            PDF whose bytes changed is still compared with its earlier run; "single" treats
            each side as one document.
        ignore: Dotted fields left out of the comparison; a prefix ("value") covers its
            children. Ids are left out by default because they embed character offsets,
            which change whenever the text above a mention changes.
        positions: Whether page, bbox and block changes count as differences. When false they
            are reported as moves, and a diff of only moves is equal.
    """

    documents: DocumentMode = "doc_id"
    ignore: frozenset[str] = DEFAULT_IGNORED
    positions: bool = False

    @classmethod
    def strict(cls, documents: DocumentMode = "single") -> DiffOptions:
        """Every field compared, ids and positions included (what golden files need)."""
        return cls(documents=documents, ignore=frozenset(), positions=True)

    def is_ignored(self, field: str) -> bool:
        """Whether a dotted field is left out, by name or by an ignored prefix."""
        return any(field == name or field.startswith(name + ".") for name in self.ignore)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One line of a JSON Lines file, reduced to what the diff keys and compares.

    Attributes:
        doc: Document key (see `DiffOptions.documents`).
        kind: The line's `kind`.
        key: Normalised value: lines with equal keys state the same fact.
        anchor: Where the line sits ("page|text" for records), for pairing a line whose value
            changed with its earlier version.
        index: 0-based position of the line in its file.
        page: Page number, when the line has one.
        bbox: Box, when the line has one.
        fields: Flattened dotted fields, `value.part_of` resolved to its parent's text.
        data: The line as read.
    """

    doc: str
    kind: str
    key: str
    anchor: str
    index: int
    page: int | None
    bbox: tuple[float, ...] | None
    fields: Mapping[str, Any] = dataclasses.field(compare=False)
    data: Mapping[str, Any] = dataclasses.field(compare=False)


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field that differs between the two versions of a line."""

    field: str
    old: Any
    new: Any


@dataclasses.dataclass(frozen=True)
class Pair:
    """An old line and the new line it was matched with."""

    old: Entry
    new: Entry
    changes: tuple[FieldChange, ...]
    moves: tuple[FieldChange, ...]

    @property
    def status(self) -> Status:
        """changed (a compared field differs), moved (only positions differ) or unchanged."""
        return "changed" if self.changes else "moved" if self.moves else "unchanged"


@dataclasses.dataclass(frozen=True)
class KindSummary:
    """How many lines of one kind were added, removed, changed, moved or left alone."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    moved: int = 0
    unchanged: int = 0

    def __add__(self, other: KindSummary) -> KindSummary:
        """Column-wise sum, for the total row."""
        return KindSummary(
            *(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=False))
        )


@dataclasses.dataclass(frozen=True)
class Group:
    """The differences of one kind within one document."""

    doc: str
    label: str
    kind: str
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    pairs: tuple[Pair, ...]

    def of_status(self, status: Status) -> tuple[Pair, ...]:
        """The group's pairs with the given status, in file order."""
        return tuple(pair for pair in self.pairs if pair.status == status)


@dataclasses.dataclass(frozen=True)
class Diff:
    """The result: unmatched lines on each side, and matched pairs with what changed."""

    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    pairs: tuple[Pair, ...]
    labels: Mapping[str, str] = dataclasses.field(compare=False)

    @property
    def equal(self) -> bool:
        """No line added or removed and no pair changed (moves alone keep a diff equal)."""
        return not self.added and not self.removed and all(pair.status != "changed" for pair in self.pairs)

    def summary(self) -> dict[str, KindSummary]:
        """Counts per kind, kinds in contract order."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for entry in self.added:
            counts[entry.kind]["added"] += 1
        for entry in self.removed:
            counts[entry.kind]["removed"] += 1
        for pair in self.pairs:
            counts[pair.new.kind][pair.status] += 1
        return {kind: KindSummary(**counts[kind]) for kind in sorted(counts, key=kind_rank)}

    def groups(self) -> list[Group]:
        """Differences grouped by document and kind, in document then contract order."""
        buckets: dict[tuple[str, str], list[list]] = defaultdict(lambda: [[], [], []])
        for entry in self.added:
            buckets[entry.doc, entry.kind][0].append(entry)
        for entry in self.removed:
            buckets[entry.doc, entry.kind][1].append(entry)
        for pair in self.pairs:
            buckets[pair.new.doc, pair.new.kind][2].append(pair)
        return [
            Group(doc, self.labels.get(doc, doc), kind, tuple(added), tuple(removed), tuple(pairs))
            for (doc, kind), (added, removed, pairs) in sorted(
                buckets.items(), key=lambda item: (self.labels.get(item[0][0], item[0][0]), kind_rank(item[0][1]))
            )
        ]


def kind_rank(kind: str) -> tuple[int, str]:
    """Sort key putting kinds in contract order, unknown kinds last by name."""
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file, blank lines skipped.

    Raises:
        DiffInputError: A line is not a JSON object with a string `kind`.
    """
    lines = []
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except json.JSONDecodeError as exc:
                raise DiffInputError(
                    f"{path}:{number}: not JSON ({exc.msg}); expected one JSON object per line"
                ) from None
            if not isinstance(line, dict) or not isinstance(line.get("kind"), str):
                raise DiffInputError(f'{path}:{number}: expected a JSON object with a "kind" field')
            lines.append(line)
    return lines


def normalise_number(value: Any) -> Any:
    """40.0 and 40 are the same number; JSON writers disagree on which to print."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(value: Any) -> str:
    """Order- and number-format-independent JSON text of a value, for keys."""

    def norm(item: Any) -> Any:
        if isinstance(item, Mapping):
            return {k: norm(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [norm(v) for v in item]
        return normalise_number(item)

    return json.dumps(norm(value), sort_keys=True, ensure_ascii=False)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted fields; lists become tuples so they compare as one field."""
    flat: dict[str, Any] = {}
    for name, value in data.items():
        field = f"{prefix}{name}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, field + "."))
        elif isinstance(value, list):
            flat[field] = tuple(normalise_number(v) for v in value)
        else:
            flat[field] = normalise_number(value)
    return flat


def document_keys(lines: Sequence[Mapping[str, Any]], mode: DocumentMode) -> tuple[dict[str, str], dict[str, str]]:
    """Document key and display label of every doc_id seen in `document` lines."""
    keys: dict[str, str] = {}
    labels: dict[str, str] = {}
    for line in lines:
        if line["kind"] == "document" and line.get("doc_id"):
            source = str(line.get("source") or line["doc_id"])
            keys[line["doc_id"]] = {"doc_id": line["doc_id"], "source": Path(source).name, "single": ""}[mode]
            labels[keys[line["doc_id"]]] = source
    return keys, labels


def line_key(line: Mapping[str, Any]) -> str:
    """The normalised value that identifies the fact a line states."""
    kind = line["kind"]
    if kind == "document":
        return ""
    if kind == "block":
        return " ".join(str(line.get("text", "")).split())
    if isinstance(line.get("value"), Mapping):
        return canonical({k: v for k, v in line["value"].items() if k != "part_of"})
    return canonical({k: v for k, v in line.items() if k not in DEFAULT_IGNORED})


def line_anchor(line: Mapping[str, Any]) -> str:
    """Where a line sits, so a line whose value changed pairs with its earlier version."""
    if line["kind"] == "block":
        return f"{line.get('page')}|{line.get('id')}"
    if "text" in line:
        return f"{line.get('page')}|{' '.join(str(line['text']).split())}"
    return line_key(line)


def parent_label(part_of: Any, by_id: Mapping[str, Mapping[str, Any]]) -> Any:
    """A count's parent as text and page, which survive the id changes the diff ignores."""
    parent = by_id.get(part_of) if isinstance(part_of, str) else None
    if parent is None:
        return part_of
    return f"{parent.get('text')} (p{parent.get('page')})"


def lines_to_entries(lines: Sequence[Mapping[str, Any]], options: DiffOptions) -> tuple[list[Entry], dict[str, str]]:
    """Entries of one file's lines, and display labels of their documents.

    Args:
        lines: The file's objects, as `read_jsonl` returns them.
        options: Chooses how documents are keyed.

    Returns:
        The entries in file order and a document key → label map.
    """
    keys, labels = document_keys(lines, options.documents)
    by_id = {line["id"]: line for line in lines if isinstance(line.get("id"), str) and line["kind"] != "block"}
    entries = []
    for index, line in enumerate(lines):
        doc_id = str(line.get("doc_id") or line.get("source") or "")
        doc = keys.get(doc_id, "" if options.documents == "single" else doc_id)
        labels.setdefault(doc, doc_id or "(no document)")
        fields = flatten(line)
        if "value.part_of" in fields:
            fields["value.part_of"] = parent_label(fields["value.part_of"], by_id)
        bbox = fields.get("bbox")
        entries.append(
            Entry(
                doc=doc,
                kind=line["kind"],
                key=line_key(line),
                anchor=line_anchor(line),
                index=index,
                page=line.get("page") if isinstance(line.get("page"), int) else None,
                bbox=bbox if isinstance(bbox, tuple) and len(bbox) == 4 else None,
                fields=fields,
                data=line,
            )
        )
    return entries, labels


def same_value(old: Any, new: Any) -> bool:
    """Equality with a tolerance for rounded floats (boxes, confidences); bools stay exact."""
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(same_value(a, b) for a, b in zip(old, new, strict=False))
    if (
        isinstance(old, (int, float))
        and isinstance(new, (int, float))
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        return math.isclose(old, new, rel_tol=0.0, abs_tol=FLOAT_TOLERANCE)
    return old == new


def compare_fields(
    old: Entry, new: Entry, options: DiffOptions
) -> tuple[tuple[FieldChange, ...], tuple[FieldChange, ...]]:
    """Changed fields of a pair, split into changes and (when positions do not count) moves."""
    positions = BLOCK_POSITIONS if new.kind == "block" else RECORD_POSITIONS
    changes: list[FieldChange] = []
    moves: list[FieldChange] = []
    for field in sorted(set(old.fields) | set(new.fields)):
        # doc_id is the document key, or reported once on the document line.
        if (field in ("kind", "doc_id") and new.kind != "document") or options.is_ignored(field):
            continue
        before, after = old.fields.get(field), new.fields.get(field)
        if same_value(before, after):
            continue
        change = FieldChange(field, before, after)
        (moves if field in positions and not options.positions else changes).append(change)
    return tuple(changes), tuple(moves)


def distance(old: Entry, new: Entry) -> tuple[float, float, int]:
    """How far apart two candidate versions of a line sit: pages, then points, then lines."""
    pages = abs((old.page or 0) - (new.page or 0))
    points = 0.0
    if old.bbox and new.bbox:
        points = math.dist((old.bbox[0], old.bbox[1]), (new.bbox[0], new.bbox[1]))
    return (pages, points, abs(old.index - new.index))


def pair_by(
    old: Sequence[Entry], new: Sequence[Entry], key: Callable[[Entry], tuple[str, ...]]
) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Match lines with equal keys, a repeated key as a multiset, nearest candidates first.

    Returns:
        The pairs, then the old and the new lines left without a partner.
    """
    groups: dict[tuple[str, ...], tuple[list[Entry], list[Entry]]] = defaultdict(lambda: ([], []))
    for entry in old:
        groups[key(entry)][0].append(entry)
    for entry in new:
        groups[key(entry)][1].append(entry)
    pairs: list[tuple[Entry, Entry]] = []
    for olds, news in groups.values():
        candidates = sorted((distance(o, n), i, j) for i, o in enumerate(olds) for j, n in enumerate(news))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in candidates:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((olds[i], news[j]))
    paired_old = {id(o) for o, _ in pairs}
    paired_new = {id(n) for _, n in pairs}
    return pairs, [o for o in old if id(o) not in paired_old], [n for n in new if id(n) not in paired_new]


def diff_entries(old: Sequence[Entry], new: Sequence[Entry], options: DiffOptions, labels: Mapping[str, str]) -> Diff:
    """Match old lines with new ones and say what changed.

    Lines are matched first by (document, kind, normalised value), so a fact keeps its
    partner wherever it moved; a value stated twice is matched as a multiset, nearest
    position first. Lines left over are then matched by (document, kind, page, text), so a
    mention whose value changed shows as changed rather than as removed plus added.

    Args:
        old: Entries of the earlier file.
        new: Entries of the later file.
        options: What counts as a difference.
        labels: Display label of each document key.

    Returns:
        The diff.
    """
    by_value, old_rest, new_rest = pair_by(old, new, lambda e: (e.doc, e.kind, e.key))
    by_anchor, removed, added = pair_by(old_rest, new_rest, lambda e: (e.doc, e.kind, e.anchor))
    pairs = [Pair(o, n, *compare_fields(o, n, options)) for o, n in by_value + by_anchor]
    pairs.sort(key=lambda pair: pair.new.index)
    return Diff(added=tuple(added), removed=tuple(removed), pairs=tuple(pairs), labels=dict(labels))


def diff_lines(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]], options: DiffOptions | None = None
) -> Diff:
    """Diff two lists of contract lines (records, document lines or blocks)."""
    options = options or DiffOptions()
    old_entries, old_labels = lines_to_entries(old, options)
    new_entries, new_labels = lines_to_entries(new, options)
    return diff_entries(old_entries, new_entries, options, {**old_labels, **new_labels})


def diff_files(old: str | Path, new: str | Path, options: DiffOptions | None = None) -> Diff:
    """Diff two JSON Lines files.

    Raises:
        DiffInputError: A file is not JSON Lines of objects with a `kind`.
    """
    return diff_lines(read_jsonl(old), read_jsonl(new), options)
