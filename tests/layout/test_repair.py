"""Text repair: which line-end hyphens are joined, which kept, and the box map."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.layout.repair import Vocabulary, join_lines, mend_split_word, repair_chars, should_join
from pipeline.layout.textmap import TextMap


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        pytest.param("strat", "egies", True, id="split-word"),
        pytest.param("inves", "tigations", True, id="split-word-2"),
        pytest.param("successful", "ly", True, id="split-suffix"),
        pytest.param("UN", "ODC", True, id="split-acronym"),
        pytest.param("UNO", "DC", True, id="split-acronym-2"),
        pytest.param("anti", "trafficking", False, id="prefix-anti"),
        pytest.param("cross", "border", False, id="prefix-cross"),
        pytest.param("Information", "Analytical", False, id="capitalised-compound"),
        pytest.param("UNODC", "World", False, id="acronym-then-name"),
        pytest.param("2018", "2021", False, id="digits"),
        pytest.param("Sub", "Programme", False, id="capitalised-prefix"),
        pytest.param("(UN", "ODC),", True, id="acronym-in-brackets"),
        pytest.param("Kyr", "gyzstan", True, id="proper-noun-syllables"),
        pytest.param("pro", "grammes", True, id="british-spelling"),
        pytest.param("co", "operation", True, id="prefix-but-common-closed-up"),
        pytest.param("check", "points", True, id="two-words-closing-up-in-use"),
        pytest.param("report", "ing", True, id="suffix"),
        pytest.param("one", "day", False, id="compound-of-common-words"),
        pytest.param("victim", "centred", False, id="compound-unknown-closed-up"),
        pytest.param("long", "term", False, id="prefix-list"),
        pytest.param("follow", "up", False, id="particle"),
        pytest.param("non", "governmental", False, id="prefix-rare-closed-up"),
    ],
)
def test_repair_should_join(head: str, tail: str, joined: bool) -> None:
    assert should_join(head, tail) is joined


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("ﬁnance", "finance"),
        ("oﬄine", "offline"),
        ("Women’s", "Women's"),
        ("“Line Up”", '"Line Up"'),
        ("50\u00a0computers", "50 computers"),
    ],
)
def test_repair_chars(raw: str, repaired: str) -> None:
    assert repair_chars(raw) == repaired


@dataclasses.dataclass(frozen=True)
class FakeWord:
    text: str
    char_boxes: tuple
    x0: float
    x1: float
    size: float = 10.0


def _word(text: str, x: float, y: float) -> FakeWord:
    return FakeWord(text, tuple((x + i, y, x + i + 1, y + 10) for i in range(len(text))), x, x + len(text))


def test_repair_join_lines_keeps_boxes_of_joined_word() -> None:
    lines = [[_word("national", 0, 0), _word("strat-", 10, 0)], [_word("egies", 0, 20)]]
    textmap = join_lines(lines)
    assert textmap.text == "national strategies"
    start = textmap.text.index("strategies")
    assert textmap.span_box(start, start + len("strategies")) == (0, 0, 15, 30)


def test_repair_join_lines_numbers_the_source_lines() -> None:
    lines = [[_word("up", 0, 0), _word("to", 5, 0)], [_word("30", 0, 20), _word("officers", 5, 20)]]
    textmap = join_lines(lines)
    assert textmap.text == "up to 30 officers"
    assert textmap.lines == (0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
    start = textmap.text.index("to")
    assert textmap.span_line_boxes(start, len(textmap.text)) == [(5, 0, 7, 10), (0, 20, 13, 30)]
    assert textmap.span_line_boxes(0, 5) == [(0, 0, 7, 10)]  # one line, one box


def test_repair_hyphenated_word_gets_a_box_on_each_line() -> None:
    textmap = join_lines([[_word("national", 0, 0), _word("strat-", 10, 0)], [_word("egies", 0, 20)]])
    start = textmap.text.index("strategies")
    assert textmap.span_line_boxes(start, start + len("strategies")) == [(10, 0, 15, 10), (0, 20, 5, 30)]


def test_repair_ligature_expands_onto_its_glyph_box() -> None:
    textmap = join_lines([[_word("ﬁne", 0, 0)]])
    assert textmap.text == "fine"
    assert textmap.boxes[0] == textmap.boxes[1] == (0, 0, 1, 10)


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        pytest.param("peace", "building", True, id="document-spells-it-closed"),
        pytest.param("counter", "terrorism", False, id="document-spells-it-hyphenated"),
    ],
)
def test_repair_document_spelling_decides_first(head: str, tail: str, joined: bool) -> None:
    vocabulary = Vocabulary.from_texts(["peacebuilding", "efforts", "counter-terrorism,", "strat-"])
    assert should_join(head, tail, vocabulary) is joined
    assert "strat-" not in vocabulary.compounds  # a line-end hyphen is not a spelling


def _lines(*rows: str) -> list[list[FakeWord]]:
    lines, x = [], 0.0
    for y, row in enumerate(rows):
        words = []
        for text in row.split(" "):
            words.append(_word(text, x, y * 20))
            x += len(text) + 5
        lines.append(words)
    return lines


@pytest.mark.parametrize(
    ("rows", "text"),
    [
        pytest.param(
            ("national anti-trafficking strat-", "egies and"),
            "national anti-trafficking strategies and",
            id="strat-egies",
        ),
        pytest.param(("suc-", "cessful-", "ly"), "successfully", id="three-lines"),
        pytest.param(
            ("National Information-", "Analytical Center"), "National Information-Analytical Center", id="compound-name"
        ),
        pytest.param(("cross-border anti-", "trafficking work"), "cross-border anti-trafficking work", id="compound"),
        pytest.param(("Women (2018\u2013", "2021)."), "Women (2018\u20132021).", id="en-dash-between-years"),
        pytest.param(("from 2018-", "2021"), "from 2018-2021", id="hyphen-between-years"),
        pytest.param(("the UNOV/ UN-", "ODC has"), "the UNOV/ UNODC has", id="acronym"),
        pytest.param(("soft\u00ad", "ware"), "software", id="soft-hyphen"),
        pytest.param(("up to 1 \u2044 4 inch",), "up to 1\u20444 inch", id="built-up-fraction"),
    ],
)
def test_repair_join_lines(rows: tuple[str, ...], text: str) -> None:
    assert join_lines(_lines(*rows)).text == text


def _textmap(text: str, x: float) -> TextMap:
    return TextMap(text, tuple((x + i, 0.0, x + i + 1, 10.0) for i in range(len(text))))


def test_repair_mend_split_word_across_a_column_break() -> None:
    first, second = _textmap("Up to 30 of-", 0), _textmap("ficers from the region.", 300)
    mended = mend_split_word(first, second)
    assert mended is not None
    assert (mended[0].text, mended[1].text) == ("Up to 30 officers", "from the region.")
    assert mended[0].boxes[-1] == second.boxes[5]  # the tail keeps its own glyph boxes
    # "Up to 30 of" at the foot of one column and "ficers" at the top of the next: two boxes.
    assert mended[0].span_line_boxes(0, len(mended[0].text)) == [(0.0, 0.0, 11.0, 10.0), (300.0, 0.0, 306.0, 10.0)]
    assert mended[1].lines == (0,) * len("from the region.")
    other_page = mend_split_word(first, second, same_page=False)
    assert other_page is not None and other_page[0].boxes[-6:] == (None,) * 6


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("ends a sentence.", "Starts another.", id="no-hyphen"),
        pytest.param("a spaced dash -", "and more", id="lone-dash"),
        pytest.param("half a word-", "tail", id="tail-alone-would-empty-the-block"),
    ],
)
def test_repair_mend_split_word_leaves_whole_words(first: str, second: str) -> None:
    assert mend_split_word(_textmap(first, 0), _textmap(second, 300)) is None
