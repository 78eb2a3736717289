"""The layout stages one by one: words, columns, paragraphs, running furniture, roles, sections.

Most cases are built from synthetic words placed on an imaginary page; the ones that depend on
how a PDF stores text (rotation, spaced-out letters, boxes) draw a small PDF with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.blocks import PageBlock
from pipeline.layout.columns import cut_regions, side_columns
from pipeline.layout.furniture import find_furniture, is_page_number
from pipeline.layout.line_numbers import find_line_numbers
from pipeline.layout.paragraphs import Line, is_list_marker, region_lines, split_paragraphs
from pipeline.layout.reading_order import TypefaceTally, document_blocks
from pipeline.layout.sections import SectionSettings, heading_article
from pipeline.layout.words import Word, box_to_frame, merge_letter_spaced
from tests.helpers import make_text_pdf

SIZE = 9.0
LEADING = 11.5


def word(text: str, x: float, top: float, size: float = SIZE, *, bold: bool = False) -> Word:
    """A word whose glyphs are each 0.5 em wide."""
    width = 0.5 * size
    boxes = tuple((x + i * width, top, x + (i + 1) * width, top + size) for i in range(len(text)))
    return Word(text, x, top, x + len(text) * width, top + size, size, bold, False, boxes)


def column(lines: list[str], x: float, top: float, size: float = SIZE, *, bold: bool = False) -> list[Word]:
    """Words of lines set flush left at x, one line every LEADING points."""
    words = []
    for index, text in enumerate(lines):
        cursor = x
        for token in text.split():
            words.append(word(token, cursor, top + index * LEADING, size, bold=bold))
            cursor = words[-1].x1 + 0.3 * size
    return words


def texts(regions: list[list[Word]]) -> list[str]:
    return [" ".join(line.text for line in region_lines(region)) for region in regions]


# --- columns ----------------------------------------------------------------------------------


def test_columns_two_columns_are_read_one_after_the_other() -> None:
    left = column(["alpha one two", "alpha three four", "alpha five six"], 40, 100)
    right = column(["beta one two", "beta three four", "beta five six"], 200, 100)
    assert texts(cut_regions(left + right, SIZE)) == [
        "alpha one two alpha three four alpha five six",
        "beta one two beta three four beta five six",
    ]


def test_columns_headline_spans_the_columns_under_it() -> None:
    headline = column(["A headline that runs across both of the columns below"], 40, 60, 17.0)
    left = column(["left one two", "left three four"], 40, 100)
    right = column(["right one two", "right three four"], 200, 100)
    assert texts(cut_regions(headline + left + right, SIZE)) == [
        "A headline that runs across both of the columns below",
        "left one two left three four",
        "right one two right three four",
    ]


def test_columns_column_count_changes_down_the_page() -> None:
    three = [w for i, x in enumerate((40, 180, 320)) for w in column([f"c{i} one two", f"c{i} three four"], x, 100)]
    banner = column(["A banner across the page width, over the gutters between the columns"], 40, 160)
    two = [w for i, x in enumerate((40, 250)) for w in column([f"d{i} one two", f"d{i} three four"], x, 200)]
    assert texts(cut_regions(three + banner + two, SIZE)) == [
        "c0 one two c0 three four",
        "c1 one two c1 three four",
        "c2 one two c2 three four",
        "A banner across the page width, over the gutters between the columns",
        "d0 one two d0 three four",
        "d1 one two d1 three four",
    ]


def test_columns_a_column_of_bullets_is_not_a_column() -> None:
    bullets = [word("\u2022", 40, 100), word("\u2022", 40, 100 + 2 * LEADING)]
    items = column(["first item text goes", "on here", "second item text", "ends here"], 58, 100)
    assert texts(cut_regions(bullets + items, SIZE)) == [
        "\u2022 first item text goes on here \u2022 second item text ends here"
    ]


def test_columns_narrow_side_column_beside_a_wide_one_is_found() -> None:
    wide = column([f"wide text line {i} of the article body here" for i in range(12)], 40, 100)
    narrow = column([f"brief item {i} here" for i in range(12)], 400, 100)
    expected = (400.0, 100.0, max(w.x1 for w in narrow), max(w.bottom for w in narrow))
    assert side_columns(wide + narrow, SIZE) == [expected]


def test_columns_equal_columns_have_no_side_column() -> None:
    left = column([f"alpha line {i} of text" for i in range(12)], 40, 100)
    middle = column([f"beta line {i} of text" for i in range(12)], 200, 100)
    right = column([f"gamma line {i} of text" for i in range(12)], 360, 100)
    assert side_columns(left + middle + right, SIZE) == []


def test_columns_short_narrow_column_is_no_side_column() -> None:
    wide = column([f"wide text line {i} of the article body here" for i in range(12)], 40, 100)
    note = column(["a short", "note"], 400, 100)
    assert side_columns(wide + note, SIZE) == []


# --- paragraphs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        pytest.param("\u2022 Kyrgyzstan: customs posts", True, id="bullet"),
        pytest.param("\ufffd Kyrgyzstan: customs posts", True, id="unmapped-glyph-bullet"),
        pytest.param("1. Undo/Redo: introduced", True, id="number"),
        pytest.param("b) the second item", True, id="letter"),
        pytest.param("\u2013 and girls in cases", True, id="dash"),
        pytest.param("2017. The programme", False, id="year-is-not-a-number-marker"),
        pytest.param("\ufffdnance of the", False, id="unmapped-glyph-in-a-word"),
        pytest.param("Kyrgyzstan and", False, id="plain"),
    ],
)
def test_paragraphs_list_markers(text: str, marker: bool) -> None:
    assert is_list_marker(text) is marker


def test_paragraphs_split_at_gap_bullet_and_indent() -> None:
    words = column(["First paragraph line one", "and its end."], 40, 100)
    words += column(["Second paragraph after a gap", "that ends here."], 40, 100 + 2 * LEADING + 6)
    words += column(["Indented first line of a third", "paragraph without a gap."], 40, 100 + 4 * LEADING + 6)
    words = [w for w in words if w.text != "Indented"] + [word("Indented", 52, 100 + 4 * LEADING + 6)]
    words += column(["\u2013 a dash item", "\u2013 another dash item"], 40, 100 + 6 * LEADING + 12)
    paragraphs = split_paragraphs(region_lines(words), SIZE)
    assert [" ".join(line.text for line in p) for p in paragraphs] == [
        "First paragraph line one and its end.",
        "Second paragraph after a gap that ends here.",
        "Indented first line of a third paragraph without a gap.",
        "\u2013 a dash item",
        "\u2013 another dash item",
    ]


def test_paragraphs_dash_inside_a_sentence_does_not_start_an_item() -> None:
    words = column(["Women and girls in Osh and Bishkek", "\u2013 and in the villages \u2013 took part."], 40, 100)
    assert len(split_paragraphs(region_lines(words), SIZE)) == 1


# --- words ------------------------------------------------------------------------------------


def test_words_spaced_out_letters_are_one_word() -> None:
    letters = [word(ch, 100 + i * 20, 50, 34.0) for i, ch in enumerate("MILESTONES")]
    merged = merge_letter_spaced(letters)
    assert [w.text for w in merged] == ["MILESTONES"]
    assert len(merged[0].char_boxes) == 10


def test_words_spaced_out_letters_keep_their_word_spaces() -> None:
    first = [word(ch, 100 + i * 20, 50, 34.0) for i, ch in enumerate("ISSUE")]
    second = [word(ch, first[-1].x1 + 40 + i * 20, 50, 34.0) for i, ch in enumerate("SEVEN")]
    assert [w.text for w in merge_letter_spaced(first + second)] == ["ISSUE", "SEVEN"]


@pytest.mark.parametrize(
    ("direction", "box", "framed"),
    [
        pytest.param("ltr", (10, 20, 30, 40), (10, 20, 30, 40), id="upright"),
        pytest.param("ttb", (570, 408, 585, 419), (408, 27, 419, 42), id="reads-down"),
        pytest.param("btt", (40, 900, 55, 920), (88, 40, 108, 55), id="reads-up"),
    ],
)
def test_words_page_boxes_turn_into_the_reading_frame(direction, box, framed) -> None:
    assert box_to_frame(box, direction, 612, 1008) == framed


def _rotated_pdf(path: Path, angle: int) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    pdf.setFont("Helvetica", 10)
    pdf.translate(300, 400)
    pdf.rotate(angle)
    for index, line in enumerate(["Landscape table title runs sideways", "and its second line follows it."]):
        pdf.drawString(0, -14 * index, line)
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("angle", [pytest.param(90, id="reads-up"), pytest.param(-90, id="reads-down")])
def test_words_rotated_text_reads_in_its_own_direction(tmp_path: Path, angle: int) -> None:
    with pdfplumber.open(_rotated_pdf(tmp_path / "rotated.pdf", angle)) as pdf:
        blocks = document_blocks(pdf)
    assert [b.text for b in blocks] == ["Landscape table title runs sideways and its second line follows it."]
    with pdfplumber.open(tmp_path / "rotated.pdf") as pdf:
        glyphs = [c for c in pdf.pages[0].chars if c["text"] == "L"]
    x0, top, _x1, _bottom = blocks[0].textmap.boxes[0]
    assert (x0, top) == pytest.approx((glyphs[0]["x0"], glyphs[0]["top"]))


# --- line numbers -----------------------------------------------------------------------------


def numbered_lines(
    numbers: list[str], texts: list[str], *, number_x1: float = 60.0, text_x: float = 80.0
) -> list[Word]:
    """Lines of text, each with a number set flush right at `number_x1` in the left margin."""
    words = column(texts, text_x, 100)
    for index, number in enumerate(numbers):
        width = 0.5 * SIZE * len(number)
        words.append(word(number, number_x1 - width, 100 + index * LEADING))
    return words


TRANSCRIPT = [
    "the matter came on",
    "for oral argument",
    "before the Court",
    "at 1:01 p.m.",
    "on behalf of",
    "the Petitioner",
]


@pytest.mark.parametrize(
    ("numbers", "texts", "expected"),
    [
        pytest.param([str(n) for n in range(1, 7)], TRANSCRIPT, {str(n) for n in range(1, 7)}, id="margin-1-to-6"),
        pytest.param(
            [str(n) for n in range(8, 14)], TRANSCRIPT, {str(n) for n in range(8, 14)}, id="two-digit-right-aligned"
        ),
        pytest.param(
            ["1", "2", "3", "5", "6", "7"], TRANSCRIPT, {"1", "2", "3", "5", "6", "7"}, id="one-gap-tolerated"
        ),
        pytest.param(["1", "2", "3", "4"], TRANSCRIPT[:4], set(), id="too-few-lines"),
        pytest.param(["12", "7", "30", "8", "15", "22"], TRANSCRIPT, set(), id="figures-not-counting-up"),
        pytest.param(["2016", "2017", "2018", "2019", "2020", "2021"], TRANSCRIPT, set(), id="a-column-of-years"),
    ],
)
def test_line_numbers_margin_numbers_are_found(numbers: list[str], texts: list[str], expected: set[str]) -> None:
    words = numbered_lines(numbers, texts)
    found = find_line_numbers(words)
    assert {w.text for w in words if id(w) in found} == expected


def test_line_numbers_in_the_right_margin_are_found() -> None:
    words = column(TRANSCRIPT, 80, 100)
    numbers = [word(str(n), 400, 100 + index * LEADING) for index, n in enumerate(range(5, 11))]
    found = find_line_numbers(words + numbers)
    assert {w.text for w in numbers if id(w) in found} == {str(n) for n in range(5, 11)}
    assert not any(id(w) in found for w in words)


def test_line_numbers_a_number_inside_a_line_is_text() -> None:
    # "22" in "to keep COVID out of its 22 facilities" has words on its left: never a line number.
    lines = [f"line {n} of the text" for n in range(1, 8)]
    words = column(lines, 80, 100)
    assert find_line_numbers(words) == set()


def test_line_numbers_are_left_out_of_the_blocks(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    text = [
        "The above-entitled matter came on for oral",
        "argument before the Supreme Court",
        "at 1:01 p.m.",
        "APPEARANCES:",
        "STEVEN E. MERCER, ESQ., Deputy Attorney General, Los",
        "Angeles, California; on behalf of the Petitioner.",
    ]
    path = tmp_path / "numbered.pdf"
    pdf = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    pdf.setFont("Courier", 12)
    for index, line in enumerate(text):
        y = 700 - 26 * index
        pdf.drawRightString(104, y, str(index + 10))
        pdf.drawString(126, y, line)
    pdf.save()
    with pdfplumber.open(path) as opened:
        joined = " ".join(b.text for b in document_blocks(opened))
    assert "Los Angeles, California" in joined
    assert "APPEARANCES:" in joined and "13 APPEARANCES" not in joined
    assert not any(str(n) in joined.split() for n in range(10, 16))


# --- running headers and footers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param("7", True, id="bare"),
        pytest.param("7-45", True, id="chapter-page"),
        pytest.param("Page 2 of 4", True, id="page-of"),
        pytest.param("- 12 -", True, id="dashed"),
        pytest.param("iv", True, id="roman"),
        pytest.param("March 2018", False, id="date"),
        pytest.param("2 March 2018 in Bishkek", False, id="sentence"),
    ],
)
def test_running_page_numbers(text: str, number: bool) -> None:
    assert is_page_number(text) is number


def test_running_only_line_of_a_one_page_document_is_body(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "one.pdf", ["On 2 March 2018 UNODC trained 40 officers in Bishkek."])
    with pdfplumber.open(path) as pdf:
        blocks = document_blocks(pdf)
    assert [(b.role, b.text) for b in blocks] == [("body", "On 2 March 2018 UNODC trained 40 officers in Bishkek.")]


def test_running_header_repeated_across_pages_is_furniture() -> None:
    def page(number: int) -> tuple[int, list[Word]]:
        header = column([f"Quarterly bulletin, issue {number + 6}"], 40, 30)
        body = column(["Body text of the page, line one", "and line two of the body."], 40, 80)
        return number, header + body

    furniture = find_furniture([page(1), page(2), page(3)])
    assert {n: [(line.text, role) for line, role in found] for n, found in furniture.items()} == {
        n: [(f"Quarterly bulletin, issue {n + 6}", "header")] for n in (1, 2, 3)
    }


def test_running_one_page_short_first_line_is_not_furniture() -> None:
    words = column(["A short title"], 40, 30) + column(["Body text of the page, line one."], 40, 80)
    assert find_furniture([(1, words)]) == {}


# --- sections ---------------------------------------------------------------------------------


def block(role: str, text: str, size: float) -> PageBlock:
    return PageBlock(1, (Line(tuple(column([text], 40, 100, size))),), role)  # type: ignore[arg-type]


SETTINGS = SectionSettings(body_size=SIZE)
ARTICLE = ("Girls' football against violence", 17.0)


@pytest.mark.parametrize(
    ("heading", "following", "current", "expected"),
    [
        pytest.param(
            block("heading", "Mentorship for customs officers", 17),
            block("body", "Text.", 9),
            ARTICLE,
            "Mentorship for customs officers",
            id="headline-opens-an-article",
        ),
        pytest.param(
            block("heading", "STATISTICS:", 9),
            block("body", "Text.", 9),
            ARTICLE,
            "Girls' football against violence",
            id="body-size-heading-is-a-sub-heading",
        ),
        pytest.param(
            block("heading", "Boots Self-Locking Nut", 9),
            block("body", "Text.", 9),
            ("Other nut", 9.0),
            "Boots Self-Locking Nut",
            id="same-size-heading-opens-the-next-article",
        ),
        pytest.param(
            block("heading", "BORDER SECURITY", 10.5),
            block("heading", "Mentorship", 17),
            ARTICLE,
            None,
            id="banner-over-a-headline",
        ),
        pytest.param(
            block("heading", "Computers for a register", 13),
            block("body", "Text.", 9),
            ARTICLE,
            "Computers for a register",
            id="smaller-headline-still-opens-an-article",
        ),
    ],
)
def test_sections_heading_scope(heading, following, current, expected) -> None:
    from pipeline.layout.sections import Article

    section, _ = heading_article(heading, following, Article(*current), SETTINGS)
    assert section == expected


@pytest.mark.parametrize(
    ("text_layer", "ocr", "body"),
    [
        pytest.param([("court", 10.0)] * 3, [("scan", 6.2)] * 50, 10.0, id="scanned-pages-do-not-set-the-body-size"),
        pytest.param([], [("scan", 6.2)] * 50 + [("title", 14.0)], 6.2, id="all-scanned-document"),
        pytest.param([("court", 10.0)] * 3 + [("note", 8.0)] * 2, [], 10.0, id="text-layer-only"),
        pytest.param([], [], 10.0, id="no-words-default"),
    ],
)
def test_typeface_tally_counts_ocr_sizes_apart(
    text_layer: list[tuple[str, float]], ocr: list[tuple[str, float]], body: float
) -> None:
    """OCR'd pages of a born-digital document (a court filing's scanned exhibits) leave its body size alone."""
    tally = TypefaceTally()
    tally.add([word(text, 0.0, 0.0, size) for text, size in text_layer])
    tally.add([word(text, 0.0, 0.0, size) for text, size in ocr], read_by_ocr=True)
    assert tally.typeface().size == body
