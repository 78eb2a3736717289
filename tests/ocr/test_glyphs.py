"""OCR words into glyphs, and the misreadings put right by the shape of the ink."""

from __future__ import annotations

import pytest

from pipeline.layout.words import page_texts
from pipeline.ocr.corrections import bar_to_letter, correct_line, is_bullet_mark
from pipeline.ocr.geometry import PageImage
from pipeline.ocr.glyphs import lines_to_glyphs, snap_sizes
from pipeline.ocr.hocr import OcrChar, OcrLine, OcrWord

SIZE = 40.0  # type size of the test lines, in pixels (ascender to descender)
BASELINE = 132.0


def word(
    text: str, x0: float, x1: float, top: float = 100.0, bottom: float = BASELINE, confidence: float = 0.9
) -> OcrWord:
    return OcrWord(text, (x0, top, x1, bottom), confidence, ())


def make_line(*words: OcrWord) -> OcrLine:
    box = (words[0].box[0], 100.0, words[-1].box[2], BASELINE + 8)
    return OcrLine(box, 0.0, -8.0, SIZE, 8.0, 0, words)


@pytest.mark.parametrize(
    ("sizes", "weights", "expected"),
    [
        pytest.param([9.0, 9.2, 8.8], [50, 50, 50], [9.0, 9.0, 9.0], id="jitter-is-one-size"),
        pytest.param([9.0, 9.0, 17.0], [50, 50, 10], [9.0, 9.0, 17.0], id="headline-apart"),
        pytest.param(
            [7.0, 7.7, 8.2, 8.7, 9.5, 9.5], [40, 15, 5, 5, 80, 80], [7.0, 7.7, 8.2, 8.7, 9.5, 9.5], id="no-chaining"
        ),
        pytest.param([], [], [], id="no-lines"),
    ],
)
def test_glyphs_snap_sizes(sizes: list[float], weights: list[int], expected: list[float]) -> None:
    assert snap_sizes(sizes, weights) == expected


def test_glyphs_words_come_back_as_layout_words() -> None:
    chars = tuple(OcrChar(c, (200.0 + 20 * i, 100.0, 215.0 + 20 * i, BASELINE)) for i, c in enumerate("Kenya,"))
    kenya = OcrWord("Kenya,", (200.0, 100.0, 315.0, BASELINE), 0.8, chars)
    line = make_line(word("In", 100.0, 140.0), kenya, word("2019", 330.0, 400.0, confidence=0.5))
    image = PageImage(width=1000, height=1000, page_box=(0.0, 0.0, 500.0, 500.0))
    glyphs = lines_to_glyphs([line], 1, image)
    words = page_texts(glyphs.page)[0].words
    assert [w.text for w in words] == ["In", "Kenya,", "2019"]
    # Every glyph of a word has the word's page box, from the line's ascender to descender.
    assert len(set(words[1].char_boxes)) == 1
    x0, top, x1, bottom = words[1].char_boxes[0]
    assert (x0, x1) == pytest.approx((100.0, 157.5))
    assert top <= 50.0 and bottom >= 66.0
    assert glyphs.confidence[words[1].char_boxes[0]] == 0.8
    assert glyphs.confidence[words[2].char_boxes[0]] == 0.5
    assert all(w.size == words[0].size for w in words)


@pytest.mark.parametrize(
    ("mark", "expected"),
    [
        pytest.param(word("¢", 100.0, 116.0, top=110.0, bottom=126.0), True, id="bullet-read-as-cent"),
        pytest.param(word("e", 100.0, 116.0, top=110.0, bottom=126.0), True, id="bullet-read-as-e"),
        pytest.param(word("e", 100.0, 116.0, top=116.0, bottom=BASELINE), False, id="letter-on-the-baseline"),
        pytest.param(word("-", 100.0, 116.0, top=118.0, bottom=121.0), False, id="dash-too-flat"),
        pytest.param(word("A", 100.0, 128.0, top=104.0, bottom=BASELINE), False, id="capital-too-tall"),
    ],
)
def test_glyphs_bullet_marks(mark: OcrWord, expected: bool) -> None:
    line = make_line(mark, word("item", 150.0, 230.0))
    assert is_bullet_mark(mark, line) is expected
    assert (correct_line(line).words[0].text == "•") is expected


@pytest.mark.parametrize(
    ("bar", "expected"),
    [
        pytest.param(word("|", 100.0, 106.0, top=104.0, bottom=BASELINE), "I", id="capital-i"),
        pytest.param(word("|", 100.0, 110.0, top=104.0, bottom=BASELINE), "1", id="one-with-a-flag"),
        pytest.param(word("|", 100.0, 104.0, top=100.0, bottom=BASELINE + 8), "|", id="real-bar-below-baseline"),
    ],
)
def test_glyphs_bars(bar: OcrWord, expected: str) -> None:
    line = make_line(word("said", 40.0, 90.0), bar, word("was", 120.0, 170.0))
    assert bar_to_letter(bar, line) == expected
    assert correct_line(line).words[1].text == expected
