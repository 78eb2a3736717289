"""Text repair: which line-end hyphens are joined, which kept, and the box map."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.repair import join_lines, repair_chars, should_join


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


def test_repair_ligature_expands_onto_its_glyph_box() -> None:
    textmap = join_lines([[_word("ﬁne", 0, 0)]])
    assert textmap.text == "fine"
    assert textmap.boxes[0] == textmap.boxes[1] == (0, 0, 1, 10)
