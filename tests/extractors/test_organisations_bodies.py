"""Organisations without an organisation head noun: registry bodies, Red Cross societies, listed partners.

Sentences from real humanitarian bulletins (OCHA, UNICEF, IFRC, WFP and CDEMA situation reports
and flash updates, 2020-2025), some shortened.
"""

from __future__ import annotations

import pytest

from extractors.organisations.bodies import iter_body_spans, iter_red_cross_spans, load_bodies
from tests.extractors.test_organisations import organisation_values

CASES = [
    pytest.param(
        "Save the Children and Mercy Corps distributed hygiene kits in Jérémie.",
        {("Save the Children", None), ("Mercy Corps", None)},
        id="ngos-without-head",
    ),
    pytest.param(
        "Action Against Hunger is running mobile nutrition clinics in the Grand South.",
        {("Action Against Hunger", None)},
        id="action-against-hunger",
    ),
    pytest.param(
        "The Global Fund approved an emergency grant to maintain malaria services.",
        {("Global Fund", None)},
        id="the-global-fund",
    ),
    pytest.param(
        "Qatar Airways carried 40 tonnes of medical supplies to Addis Ababa.",
        {("Qatar Airways", None)},
        id="airline",
    ),
    pytest.param(
        "International Medical Corps deployed a mobile medical team to Jinka.",
        {("International Medical Corps", None)},
        id="corps-head",
    ),
    pytest.param(
        "Nationally, stocks are available through the Common Pipeline and partners including the Haitian Red "
        "Cross, CRS and DKH.",
        {("Haitian Red Cross", None), ("Catholic Relief Services", "CRS"), ("Diakonie Katastrophenhilfe", "DKH")},
        id="red-cross-by-demonym-and-registry-ngos",
    ),
    pytest.param(
        "The Spanish Red Cross and the Ethiopian Red Cross Society mobilised volunteers.",
        {("Spanish Red Cross", None), ("Ethiopian Red Cross Society", None)},
        id="red-cross-societies",
    ),
    pytest.param(
        "Funding was released by CERF and UNHAS resumed flights to Jérémie.",
        {("Central Emergency Response Fund", "CERF"), ("United Nations Humanitarian Air Service", "UNHAS")},
        id="un-funds-and-services-from-registry",
    ),
    pytest.param(
        "PAHO and CDEMA are supporting the Ministry of Health and Wellness.",
        {
            ("Pan American Health Organization", "PAHO"),
            ("Caribbean Disaster Emergency Management Agency", "CDEMA"),
            ("Ministry of Health and Wellness", None),
        },
        id="regional-agencies",
    ),
    pytest.param(
        "Shelter kits were distributed by ACTED, ASHAPE, CESVI and CEDUCC in Nippes.",
        {
            ("Agency for Technical Cooperation and Development", "ACTED"),
            ("ASHAPE", None),
            ("Cooperazione e Sviluppo", "CESVI"),
            ("CEDUCC", None),
        },
        id="unknown-partners-listed-with-known-ones",
    ),
    pytest.param(
        "Agreements were activated with partners HEKS-EPER (Grand'Anse), ACCODEP (South), and Plan Haiti (South-East).",
        {("Swiss Church Aid", "HEKS-EPER"), ("ACCODEP", None), ("Plan International", None)},
        id="partners-with-bracketed-places",
    ),
    pytest.param(
        "According to the NHC, Melissa could strengthen into a major hurricane.",
        {("National Hurricane Center", "NHC")},
        id="forecast-centre-acronym",
    ),
    pytest.param(
        "FEWS NET projects Emergency (IPC Phase 4) outcomes in parts of the Grand South.",
        {("Famine Early Warning Systems Network", "FEWS NET")},
        id="acronym-with-space-ipc-is-a-term",
    ),
    pytest.param(
        "Messages were shared via SMS and WhatsApp with more than 70,000 U-Reporters.",
        set(),
        id="channels-are-not-organisations",
    ),
    pytest.param(
        "WASH, Health, Nutrition, Education and Social Protection teams are on standby.",
        set(),
        id="sector-names-are-not-organisations",
    ),
]


