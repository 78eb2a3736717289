"""Currency multipliers, fractional units and ranges of amounts, in company and bank report spellings."""

from __future__ import annotations

import pytest

from extractors.amounts.currencies import currency_table
from extractors.amounts.multipliers import unit_after, unit_before
from extractors.amounts.ranges import range_pairs, times
from extractors.numbers import iter_numbers
from tests.extractors.test_amounts import amounts_in

COMPACT = [
    pytest.param("Net sales, MEUR 583.7, up 26.3%.", [(583_700_000, "EUR", "exact")], id="meur-before"),
    pytest.param("Adjusted EBIT was 59.8 MEUR for the year.", [(59_800_000, "EUR", "exact")], id="meur-after"),
    pytest.param("Operating profit reached EURm 22.4 in the period.", [(22_400_000, "EUR", "exact")], id="eurm-before"),
    pytest.param("Free cash flow of €m 41 was reported.", [(41_000_000, "EUR", "exact")], id="euro-sign-m-before"),
    pytest.param("The fund invested USD mn 4.5 in new schools.", [(4_500_000, "USD", "exact")], id="usd-mn-before"),
    pytest.param("Exports were worth USD 3.2 mn last year.", [(3_200_000, "USD", "exact")], id="usd-number-mn"),
    pytest.param("Reserves stood at US$ 12.4 bn in June.", [(12_400_000_000, "USD", "exact")], id="us-dollar-bn"),
    pytest.param("A contract worth 750 kUSD was signed.", [(750_000, "USD", "exact")], id="kusd-after"),
    pytest.param("Personnel costs were 1,234 TEUR in 2022.", [(1_234_000, "EUR", "exact")], id="teur-after"),
    pytest.param("The subsidy amounts to 12 Mio. EUR per year.", [(12_000_000, "EUR", "exact")], id="mio-eur"),
    pytest.param("Investments of EUR 2,5 Mrd. were planned.", [(2_500_000_000, "EUR", "exact")],
                 id="mrd-decimal-comma"),
    pytest.param("Net sales increased to SEK 35,244m in the quarter.", [(35_244_000_000, "SEK", "exact")],
                 id="sek-glued-m"),
    pytest.param("The state approved Rs 450 crore for the port.", [(4_500_000_000, "INR", "exact")], id="crore"),
    pytest.param("Each village received Rs 2.5 lakh for roads.", [(250_000, "INR", "exact")], id="lakh"),
]  # fmt: skip

FRACTIONS = [
    pytest.param("The 2007 rate for business use of your vehicle is 48½ cents a mile.",
                 [(0.485, "USD", "exact")], id="cents-with-fraction"),
    pytest.param("The rate to move is 20 cents a mile.", [(0.2, "USD", "exact")], id="cents"),
    pytest.param("A stamp now costs 85 pence in the United Kingdom.", [(0.85, "GBP", "exact")], id="pence"),
    pytest.param("The levy is 2 euro cents per litre.", [(0.02, "EUR", "exact")], id="euro-cents"),
    pytest.param("Canada raised the fee to 25 cents in Ontario.", [(0.25, "CAD", "exact")],
                 id="cents-decided-by-place"),
]  # fmt: skip

RANGES = [
    pytest.param("Sales are guided at 180-220 MEUR for the year.",
                 [(180_000_000, "EUR", "at_least"), (220_000_000, "EUR", "at_most")], id="range-meur"),
    pytest.param("The programme is expected to bring SEK 4-5bn in 2023.",
                 [(4_000_000_000, "SEK", "at_least"), (5_000_000_000, "SEK", "at_most")], id="range-sek-bn"),
    pytest.param("A restructuring charge of SEK 1.2-1.5bn is expected.",
                 [(1_200_000_000, "SEK", "at_least"), (1_500_000_000, "SEK", "at_most")], id="range-decimals-bn"),
    pytest.param("The works will cost between $3 and $5 million.",
                 [(3_000_000, "USD", "at_least"), (5_000_000, "USD", "at_most")], id="range-between-and"),
    pytest.param("Grants range from $500,000 to $1.2 million.",
                 [(500_000, "USD", "at_least"), (1_200_000, "USD", "at_most")], id="range-low-keeps-own-scale"),
    pytest.param("Fees of EUR 180–220 million are due.",
                 [(180_000_000, "EUR", "at_least"), (220_000_000, "EUR", "at_most")], id="range-en-dash"),
    pytest.param("Budgets of USD 200 to 300 per family were paid.",
                 [(200, "USD", "at_least"), (300, "USD", "at_most")], id="range-to-unscaled"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), COMPACT + FRACTIONS + RANGES)
def test_multipliers_case_table(nlp, sentence: str, expected) -> None:
    assert amounts_in(nlp, [sentence]) == expected


@pytest.mark.parametrize(
    ("text", "position", "written", "multiplier"),
    [("Net sales, MEUR 583.7", 16, "MEUR", 1_000_000), ("EURm 12", 5, "EURm", 1_000_000),
     ("USD mn 4.5", 7, "USD mn", 1_000_000), ("the EUR 5", 8, None, None)],
)  # fmt: skip
def test_multipliers_unit_before(text: str, position: int, written, multiplier) -> None:
    unit = unit_before(text, position, currency_table())
    found = (unit.written, unit.multiplier) if unit else (None, None)
    assert found == (written, multiplier)


@pytest.mark.parametrize(
    ("text", "written", "multiplier", "code"),
    [("5 kUSD", "kUSD", 1_000, "USD"), ("5 TEUR", "TEUR", 1_000, "EUR"), ("5 Mio. EUR", "Mio. EUR", 1_000_000, "EUR"),
     ("5 US$ bn", "US$ bn", 1_000_000_000, "USD"), ("5 pence", "pence", 0.01, "GBP"), ("5 EUR", None, None, None),
     ("5 MEURO", None, None, None)],
)  # fmt: skip
def test_multipliers_unit_after(text: str, written, multiplier, code) -> None:
    unit = unit_after(text, 1, currency_table())
    found = (unit.written, unit.multiplier, code if code in unit.codes else None) if unit else (None, None, None)
    assert found == (written, multiplier, code)


def test_multipliers_range_pairs_need_a_link() -> None:
    text = "from 5 to 10, and 3 then 4, and between 7 and 9"
    numbers = list(iter_numbers(text))
    assert range_pairs(text, numbers) == {0: 1, 4: 5}


def test_multipliers_times_has_no_binary_noise() -> None:
    assert times(48.5, 0.01) == 0.485
    assert times(583.7, 1_000_000) == 583_700_000
