"""Amounts written with magnitude abbreviations, as humanitarian budgets and key figures write them.

Sentences from real appeals, situation reports and allocations (WFP, IFRC DREF, OCHA/CERF, PAHO,
UNICEF, ECHO, 2023-2025), some shortened.
"""

from __future__ import annotations

import pytest

from tests.extractors.test_amounts import amounts_in

CASES = [
    pytest.param(
        "WFP requires USD 6.7 M to assist 360,000 people over the next three months.",
        [(6_700_000, "USD", "exact")],
        id="usd-spaced-m",
    ),
    pytest.param("The appeal seeks US$ 2.3 M for six months.", [(2_300_000, "USD", "exact")], id="us-dollar-spaced-m"),
    pytest.param("CERF allocated USD 1.2m to the response.", [(1_200_000, "USD", "exact")], id="usd-glued-m"),
    pytest.param("The EU released EUR 3 bn for the region.", [(3_000_000_000, "EUR", "exact")], id="eur-spaced-bn"),
    pytest.param("The DREF allocation is CHF 450K.", [(450_000, "CHF", "exact")], id="chf-glued-k"),
    pytest.param("The DREF allocation is CHF 450 K.", [(450_000, "CHF", "exact")], id="chf-spaced-k"),
    pytest.param("Donors have pledged $4.1 million so far.", [(4_100_000, "USD", "exact")], id="dollar-million-word"),
    pytest.param("The plan needs US$4.1M.", [(4_100_000, "USD", "exact")], id="us-dollar-glued-m"),
    pytest.param(
        "ECHO released EUR 1.5 M. PAHO mobilized 4M for the response.",
        [(1_500_000, "EUR", "exact"), (4_000_000, "EUR", "exact")],
        id="bare-magnitude-takes-the-documents-currency",
    ),
    pytest.param(
        "CERF allocated US$ 4 million, and PAHO mobilized 4M for the response.",
        [(4_000_000, "USD", "exact"), (4_000_000, "USD", "exact")],
        id="bare-magnitude-in-a-report-in-dollars",
    ),
    pytest.param(
        "UNICEF received USD 2 M and EUR 1 M. Partners mobilized 3M.",
        [(2_000_000, "USD", "exact"), (1_000_000, "EUR", "exact")],
        id="bare-magnitude-left-when-currencies-differ",
    ),
    pytest.param("The budget line covers USD 5 M&E costs.", [(5, "USD", "exact")], id="m-and-e-is-no-magnitude"),
    pytest.param(
        "The response will require more than USD 2.5 Bn in 2025.",
        [(2_500_000_000, "USD", "more_than")],
        id="more-than-spaced-bn",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_amounts_magnitude_abbreviations(nlp, sentence: str, expected: list) -> None:
    assert amounts_in(nlp, [sentence]) == expected


def test_amounts_magnitude_case_table_is_large() -> None:
    assert len(CASES) >= 10
