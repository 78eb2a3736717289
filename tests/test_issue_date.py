"""Issue date: masthead or running header first, then the latest full date, then PDF metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.issue_date import find_issue_date, masthead_date
from pipeline.layout.blocks import Block
from pipeline.layout.textmap import TextMap


def block(text: str, role: str = "body", page: int = 1) -> Block:
    boxes = tuple((float(i), 0.0, float(i + 1), 10.0) for i in range(len(text)))
    return Block(f"p{page}-b1", page, (0.0, 0.0, float(max(len(text), 1)), 10.0), role, None, TextMap(text, boxes))


@pytest.mark.parametrize(
    ("blocks", "metadata", "expected"),
    [
        pytest.param([block("Issue 4 | 12 March 2018", "header")], None, dt.date(2018, 3, 12), id="header-full-date"),
        pytest.param([block("MILESTONES, March 2018", "heading")], None, dt.date(2018, 3, 1), id="masthead-month-year"),
        pytest.param(
            [block("Newsletter of March 2, 2018", "heading")], None, dt.date(2018, 3, 2), id="masthead-month-first"
        ),
        pytest.param(
            [block("On 2 March 2018 the office opened."), block("A course ran from 15-19 January 2018.")],
            dt.date(2019, 1, 1),
            dt.date(2018, 3, 2),
            id="latest-full-date-in-text",
        ),
        pytest.param(
            [block("Workshop 10-22 April 2018 in Osh."), block("Since April 2017, 40 coaches were trained.")],
            None,
            dt.date(2018, 4, 22),
            id="range-end-counts-as-full-date",
        ),
        pytest.param(
            [block("Reporting Period: 22-24 October 2025", "header")],
            dt.date(2025, 10, 23),
            dt.date(2025, 10, 24),
            id="reporting-period-ends-on-the-issue-date",
        ),
        pytest.param(
            [block("Situation Report No. 4 - 12 March 2024", "header")],
            dt.date(2024, 3, 13),
            dt.date(2024, 3, 12),
            id="sitrep-number-and-date-in-header",
        ),
        pytest.param(
            [block("Operation Start Date: 19-11-2025 Operation End Date: 31-05-2026 DREF Published: 27-11-2025")],
            dt.date(2025, 11, 27),
            dt.date(2025, 11, 27),
            id="planned-end-after-the-file-was-made-is-no-issue-date",
        ),
        pytest.param(
            [block("MARCH 8 - WOMEN'S DAY", "heading")],
            dt.date(2018, 3, 20),
            dt.date(2018, 3, 20),
            id="partial-falls-to-metadata",
        ),
        pytest.param(
            [block("Throughout 2017 the units trained 1394 officers.")], None, None, id="year-alone-is-no-issue-date"
        ),
        pytest.param(
            [block("RUN 12/3/2014 11:57"), block("Counted 11/24/2014 and 11/04/2014.")],
            None,
            dt.date(2014, 12, 3),
            id="slashed-dates-month-first-by-the-documents-own",
        ),
        pytest.param(
            [block("MENTORSHIP PROGRAMMES IN 2017", "heading", page=2), block("On 5 May 2017 a course began.")],
            None,
            dt.date(2017, 5, 5),
            id="heading-after-page-one-ignored",
        ),
    ],
)
def test_issue_date_order_of_sources(blocks: list[Block], metadata: dt.date | None, expected: dt.date | None) -> None:
    assert find_issue_date(blocks, metadata) == expected


def test_issue_date_masthead_prefers_a_full_date_over_a_month() -> None:
    assert masthead_date([block("March 2018 issue, printed 28 February 2018", "header")]) == dt.date(2018, 2, 28)


def test_issue_date_body_text_is_not_a_masthead() -> None:
    assert masthead_date([block("On 2 March 2018 the office opened.")]) is None