COMMA_AND_FACILITY_CASES = [
    pytest.param(
        "FAO is working with the Ministry of Agriculture, Natural Resources and Rural Development (MARNDR).",
        {
            ("Food and Agriculture Organization of the United Nations", "FAO"),
            ("Ministry of Agriculture, Natural Resources and Rural Development", "MARNDR"),
        },
        id="ministry-with-inner-commas-haiti",
    ),
    pytest.param(
        "The Ministry of Labour, Social Affairs and Family (MoLSAF) leads the response.",
        {("Ministry of Labour, Social Affairs and Family", "MoLSAF")},
        id="ministry-with-inner-commas-mixed-case-acronym",
    ),
    pytest.param(
        "The Ministry of Public Health and Population (MSPP) and UNICEF co-lead the Nutrition Cluster.",
        {
            ("Ministry of Public Health and Population", "MSPP"),
            ("United Nations Children's Fund", "UNICEF"),
            ("Nutrition Cluster", None),
        },
        id="translated-acronym-and-cluster",
    ),
    pytest.param(
        "The Ministry of Planning, Development and Special Initiatives (MoPD&SI) approved the plan.",
        {("Ministry of Planning, Development and Special Initiatives", "MoPD&SI")},
        id="inner-commas-ampersand-acronym",
    ),
    pytest.param(
        "Kebele Health Post (HP) staff referred the cases to Jinka HP and Arba Minch HP.",
        set(),
        id="facility-acronym-not-spread-health-posts",
    ),
    pytest.param(
        "The Regional Health Bureau (RHB) and the Sidama RHB met on Monday.",
        {("Regional Health Bureau", "RHB"), ("Sidama Regional Health Bureau", None)},
        id="facility-acronym-with-a-place-is-another-body",
    ),
    pytest.param(
        "Jinka General Hospital (JGH) referred two patients; JGH staff were trained.",
        {("Jinka General Hospital", "JGH")},
        id="facility-acronym-alone-is-the-same-body",
    ),
    pytest.param(
        "UNICEF Haiti and WFP Ethiopia released funds.",
        {("United Nations Children's Fund", "UNICEF"), ("World Food Programme", "WFP")},
        id="registry-body-with-a-country-is-its-country-office",
    ),
    pytest.param(
        "The Zonal Health Department (ZHD) in Jinka and the Dasenech Woreda Health Office coordinate.",
        {("Zonal Health Department", "ZHD"), ("Dasenech Woreda Health Office", None)},
        id="zonal-department-and-woreda-office",
    ),
    pytest.param(
        "The Directorate General of Civil Protection (DGPC) activated the Emergency Operations Centre.",
        {("Directorate General of Civil Protection", "DGPC"), ("Emergency Operations Centre", None)},
        id="directorate-and-centre",
    ),
]


@pytest.mark.parametrize(("text", "expected"), COMMA_AND_FACILITY_CASES)
def test_organisations_inner_commas_and_facility_acronyms(nlp, text: str, expected: set) -> None:
    assert organisation_values(nlp, [text]) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_organisations_without_head_noun(nlp, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert organisation_values(nlp, [text]) == expected


def test_organisations_without_head_noun_table_is_large() -> None:
    assert len(CASES) >= 10
    assert len(COMMA_AND_FACILITY_CASES) >= 10


def test_bodies_match_whole_names_only() -> None:
    text = "Gavi, Oxfam and the World Bank Group; not Oxfamily nor Gavin."
    assert [name for _, _, name in iter_body_spans(text)] == ["Gavi, the Vaccine Alliance", "Oxfam", "World Bank"]


def test_red_cross_needs_a_country_or_demonym() -> None:
    text = "the Jamaica Red Cross, the Haitian Red Cross Society and Volunteer Red Cross branches"
    assert [name for _, _, name in iter_red_cross_spans(text)] == ["Jamaica Red Cross", "Haitian Red Cross Society"]


def test_bodies_registry_entries_name_their_source() -> None:
    import json

    from extractors.data import read_data

    table = json.loads(read_data("curated", "organisations.json"))
    assert len(load_bodies()) >= 30
    assert all(item.get("source", "").startswith("https://") for item in table["bodies"])
    added = [item for item in table["organisations"] if "source" in item]
    assert len(added) >= 60
    assert all(item["source"].startswith("https://") for item in added)
