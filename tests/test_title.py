"""The document title: the metadata title only when page 1 prints it, else the masthead stack without box headings."""

from __future__ import annotations

from pipeline.layout.blocks import Block
from pipeline.layout.textmap import TextMap
from pipeline.title import document_title, is_title_line, masthead_title


def block(text: str, top: float, size: float, role: str = "heading", page: int = 1) -> Block:
    boxes = tuple((400.0 + i, top, 401.0 + i, top + size) for i in range(len(text)))
    return Block(
        f"p{page}-b{int(top)}", page, (400.0, top, 548.0, top + size), role, None, TextMap(text, boxes), size=size
    )


MASTHEAD = [
    block("Haiti", 53, 20),
    block("Tropical Storm", 78, 14),
    block("Melissa Flash Update No. 1", 97, 14),
    block("Highlights", 231, 22),
    block("Situation Update", 426, 12),
]


def test_masthead_lines_stacked_into_one_title() -> None:
    assert masthead_title(MASTHEAD) == "Haiti Tropical Storm Melissa Flash Update No. 1"


def test_box_headings_web_addresses_and_datelines_are_no_title() -> None:
    assert not is_title_line("HIGHLIGHTS")
    assert not is_title_line("Key figures")
    assert not is_title_line("www.unocha.org")
    assert not is_title_line("AS OF 8:00PM AST on 27th, OCTOBER, 2025")
    assert not is_title_line("4 November 2025")
    assert is_title_line("Situation Report #1")


def test_metadata_title_only_when_page_one_prints_it() -> None:
    assert document_title("IFRC GO", MASTHEAD) == "Haiti Tropical Storm Melissa Flash Update No. 1"
    assert document_title("Tropical Storm", MASTHEAD) == "Tropical Storm"
    assert document_title(None, [block("Highlights", 10, 20)]) is None
