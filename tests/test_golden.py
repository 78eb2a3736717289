"""Golden files: each fixture's records and blocks compared with the committed output, via the diff."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from pipeline.review.diff import DiffOptions, diff_lines, read_jsonl
from pipeline.review.diff_report import diff_to_text
from pipeline.version import release_part
from tests.helpers import FIXTURE_PDFS, FIXTURES, PROJECT_ROOT, make_text_pdf

NAMES = [pytest.param(path.stem, id=path.stem) for path in FIXTURE_PDFS]
UPDATE = "python -m pytest tests/test_golden.py --update-golden"
# A failing golden shows at most this many lines of differences, then the summary table.
REPORT_LIMIT = 80


def lines_to_golden_text(lines: Sequence[dict[str, Any]]) -> str:
    """One line per JSON object, keys sorted, so a git diff shows individual records."""
    return "".join(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n" for line in lines)


def result_to_golden_lines(result, source: str) -> list[dict[str, Any]]:
    """The `extract` lines of a fixture, its source as a project-relative path (never this machine's).

    `pipeline_version` is kept to its release part: its digest of the code changes with every
    commit by design (tests/test_version.py checks it), while a golden records output.
    """
    document = result.document.model_dump(mode="json") | {"source": source}
    document["pipeline_version"] = release_part(document["pipeline_version"])
    return [document, *(record.model_dump(mode="json") for record in result.records)]


def blocks_of(path: Path) -> list[dict[str, Any]]:
    """The `blocks` lines of a PDF: layout only, no language model."""
    from pipeline.pdf import read_source
    from pipeline.run import read_layout

    layout = read_layout(read_source(path))
    return [block.to_line(layout.source.doc_id).model_dump(mode="json") for block in layout.blocks]


def check_golden(golden: Path, lines: Sequence[dict[str, Any]], update: bool) -> None:
    """Compare output lines with a golden file, or rewrite it.

    On a difference the test fails with the record-level diff (golden = old, output = new),
    not with a dump of both files.
    """
    text = lines_to_golden_text(lines)
    if update:
        golden.write_text(text, encoding="utf-8")
        return
    relative = golden.relative_to(PROJECT_ROOT) if golden.is_relative_to(PROJECT_ROOT) else golden
    if not golden.exists():
        pytest.fail(f"{relative} does not exist; create it with `{UPDATE}`, review it and commit it", pytrace=False)
    diff = diff_lines(read_jsonl(golden), lines, DiffOptions.strict())
    if not diff.equal:
        pytest.fail(
            f"{relative} (old) differs from the pipeline output (new). If the change is intended, run "
            f"`{UPDATE}` and commit the golden with a reviewed reason.\n\n"
            + diff_to_text(diff, styled=False, limit=REPORT_LIMIT),
            pytrace=False,
        )
    if golden.read_text(encoding="utf-8") != text:
        pytest.fail(f"{relative} holds the same lines in another layout; rewrite it with `{UPDATE}`", pytrace=False)


@pytest.fixture(scope="session")
def fixture_blocks() -> Callable[[str], list[dict[str, Any]]]:
    """Block lines per fixture, laid out once per session."""
    cache: dict[str, list[dict[str, Any]]] = {}

    def blocks(name: str) -> list[dict[str, Any]]:
        if name not in cache:
            cache[name] = blocks_of(FIXTURES / f"{name}.pdf")
        return cache[name]

    return blocks


@pytest.mark.parametrize("name", NAMES)
def test_golden_records(name: str, fixture_output, update_golden: bool) -> None:
    lines = result_to_golden_lines(fixture_output(name), f"fixtures/{name}.pdf")
    check_golden(FIXTURES / f"{name}.jsonl", lines, update_golden)


@pytest.mark.parametrize("name", NAMES)
def test_golden_blocks(name: str, fixture_blocks, update_golden: bool) -> None:
    check_golden(FIXTURES / f"{name}.blocks.jsonl", fixture_blocks(name), update_golden)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A generated one-page bulletin and its pipeline output, to test the golden machinery itself."""
    from pipeline.run import extract_document
    from pipeline.settings import Settings

    pdf = make_text_pdf(
        tmp_path_factory.mktemp("golden") / "probe.pdf",
        [
            "On 2 March 2018 UNODC trained 40 officers in Bishkek.",
            "Since April 2017, over 40 sports coaches joined the programme in Osh.",
        ],
    )
    result = extract_document(pdf, Settings(strict=True, workers=1))
    return pdf, result_to_golden_lines(result, "fixtures/probe.pdf")


def test_golden_update_writes_sorted_keys_and_then_passes(probe, tmp_path: Path) -> None:
    _, lines = probe
    golden = tmp_path / "probe.jsonl"
    check_golden(golden, lines, update=True)
    written = golden.read_text(encoding="utf-8").splitlines()
    assert len(written) == len(lines) > 1
    assert all(list(json.loads(line)) == sorted(json.loads(line)) for line in written)
    assert json.loads(written[0])["source"] == "fixtures/probe.pdf"
    check_golden(golden, lines, update=False)


def test_golden_missing_file_names_the_command(probe, tmp_path: Path) -> None:
    _, lines = probe
    with pytest.raises(pytest.fail.Exception, match="--update-golden"):
        check_golden(tmp_path / "absent.jsonl", lines, update=False)


def test_golden_failure_message_is_the_readable_diff(probe, tmp_path: Path) -> None:
    """A changed record fails with the record-level diff, not with both files dumped."""
    _, lines = probe
    golden = tmp_path / "probe.jsonl"
    check_golden(golden, lines, update=True)
    edited = [dict(line) for line in lines]
    index = next(i for i, line in enumerate(edited) if line["kind"] == "date" and line["text"] == "2 March 2018")
    edited[index] = dict(edited[index], value=dict(edited[index]["value"], end="2018-03-03"))
    with pytest.raises(pytest.fail.Exception) as info:
        check_golden(golden, edited, update=False)
    message = str(info.value)
    assert 'value.end: "2018-03-02" → "2018-03-03"' in message
    assert "  date  +0 -0 ~1" in message
    assert len(message.splitlines()) < 25


def test_golden_detects_a_moved_record_and_a_layout_only_change(probe, tmp_path: Path) -> None:
    _, lines = probe
    golden = tmp_path / "probe.jsonl"
    check_golden(golden, lines, update=True)
    moved = [
        dict(line, bbox=[line["bbox"][0] + 1, *line["bbox"][1:]]) if line["kind"] == "place" else line for line in lines
    ]
    with pytest.raises(pytest.fail.Exception, match=r"bbox: \[.*\] → \["):
        check_golden(golden, moved, update=False)
    golden.write_text(golden.read_text(encoding="utf-8").replace('", "', '","'), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="another layout"):
        check_golden(golden, lines, update=False)


def test_golden_blocks_show_a_role_change(probe, tmp_path: Path) -> None:
    pdf, _ = probe
    blocks = blocks_of(pdf)
    golden = tmp_path / "probe.blocks.jsonl"
    check_golden(golden, blocks, update=True)
    relabelled = [dict(blocks[0], role="sidebar" if blocks[0]["role"] != "sidebar" else "body"), *blocks[1:]]
    with pytest.raises(pytest.fail.Exception, match=r"role: \"\w+\" → \"\w+\""):
        check_golden(golden, relabelled, update=False)
