"""Periods: quarters, halves and fiscal years in company and bank report spellings, and their year."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates.periods import fiscal_years, is_event_calendar, short_year, yearless_period_year
from tests.extractors.test_dates import extract

FEBRUARY = dt.date(2024, 2, 15)
"""Cases read as if printed in a report issued on 15 February 2024."""

CASES = [
    pytest.param("Operating profit for Q3'22 was below the prior year.",
                 [("Q3'22", "2022-07-01", "2022-09-30", "quarter", False)], id="q-apostrophe-short-year"),
    pytest.param("Order intake grew 12% in 3Q22 against a weak comparison.",
                 [("3Q22", "2022-07-01", "2022-09-30", "quarter", False)], id="number-q-short-year"),
    pytest.param("Deliveries in 3Q 2022 were held back by component shortages.",
                 [("3Q 2022", "2022-07-01", "2022-09-30", "quarter", False)], id="number-q-space-year"),
    pytest.param("Interim Reports Q3 2022: highlights of the quarter.",
                 [("Q3 2022", "2022-07-01", "2022-09-30", "quarter", False)], id="q-space-year"),
    pytest.param("A restructuring charge is expected in the fourth quarter of 2022.",
                 [("the fourth quarter of 2022", "2022-10-01", "2022-12-31", "quarter", False)],
                 id="ordinal-quarter-of-year"),
    pytest.param("Margins are expected to recover in H2'24 as prices ease.",
                 [("H2'24", "2024-07-01", "2024-12-31", "month", False)], id="h-apostrophe-short-year"),
    pytest.param("The bank guided to flat net interest income in 2H24.",
                 [("2H24", "2024-07-01", "2024-12-31", "month", False)], id="number-h-short-year"),
    pytest.param("Net sales in H1 2023 amounted to EUR 1.2 billion.",
                 [("H1 2023", "2023-01-01", "2023-06-30", "month", False)], id="h-space-year"),
    pytest.param("The board approved the FY2023/24 budget in March.",
                 [("FY2023/24", "2023-01-01", "2024-12-31", "year", False),
                  ("March", "2023-03-01", "2023-03-31", "month", True)], id="fiscal-split-year-slash"),
    pytest.param("Results for FY 2022-23 show a return to profit.",
                 [("FY 2022-23", "2022-01-01", "2023-12-31", "year", False)], id="fiscal-split-year-dash"),
    pytest.param("Revenue for fiscal year 2023 rose to $4.1 billion.",
                 [("fiscal year 2023", "2023-01-01", "2023-12-31", "year", False)], id="fiscal-year-words"),
    pytest.param("Capital spending in FY23 stayed within plan.",
                 [("FY23", "2023-01-01", "2023-12-31", "year", False)], id="fiscal-short-year"),
    pytest.param("Sales in Q4/2023 and Q1-2024 were seasonal.",
                 [("Q4/2023", "2023-10-01", "2023-12-31", "quarter", False),
                  ("Q1-2024", "2024-01-01", "2024-03-31", "quarter", False)], id="quarter-slash-and-dash-year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_periods_case_table(nlp, text: str, expected) -> None:
    assert extract(nlp, [text], issue=FEBRUARY) == expected


YEARLESS = [
    pytest.param("Cash flow in Q4 was the strongest of the year.",
                 [("Q4", "2023-10-01", "2023-12-31", "quarter", True)], id="q4-in-february-is-last-year"),
    pytest.param("Net sales in the fourth quarter grew by 3%.",
                 [("the fourth quarter", "2023-10-01", "2023-12-31", "quarter", True)],
                 id="fourth-quarter-words-last-year"),
    pytest.param("Bookings in Q1 are tracking ahead of plan.",
                 [("Q1", "2024-01-01", "2024-03-31", "quarter", True)], id="current-quarter-this-year"),
    pytest.param("The dividend will be paid in Q2.",
                 [("Q2", "2024-04-01", "2024-06-30", "quarter", True)], id="next-quarter-this-year"),
    pytest.param("Costs rose sharply in Q3 because of energy prices.",
                 [("Q3", "2023-07-01", "2023-09-30", "quarter", True)], id="q3-past-in-february-last-year"),
    pytest.param("Demand weakened in the second half of the year.",
                 [("the second half of the year", "2023-07-01", "2023-12-31", "month", True)],
                 id="second-half-last-year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), YEARLESS)
def test_periods_yearless_resolve_against_the_issue_date(nlp, text: str, expected) -> None:
    assert extract(nlp, [text], issue=FEBRUARY) == expected


CALENDAR = [
    pytest.param(("Upcoming events", "heading"), "14 March: Annual General Meeting in Helsinki.",
                 ("14 March", "2024-03-14", "2024-03-14", "day", True), id="upcoming-spring"),
    pytest.param(("Calendar 2024", "heading"), "Interim report for January-March on 25 April.",
                 ("25 April", "2024-04-25", "2024-04-25", "day", True), id="calendar-year-heading"),
    pytest.param(("Dates for your diary", "heading"), "Autumn conference, 3 October, London.",
                 ("3 October", "2024-10-03", "2024-10-03", "day", True), id="diary-autumn-this-year"),
    pytest.param(("Forthcoming meetings", "heading"), "The council meets again on 9 January.",
                 ("9 January", "2025-01-09", "2025-01-09", "day", True), id="january-passed-is-next-year"),
]  # fmt: skip


@pytest.mark.parametrize(("heading", "text", "expected"), CALENDAR)
def test_periods_event_calendar_dates_are_the_next_to_come(nlp, heading, text: str, expected) -> None:
    found = extract(nlp, [heading, text], section=heading[0], issue=FEBRUARY)
    assert expected in found


def test_periods_outside_a_calendar_a_passed_month_stays_this_year(nlp) -> None:
    found = extract(nlp, ["The council met on 9 January."], issue=FEBRUARY)
    assert found == [("9 January", "2024-01-09", "2024-01-09", "day", True)]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Upcoming events", True), ("Financial calendar", True), ("Save the date", True), ("Key events", False),
     ("Operating environment", False), (None, False)],
)  # fmt: skip
def test_periods_event_calendar_headings(heading, expected: bool) -> None:
    assert is_event_calendar(heading) is expected


def test_periods_fiscal_years_need_consecutive_years() -> None:
    assert fiscal_years("2023", "24") == (2023, 2024)
    assert fiscal_years("23", None) == (2023, None)
    assert fiscal_years("2023", "25") == (2023, None)
    assert short_year("22") == 2022 and short_year("1999") == 1999


def test_periods_yearless_rule_uses_one_quarter_of_lookahead() -> None:
    def starts(month: int):
        return lambda year: dt.date(year, month, 1)

    assert yearless_period_year(starts(4), FEBRUARY) == 2024
    assert yearless_period_year(starts(7), FEBRUARY) == 2023
    assert yearless_period_year(starts(10), dt.date(2024, 11, 2)) == 2024


US_NUMERIC = [
    pytest.param("Filed 10/28/2019 1:49 PM",
                 [("10/28/2019", "2019-10-28", "2019-10-28", "day", False)], id="court-stamp"),
    pytest.param("Arrest Media Log 08/18/2019 to 08/25/2019",
                 [("08/18/2019 to 08/25/2019", "2019-08-18", "2019-08-25", "day", False)], id="log-range"),
    pytest.param("Printed on: 8/26/2019", [("8/26/2019", "2019-08-26", "2019-08-26", "day", False)], id="printed-on"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), US_NUMERIC)
def test_periods_month_first_slashed_dates_whose_day_is_over_12(nlp, text: str, expected) -> None:
    assert extract(nlp, [text], issue=FEBRUARY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The WIPO Treaties Implementation Act of 1998 implements the treaties.", []),
     ("THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998", []),
     ("The Finance Act 2021 raised taxes in 2022.", [("2022", "2022-01-01", "2022-12-31", "year", False)]),
     ("The act was signed in 1998.", [("1998", "1998-01-01", "1998-12-31", "year", False)])],
)  # fmt: skip
def test_periods_year_closing_a_law_name_is_no_date(nlp, text: str, expected) -> None:
    assert extract(nlp, [text], issue=FEBRUARY) == expected
