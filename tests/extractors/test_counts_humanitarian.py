"""Counts of humanitarian reporting: nouns left unwritten, grouped thousands, names that hold digits.

Sentences from real situation reports and flash updates (OCHA, UNICEF, PAHO, WFP, FAO, IFRC,
International Medical Corps, WHO, FEWS NET, 2020-2025) and public outbreak news, some shortened.
The part_of links are checked where the rules make them; a count's value, qualifier and noun are
checked always.
"""

from __future__ import annotations

import pytest

from extractors.grouped_numbers import iter_grouped_numbers
from tests.extractors.test_counts import counts_in


def values(found: list) -> list[tuple]:
    """(value, qualifier, head noun) of each count: the part a noun-less count must get right."""
    return [(value, qualifier, subject.split()[-1].lower()) for value, qualifier, subject, _ in found]


UNSTATED_NOUN_CASES = [
    pytest.param(
        "An estimated 62 suspected and 14 confirmed cases were reported in the district.",
        [(62, "approximate", "cases"), (14, "exact", "cases")],
        id="coordinated-counts-share-the-noun",
    ),
    pytest.param(
        "So far, 48,200 were reached with hygiene promotion messages.",
        [(48200, "exact", "people")],
        id="were-reached-counts-people",
    ),
    pytest.param(
        "The floods killed 12 people. Seven were children.",
        [(12, "exact", "people"), (7, "exact", "children")],
        id="seven-were-children",
    ),
    pytest.param(
        "Around 450 homes have been flooded and ten damaged, mostly in the North-West.",
        [(450, "approximate", "homes"), (10, "exact", "homes")],
        id="ten-damaged",
    ),
    pytest.param(
        "UNESCO has 220 trained youth volunteers (60 in South, 60 in Grand'Anse, 100 in North and Artibonite).",
        [
            (220, "exact", "volunteers"),
            (60, "exact", "volunteers"),
            (60, "exact", "volunteers"),
            (100, "exact", "volunteers"),
        ],
        id="bracketed-split-by-place",
    ),
    pytest.param(
        "Internal displacement affects more than 1.4 million people, including 210,000 in the ZMPP.",
        [(1400000, "more_than", "people"), (210000, "exact", "people")],
        id="including-a-share-in-a-place",
    ),
    pytest.param(
        "IOM has pre-positioned hygiene kits for over 17,000 households nationwide, including 3,371 in the South.",
        [(17000, "more_than", "households"), (3371, "exact", "households")],
        id="including-households-in-a-department",
    ),
    pytest.param(
        "At least 3 dead have been reported.",
        [(3, "at_least", "dead")],
        id="adjective-of-state",
    ),
    pytest.param(
        "As of 26 November, 881 shelters were open, 79 of them in Kingston.",
        [(881, "exact", "shelters"), (79, "exact", "shelters")],
        id="of-them",
    ),
    pytest.param(
        "A total of 2345 households received cash transfers.",
        [(2345, "exact", "households")],
        id="no-thousands-separator",
    ),
    pytest.param(
        "FAO plans to distribute 1 000 emergency food production kits.",
        [(1000, "exact", "kits")],
        id="space-grouped-thousands",
    ),
    pytest.param(
        "More than 350 000 people were affected in the Grand Sud.",
        [(350000, "more_than", "people")],
        id="space-grouped-more-than",
    ),
    pytest.param(
        "WFP will assist 360.000 people in the departments hit by the storm.",
        [(360000, "exact", "people")],
        id="dot-grouped-thousands",
    ),
    pytest.param(
        "Supplies reached 176 health facilities across the departments of South (46 facilities), "
        "Grand'Anse (42), Nippes (37), and South-East (51).",
        [
            (176, "exact", "facilities"),
            (46, "exact", "facilities"),
            (42, "exact", "facilities"),
            (37, "exact", "facilities"),
            (51, "exact", "facilities"),
        ],
        id="list-of-figures-by-department",
    ),
    pytest.param(
        "Nearly 2,900 WASH kits are pre-positioned in the South for approximately 14,500 people, with "
        "allocation ongoing: 700 via HEKS-EPER, 600 via Plan International and 900 stored in Les Cayes.",
        [
            (2900, "approximate", "kits"),
            (14500, "approximate", "people"),
            (700, "exact", "kits"),
            (600, "exact", "kits"),
            (900, "exact", "kits"),
        ],
        id="breakdown-skips-the-beneficiaries",
    ),
    pytest.param(
        "MINIMUM CENTRAL PRESSURE: 909 MB.",
        [],
        id="pressure-is-a-measure",
    ),
    pytest.param(
        "During the operation, the navy seized 220 kg of heroin from one of them.",
        [],
        id="one-of-them-picks-one-out",
    ),
    pytest.param(
        "Over 3 days, 45 inspectors checked 120 containers.",
        [(45, "exact", "inspectors"), (120, "exact", "containers")],
        id="a-measure-lends-no-noun",
    ),
]

