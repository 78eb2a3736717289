"""The record-level diff on hand-made record files: keys, pairing, changes, reports, exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.review.diff import DiffOptions, diff_lines
from pipeline.review.diff_report import diff_to_json, diff_to_text

DOC_A = "sha256:" + "a" * 64
DOC_B = "sha256:" + "b" * 64


def document(doc_id: str = DOC_A, source: str = "archive/milestones.pdf", **extra: Any) -> dict[str, Any]:
    return {
        "kind": "document", "doc_id": doc_id, "source": source, "pages": 4, "title": "Milestones",
        "issue_date": "2018-03-12", "status": "ok", "error": None, "schema_version": "1",
        "counts": {"date": 0, "place": 0, "count": 0, "amount": 0, "organisation": 0}, **extra,
    }  # fmt: skip


def record(
    kind: str, text: str, value: dict[str, Any], page: int = 1, top: float = 100.0, doc_id: str = DOC_A, **extra: Any
) -> dict[str, Any]:
    block = extra.pop("block", f"p{page}-b1")
    return {
        "kind": kind, "id": f"{doc_id[7:19]}:{block}:{int(top)}-{int(top) + len(text)}:{kind}", "doc_id": doc_id,
        "page": page, "bbox": [72.0, top, 72.0 + 5 * len(text), top + 10], "block": block, "section": None,
        "text": text, "sentence": f"It says {text}.", "value": value, "extractor": f"{kind}s.rules",
        "confidence": 0.8, **extra,
    }  # fmt: skip


def date(text: str, start: str, end: str, granularity: str = "day", **where: Any) -> dict[str, Any]:
    return record(
        "date", text, {"start": start, "end": end, "granularity": granularity, "inferred_year": False}, **where
    )


def count(text: str, number: int, subject: str, part_of: str | None = None, **where: Any) -> dict[str, Any]:
    return record(
        "count", text, {"value": number, "qualifier": "exact", "subject": subject, "part_of": part_of}, **where
    )


def place(name: str, **where: Any) -> dict[str, Any]:
    value = {"name": name, "type": "city", "country": "KG", "geonames_id": None, "lat": None, "lon": None}
    return record("place", name, value, **where)


def block(text: str, role: str = "body", page: int = 1, n: int = 1) -> dict[str, Any]:
    return {
        "kind": "block", "doc_id": DOC_A, "page": page, "id": f"p{page}-b{n}",
        "bbox": [72.0, 100.0 * n, 300.0, 100.0 * n + 40], "role": role, "section": None, "text": text,
    }  # fmt: skip


def base() -> list[dict[str, Any]]:
    """A small run: a document line and records of every sort the cases edit."""
    return [
        document(),
        date("March 2018", "2018-03-01", "2018-03-31", "month", top=100),
        place("Bishkek", top=120),
        count("1394 practitioners", 1394, "practitioners", top=140),
        place("Osh", page=2, top=100),
        date("8 March", "2018-03-08", "2018-03-08", page=2, top=130),
    ]


def with_changes(lines: list[dict[str, Any]], index: int, **fields: Any) -> list[dict[str, Any]]:
    changed = copy.deepcopy(lines)
    for name, value in fields.items():
        target = changed[index]
        *path, last = name.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    return changed


def summary_of(old: list[dict[str, Any]], new: list[dict[str, Any]], **options: Any) -> dict[str, dict[str, int]]:
    return diff_to_json(diff_lines(old, new, DiffOptions(**options)))["summary"]


def test_diff_identical_runs_are_equal() -> None:
    result = diff_lines(base(), base())
    assert result.equal
    assert sum(counts.unchanged for counts in result.summary().values()) == len(base())


def test_diff_added_record() -> None:
    new = [*base(), place("Naryn", page=2, top=200)]
    result = diff_lines(base(), new)
    assert not result.equal
    assert [entry.data["text"] for entry in result.added] == ["Naryn"]
    assert not result.removed
    assert summary_of(base(), new)["place"] == {"added": 1, "removed": 0, "changed": 0, "moved": 0, "unchanged": 2}


def test_diff_removed_record() -> None:
    new = [line for line in base() if line.get("text") != "Osh"]
    result = diff_lines(base(), new)
    assert [entry.data["text"] for entry in result.removed] == ["Osh"]
    assert not result.added and not result.equal


def test_diff_changed_value_pairs_by_page_and_text() -> None:
    """A date whose end moved by a day is one changed record, not a removal and an addition."""
    new = with_changes(base(), 1, value__end="2018-03-30")
    result = diff_lines(base(), new)
    assert not result.added and not result.removed
    [pair] = [pair for pair in result.pairs if pair.status == "changed"]
    assert [(c.field, c.old, c.new) for c in pair.changes] == [("value.end", "2018-03-31", "2018-03-30")]
    assert 'value.end: "2018-03-31" → "2018-03-30"' in diff_to_text(result, styled=False)


def test_diff_changed_non_value_field_on_the_same_fact() -> None:
    new = with_changes(base(), 2, extractor="places.ner", confidence=0.55)
    [pair] = [pair for pair in diff_lines(base(), new).pairs if pair.status == "changed"]
    assert {c.field: (c.old, c.new) for c in pair.changes} == {
        "confidence": (0.8, 0.55),
        "extractor": ("places.rules", "places.ner"),
    }


def test_diff_value_and_text_both_changed_is_removed_plus_added() -> None:
    new = with_changes(base(), 2, text="Bishkek city", value__name="Bishkek City")
    result = diff_lines(base(), new)
    assert [e.data["text"] for e in result.removed] == ["Bishkek"]
    assert [e.data["text"] for e in result.added] == ["Bishkek city"]


def test_diff_moved_but_equal_records_are_equal() -> None:
    """Same facts in another order, with new ids and boxes (text inserted above): equal."""
    old = base()
    new = [old[0]] + [
        dict(line, id=line["id"] + "-shifted", bbox=[72.0, line["bbox"][1] + 40, 200.0, line["bbox"][3] + 40])
        for line in reversed(old[1:])
    ]
    result = diff_lines(old, new)
    assert result.equal
    assert sum(counts.moved for counts in result.summary().values()) == len(old) - 1
    assert "no differences" in diff_to_text(result, styled=False)


def test_diff_positions_option_counts_moves_as_changes() -> None:
    new = with_changes(base(), 4, page=3, block="p3-b1")
    assert diff_lines(base(), new).equal
    strict = diff_lines(base(), new, DiffOptions(positions=True))
    [pair] = [pair for pair in strict.pairs if pair.status == "changed"]
    assert {c.field for c in pair.changes} == {"page", "block"}


def test_diff_strict_compares_ids() -> None:
    new = with_changes(base(), 3, id="other-id")
    assert diff_lines(base(), new).equal
    assert not diff_lines(base(), new, DiffOptions.strict(documents="doc_id")).equal


@pytest.mark.parametrize(
    ("old_pages", "new_pages", "added_pages", "removed_pages"),
    [
        pytest.param([1, 3], [1, 3, 4], [4], [], id="third-mention-added-far-page"),
        pytest.param([1, 3, 4], [1, 4], [], [3], id="middle-mention-removed"),
        pytest.param([1, 1], [1, 1], [], [], id="same-multiset"),
        pytest.param([2, 5], [5, 2], [], [], id="same-multiset-reordered"),
    ],
)
def test_diff_repeated_values_match_as_a_multiset(old_pages, new_pages, added_pages, removed_pages) -> None:
    """The same value mentioned several times: counted per mention, paired with the nearest page."""
    old = [document()] + [place("Bishkek", page=p) for p in old_pages]
    new = [document()] + [place("Bishkek", page=p) for p in new_pages]
    result = diff_lines(old, new, DiffOptions(positions=True))
    assert [e.page for e in result.added] == added_pages
    assert [e.page for e in result.removed] == removed_pages
    assert all(pair.status == "unchanged" for pair in result.pairs)


def test_diff_part_of_compares_the_parent_not_its_id() -> None:
    parent_old = count("1394 practitioners", 1394, "practitioners", top=140)
    parent_new = dict(parent_old, id="new-parent-id")
    child_old = count("573 women", 573, "women", part_of=parent_old["id"], top=150)
    child_new = count("573 women", 573, "women", part_of="new-parent-id", top=150)
    assert diff_lines([document(), parent_old, child_old], [document(), parent_new, child_new]).equal
    other = count("40 coaches", 40, "coaches", top=170)
    relinked = count("573 women", 573, "women", part_of=other["id"], top=150)
    result = diff_lines([document(), parent_old, child_old], [document(), parent_old, relinked, other])
    [pair] = [pair for pair in result.pairs if pair.status == "changed"]
    assert [(c.field, c.old, c.new) for c in pair.changes] == [
        ("value.part_of", "1394 practitioners (p1)", "40 coaches (p1)")
    ]


def test_diff_documents_by_source_survive_a_changed_pdf() -> None:
    """A regenerated PDF (new hash) is compared by file name with --by source."""
    old = base()
    new = [dict(line, doc_id=DOC_B) for line in old]
    by_hash = diff_lines(old, new)
    assert len(by_hash.added) == len(by_hash.removed) == len(old)
    by_source = diff_lines(old, new, DiffOptions(documents="source"))
    [pair] = [pair for pair in by_source.pairs if pair.status == "changed"]
    assert pair.new.kind == "document"
    assert [c.field for c in pair.changes] == ["doc_id"]
    assert not by_source.added and not by_source.removed


def test_diff_documents_are_kept_apart() -> None:
    """The same fact in two documents: removing it from one is a removal there only."""
    old = [document(), place("Osh"), document(DOC_B, "archive/border.pdf"), place("Osh", doc_id=DOC_B)]
    new = [document(), place("Osh"), document(DOC_B, "archive/border.pdf")]
    result = diff_lines(old, new)
    assert [(e.doc, e.kind) for e in result.removed] == [(DOC_B, "place")]
    assert [group.label for group in result.groups() if group.removed] == ["archive/border.pdf"]


def test_diff_blocks_role_change() -> None:
    old = [block("MILESTONES", "heading", n=1), block("Gender equality and the empowerment of women.", n=2)]
    new = [block("MILESTONES", "header", n=1), block("Gender equality and the empowerment of women.", n=2)]
    result = diff_lines(old, new)
    [pair] = [pair for pair in result.pairs if pair.status == "changed"]
    assert [(c.field, c.old, c.new) for c in pair.changes] == [("role", "heading", "header")]


def test_diff_blocks_text_change_pairs_by_page_and_id() -> None:
    old = [block("UN- ODC works", n=1)]
    new = [block("UNODC works", n=1)]
    [pair] = diff_lines(old, new).pairs
    assert [(c.field, c.old, c.new) for c in pair.changes] == [("text", "UN- ODC works", "UNODC works")]


def test_diff_long_text_change_shows_where_it_differs() -> None:
    """A one-word change deep inside a paragraph is shown with its context, not cut off before it."""
    words = [f"word{n}" for n in range(80)]
    old = [block(" ".join(words), n=1)]
    new = [block(" ".join([*words[:50], "CHANGED", *words[51:]]), n=1)]
    text = diff_to_text(diff_lines(old, new), styled=False)
    [line] = [line for line in text.splitlines() if line.strip().startswith("text:")]
    assert "word50" in line and "CHANGED" in line
    assert line.count("…") == 4 and len(line) < 200
    assert "    ~ p1-b1" in text


def test_diff_text_report_groups_by_document_and_kind_with_a_summary() -> None:
    new = [*with_changes(base(), 1, value__end="2018-03-30"), place("Naryn", page=2, top=200)]
    new = [line for line in new if line.get("text") != "1394 practitioners"]
    text = diff_to_text(diff_lines(base(), new), styled=False)
    assert text.splitlines()[0].startswith("archive/milestones.pdf")
    assert "  date  +0 -0 ~1" in text and "  place  +1 -0 ~0" in text and "  count  +0 -1 ~0" in text
    assert '    + p2 "Naryn": Naryn (city, KG)' in text
    assert '    - p1 "1394 practitioners": exact 1394 practitioners' in text
    table = text.split("\n\n")[1].splitlines()
    assert table[0].split() == ["kind", "added", "removed", "changed", "moved", "unchanged"]
    assert table[-1].split() == ["total", "1", "1", "1", "0", "4"]
    assert "\x1b[" not in text


def test_diff_text_report_limit_keeps_the_summary() -> None:
    new = [document()] + [place(f"Town {n}", top=100 + n) for n in range(30)]
    text = diff_to_text(diff_lines([document()], new), styled=False, limit=5)
    listing, table = text.split("\n\n")
    assert len(listing.splitlines()) == 6 and "27 more lines" in listing  # 32 lines: heading, kind line, 30 additions
    assert table.splitlines()[-1].split()[:2] == ["total", "30"]


def write_jsonl(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("new_lines", "args", "status"),
    [
        pytest.param(base(), [], 0, id="equal"),
        pytest.param(with_changes(base(), 2, confidence=0.1), [], 1, id="changed"),
        pytest.param(with_changes(base(), 2, confidence=0.1), ["--ignore", "confidence"], 0, id="ignored-field"),
        pytest.param(with_changes(base(), 4, bbox=[1.0, 2.0, 3.0, 4.0]), [], 0, id="moved"),
        pytest.param(with_changes(base(), 4, bbox=[1.0, 2.0, 3.0, 4.0]), ["--positions"], 1, id="moved-with-positions"),
        pytest.param(with_changes(base(), 4, id="x"), ["--strict"], 1, id="strict-id"),
        pytest.param(base(), ["--format", "json"], 0, id="json-equal"),
    ],
)
def test_diff_cli_exit_status(tmp_path: Path, new_lines, args, status) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    new = write_jsonl(tmp_path / "new.jsonl", new_lines)
    result = CliRunner().invoke(cli, ["diff", *args, str(old), str(new)])
    assert result.exit_code == status, result.output


def test_diff_cli_json_format(tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    new = write_jsonl(tmp_path / "new.jsonl", with_changes(base(), 1, value__end="2018-03-30"))
    result = CliRunner().invoke(cli, ["diff", "--format", "json", str(old), str(new)])
    report = json.loads(result.output)
    assert report["equal"] is False
    [group] = report["groups"]
    assert (group["kind"], group["label"]) == ("date", "archive/milestones.pdf")
    assert group["changed"][0]["changes"] == [{"field": "value.end", "old": "2018-03-31", "new": "2018-03-30"}]


def test_diff_cli_colour_only_on_a_terminal(tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    new = write_jsonl(tmp_path / "new.jsonl", base()[:-1])
    piped = CliRunner().invoke(cli, ["diff", str(old), str(new)])
    terminal = CliRunner().invoke(cli, ["diff", str(old), str(new)], color=True)
    assert "\x1b[" not in piped.output
    assert "\x1b[31m" in terminal.output  # removals in red


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{not json\n", id="not-json"),
        pytest.param('["kind", "date"]\n', id="not-an-object"),
        pytest.param('{"text": "no kind"}\n', id="no-kind"),
    ],
)
def test_diff_cli_bad_input_is_trouble_not_a_difference(tmp_path: Path, content: str) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(old), str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output


def test_diff_cli_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    result = CliRunner().invoke(cli, ["diff", str(old), str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "env", "terminal", "coloured"),
    [
        pytest.param([], {}, False, False, id="auto-piped"),
        pytest.param([], {}, True, True, id="auto-terminal"),
        pytest.param([], {"NO_COLOR": "1"}, True, False, id="auto-terminal-no-color"),
        pytest.param([], {"NO_COLOR": ""}, True, True, id="auto-terminal-empty-no-color-ignored"),
        pytest.param(["--color", "always"], {}, False, True, id="always-piped"),
        pytest.param(["--color", "always"], {"NO_COLOR": "1"}, False, True, id="always-beats-no-color"),
        pytest.param(["--color", "never"], {}, True, False, id="never-terminal"),
    ],
)
def test_diff_cli_color_option_and_no_color(
    tmp_path: Path, args: list[str], env: dict[str, str], terminal: bool, coloured: bool
) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", base())
    new = write_jsonl(tmp_path / "new.jsonl", base()[:-1])
    result = CliRunner().invoke(cli, ["diff", *args, str(old), str(new)], color=terminal, env={"NO_COLOR": None, **env})
    assert result.exit_code == 1
    assert ("\x1b[31m" in result.output) is coloured
    assert "8 March" in result.output  # the report itself is there either way
