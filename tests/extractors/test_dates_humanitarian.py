"""Dates of humanitarian reporting: ranges written with "and" or "between", weeks, years of the report before.

Sentences from real situation reports, flash updates and outbreak news (OCHA, UNICEF, PAHO, WHO,
IFRC, CDEMA, International Medical Corps, 2020-2026), some shortened. Each case gives the issue
date the partial dates are read against.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates.epi_weeks import iter_epi_weeks, week_days
from tests.extractors.test_dates import extract

OCT_2025 = dt.date(2025, 10, 27)
FEB_2026 = dt.date(2026, 2, 10)
JAN_2025 = dt.date(2025, 1, 15)

PARTIAL_DATE_CASES = [
    pytest.param(
        "Schools are closed on Monday 27 and Tuesday 28 October.",
        OCT_2025,
        [("Monday 27 and Tuesday 28 October", "2025-10-27", "2025-10-28", "day", True)],
        id="weekdays-and-days-one-range",
    ),
    pytest.param(
        "Distributions took place on 14 and 15 May.",
        OCT_2025,
        [("14 and 15 May", "2025-05-14", "2025-05-15", "day", True)],
        id="on-14-and-15-may",
    ),
    pytest.param(
        "A refresher training was held between 3-5 March.",
        OCT_2025,
        [("between 3-5 March", "2025-03-03", "2025-03-05", "day", True)],
        id="between-dashed-days",
    ),
    pytest.param(
        "The first case was reported on December 28.",
        FEB_2026,
        [("December 28", "2025-12-28", "2025-12-28", "day", True)],
        id="december-in-a-february-report-is-last-year",
    ),
    pytest.param(
        "Flooding began on 30 December and continued until 4 January.",
        JAN_2025,
        [
            ("30 December", "2024-12-30", "2024-12-30", "day", True),
            ("until 4 January", None, "2025-01-04", "day", True),
        ],
        id="year-turn-in-a-january-report",
    ),
    pytest.param(
        "As of 26 November 2025, 78 laboratory tests have been conducted.",
        OCT_2025,
        [("26 November 2025", "2025-11-26", "2025-11-26", "day", False)],
        id="as-of-full-date",
    ),
    pytest.param(
        "As of 10/26/2025, 3 deaths had been reported.",
        OCT_2025,
        [("10/26/2025", "2025-10-26", "2025-10-26", "day", False)],
        id="month-first-slashed-date",
    ),
    pytest.param(
        "AS OF 8:00PM AST on 27th, OCTOBER, 2025",
        OCT_2025,
        [("27th, OCTOBER, 2025", "2025-10-27", "2025-10-27", "day", False)],
        id="day-comma-month-in-capitals",
    ),
    pytest.param(
        "In epidemiological week 5, 20 cases were reported.",
        dt.date(2025, 2, 10),
        [("epidemiological week 5", "2025-01-27", "2025-02-02", "day", True)],
        id="epidemiological-week",
    ),
    pytest.param(
        "Between epidemiological weeks 1 and 5 of 2025, 120 cases were notified.",
        OCT_2025,
        [("epidemiological weeks 1 and 5 of 2025", "2024-12-30", "2025-02-02", "day", False)],
        id="epidemiological-weeks-with-year",
    ),
    pytest.param(
        "In epi week 52, cases fell.",
        JAN_2025,
        [("epi week 52", "2024-12-23", "2024-12-29", "day", True)],
        id="epi-week-of-last-year",
    ),
    pytest.param(
        "Cases rose in EW 42.",
        OCT_2025,
        [("EW 42", "2025-10-13", "2025-10-19", "day", True)],
        id="ew-abbreviation",
    ),
]

NAME_CASES = [
    pytest.param("Novel Coronavirus (2019-nCoV) cases rose.", [], id="2019-ncov"),
    pytest.param("The COVID-19 pandemic slowed the programme.", [], id="covid-19"),
    pytest.param("Ethiopia Marburg Outbreak 2025", [], id="operation-name-year"),
    pytest.param("Humanitarian Response Plan 2025.", [], id="plan-name-year"),
    pytest.param("Influenza A(H1N1)pdm09 circulated widely.", [], id="h1n1pdm09"),
    pytest.param("Avian influenza A(H5N1) was detected.", [], id="h5n1"),
    pytest.param(
        "Situation Report #3 December 18, 2025",
        [("December 18, 2025", "2025-12-18", "2025-12-18", "day", False)],
        id="sitrep-hash-number-is-no-day",
    ),
    pytest.param("Flash Update #2 covers the storm.", [], id="flash-update-hash"),
    pytest.param("Emergency appeal MDRHT021 was launched.", [], id="appeal-code"),
    pytest.param("SitRep No. 15 is the last of the series.", [], id="sitrep-number"),
    pytest.param(
        "Funding in 2025 is lower than during the floods of 2024.",
        [("2025", "2025-01-01", "2025-12-31", "year", False), ("2024", "2024-01-01", "2024-12-31", "year", False)],
        id="years-used-as-years-stay",
    ),
]


@pytest.mark.parametrize(("text", "issue", "expected"), PARTIAL_DATE_CASES)
def test_dates_ranges_weeks_and_year_turns(nlp, text: str, issue: dt.date, expected: list) -> None:
    assert extract(nlp, [text], issue=issue) == expected


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_dates_skip_years_and_days_inside_names(nlp, text: str, expected: list) -> None:
    assert extract(nlp, [text], issue=OCT_2025) == expected


def test_dates_humanitarian_case_tables_are_large() -> None:
    assert len(PARTIAL_DATE_CASES) >= 10
    assert len(NAME_CASES) >= 10


def test_epi_week_53_exists_only_in_long_years() -> None:
    assert week_days(2020, 53) == (dt.date(2020, 12, 28), dt.date(2021, 1, 3))
    assert week_days(2025, 53) is None
    assert list(iter_epi_weeks("epidemiological week 53 of 2025", None)) == []
