"""Footnote markers: small raised glyphs glued to words are kept out of the text, fractions joined."""

from __future__ import annotations

import itertools
from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.footnote_markers import find_markers
from pipeline.layout.reading_order import document_blocks
from pipeline.layout.words import Word

BODY = 12.0
SMALL = 7.2


def word(text: str, x: float, *, size: float = BODY, rise: float = 0.0, baseline: float = 100.0) -> Word:
    """A word whose glyphs are each 0.5 em wide, sitting `rise` points above `baseline`."""
    width = 0.5 * size
    bottom = baseline - rise
    boxes = tuple((x + i * width, bottom - size, x + (i + 1) * width, bottom) for i in range(len(text)))
    return Word(text, x, bottom - size, x + len(text) * width, bottom, size, False, False, boxes)


def line(*parts: tuple[str, float, float] | str, gap: float = 3.0) -> list[Word]:
    """Words of one line from (text, size, rise) parts; a part after "+" is glued to the one before."""
    words: list[Word] = []
    cursor = 72.0
    glued = False
    for part in parts:
        if part == "+":
            glued = True
            continue
        text, size, rise = part
        x = cursor if glued or not words else cursor + gap
        words.append(word(text, x, size=size, rise=rise))
        cursor, glued = words[-1].x1, False
    return words


def kept_text(words: list[Word]) -> str:
    """The kept words as a line reads: glued words joined without a space."""
    kept = sorted(find_markers(words)[0], key=lambda w: w.x0)
    out = kept[0].text
    for left, right in itertools.pairwise(kept):
        out += ("" if right.x0 - left.x1 < 1 else " ") + right.text
    return out


N, S = BODY, SMALL
CASES = [
    pytest.param([("(DMCA)", N, 0), "+", ("1", S, 4), ("was", N, 0)], "(DMCA) was", ["1"], id="acronym-footnote"),
    pytest.param([("measures.", N, 0), "+", ("4", S, 4)], "measures.", ["4"], id="after-full-stop"),
    pytest.param([("Secretary.", N, 0), "+", ("1", S, 5), ("The", N, 0)], "Secretary. The", ["1"],
                 id="between-sentences"),
    pytest.param([("2009", N, 0), "+", ("12", S, 4)], "2009", ["12"], id="two-digit-after-number"),
    pytest.param([("reported", N, 0), "+", ("*", S, 4)], "reported", ["*"], id="asterisk"),
    pytest.param([("data", N, 0), "+", ("†", S, 4)], "data", ["†"], id="dagger"),
    pytest.param([("1", S, 4), "+", ("Pub.", N, 0), ("L.", N, 0)], "Pub. L.", ["1"], id="opens-a-footnote"),
    pytest.param([("48", N, 0), "+", ("1", S, 4), "+", ("/", N, 0), "+", ("2", S, 1)], "48½", [],
                 id="built-up-half"),
    pytest.param([("only", N, 0), ("1", S, 4), "+", ("/", N, 0), "+", ("3", S, 1)], "only ⅓", [], id="built-up-third"),
    pytest.param([("Title", N, 0), ("17", N, 0)], "Title 17", [], id="same-size-number-stays"),
    pytest.param([("H", N, 0), "+", ("2", S, -2), "+", ("O", N, 0)], "H2O", [], id="subscript-stays"),
    pytest.param([("page", N, 0), ("4", S, 4)], "page 4", [], id="not-glued-stays"),
    pytest.param([("COVID-19", N, 0), ("cases", N, 0)], "COVID-19 cases", [], id="plain-code-stays"),
    pytest.param([("word", N, 0), "+", ("a", S, 4)], "worda", [], id="raised-letter-stays"),
    pytest.param([("small", 9.0, 0), "+", ("3", 8.5, 3)], "small3", [], id="barely-smaller-stays"),
]  # fmt: skip


@pytest.mark.parametrize(("parts", "text", "markers"), CASES)
def test_footnote_markers_case_table(parts, text: str, markers: list[str]) -> None:
    words = line(*parts)
    assert kept_text(words) == text
    assert [m.text for m in find_markers(words)[1]] == markers


def test_footnote_markers_fraction_keeps_one_box_per_character() -> None:
    kept, _ = find_markers(line(("48", N, 0), "+", ("1", S, 4), "+", ("/", N, 0), "+", ("2", S, 1)))
    fraction = next(w for w in kept if w.text == "½")
    assert len(fraction.char_boxes) == 1 and fraction.char_boxes[0][2] == fraction.x1


def _footnoted_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    text = pdf.beginText(72, 700)
    text.setFont("Helvetica", 12)
    text.textOut("The Act (DMCA)")
    text.setFont("Helvetica", 7)
    text.setRise(4)
    text.textOut("1")
    text.setRise(0)
    text.setFont("Helvetica", 12)
    text.textLine(" was signed on October 28, 1998 by 12 members.")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def test_footnote_markers_leave_the_text_and_the_map_stays_on_the_page(tmp_path: Path) -> None:
    with pdfplumber.open(_footnoted_pdf(tmp_path / "footnoted.pdf")) as pdf:
        blocks = document_blocks(pdf)
    block = next(b for b in blocks if "DMCA" in b.text)
    assert "(DMCA) was signed" in block.text
    start = block.text.index("was")
    box = block.textmap.boxes[start]
    assert 72 < box[0] < 300 and 100 < box[1] < 160  # "was" keeps its own glyph's box on the page
