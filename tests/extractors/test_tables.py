"""Reading table cells: figures as printed, what headers say of them, a row's label, and the facts read."""

from __future__ import annotations

from collections import Counter

import pytest

from extractors.gazetteer.index import load_gazetteer
from extractors.tables.context import TableView, continues
from extractors.tables.figures import (
    bracket_note,
    header_currency,
    header_scale,
    header_subject,
    is_figure,
    read_figures,
)
from extractors.tables.reader import choose_place, column_meanings, iter_figure_facts, iter_label_places, passage_cells

FIGURE_CASES = [
    pytest.param("7736", [(7736, "exact", False)], id="plain"),
    pytest.param("1,402", [(1402, "exact", False)], id="comma-thousands"),
    pytest.param("98 452", [(98452, "exact", False)], id="space-thousands"),
    pytest.param("1 234 567", [(1234567, "exact", False)], id="space-millions"),
    pytest.param("98\u00a0452", [(98452, "exact", False)], id="nbsp-thousands"),
    pytest.param("14411*", [(14411, "exact", False)], id="footnote-star"),
    pytest.param("7736†", [(7736, "exact", False)], id="footnote-dagger"),
    pytest.param("12¹", [(12, "exact", False)], id="footnote-superscript"),
    pytest.param("346 (142)", [(346, "exact", False), (142, "exact", True)], id="total-and-new"),
    pytest.param("0 (0)", [(0, "exact", False), (0, "exact", True)], id="zeros"),
    pytest.param("1402 (202)", [(1402, "exact", False), (202, "exact", True)], id="grand-total"),
    pytest.param("(12)", [(12, "exact", False)], id="bracketed-alone"),
    pytest.param("1.5 B", [(1_500_000_000, "exact", False)], id="billion-letter"),
    pytest.param("311.3 M", [(311_300_000, "exact", False)], id="million-letter"),
    pytest.param("12k", [(12_000, "exact", False)], id="thousand-letter"),
    pytest.param("2.4 million", [(2_400_000, "exact", False)], id="million-word"),
    pytest.param("3 bn", [(3_000_000_000, "exact", False)], id="bn"),
    pytest.param("<5", [(5, "less_than", False)], id="less-than"),
    pytest.param(">100", [(100, "more_than", False)], id="more-than"),
    pytest.param("~500", [(500, "approximate", False)], id="approximate"),
    pytest.param("≥ 20", [(20, "at_least", False)], id="at-least"),
    pytest.param("0", [(0, "exact", False)], id="zero"),
    pytest.param("2.5", [(2.5, "exact", False)], id="decimal"),
    pytest.param("US$ 85,000", [(85_000, "exact", False)], id="dollar-sign"),
    pytest.param("CHF 478,670", [(478_670, "exact", False)], id="currency-code"),
    pytest.param("Total", [], id="word"),
    pytest.param("Girls (under 18)", [], id="label-with-age"),
    pytest.param("-", [], id="dash"),
    pytest.param("", [], id="empty"),
    pytest.param("12 Jan", [], id="date"),
    pytest.param("Week 3", [], id="week"),
    pytest.param("Phase 3", [], id="phase"),
    pytest.param("1, 2 and 3", [], id="list"),
    pytest.param("1 (2) (3)", [], id="three-figures"),
    pytest.param("see note 4", [], id="words-first"),
    pytest.param("COVID-19", [], id="name-with-number"),
    pytest.param("5 (new)", [], id="bracketed-word"),
    pytest.param("IPC 3", [], id="code-and-number"),
    pytest.param("2019-2020", [], id="range"),
    pytest.param("10/20/14", [], id="slashed-date"),
]


@pytest.mark.parametrize(("text", "expected"), FIGURE_CASES)
def test_figures_read_what_a_cell_prints(text: str, expected: list[tuple[float, str, bool]]) -> None:
    figures = read_figures(text)
    assert [(f.value, f.qualifier, f.bracketed) for f in figures] == expected
    for figure in figures:
        assert text[figure.start : figure.end].strip(), "a figure's span holds its text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("20%", True, id="percent"),
        pytest.param("-", True, id="dash"),
        pytest.param("n/a", True, id="not-applicable"),
        pytest.param("346 (142)", True, id="pair"),
        pytest.param("Total", False, id="word"),
        pytest.param("China (new)", False, id="header"),
    ],
)
def test_figures_is_figure(text: str, expected: bool) -> None:
    assert is_figure(text) is expected