NAME_CASES = [
    pytest.param("The COVID-19 response continues in 12 districts.", [(12, "exact", "districts")], id="covid-19"),
    pytest.param("Avian influenza A(H5N1) was detected in 3 farms.", [(3, "exact", "farms")], id="h5n1"),
    pytest.param(
        "Influenza A(H1N1)pdm09 predominated among 45 positive samples.",
        [(45, "exact", "samples")],
        id="h1n1pdm09",
    ),
    pytest.param("Situation Report No. 4 covers 9 provinces.", [(9, "exact", "provinces")], id="sitrep-no"),
    pytest.param(
        "Flash Update #2: 1,200 families are displaced.", [(1200, "exact", "families")], id="flash-update-hash"
    ),
    pytest.param("SitRep 15 reports 20 new cases.", [(20, "exact", "cases")], id="sitrep-number-label"),
    pytest.param(
        "The emergency appeal MDRET039 was launched to reach 573,000 people.",
        [(573000, "exact", "people")],
        id="appeal-code",
    ),
    pytest.param(
        "The DREF operation MDRHT021 supports 5,000 households.", [(5000, "exact", "households")], id="dref-code"
    ),
    pytest.param("Cases of SARS-CoV-2 rose in 4 regions.", [(4, "exact", "regions")], id="sars-cov-2"),
    pytest.param("The H7N9 strain was found in 2 markets.", [(2, "exact", "markets")], id="h7n9"),
    pytest.param("Under Phase 3 of the IPC, 5 zones are in crisis.", [(5, "exact", "zones")], id="ipc-phase"),
    pytest.param(
        "Hurricane Melissa, a Category 5 storm, destroyed 120 homes.", [(120, "exact", "homes")], id="category"
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), UNSTATED_NOUN_CASES)
def test_counts_without_a_stated_noun(nlp, sentence: str, expected: list[tuple]) -> None:
    assert values(counts_in(nlp, [sentence])) == expected


@pytest.mark.parametrize(("sentence", "expected"), NAME_CASES)
def test_counts_skip_names_that_hold_digits(nlp, sentence: str, expected: list[tuple]) -> None:
    assert values(counts_in(nlp, [sentence])) == expected


def test_counts_humanitarian_case_tables_are_large() -> None:
    assert len(UNSTATED_NOUN_CASES) >= 10
    assert len(NAME_CASES) >= 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 000 kits", [1000]),
        ("350 000 people", [350000]),
        ("1\u00a0250\u00a0000 people", [1250000]),
        ("360.000 people", [360000]),
        ("2.500 million", []),
        ("3.14 points", []),
        ("12 345", [12345]),
        ("in 2025 1 000 kits", [1000]),
    ],
)
def test_grouped_numbers(text: str, expected: list[int]) -> None:
    assert [number.value for number in iter_grouped_numbers(text)] == expected
