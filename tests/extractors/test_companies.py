"""Organisations outside the UN world: companies, bodies in capitals, legislatures, central banks."""

from __future__ import annotations

import pytest

from extractors.organisations.companies import iter_companies, title_case
from tests.extractors.test_organisations import organisation_values

CASES = [
    pytest.param(["Nokia Oyj reported net sales of EUR 5.0 billion for the quarter."], {("Nokia Oyj", None)},
                 id="finnish-oyj"),
    pytest.param(["Siemens AG and Barclays plc cut costs in the second half."],
                 {("Siemens AG", None), ("Barclays plc", None)}, id="ag-and-plc"),
    pytest.param(["Shares of Apple Inc. rose after the results."], {("Apple Inc.", None)}, id="us-inc"),
    pytest.param(["Plaintiff, by and through its attorneys, Zwicker & Associates, P.C., states as follows."],
                 {("Zwicker & Associates, P.C.", None)}, id="professional-corporation"),
    pytest.param(["The contract went to Skanska AB and Equinor ASA last year."],
                 {("Skanska AB", None), ("Equinor ASA", None)}, id="swedish-norwegian-forms"),
    pytest.param(["THE CIRCUIT COURT OF THE STATE OF OREGON"], {("Circuit Court of the State of Oregon", None)},
                 id="court-caption-in-capitals"),
    pytest.param(["At the time these instructions went to print, Congress was considering legislation."],
                 {("Congress", None)}, id="legislature-one-word"),
    pytest.param(["Parliament approved the budget, and the Bundestag debated it."],
                 {("Parliament", None), ("Bundestag", None)}, id="parliaments"),
    pytest.param(["The Federal Reserve raised rates; the Fed cited inflation."],
                 {("Federal Reserve System", None)}, id="central-bank-nickname"),
    pytest.param(["The ECB left rates unchanged while the SNB cut."],
                 {("European Central Bank", "ECB"), ("Swiss National Bank", "SNB")}, id="central-bank-acronyms"),
    pytest.param(["Plaintiff is a FDIC-insured Delaware State Bank."],
                 {("Federal Deposit Insurance Corporation", "FDIC")}, id="description-after-a-is-no-name"),
    pytest.param(["Title I requires the U.S. Copyright Office to perform two studies."],
                 {("U.S. Copyright Office", None)}, id="initialism-before-name"),
    pytest.param(["The Royal Society of Chemistry and the American Economic Association issued a statement."],
                 {("Royal Society of Chemistry", None), ("American Economic Association", None)},
                 id="professional-societies"),
    pytest.param(["The functions of the Copyright Office grew.", "Title I requires the U.S. Copyright Office to act."],
                 {("U.S. Copyright Office", None)}, id="short-name-takes-the-qualified-one"),
    pytest.param(["Studies with the National Telecommunications and Information Administration of the Department of"
                  " Commerce (NTIA) are due."],
                 {("National Telecommunications and Information Administration", "NTIA"),
                  ("Department of Commerce", None)},
                 id="defined-body-and-its-parent"),
    pytest.param(["The National Bureau of Economic Research dated the recession."],
                 {("National Bureau of Economic Research", None)}, id="research-house"),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "expected"), CASES)
def test_companies_cases(nlp, texts: list[str], expected: set) -> None:
    assert organisation_values(nlp, texts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("CIRCUIT COURT OF THE STATE OF OREGON", "Circuit Court of the State of Oregon"),
     ("P. & C. CONSTRUCTION CO.", "P. & C. Construction Co."), ("DISCOVER BANK", "Discover Bank"),
     ("BANK OF NEW-YORK", "Bank of New-York")],
)  # fmt: skip
def test_companies_title_case(text: str, expected: str) -> None:
    assert title_case(text) == expected


def test_companies_a_hyphenated_word_is_no_legal_form() -> None:
    assert list(iter_companies("The CDPG Co-leads and AG-level staff met.")) == []


def test_companies_leading_sentence_word_is_not_part_of_the_name() -> None:
    assert [m.name for m in iter_companies("While Nokia Oyj grew, Ericsson AB shrank.")] == ["Nokia Oyj", "Ericsson AB"]