def test_figures_percentages_are_marked() -> None:
    (figure,) = read_figures("20%")
    assert figure.percent and figure.value == 20


@pytest.mark.parametrize(
    ("header", "subject"),
    [
        pytest.param("Confirmed cases", "confirmed cases", id="plain"),
        pytest.param("Confirmed* cases (new)", "confirmed cases", id="footnote-and-note"),
        pytest.param("Total deaths (new)", "deaths", id="total-word"),
        pytest.param(
            "Total cases with site of transmission under investigation (new)",
            "cases with site of transmission under investigation",
            id="long",
        ),
        pytest.param("Population (10,000s)", "population", id="unit"),
        pytest.param("Totals", "", id="totals-only"),
        pytest.param("Grand total", "", id="grand-total"),
        pytest.param("**Multiple", "multiple", id="footnote-marks"),
        pytest.param("Number of people reached", "people reached", id="number-of"),
        pytest.param("No. of households", "households", id="no-of"),
        pytest.param("People reached:", "people reached", id="colon"),
    ],
)
def test_figures_header_subject(header: str, subject: str) -> None:
    assert header_subject(header) == subject


@pytest.mark.parametrize(
    ("header", "currency"),
    [
        pytest.param("Funding (US$)", "USD", id="us-dollar-sign"),
        pytest.param("Total Requirements (in USD)", "USD", id="code"),
        pytest.param("Allocation (CHF)", "CHF", id="franc-code"),
        pytest.param("Budget (€)", "EUR", id="euro-sign"),
        pytest.param("Funds received (in dollars)", "USD", id="dollars"),
        pytest.param("Confirmed cases", None, id="none"),
        pytest.param("SDG 5 indicators", None, id="lookalike-code"),
        pytest.param("HANGAR", None, id="code-inside-word"),
    ],
)
def test_figures_header_currency(header: str, currency: str | None) -> None:
    assert header_currency(header) == currency


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        pytest.param("Population (10,000s)", 10_000, id="ten-thousands"),
        pytest.param("Tonnes (thousands)", 1_000, id="thousands"),
        pytest.param("Funding (in millions)", 1_000_000, id="millions"),
        pytest.param("Households ('000)", 1_000, id="apostrophe"),
        pytest.param("Confirmed cases (new)", 1, id="note"),
        pytest.param("Deaths", 1, id="none"),
    ],
)
def test_figures_header_scale(header: str, scale: int) -> None:
    assert header_scale(header) == scale


@pytest.mark.parametrize(
    ("header", "note"),
    [
        pytest.param("Confirmed* cases (new)", "new", id="new"),
        pytest.param("Total deaths (new)", "new", id="total"),
        pytest.param("Population (10,000s)", None, id="unit"),
        pytest.param("Requirements (in USD)", None, id="currency"),
        pytest.param("Deaths", None, id="none"),
    ],
)
def test_figures_bracket_note(header: str, note: str | None) -> None:
    assert bracket_note(header) == note


def view(rows: list[list[str]], header_rows: int = 1, spans: dict | None = None, titles: tuple = ()) -> TableView:
    """A table view with ordinary cells except the given spans {(row, column): (rows, columns)}."""
    grid = [[(1, 1)] * len(rows[0]) for _ in rows]
    for (r, c), (h, w) in (spans or {}).items():
        for rr in range(r, r + h):
            for cc in range(c, c + w):
                grid[rr][cc] = (0, 0)
        grid[r][c] = (h, w)
    return TableView(tuple(map(tuple, rows)), tuple(map(tuple, grid)), header_rows, titles)


WHO = view(
    [
        ["Country", "Confirmed* cases (new)", "Likely place of exposure", "", "Total deaths (new)"],
        ["", "", "China (new)", "In reporting country (new)", ""],
        ["Western Pacific Region", "", "", "", ""],
        ["Republic of Korea", "346 (142)", "13 (0)", "288 (130)", "2 (1)"],
        ["Georgia", "1 (1)", "0 (0)", "-", "0 (0)"],
        ["Grand total", "1402 (202)", "177 (2)", "484 (163)", "11 (3)"],
    ],
    header_rows=2,
    spans={(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 2), (0, 4): (2, 1), (2, 0): (1, 5)},
)


def never_noun(_: str) -> bool:
    return False


def test_tables_context_headers_and_sentence() -> None:
    assert WHO.column_headers(3) == ["Likely place of exposure", "In reporting country (new)"]
    assert WHO.column_headers(1) == ["Confirmed* cases (new)"]
    assert WHO.sentence(3) == (
        "Country: Republic of Korea; Confirmed* cases (new): 346 (142); Likely place of exposure China (new): 13 (0); "
        "Likely place of exposure In reporting country (new): 288 (130); Total deaths (new): 2 (1)"
    )
    assert WHO.row_label(5, 2) == "Grand total"


