"""Numbers by convention: group and decimal marks read by the document's convention, not guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.base import DocumentContext
from extractors.counts.extractor import CountRules
from extractors.number_conventions import ENGLISH, NumberConvention, language_convention, text_convention
from extractors.numbers import iter_numbers
from tests.extractors.test_amounts import amounts_in
from tests.helpers import make_passages

COMMA = NumberConvention(decimal=",")
SPACED = NumberConvention(decimal=",", space_groups=True)

READINGS = [
    pytest.param("The group employed 3\u202f482 people at year end.", ENGLISH, [3482], id="narrow-nbsp-groups"),
    pytest.param("Some 12\u00a0500 households were connected.", ENGLISH, [12500], id="nbsp-groups"),
    pytest.param("Shares traded: 3'482'100 on the Zurich exchange.", ENGLISH, [3482100], id="swiss-apostrophes"),
    pytest.param("Turnover reached CHF 1\u2019250\u2019000.", ENGLISH, [1250000], id="swiss-typographic-apostrophes"),
    pytest.param("Net sales were EUR 4,7 billion.", COMMA, [4_700_000_000], id="decimal-comma-scale"),
    pytest.param("Deposits rose to 3.482 million euros.", COMMA, [3_482_000_000], id="dot-groups-with-scale"),
    pytest.param("Income fell to 1.234,56 thousand.", COMMA, [1_234_560], id="dot-groups-decimal-comma"),
    pytest.param("Staff numbered 3 037 at the end of 2022.", SPACED, [3037, 2022], id="space-groups"),
    pytest.param("Loans of 12 345 678,9 were written off.", SPACED, [12_345_678.9], id="space-groups-decimal-comma"),
    pytest.param("In 2019 250 people attended.", ENGLISH, [2019, 250], id="year-then-count-stays-two"),
    pytest.param("The ratio was 1,250 in the sample.", ENGLISH, [1250], id="ambiguous-comma-english"),
    pytest.param("The ratio was 1,250 in the sample.", COMMA, [1.25], id="ambiguous-comma-decimal-comma-document"),
    pytest.param("The rate was 1.250 in the sample.", ENGLISH, [1.25], id="ambiguous-dot-english"),
    pytest.param("The rate was 1.250 in the sample.", COMMA, [1250], id="ambiguous-dot-decimal-comma-document"),
    pytest.param("The rate is 48½ cents a mile.", ENGLISH, [48.5], id="vulgar-fraction"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "convention", "values"), READINGS)
def test_number_conventions_readings(text: str, convention: NumberConvention, values: list) -> None:
    assert [number.value for number in iter_numbers(text, convention)] == values


VOTES = [
    pytest.param(["Revenue grew to USD 1,234.5 million."], ".", id="point-grouped-decimal"),
    pytest.param(["Population 247,526,916 as estimated."], ".", id="point-two-comma-groups"),
    pytest.param(["Inflation was 2.5% in March."], ".", id="point-percent"),
    pytest.param(["Net sales were EUR 4,7 billion; EBIT 1,4 %."], ",", id="comma-scale-and-percent"),
    pytest.param(["Operating profit 1.234,5 thousand."], ",", id="comma-dot-groups"),
    pytest.param(["Deposits of 3.482.000 were recorded."], ",", id="comma-two-dot-groups"),
    pytest.param(["Operative cash flow -6 885,2 thousand."], ",", id="comma-space-groups"),
    pytest.param(["The ratio was 1,250."], ".", id="no-vote-english-default"),
    pytest.param(["Growth of 4,7 billion", "and 2.5% and 1,234.5 and 9.1 million"], ".", id="majority-point"),
    pytest.param(["Sales 4,7 billion and 1,2 million", "costs 2.5%"], ",", id="majority-comma"),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "decimal"), VOTES)
def test_number_conventions_document_votes(texts: list[str], decimal: str) -> None:
    assert text_convention(texts).decimal == decimal


def test_number_conventions_space_groups_need_evidence() -> None:
    assert not text_convention(["Staff numbered 3 037 in 2022."]).space_groups
    assert not text_convention(["Vehicles disinfected 5 42 116 300,000"]).space_groups  # a table row
    assert text_convention(["Deposits of 12 345 678,9 were recorded."]).space_groups


@pytest.mark.parametrize(
    ("language", "decimal", "space"), [("en", ".", False), ("de", ",", False), ("fr", ",", True), ("fi", ",", True),
                                       ("de_CH", ".", False), ("xx-unknown", ".", False)],
)  # fmt: skip
def test_number_conventions_language_defaults_from_cldr(language: str, decimal: str, space: bool) -> None:
    convention = language_convention(language)
    assert (convention.decimal, convention.space_groups) == (decimal, space)


def test_number_conventions_no_vote_falls_back_to_language() -> None:
    assert text_convention(["The ratio was 1,250."], language="de").decimal == ","


def test_number_conventions_amounts_read_the_page_convention(nlp) -> None:
    text = ["Net sales were EUR 4,7 billion, and the dividend EUR 1,250 per share."]
    assert amounts_in(nlp, text) == [(4_700_000_000, "EUR", "exact"), (1.25, "EUR", "exact")]


def test_number_conventions_counts_read_the_page_convention(nlp) -> None:
    passages = make_passages(nlp, ["The bank had 3.482 employees and EUR 4,7 billion of deposits."])
    context = DocumentContext(issue_date=dt.date(2024, 2, 15))
    assert [(m.value.value, m.value.subject) for m in CountRules()(passages, context)] == [(3482, "employees")]
