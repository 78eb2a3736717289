"""Amounts of money: value in currency units, ISO 4217 code from CLDR tables, qualifier."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from extractors.amounts.currencies import DATA_FILE, currency_table
from extractors.amounts.currency_sources import build_currency_table, currency_table_to_json
from extractors.amounts.extractor import AmountRules, choose_currency, iter_amount_spans
from extractors.base import DocumentContext
from tests.helpers import make_passages

CONTEXT = DocumentContext(issue_date=dt.date(2018, 3, 12), issue_date_given=True)

Found = tuple[int | float, str, str]
"""(value, currency, qualifier)."""


def amounts_in(nlp, texts: list[str]) -> list[Found]:
    passages = make_passages(nlp, texts)
    return [(m.value.value, m.value.currency, m.value.qualifier) for m in AmountRules()(passages, CONTEXT)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Sign or code before the number.
        pytest.param(
            "The donor pledged $1.5 million for the project.", [(1_500_000, "USD", "exact")], id="dollar-sign-million"
        ),
        pytest.param("A grant of US$ 250,000 was signed.", [(250_000, "USD", "exact")], id="us-dollar-sign-space"),
        pytest.param(
            "The grant of US$1.1 million was signed.", [(1_100_000, "USD", "exact")], id="us-dollar-sign-glued"
        ),
        pytest.param(
            "Sports kits worth 96 million Lao kip were added.", [(96_000_000, "LAK", "exact")], id="demonym-before-name"
        ),
        pytest.param(
            "Assets worth over 500 million Thai baht were frozen.",
            [(500_000_000, "THB", "more_than")],
            id="demonym-baht",
        ),
        pytest.param("The fine was 20 million Burmese kyats.", [(20_000_000, "MMK", "exact")], id="demonym-plural"),
        pytest.param(
            "Informants will share a reward of Tk 12 lakh.", [(1_200_000, "BDT", "exact")], id="taka-abbreviation-lakh"
        ),
        pytest.param(
            "The heroin would have sold for more than Rs 5 crore in Mumbai.",
            [(50_000_000, "INR", "more_than")],
            id="rupees-from-city-in-sentence",
        ),
        pytest.param(
            "The seized cash came to Rs 40 million in Karachi.",
            [(40_000_000, "PKR", "exact")],
            id="rupees-from-city-pakistan",
        ),
        pytest.param("Japan gave USD 3.2m to the programme.", [(3_200_000, "USD", "exact")], id="code-suffix-m"),
        pytest.param(
            "Japan gave USD 3.2 million to the programme.", [(3_200_000, "USD", "exact")], id="code-scale-word"
        ),
        pytest.param("The EU gave EUR 400,000 for equipment.", [(400_000, "EUR", "exact")], id="code-eur"),
        pytest.param("The EU gave €2 million for equipment.", [(2_000_000, "EUR", "exact")], id="euro-sign"),
        pytest.param("The EU committed EUR 1.5bn over five years.", [(1_500_000_000, "EUR", "exact")], id="suffix-bn"),
        pytest.param("The province allocated PKR 5 million to clinics.", [(5_000_000, "PKR", "exact")], id="code-pkr"),
        pytest.param("The fund holds £300,000 in reserve.", [(300_000, "GBP", "exact")], id="pound-sign"),
        pytest.param("Switzerland provided CHF 1.2 million.", [(1_200_000, "CHF", "exact")], id="code-chf"),
        pytest.param("Japan funded ¥10 million in kits.", [(10_000_000, "JPY", "exact")], id="yen-sign"),
        pytest.param(
            "The ministry spent ₹500 crore on treatment.", [(5_000_000_000, "INR", "exact")], id="rupee-sign-crore"
        ),
        pytest.param("The Kyrgyz Republic spent KGS 12 million.", [(12_000_000, "KGS", "exact")], id="code-kgs"),
        # Name after the number.
        pytest.param(
            "UNODC provided 50 computers and other equipment worth over 2 million Kyrgyz soms.",
            [(2_000_000, "KGS", "more_than")],
            id="worth-over-kyrgyz-soms",
        ),
        pytest.param(
            "Equipment worth 3,500,000 soms was delivered.", [(3_500_000, "KGS", "exact")], id="soms-plural-kgs"
        ),
        pytest.param("Police seized 150,000 Afghanis in Herat.", [(150_000, "AFN", "exact")], id="afghanis"),
        pytest.param(
            "The donor gave two million dollars.", [(2_000_000, "USD", "exact")], id="words-dollars-default-usd"
        ),
        pytest.param("A sum of 10,000 US dollars was raised.", [(10_000, "USD", "exact")], id="us-dollars-name"),
        pytest.param("A sum of 10,000 U.S. dollars was raised.", [(10_000, "USD", "exact")], id="u-s-dollars-alias"),
        pytest.param("The project cost 5,000 USD per month.", [(5_000, "USD", "exact")], id="code-after"),
        pytest.param("The budget is half a million euros.", [(500_000, "EUR", "exact")], id="half-a-million-euros"),
        pytest.param("Kazakhstan spent 5 million tenge on the centre.", [(5_000_000, "KZT", "exact")], id="tenge"),
        pytest.param("Rehabilitation costs 20,000 somoni a year.", [(20_000, "TJS", "exact")], id="somoni"),
        pytest.param(
            "The state paid 3 billion Uzbek soums.", [(3_000_000_000, "UZS", "exact")], id="uzbek-soums-alias"
        ),
        # Currency decided by the places the text names.
        pytest.param(
            "In Pakistan, the government allocated 1.2 billion rupees.",
            [(1_200_000_000, "PKR", "exact")],
            id="rupees-pakistan",
        ),
        pytest.param(
            "India allocated 1.2 billion rupees to treatment.", [(1_200_000_000, "INR", "exact")], id="rupees-india"
        ),
        pytest.param("Sri Lanka's police received Rs. 5,000,000.", [(5_000_000, "LKR", "exact")], id="rs-sri-lanka"),
        pytest.param("The grant was 1.2 billion rupees.", [(1_200_000_000, "INR", "exact")], id="rupees-default-inr"),
        pytest.param(
            "In the Sahel, the project cost 5 million CFA francs.", [(5_000_000, "XOF", "exact")], id="cfa-sahel-xof"
        ),
        pytest.param(
            "In Cameroon, the project cost 5 million CFA francs.", [(5_000_000, "XAF", "exact")], id="cfa-cameroon-xaf"
        ),
        pytest.param("Senegal spent 50,000,000 FCFA on prisons.", [(50_000_000, "XOF", "exact")], id="fcfa-senegal"),
        pytest.param("Turkmenistan spent 15,000 manat on kits.", [(15_000, "TMT", "exact")], id="manat-turkmenistan"),
        pytest.param("Azerbaijan spent 15,000 manat on kits.", [(15_000, "AZN", "exact")], id="manat-azerbaijan"),
        pytest.param("The Pakistani authorities paid Rs 40,000.", [(40_000, "PKR", "exact")], id="rs-adjective"),
        # Qualifiers.
        pytest.param(
            "The project will cost approximately $3 million.", [(3_000_000, "USD", "approximate")], id="approximately"
        ),
        pytest.param("Grants of up to €500,000 are available.", [(500_000, "EUR", "at_most")], id="up-to"),
        pytest.param("The EU pledged at least US$ 2 million.", [(2_000_000, "USD", "at_least")], id="at-least"),
        pytest.param("Each kit costs less than $1,000.", [(1_000, "USD", "less_than")], id="less-than"),
        pytest.param("Donors pledged some $40 million.", [(40_000_000, "USD", "approximate")], id="some"),
        pytest.param("Seizures were worth more than $5 million.", [(5_000_000, "USD", "more_than")], id="more-than"),
        # Not amounts.
        pytest.param("UNODC supports SDG 5 on gender equality.", [], id="sdg-not-sudanese-pounds"),
        pytest.param("The plan covers ALL 5 regions of the country.", [], id="all-not-albanian-lek"),
        pytest.param("The report for Q3 2019 was published.", [], id="quarter-not-quetzal"),
        pytest.param("UNODC handed over 50 computers.", [], id="count-not-amount"),
        pytest.param("The students scored 5 marks out of 10.", [], id="marks-lookalike"),
        pytest.param("The team of 5 won the cup.", [], id="won-lookalike"),
        pytest.param("The soms lost value against the dollar.", [], id="currency-without-number"),
        pytest.param(
            "The project costs $1-2 million a year.",
            [(1_000_000, "USD", "at_least"), (2_000_000, "USD", "at_most")],
            id="range-two-ends",
        ),
        pytest.param(
            "The som is used in Uzbekistan and 1,000 som is a small sum in Osh.",
            [(1_000, "UZS", "exact")],
            id="som-by-place",
        ),
        pytest.param("Prices were quoted in som: 1,000 som for a kit.", [], id="som-undecided"),
    ],
)
def test_amounts_case_table(nlp, sentence: str, expected: list[Found]) -> None:
    assert amounts_in(nlp, [sentence]) == expected


def test_amounts_document_places_decide_when_the_sentence_does_not(nlp) -> None:
    texts = [
        "UNODC works with Pakistan's Anti-Narcotics Force.",
        ("Funding", "heading"),
        "The grant was 1.2 billion rupees.",
    ]
    assert amounts_in(nlp, texts) == [(1_200_000_000, "PKR", "exact")]


def test_amounts_sentence_places_beat_document_places(nlp) -> None:
    texts = ["Pakistan and Pakistan again.", ("Funding", "heading"), "In India, the grant was 5 million rupees."]
    assert amounts_in(nlp, texts) == [(5_000_000, "INR", "exact")]


def test_amounts_mention_span_covers_qualifier_sign_and_name(nlp) -> None:
    passages = make_passages(nlp, ["Equipment worth over 2 million Kyrgyz soms and US$ 250,000 in cash."])
    spans = [passages[0].text[m.start : m.end] for m in AmountRules()(passages, CONTEXT)]
    assert spans == ["over 2 million Kyrgyz soms", "US$ 250,000"]


def test_amounts_confidence_says_how_the_currency_was_decided(nlp) -> None:
    passages = make_passages(nlp, ["$5 million, and in Pakistan 5 million rupees, and 7 manat."])
    confidences = [m.confidence for m in AmountRules()(passages, CONTEXT)]
    assert confidences[0] > confidences[1]
    assert len(confidences) == 2  # "7 manat" (AZN or TMT) has no place to decide by


def test_amounts_choose_currency_needs_a_strict_majority() -> None:
    tie = Counter({"PKR": 1, "INR": 1})
    assert choose_currency(frozenset({"PKR", "INR"}), [tie, Counter(), Counter({"PKR": 2})]) == ("PKR", 0.6)
    assert choose_currency(frozenset({"AZN", "TMT"}), [tie, Counter(), Counter()]) is None


def test_amounts_currency_table_comes_from_cldr() -> None:
    table = currency_table()
    assert table.name_codes("Kyrgyz soms") == {"KGS"}
    assert table.name_codes("afghanis") == {"AFN"}
    assert {"INR", "PKR", "NPR", "LKR"} <= table.name_codes("rupees")
    assert table.name_codes("CFA francs") == {"XOF", "XAF"}
    assert table.symbol_codes("$") == {"USD"} and table.symbol_codes("€") == {"EUR"}
    assert len(table.codes) > 140


def test_amounts_spans_are_shared_with_counts() -> None:
    text = "UNODC gave 20 computers worth $50,000."
    assert [(text[s.start : s.end], s.codes) for s in iter_amount_spans(text)] == [("$50,000", {"USD"})]


def test_amounts_currency_data_file_matches_cldr() -> None:
    # The data file is generated; rebuilding it from Babel and pycountry must give the same text.
    # On a difference, run: .venv/bin/python -m extractors.amounts.currency_sources
    assert currency_table_to_json(build_currency_table()) == DATA_FILE.read_text(encoding="utf-8")
