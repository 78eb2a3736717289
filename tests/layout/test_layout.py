"""Layout on the fixture bulletins: every sentence whole, reading order, roles, sections, furniture.

The fixtures' truth files list the authored blocks in reading order with their roles and
sections; these tests hold the layout to them. A sentence counts as whole when it lies inside
one block, or across consecutive blocks of the same section (running headers and footers in
between do not count, as they never enter the text).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence

import pdfplumber
import pytest

from pipeline.layout.blocks import Block
from pipeline.layout.reading_order import document_blocks
from pipeline.layout.repair import repair_chars
from tests.helpers import FIXTURE_PDFS

NAMES = [pytest.param(path, id=path.stem) for path in FIXTURE_PDFS]
FURNITURE = ("header", "footer")


def normalise(text: str) -> str:
    """Text as repair writes it, whitespace collapsed: the form blocks and truth are compared in."""
    return " ".join(repair_chars(text).split())


@functools.cache
def blocks_of(path) -> tuple[Block, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(document_blocks(pdf))


def truth_of(path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))


def text_runs(blocks: Sequence[Block]) -> list[str]:
    """Texts of every block and of every run of consecutive same-section blocks (furniture skipped)."""
    flow = [b for b in blocks if b.role not in FURNITURE]
    runs = []
    for start in range(len(flow)):
        text = normalise(flow[start].text)
        runs.append(text)
        for block in flow[start + 1 :]:
            if block.section != flow[start].section:
                break
            text = f"{text} {normalise(block.text)}"
            runs.append(text)
    return runs


def whole_sentence_share(sentences: Sequence[str], blocks: Sequence[Block]) -> tuple[float, list[str]]:
    """Share of sentences found whole in one block or consecutive same-section blocks, and the misses."""
    runs = text_runs(blocks)
    misses = [s for s in sentences if not any(normalise(s) in run for run in runs)]
    return 1 - len(misses) / max(len(sentences), 1), misses


@pytest.mark.parametrize("path", NAMES)
def test_layout_every_truth_sentence_is_whole(path) -> None:
    sentences = [row["text"] for row in truth_of(path)["sentences"]]
    assert sentences, "the truth lists no sentences"
    share, misses = whole_sentence_share(sentences, blocks_of(path))
    assert share == 1.0, "\n".join(misses)


def leaks_into(furniture: str, text: str) -> bool:
    """Whether a header or footer text got into a block's text.

    A furniture text of a few words counts anywhere; a short one ("1", "Page 2") only where a
    leak would put it, at the block's start or end, since such words also occur in sentences.
    """
    if len(furniture.split()) >= 3:
        return furniture in text
    return text == furniture or text.startswith(furniture + " ") or text.endswith(" " + furniture)


@pytest.mark.parametrize("path", NAMES)
def test_layout_no_furniture_text_in_running_text(path) -> None:
    truth = truth_of(path)
    furniture = {(b["page"], normalise(b["text"])) for b in truth["blocks"] if b["role"] in FURNITURE}
    leaks = [
        f"{block.id}: {text!r}"
        for block in blocks_of(path)
        if block.role not in FURNITURE
        for page, text in furniture
        if page == block.page and leaks_into(text, normalise(block.text))
    ]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("path", NAMES)
def test_layout_furniture_is_found_on_every_page(path) -> None:
    truth = {(b["page"], b["role"], normalise(b["text"])) for b in truth_of(path)["blocks"] if b["role"] in FURNITURE}
    found = {(b.page, b.role, normalise(b.text)) for b in blocks_of(path) if b.role in FURNITURE}
    assert found == truth


def align_with_truth(path) -> tuple[list[str], list[tuple[str, str | None, str | None]], int]:
    """Walk the truth's blocks and ours side by side (furniture aside).

    Each authored block must be one of our blocks, or several in a row when a column or page
    break splits it, with the same text and role.

    Returns:
        (order or role problems, (block id, our section, truth section) per section mismatch,
        number of our blocks compared).
    """
    mine = [b for b in blocks_of(path) if b.role not in FURNITURE]
    position = 0
    problems: list[str] = []
    sections: list[tuple[str, str | None, str | None]] = []
    for expected in (b for b in truth_of(path)["blocks"] if b["role"] not in FURNITURE):
        remaining = normalise(expected["text"])
        section = normalise(expected["section"]) if expected["section"] else None
        while remaining and not problems:
            if position >= len(mine):
                problems.append(f"missing {expected['role']} {remaining[:60]!r}")
                break
            block = mine[position]
            text = normalise(block.text)
            if not remaining.startswith(text):
                problems.append(f"{block.id} reads {text[:60]!r} where {remaining[:60]!r} was expected")
                break
            if block.role != expected["role"]:
                problems.append(f"{block.id} is a {block.role}, expected a {expected['role']}: {text[:60]!r}")
            if block.section != section:
                sections.append((block.id, block.section, section))
            remaining = remaining[len(text) :].strip()
            position += 1
    if not problems and position != len(mine):
        problems.append(f"extra blocks: {[b.id for b in mine[position:]]}")
    return problems, sections, position


@pytest.mark.parametrize("path", NAMES)
def test_layout_blocks_follow_the_truth_in_order_and_role(path) -> None:
    problems, _, _ = align_with_truth(path)
    assert not problems, "\n".join(problems)


# A panel's section is decided from where it stands: the one article it sits beside or under.
# An author can still mean a box that stands under one article to belong to none; such blocks
# are the disagreements this share allows for.
SECTION_AGREEMENT = 0.9


@pytest.mark.parametrize("path", NAMES)
def test_layout_blocks_belong_to_the_truth_sections(path) -> None:
    problems, mismatches, compared = align_with_truth(path)
    assert not problems, "\n".join(problems)
    share = 1 - len(mismatches) / max(compared, 1)
    assert share >= SECTION_AGREEMENT, "\n".join(f"{i}: {ours!r}, truth {theirs!r}" for i, ours, theirs in mismatches)


@pytest.mark.parametrize("path", NAMES)
def test_layout_block_ids_count_each_page_in_order(path) -> None:
    blocks = blocks_of(path)
    for page in {b.page for b in blocks}:
        ids = [b.id for b in blocks if b.page == page]
        assert ids == [f"p{page}-b{n}" for n in range(1, len(ids) + 1)]


@pytest.mark.parametrize("path", NAMES)
def test_layout_tables_have_the_truth_cells(path) -> None:
    """Every table of the truth is a table block with its rows and header rows, and no other block is one."""
    truth = [(b["rows"], b["header_rows"]) for b in truth_of(path)["blocks"] if b["role"] == "table"]
    found = [(b.table.rows, b.table.header_rows) for b in blocks_of(path) if b.table is not None]
    assert found == truth
