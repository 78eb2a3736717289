"""The diff as a reader sees it: grouped text for a terminal or a pipe, and JSON for machines."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import click

from pipeline.review.diff import Diff, Entry, FieldChange, Group, KindSummary, Pair

# How the +/- lines of the text report state a fact: a template and the fields that fill it.
_SUMMARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "place": ("{} ({}, {})", ("value.name", "value.type", "value.country")),
    "count": ("{} {} {}", ("value.qualifier", "value.value", "value.subject")),
    "amount": ("{} {} {}", ("value.qualifier", "value.value", "value.currency")),
    "organisation": ("{} ({})", ("value.name", "value.acronym")),
    "document": ("{}, {} pages, issue date {}", ("status", "pages", "issue_date")),
}


def value_summary(entry: Entry) -> str:
    """A line's fact in a few words, for the +/- lines of the text report."""
    fields = entry.fields
    if entry.kind == "date":
        start, end = fields.get("value.start"), fields.get("value.end")
        span = start if start == end else f"{start or '…'}..{end or '…'}"
        return f"{span} {fields.get('value.granularity')}"
    if entry.kind == "block":
        return f"{fields.get('role')}: {shorten(str(fields.get('text', '')), 90)}"
    if entry.kind in _SUMMARIES:
        template, names = _SUMMARIES[entry.kind]
        return template.format(*(fields.get(name) for name in names))
    return shorten(entry.key, 90)


def shorten(text: str, width: int) -> str:
    """At most `width` characters, an ellipsis marking a cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def show(value: Any) -> str:
    """A field value as JSON, so a reader sees "40" and 40 apart."""
    if isinstance(value, tuple):
        value = list(value)
    return shorten(json.dumps(value, ensure_ascii=False), 120)


# Characters of common text kept on each side of the part of a long string that changed.
_CONTEXT = 30


def show_change(change: FieldChange) -> str:
    """Old → new; of two long strings only the part that differs, with a little context."""
    old, new = change.old, change.new
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= 120:
        return f"{show(old)} → {show(new)}"
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    cut = max(0, start - _CONTEXT)

    def excerpt(text: str) -> str:
        middle = text[cut : len(text) - max(0, tail - _CONTEXT)]
        return ("…" if cut else "") + show(middle) + ("…" if tail > _CONTEXT else "")

    return f"{excerpt(old)} → {excerpt(new)}"


def where(entry: Entry) -> str:
    """Page and quoted text of a record, or the id of a block, to find it in the PDF."""
    if entry.kind == "block":
        return str(entry.fields.get("id") or (f"p{entry.page}" if entry.page is not None else ""))
    page = f"p{entry.page} " if entry.page is not None else ""
    text = entry.fields.get("text")
    return page + (json.dumps(shorten(str(text), 70), ensure_ascii=False) if text else "")


def document_heading(group: Group) -> str:
    """The document's source, with its key when that says something the source does not."""
    if group.doc and group.doc not in group.label:
        return f"{group.label} ({shorten(group.doc, 20)})"
    return group.label


def iter_group_lines(group: Group, style: Callable[..., str], show_moves: bool) -> Iterator[str]:
    """The text report of one document-and-kind group."""
    changed, moved = group.of_status("changed"), group.of_status("moved")
    counts = f"+{len(group.added)} -{len(group.removed)} ~{len(changed)}" + (f" moved {len(moved)}" if moved else "")
    yield f"  {style(group.kind, bold=True)}  {counts}"
    listed: list[tuple[int, str, Iterable[str]]] = []
    for pair in changed + (moved if show_moves else ()):
        details = [f"        {c.field}: {show_change(c)}" for c in pair.changes] + [
            f"        {c.field}: {show_change(c)} (moved)" for c in pair.moves
        ]
        mark = style("~", fg="yellow") if pair.changes else style(">", fg="cyan")
        listed.append((pair.new.index, f"    {mark} {where(pair.new)}".rstrip(), details))
    for entry in group.removed:
        listed.append((entry.index, style(f"    - {where(entry)}: {value_summary(entry)}", fg="red"), ()))
    for entry in group.added:
        listed.append((entry.index, style(f"    + {where(entry)}: {value_summary(entry)}", fg="green"), ()))
    for _, head, lines in sorted(listed, key=lambda item: item[0]):
        yield head
        yield from lines


def summary_table(summary: Mapping[str, KindSummary]) -> list[str]:
    """Counts per kind and in total, as aligned text."""
    columns = [f.name for f in dataclasses.fields(KindSummary)]
    rows = [(kind, dataclasses.astuple(counts)) for kind, counts in summary.items()]
    total = sum(summary.values(), KindSummary())
    rows.append(("total", dataclasses.astuple(total)))
    lines = [f"{'kind':<14}" + "".join(f"{c:>11}" for c in columns)]
    lines.extend(f"{kind:<14}" + "".join(f"{n:>11}" for n in numbers) for kind, numbers in rows)
    return lines


def diff_to_text(diff: Diff, styled: bool = True, show_moves: bool = False, limit: int | None = None) -> str:
    """The human report: differences by document and kind, then the summary table.

    Args:
        diff: The diff.
        styled: Mark additions, removals and changes with ANSI colours (click strips them
            again when the output is not a terminal).
        show_moves: Also list lines that only moved (page, bbox or block).
        limit: List at most this many lines of differences (the summary always follows), so
            a test failure stays readable; None lists all.

    Returns:
        The report, ending in a newline.
    """
    style = click.style if styled else (lambda text, **_: text)
    out: list[str] = []
    current_doc = None
    for group in diff.groups():
        if not (
            group.added or group.removed or group.of_status("changed") or (show_moves and group.of_status("moved"))
        ):
            continue
        if group.doc != current_doc:
            current_doc = group.doc
            out.append(style(document_heading(group), bold=True))
        out.extend(iter_group_lines(group, style, show_moves))
    if not out:
        out.append("no differences")
    if limit is not None and len(out) > limit:
        out[limit:] = [f"… {len(out) - limit} more lines: run `bulletins diff` on the two files for all of them"]
    out.append("")
    out.extend(summary_table(diff.summary()))
    return "\n".join(out) + "\n"


def diff_to_json(diff: Diff) -> dict[str, Any]:
    """The machine report: `equal`, the summary per kind, and every difference with its lines."""

    def pair_json(pair: Pair) -> dict[str, Any]:
        return {
            "old": pair.old.data,
            "new": pair.new.data,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in pair.changes],
            "moves": [{"field": c.field, "old": c.old, "new": c.new} for c in pair.moves],
        }

    return {
        "equal": diff.equal,
        "summary": {kind: dataclasses.asdict(counts) for kind, counts in diff.summary().items()},
        "groups": [
            {
                "document": group.doc,
                "label": group.label,
                "kind": group.kind,
                "added": [entry.data for entry in group.added],
                "removed": [entry.data for entry in group.removed],
                "changed": [pair_json(pair) for pair in group.of_status("changed")],
                "moved": [pair_json(pair) for pair in group.of_status("moved")],
            }
            for group in diff.groups()
            if group.added or group.removed or any(pair.status in ("changed", "moved") for pair in group.pairs)
        ],
    }