def test_tables_reader_counts_take_their_column_header() -> None:
    gazetteer = load_gazetteer()
    meanings = column_meanings(WHO, gazetteer, None)
    assert [m.subject for m in meanings[1:]] == ["confirmed cases", "cases", "cases", "deaths"]
    facts = {
        (f.row, f.column, f.value.value, f.value.subject)
        for f in iter_figure_facts(WHO, meanings, never_noun, gazetteer)
    }
    assert (3, 1, 346, "confirmed cases") in facts
    assert (3, 1, 142, "new confirmed cases") in facts
    assert (3, 2, 13, "cases") in facts
    assert (5, 4, 11, "deaths") in facts  # the grand total counts what its column counts
    assert not any(row == 4 and column == 3 for row, column, _, _ in facts)  # "-" states nothing


def test_tables_reader_total_column_takes_the_title() -> None:
    table = view([["State", "Handgun", "Totals"], ["Alabama", "23,022", "71,137"]], titles=("Firearm checks",))
    meanings = column_meanings(table, load_gazetteer(), "firearm checks")
    assert [m.subject for m in meanings[1:]] == ["handgun", "firearm checks"]


def test_tables_reader_without_headers_counts_what_the_row_label_names() -> None:
    table = view([["Women", "292,230", "Rural", "20%"], ["NEEL KASHKARI", "247", "", ""]], header_rows=0)
    gazetteer = load_gazetteer()
    meanings = column_meanings(table, gazetteer, None)
    facts = list(iter_figure_facts(table, meanings, lambda label: label == "Women", gazetteer))
    assert [(f.value.value, f.value.subject) for f in facts] == [(292230, "women")]


def test_tables_reader_amounts_take_the_currency_and_unit_of_the_header() -> None:
    table = view([["Requirements (in USD)", "Population (10,000s)"], ["1.5 B", "5917"]])
    gazetteer = load_gazetteer()
    facts = list(iter_figure_facts(table, column_meanings(table, gazetteer, None), never_noun, gazetteer))
    assert [(f.kind, f.value.value) for f in facts] == [("amount", 1_500_000_000), ("count", 59_170_000)]
    assert facts[0].value.currency == "USD"


def test_tables_reader_places_resolve_by_their_column() -> None:
    table = view([["State", "Permit"], ["Alabama", "1"], ["Georgia", "2"], ["Guam", "3"], ["Kansas", "4"]])
    places = {f.row: f.value for f in iter_label_places(table, load_gazetteer())}
    assert (places[2].name, places[2].type, places[2].country) == ("Georgia", "admin_area", "US")
    assert (places[3].type, places[3].country) == ("country", "GU")  # Guam is a country that is also US-GU


def test_tables_reader_place_text_leaves_out_footnote_marks() -> None:
    table = view([["Country", "Cases"], ["China*", "7736"], ["Iran (Islamic Republic of)", "18"]])
    texts = {f.row: table.text(f.row, f.column)[f.start : f.end] for f in iter_label_places(table, load_gazetteer())}
    assert texts == {1: "China", 2: "Iran (Islamic Republic of)"}


def test_tables_reader_choose_place_prefers_the_columns_country() -> None:
    entries = load_gazetteer().lookup("Georgia")
    assert choose_place(entries, Counter(), Counter()).type == "country"
    assert choose_place(entries, Counter({"US": 5}), Counter({"admin_area": 5})).country == "US"


def test_tables_reader_passage_cells_are_headers_and_words() -> None:
    cells = passage_cells(WHO, claimed={(3, 0)})
    assert (0, 2) in cells and (1, 2) in cells  # headers, for "China" and dates
    assert (3, 1) not in cells  # figures are read with their headers, not as running text
    assert (3, 0) not in cells  # a label already read as a place
    assert (5, 0) in cells


def test_tables_context_continued_table_takes_the_headers_before() -> None:
    first = view([["Region", "Cases"], ["Afar", "12"]])
    second = view([["Oromia", "412"]], header_rows=0)
    assert continues(second, first).column_headers(1) == ["Cases"]
    assert continues(second, None).column_headers(1) == []
    other = view([["Oromia", "412", "3"]], header_rows=0)
    assert continues(other, first).column_headers(1) == []  # not the same columns
