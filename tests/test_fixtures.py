"""The fixture generator: committed files match a fresh render, and truth and gold are sound."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pdfplumber
import pytest

from fixtures.generator.generate import FixtureFiles, fixture_to_files, main
from fixtures.generator.render import pdf_date
from fixtures.generator.typesetting import text_width
from fixtures.generator.values import VALUE_KEYS
from fixtures.texts import all_fixtures
from tests.helpers import FIXTURES

FIXTURE_LIST = all_fixtures()
NAMES = [pytest.param(fixture.name, id=fixture.name) for fixture in FIXTURE_LIST]
SENTENCE_ROLES = {"body", "sidebar", "list_item", "caption"}
QUALIFIERS = {"exact", "approximate", "more_than", "at_least", "less_than", "at_most"}
GRANULARITIES = {"day", "month", "quarter", "season", "year", "decade"}
PLACE_TYPES = {"country", "region", "admin_area", "city", "site"}
MAX_PDF_BYTES = 40_000
REGENERATE = "python -m fixtures.generator.generate"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture rendered afresh into a temporary folder by the command itself."""
    folder = tmp_path_factory.mktemp("fixtures")
    assert main(["--out", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def rendered() -> dict[str, FixtureFiles]:
    """Every fixture's files in memory, with the layout they came from."""
    return {fixture.name: fixture_to_files(fixture) for fixture in FIXTURE_LIST}


def committed(name: str, suffix: str) -> Path:
    path = FIXTURES / f"{name}{suffix}"
    if not path.exists():
        pytest.fail(f"{path.name} is missing; create it with `{REGENERATE}`")
    return path


def truth_of(name: str) -> dict:
    return json.loads(committed(name, ".truth.json").read_text(encoding="utf-8"))


def gold_of(name: str) -> list[dict]:
    return [json.loads(line) for line in committed(name, ".gold.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".pdf", ".truth.json", ".gold.jsonl"])
def test_fixtures_regenerate_identically(name: str, suffix: str, regenerated: Path) -> None:
    fresh = (regenerated / f"{name}{suffix}").read_bytes()
    assert committed(name, suffix).read_bytes() == fresh, f"{name}{suffix} is stale; run `{REGENERATE}`"


@pytest.mark.parametrize("name", NAMES)
def test_fixtures_sentences_tile_their_paragraphs(name: str) -> None:
    truth = truth_of(name)
    sentences = iter(truth["sentences"])
    for block in truth["blocks"]:
        if block["role"] not in SENTENCE_ROLES:
            continue
        own = []
        while " ".join(own) != block["text"]:
            row = next(sentences)
            assert row["text"] in block["text"], f"sentence {row['text']!r} is not in its paragraph"
            assert (row["section"], row["role"]) == (block["section"], block["role"])
            own.append(row["text"])
    assert next(sentences, None) is None


@pytest.mark.parametrize("name", NAMES)
def test_fixtures_gold_mentions_occur_in_the_text(name: str) -> None:
    texts = [block["text"] for block in truth_of(name)["blocks"]]
    missing = [fact["text"] for fact in gold_of(name) if not any(fact["text"] in text for text in texts)]
    assert not missing


def _check_value(kind: str, value: dict) -> None:
    required, optional = VALUE_KEYS[kind]
    assert required <= value.keys() <= required | optional, f"{kind} value keys {sorted(value)}"
    if kind == "date":
        bounds = [dt.date.fromisoformat(value[key]) for key in ("start", "end") if value[key] is not None]
        assert bounds and bounds == sorted(bounds)
        assert value["granularity"] in GRANULARITIES and isinstance(value["inferred_year"], bool)
    elif kind == "place":
        assert value["type"] in PLACE_TYPES
        assert value["country"] is None or (len(value["country"]) == 2 and value["country"].isupper())
    elif kind in ("count", "amount"):
        assert isinstance(value["value"], int | float) and value["value"] > 0
        assert value["qualifier"] in QUALIFIERS
    if kind == "amount":
        assert len(value["currency"]) == 3 and value["currency"].isupper()
    if kind == "organisation":
        assert value["name"] and value["acronym"] != ""


@pytest.mark.parametrize("name", NAMES)
def test_fixtures_gold_lines_parse(name: str) -> None:
    lines = committed(name, ".gold.jsonl").read_text(encoding="utf-8").splitlines()
    facts = [json.loads(line) for line in lines]
    assert facts, "every fixture has gold facts"
    for line, fact in zip(lines, facts, strict=True):
        assert line == json.dumps(fact, ensure_ascii=False, sort_keys=True)
        assert set(fact) == {"kind", "text", "value"}
        _check_value(fact["kind"], fact["value"])
    keys = [(fact["kind"], json.dumps(fact["value"], sort_keys=True)) for fact in facts]
    assert len(keys) == len(set(keys)), "a fact appears once"


@pytest.mark.parametrize("name", NAMES)
def test_fixtures_subset_counts_name_a_count_of_the_gold(name: str) -> None:
    facts = gold_of(name)
    counts = {fact["text"] for fact in facts if fact["kind"] == "count"}
    for fact in facts:
        parent = fact["value"].get("part_of_text")
        assert parent is None or parent in counts


@pytest.mark.parametrize("fixture", [pytest.param(f, id=f.name) for f in FIXTURE_LIST])
def test_fixtures_pdf_metadata_matches_the_truth(fixture) -> None:
    truth = truth_of(fixture.name)
    path = committed(fixture.name, ".pdf")
    assert path.stat().st_size < MAX_PDF_BYTES
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == truth["pages"]
        assert [round(v, 2) for v in pdf.pages[0].mediabox[2:]] == [
            truth["page_size"]["width"],
            truth["page_size"]["height"],
        ]
        assert pdf.metadata["Title"] == truth["title"]
        assert pdf.metadata["CreationDate"] == pdf_date(dt.datetime.fromisoformat(truth["creation_date"]))


@pytest.mark.parametrize("name", NAMES)
def test_fixtures_every_line_is_printed_where_the_layout_puts_it(name: str, rendered: dict[str, FixtureFiles]) -> None:
    """The committed PDF shows each laid-out line at its place, so the truth describes the PDF."""
    layout = rendered[name].layout
    with pdfplumber.open(committed(name, ".pdf")) as pdf:
        chars = [[c for c in page.chars if not c["text"].isspace()] for page in pdf.pages]
    for line in layout.lines:
        left = line.x + line.line.offsets[0] - 0.5
        right = line.x + line.line.offsets[-1] + text_width(line.line.pieces[-1], line.style) + 0.5
        found = sorted(
            (
                c
                for c in chars[line.page - 1]
                if c["top"] < line.baseline < c["bottom"] + 0.01 and left <= c["x0"] < right
            ),
            key=lambda c: c["x0"],
        )
        assert "".join(c["text"] for c in found) == "".join(line.line.pieces).replace(" ", ""), line


def test_fixtures_milestones_breaks_words_at_line_ends(rendered: dict[str, FixtureFiles]) -> None:
    breaks = {(b.head, b.tail.rstrip(",."), b.kind) for b in rendered["milestones_2018"].layout.breaks}
    expected = {
        ("inves-", "tigations", "soft"),
        ("suc-", "cessfully", "soft"),
        ("successful-", "ly", "soft"),
        ("anti-", "trafficking", "hard"),
        ("cross-", "border", "hard"),
        ("Information-", "Analytical", "hard"),
        ("2018\u2013", "2021", "hard"),
    }
    assert expected <= breaks


def test_fixtures_milestones_splits_paragraphs_across_columns_and_pages(rendered: dict[str, FixtureFiles]) -> None:
    blocks = rendered["milestones_2018"].layout.blocks
    across_pages = [b for b in blocks if any(page > b.page for page in b.split_pages)]
    assert across_pages, "a paragraph runs on to the next page"
    mid_sentence = []
    for block in blocks:
        ends = {len(" ".join(s.text for s in block.sentences[: i + 1]).split(" ")) for i in range(len(block.sentences))}
        mid_sentence += [
            block
            for at, page in zip(block.split_words, block.split_pages, strict=True)
            if page == block.page and at not in ends
        ]
    assert mid_sentence, "a paragraph breaks to the next column in the middle of a sentence"
