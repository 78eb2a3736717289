"""Dates: the case table of hard expressions, year inference, never-dates and the parts' conventions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extractors import REGISTRY
from extractors.base import DocumentContext
from extractors.dates.extractor import DateRules, iter_full_dates, iter_stated_dates
from extractors.dates.grammar import iter_candidates
from extractors.dates.values import candidate_to_value, numeric_date_order, text_to_day
from tests.helpers import FIXTURES, make_passages

ISSUE = dt.date(2018, 3, 12)
"""Every case reads as if printed in a bulletin of 12 March 2018."""

Expected = tuple[str, str | None, str | None, str, bool]
"""(mention text, start, end, granularity, inferred_year)."""


def extract(nlp, texts, section: str | None = None, issue: dt.date | None = ISSUE) -> list[Expected]:
    passages = make_passages(nlp, texts, section)
    found = []
    for mention in DateRules()(passages, DocumentContext(issue_date=issue)):
        value = mention.value
        found.append(
            (
                passages[mention.passage].text[mention.start : mention.end],
                value.start.isoformat() if value.start else None,
                value.end.isoformat() if value.end else None,
                value.granularity,
                value.inferred_year,
            )
        )
    return found


CASES = [
    # Points
    pytest.param("On 2 March 2018, the Regional Office organized a handover ceremony.",
                 [("2 March 2018", "2018-03-02", "2018-03-02", "day", False)], id="day-month-year"),
    pytest.param("The memorandum was signed on March 2, 2018 in Tashkent.",
                 [("March 2, 2018", "2018-03-02", "2018-03-02", "day", False)], id="month-day-comma-year"),
    pytest.param("The course opened on the 2nd of March.",
                 [("the 2nd of March", "2018-03-02", "2018-03-02", "day", True)], id="ordinal-of-month"),
    pytest.param("Monday, 5 March 2018: opening session in Bishkek",
                 [("Monday, 5 March 2018", "2018-03-05", "2018-03-05", "day", False)], id="weekday-led"),
    pytest.param("The order of 02.03.2018 entered into force at once.",
                 [("02.03.2018", "2018-03-02", "2018-03-02", "day", False)], id="numeric-dots-day-first"),
    pytest.param("The protocol dated 12-03-2018 was signed by both sides.",
                 [("12-03-2018", "2018-03-12", "2018-03-12", "day", False)], id="numeric-hyphens-day-first"),
    pytest.param("Security Council resolution 2178 (2014) calls for action.",
                 [("2014", "2014-01-01", "2014-12-31", "year", False)], id="year-of-resolution-not-its-number"),
    pytest.param("Figures are as of 2018-02-28.",
                 [("2018-02-28", "2018-02-28", "2018-02-28", "day", False)], id="iso-date"),
    pytest.param("The seminar took place on Sept. 5th, 2017.",
                 [("Sept. 5th, 2017", "2017-09-05", "2017-09-05", "day", False)], id="abbreviated-month-ordinal"),
    pytest.param("Throughout 2017, UNODC reached 1,394 practitioners.",
                 [("2017", "2017-01-01", "2017-12-31", "year", False)], id="throughout-year"),
    pytest.param("In 2017 the share stood at 41%.",
                 [("2017", "2017-01-01", "2017-12-31", "year", False)], id="in-year"),
    pytest.param("A second unit opened there in October 2017 with six officers.",
                 [("October 2017", "2017-10-01", "2017-10-31", "month", False)], id="month-year"),
    pytest.param("NICS Firearm Background Checks November - 2015",
                 [("November - 2015", "2015-11-01", "2015-11-30", "month", False)], id="month-dash-year-heading"),
    # Closed ranges
    pytest.param("A five-day course was held in Ashgabat from 15-19 January 2018.",
                 [("from 15-19 January 2018", "2018-01-15", "2018-01-19", "day", False)], id="range-days-from"),
    pytest.param("The course ran January 15-19, 2018 in Almaty.",
                 [("January 15-19, 2018", "2018-01-15", "2018-01-19", "day", False)], id="range-days-month-first"),
    pytest.param("Experts will meet from 1 to 5 July in Dushanbe.",
                 [("from 1 to 5 July", "2018-07-01", "2018-07-05", "day", True)], id="range-days-from-to-future"),
    pytest.param("Investigators met from 1 to 5 July in Dushanbe.",
                 [("from 1 to 5 July", "2017-07-01", "2017-07-05", "day", True)],
                 id="range-days-past-tense-year-before"),
    pytest.param("The visit took place between 28 February and 2 March 2019.",
                 [("between 28 February and 2 March 2019", "2019-02-28", "2019-03-02", "day", False)],
                 id="range-between-months"),
    pytest.param("Registration is open December 30, 2017 - January 5, 2018.",
                 [("December 30, 2017 - January 5, 2018", "2017-12-30", "2018-01-05", "day", False)],
                 id="range-across-years"),
    pytest.param("The exercise ran from 30 December to 5 January 2018.",
                 [("from 30 December to 5 January 2018", "2017-12-30", "2018-01-05", "day", False)],
                 id="range-shared-year-wraps"),
    pytest.param("Officers will train May-June 2018 in Osh.",
                 [("May-June 2018", "2018-05-01", "2018-06-30", "month", False)], id="range-months-shared-year"),
    pytest.param("Courses ran September\u2013November across the region.",
                 [("September\u2013November", "2017-09-01", "2017-11-30", "month", True)],
                 id="range-months-en-dash-past"),
    pytest.param("Its Strategy for Gender Equality (2018\u20132021) guides the work.",
                 [("2018\u20132021", "2018-01-01", "2021-12-31", "year", False)], id="range-years-en-dash"),
    pytest.param("A State Programme for the period from 2017 to 2020 was adopted.",
                 [("from 2017 to 2020", "2017-01-01", "2020-12-31", "year", False)], id="range-years-from-to"),
    pytest.param("Prices were stable between 2015 and 2017.",
                 [("between 2015 and 2017", "2015-01-01", "2017-12-31", "year", False)], id="range-years-between"),
    pytest.param("The work plan for 2017-18 was approved.",
                 [("2017-18", "2017-01-01", "2018-12-31", "year", False)], id="range-years-short"),
    pytest.param("The national programme for 2016-2020 calls for better care.",
                 [("2016-2020", "2016-01-01", "2020-12-31", "year", False)], id="range-years-hyphen"),
    pytest.param("Seizures rose in Jan-Mar 2018 compared with 2017.",
                 [("Jan-Mar 2018", "2018-01-01", "2018-03-31", "month", False),
                  ("2017", "2017-01-01", "2017-12-31", "year", False)], id="range-abbreviated-months"),
    pytest.param("Grants cover the 2019/2020 academic year.",
                 [("2019/2020", "2019-01-01", "2020-12-31", "year", False)], id="range-years-slash"),
    # Open ranges
    pytest.param("All posts are to be equipped by end-2018.",
                 [("by end-2018", None, "2018-12-31", "year", False)], id="open-by-end-hyphen-year"),
    pytest.param("Since April 2017, over 40 sports coaches have passed training.",
                 [("Since April 2017", "2017-04-01", None, "month", False)], id="open-since-month"),
    pytest.param("The project is funded until the end of 2020.",
                 [("until the end of 2020", None, "2020-12-31", "year", False)], id="open-until-end-of-year"),
    pytest.param("Support continues from 2017 onwards.",
                 [("from 2017 onwards", "2017-01-01", None, "year", False)], id="open-from-onwards"),
    pytest.param("Applications must arrive before March 2018.",
                 [("before March 2018", None, "2018-02-28", "month", False)], id="open-before"),
    pytest.param("Seizures have doubled since mid-2019.",
                 [("since mid-2019", "2019-05-01", None, "month", False)], id="open-since-mid-year"),
    pytest.param("The register must be ready by the end of March.",
                 [("by the end of March", None, "2018-03-31", "month", True)], id="open-by-end-of-month"),
    # Quarters, parts of a period, seasons, decades
    pytest.param("Results are expected in Q3 2019.",
                 [("Q3 2019", "2019-07-01", "2019-09-30", "quarter", False)], id="quarter-q"),
    pytest.param("The next round is planned for the second quarter of 2018.",
                 [("the second quarter of 2018", "2018-04-01", "2018-06-30", "quarter", False)], id="quarter-words"),
    pytest.param("Deliveries slowed in the last quarter of 2018.",
                 [("the last quarter of 2018", "2018-10-01", "2018-12-31", "quarter", False)], id="quarter-last"),
    pytest.param("The database should go live in mid-2019.",
                 [("mid-2019", "2019-05-01", "2019-08-31", "month", False)], id="part-mid-year"),
    pytest.param("A pilot started in early 2020.",
                 [("early 2020", "2020-01-01", "2020-04-30", "month", False)], id="part-early-year"),
    pytest.param("Trafficking along the route has grown since the 1990s.",
                 [("since the 1990s", "1990-01-01", None, "decade", False)], id="decade-open"),
    pytest.param("The route first appeared in the late 1990s.",
                 [("the late 1990s", "1997-01-01", "1999-12-31", "year", False)], id="decade-late"),
    pytest.param("Two wards were refurbished in autumn 2017.",
                 [("autumn 2017", "2017-09-01", "2017-11-30", "season", False)], id="season-autumn"),
    pytest.param("Roads were closed in winter 2017/18.",
                 [("winter 2017/18", "2017-12-01", "2018-02-28", "season", False)], id="season-winter-split-year"),
    pytest.param("Summer 2018: pilot of the crime register in Chui province",
                 [("Summer 2018", "2018-06-01", "2018-08-31", "season", False)], id="season-label"),
    pytest.param("Spending fell in the first half of 2019.",
                 [("the first half of 2019", "2019-01-01", "2019-06-30", "month", False)], id="half-year"),
    # Partial dates
    pytest.param("In February, UNODC provided the General Prosecutor's Office with 50 computers.",
                 [("February", "2018-02-01", "2018-02-28", "month", True)], id="partial-month-issue-year"),
    pytest.param("A follow-up course for prosecutors is planned for May in Bishkek.",
                 [("May", "2018-05-01", "2018-05-31", "month", True)], id="partial-may-cued"),
    pytest.param("The unit has worked since April with customs, and a course will follow in early 2019.",
                 [("since April", "2017-04-01", None, "month", True),
                  ("early 2019", "2019-01-01", "2019-04-30", "month", False)],
                 id="partial-past-ignores-other-clauses-future-year"),
    pytest.param("Since April the unit has worked with customs.",
                 [("Since April", "2017-04-01", None, "month", True)], id="open-partial-past-after-issue-month"),
    pytest.param("In May and June 2017, officers were trained.",
                 [("May", "2017-05-01", "2017-05-31", "month", True),
                  ("June 2017", "2017-06-01", "2017-06-30", "month", False)],
                 id="partial-takes-sentence-year"),
    pytest.param("Prosecutors will meet in the second half of the year, and patrols start in mid-2019.",
                 [("the second half of the year", "2018-07-01", "2018-12-31", "month", True),
                  ("mid-2019", "2019-05-01", "2019-08-31", "month", False)],
                 id="half-of-the-year-is-the-issue-year-not-a-later-clause"),
    pytest.param("Since the start of the year, officers have seized 70 kg of heroin.",
                 [("Since the start of the year", "2018-01-01", None, "year", True)], id="since-the-start-of-the-year"),
    pytest.param("The unit opened in 2016, and by the end of the year it had 12 officers.",
                 [("2016", "2016-01-01", "2016-12-31", "year", False),
                  ("by the end of the year", None, "2016-12-31", "year", True)],
                 id="end-of-the-year-refers-back-to-stated-year"),
    pytest.param("It was the year of the tiger.", [], id="never-the-year-alone"),
    pytest.param("In November, UNODC trained 30 judges.",
                 [("November", "2017-11-01", "2017-11-30", "month", True)], id="partial-past-after-issue-month"),
    pytest.param("In May and June 2017 the officers were trained.",
                 [("May", "2017-05-01", "2017-05-31", "month", True),
                  ("June 2017", "2017-06-01", "2017-06-30", "month", False)], id="partial-year-from-sentence"),
    pytest.param("Hearings will be held on 5 and 6 March 2019.",
                 [("5 and 6 March 2019", "2019-03-05", "2019-03-06", "day", False)], id="coordinated-days-are-a-range"),
    pytest.param("Equipment handed over in 2017 and early 2018 is listed below.",
                 [("2017", "2017-01-01", "2017-12-31", "year", False),
                  ("early 2018", "2018-01-01", "2018-04-30", "month", False)], id="coordinated-years-stay-apart"),
    pytest.param("May: cybercrime course for prosecutors in Bishkek",
                 [("May", "2018-05-01", "2018-05-31", "month", True)], id="partial-month-calendar-label"),
    pytest.param("In March 20 officers were trained in Osh.",
                 [("March", "2018-03-01", "2018-03-31", "month", True)], id="partial-month-before-count"),
    # Never dates
    pytest.param("A five-day training for judges and a three-year programme.", [], id="never-durations"),
    pytest.param("Sessions for some 250 children aged 13-16 in secondary schools.", [], id="never-ages"),
    pytest.param("UNODC trained 1394 criminal justice practitioners.", [], id="never-count-1394"),
    pytest.param("UNODC trained 2000 officers, over 2015 participants in all.", [], id="never-year-shaped-counts"),
    pytest.param("COVID-19 slowed progress towards SDG 5.", [], id="never-covid-sdg"),
    pytest.param("See UNODC/CND/2018/1 and page 2018 of the annex.", [], id="never-symbol-page"),
    pytest.param("Call +996 312 2018 45 for details.", [], id="never-phone"),
    pytest.param("ECOSOC resolution 2016/20 and decision 2017/18 apply.", [], id="never-resolution-numbers"),
    pytest.param("Sub-Programme-3: Drug Prevention, Treatment and Reintegration", [], id="never-identifier"),
    pytest.param("Equipment worth 2018 million soms and US$ 2019 was delivered.", [], id="never-money"),
    pytest.param("The project may be extended; the summer school stays open.", [], id="never-may-summer-school"),
    pytest.param("The meeting is on 29 February 2019 or 31 April.", [], id="never-impossible-days"),
    pytest.param("The spring keeps the two sections apart.", [], id="never-spring-as-a-thing"),
    pytest.param("A dozen coaches will be certified before the summer holidays.", [], id="never-season-before-noun"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_dates_case_table(nlp, text: str, expected: list[Expected]) -> None:
    assert extract(nlp, [text]) == expected


def test_dates_year_from_heading_above_in_section(nlp) -> None:
    texts = [
        ("MENTORSHIP PROGRAMMES IN 2017", "heading"),
        ("April", "heading"),
        ("Kazakhstan: officers of the State Revenue Committee", "list_item"),
        ("May-June", "heading"),
        ("Regional course in Almaty for more than 50 customs officers", "list_item"),
        ("September-November", "heading"),
    ]
    assert extract(nlp, texts, section="Mentorship for Turkmen Customs officers") == [
        ("2017", "2017-01-01", "2017-12-31", "year", False),
        ("April", "2017-04-01", "2017-04-30", "month", True),
        ("May-June", "2017-05-01", "2017-06-30", "month", True),
        ("September-November", "2017-09-01", "2017-11-30", "month", True),
    ]


def test_dates_year_from_section_headline(nlp) -> None:
    found = extract(nlp, ["In May the courts held 12 hearings."], section="Court reform in 2016")
    assert found == [("May", "2016-05-01", "2016-05-31", "month", True)]


def test_dates_partial_date_without_any_year_is_skipped(nlp) -> None:
    found = extract(nlp, ["In February, 50 computers were delivered. The report covers 2015-2019."], issue=None)
    assert found == [("2015-2019", "2015-01-01", "2019-12-31", "year", False)]


def test_dates_masthead_banner_resolves_against_issue(nlp) -> None:
    found = extract(nlp, [("MARCH 8 \u2013 INTERNATIONAL WOMEN'S DAY", "heading")])
    assert found == [("MARCH 8", "2018-03-08", "2018-03-08", "day", True)]


def test_dates_slashed_dates_follow_the_documents_order() -> None:
    assert numeric_date_order(["Held on 25/03/2018 and 02/03/2018."]) == "DMY"
    assert numeric_date_order(["Votes of 12/3/2014 and 11/24/2014."]) == "MDY"
    candidate = next(iter_candidates("12/3/2014"))
    assert candidate_to_value(candidate, order="MDY").start == dt.date(2014, 12, 3)
    assert candidate_to_value(candidate, order="DMY").start == dt.date(2014, 3, 12)


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        pytest.param("late March 2018", "2018-03-21", "2018-03-31", "day", id="late-month"),
        pytest.param("early spring 2018", "2018-03-01", "2018-03-31", "month", id="early-season"),
        pytest.param("late winter 2018", "2018-02-01", "2018-02-28", "month", id="late-winter"),
        pytest.param("the beginning of 2019", "2019-01-01", "2019-04-30", "month", id="beginning-of-year"),
        pytest.param("the early 2000s", "2000-01-01", "2003-12-31", "year", id="early-decade"),
        pytest.param("H2 2019", "2019-07-01", "2019-12-31", "month", id="half-h2"),
        pytest.param("winter 2016", "2015-12-01", "2016-02-29", "season", id="winter-leap-february"),
        pytest.param("after 2017", "2018-01-01", None, "year", id="after-year"),
    ],
)
def test_dates_conventions_for_parts_of_periods(text: str, start: str, end: str | None, granularity: str) -> None:
    value = candidate_to_value(next(iter_candidates(text)))
    assert (value.start.isoformat() if value.start else None, value.end.isoformat() if value.end else None) == (
        start,
        end,
    )
    assert value.granularity == granularity


def test_dates_full_date_finder_reads_both_ends_of_a_range() -> None:
    text = "Held 15-19 January 2018; reported on March 2, 2018; planned for May; since April 2017."
    assert list(iter_full_dates(text)) == [dt.date(2018, 1, 15), dt.date(2018, 1, 19), dt.date(2018, 3, 2)]
    assert [b.granularity for b in iter_stated_dates(text)] == ["day", "day", "day", "month"]


def test_dates_day_parser_rejects_a_day_outside_the_year() -> None:
    assert text_to_day("29 February", 2019) is None
    assert text_to_day("29 February", 2020) == dt.date(2020, 2, 29)


def test_dates_extractor_is_registered_under_its_record_name() -> None:
    assert REGISTRY.entries["dates.rules"] is DateRules
    assert DateRules.kind == "date"


GOLD_FILES = sorted(FIXTURES.glob("*.gold.jsonl"))


LEADING_WORDS = ("on ", "in ", "from ", "throughout ", "during ")


def mention_key(text: str) -> str:
    """A mention's text without a leading preposition that adds nothing to its value."""
    text = " ".join(text.lower().split())
    for word in LEADING_WORDS:
        if text.startswith(word):
            return text[len(word) :]
    return text


@pytest.mark.parametrize("gold_path", [pytest.param(p, id=p.name.removesuffix(".gold.jsonl")) for p in GOLD_FILES])
def test_dates_fixture_mentions_carry_the_gold_value_of_their_text(gold_path, fixture_output) -> None:
    """Unique-fact scores hide a wrong mention whose value is right elsewhere; this checks each one."""
    gold: dict[str, list[dict]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        fact = json.loads(line)
        if fact["kind"] == "date":
            gold.setdefault(mention_key(fact["text"]), []).append(fact["value"])
    records = [r for r in fixture_output(gold_path.name.removesuffix(".gold.jsonl")).records if r.kind == "date"]
    wrong = [
        (r.text, r.value.model_dump(mode="json"))
        for r in records
        if mention_key(r.text) in gold and r.value.model_dump(mode="json") not in gold[mention_key(r.text)]
    ]
    assert any(mention_key(r.text) in gold for r in records)
    assert not wrong, wrong
