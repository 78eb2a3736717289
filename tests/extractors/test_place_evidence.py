"""Places that are ordinary words or institutions need evidence before a gazetteer match becomes a record."""

from __future__ import annotations

import pytest

from extractors.places.name_evidence import is_institution, iter_address_towns
from tests.extractors.test_places import place_values

US = "US"

CASES = [
    pytest.param(["The Prime Minister returned to Downing Street after the vote in the United Kingdom."],
                 {("United Kingdom", "country", "GB")}, id="downing-street-institution"),
    pytest.param(["Lawmakers gathered at the Capitol to certify the results in the United States."],
                 {("United States", "country", US)}, id="the-capitol-institution"),
    pytest.param(["The White House said the Kremlin had not replied."], set(), id="white-house-not-casablanca"),
    pytest.param(["Leaders met at the Summit in Geneva to discuss trade."],
                 {("Geneva", "city", "CH")}, id="the-summit-not-a-town"),
    pytest.param(["Mercury prices rose as mining output fell in Peru."], {("Peru", "country", "PE")},
                 id="mercury-metal"),
    pytest.param(["The Department of Energy announced new grants for Texas utilities."],
                 {("Texas", "admin_area", US)}, id="energy-department"),
    pytest.param(["Parliament approved the budget after a long debate in Finland."],
                 {("Finland", "country", "FI")}, id="parliament-legislature"),
    pytest.param(["Section 102(c) amends the law for works from Berne or WTO member countries."], set(),
                 id="berne-convention-members"),
    pytest.param(["The factory moved from Summit to Newark in New Jersey."],
                 {("Summit", "city", US), ("Newark", "city", US), ("New Jersey", "admin_area", US)},
                 id="summit-with-locative-and-state-stays"),
    pytest.param(["Trucks left 12 Boston Road in Lowell, Massachusetts."],
                 {("Lowell", "city", US), ("Massachusetts", "admin_area", US)}, id="street-named-after-a-town"),
    pytest.param(["The credit for District of Columbia homebuyers expired."],
                 {("District of Columbia", "admin_area", US)}, id="district-not-washington-alias"),
    pytest.param(["The storm hit Washington and Oregon in the United States."],
                 {("Washington", "city", US), ("Oregon", "admin_area", US), ("United States", "country", US)},
                 id="us-state-beats-small-namesake"),
    pytest.param(["SUITE 430 CLACKAMAS, OR 97015"], {("Clackamas", "city", US), ("Oregon", "admin_area", US)},
                 id="postal-address-state-code"),
    pytest.param(["Section 102(c) restores protection to works from Berne or WTO member countries that fell into the"
                  " public domain in the United States."], {("United States", "country", US)},
                 id="berne-coordinated-with-acronym"),
    pytest.param(["Tax rules of the United States:", "District of Columbia first-time homebuyer credit."],
                 {("United States", "country", US), ("District of Columbia", "admin_area", US)},
                 id="home-admin-area-qualifying-a-noun"),
    pytest.param(["Trucks from Kenya and Uganda crossed at Busia."],
                 {("Kenya", "country", "KE"), ("Uganda", "country", "UG"), ("Busia", "city", "KE")},
                 id="border-town-keeps-its-town"),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "expected"), CASES)
def test_place_evidence_cases(nlp, texts: list[str], expected: set) -> None:
    assert place_values(nlp, texts) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Downing Street", True), ("the Kremlin", True), ("The White House", True), ("Capitol Hill", True),
     ("Whitehouse Station", False), ("Geneva", False)],
)  # fmt: skip
def test_place_evidence_institutions(name: str, expected: bool) -> None:
    assert is_institution(name) is expected


def test_place_evidence_address_towns_need_a_state_code_and_zip() -> None:
    found = [(town.name, town.country) for _, _, town in iter_address_towns("430 CLACKAMAS, OR 97015; PARIS, XX 12345")]
    assert found == [("Clackamas", US)]
