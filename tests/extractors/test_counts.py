"""Counts: value, qualifier, counted noun and subset links, on parsed sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.base import DocumentContext
from extractors.counts.extractor import CountRules
from tests.helpers import make_passages

CONTEXT = DocumentContext(issue_date=dt.date(2018, 3, 12), issue_date_given=True)

Found = tuple[int | float, str, str, str | None]
"""(value, qualifier, subject, text of the count it is part of)."""


def counts_in(nlp, texts: list[str]) -> list[Found]:
    passages = make_passages(nlp, texts)
    found = []
    for mention in CountRules()(passages, CONTEXT):
        value = mention.value
        parent = None
        if mention.part_of is not None:
            parent = passages[mention.part_of.passage].text[mention.part_of.start : mention.part_of.end]
        found.append((value.value, value.qualifier, value.subject, parent))
    return found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Numbers in digits and words, and the counted noun phrase.
        pytest.param(
            "Since April 2017, over 40 sports coaches and physical education teachers have been trained.",
            [(40, "more_than", "sports coaches", None)],
            id="qualifier-over-first-conjunct",
        ),
        pytest.param(
            "64 new patients started therapy.",
            [(64, "exact", "patients", None)],
            id="subject-without-passing-adjective-new",
        ),
        pytest.param(
            "It joins four other countries of the region.",
            [(4, "exact", "countries", None)],
            id="subject-without-other",
        ),
        pytest.param(
            "Some 1,240 students took part, including 410 young women.",
            [(1240, "approximate", "students", None), (410, "exact", "women", "Some 1,240 students")],
            id="subject-without-young-part-of",
        ),
        pytest.param(
            "More than 3,000 officers trained since 2016, among them 620 women.",
            [(3000, "more_than", "officers", None), (620, "exact", "women", "More than 3,000 officers")],
            id="subset-cue-after-short-modifier",
        ),
        pytest.param(
            "UNODC trained 40 officers in March, and the Ministry hired new staff, including 5 women.",
            [(40, "exact", "officers", None), (5, "exact", "women", None)],
            id="not-subset-cue-in-later-clause",
        ),
        pytest.param(
            "The campaign reached 2,150 people in fishing communities on the lake, of whom 860 were women.",
            [(2150, "exact", "people", None), (860, "exact", "women", "2,150 people")],
            id="subset-of-whom-before-number",
        ),
        pytest.param(
            "Vessels boarded: 37, 29 of them dhows.",
            [(37, "exact", "vessels", None), (29, "exact", "dhows", "Vessels boarded: 37")],
            id="label-figure-and-unknown-plural",
        ),
        pytest.param(
            "Suspects handed over for trial: 58", [(58, "exact", "suspects", None)], id="label-figure-participle"
        ),
        pytest.param("Total: 58", [], id="not-label-without-plural-noun"),
        pytest.param("He said: 40 officers came.", [(40, "exact", "officers", None)], id="not-label-when-noun-follows"),
        pytest.param(
            "As many as 4,500 multi-day trawlers sail from the harbours.",
            [(4500, "at_most", "multi-day trawlers", None)],
            id="qualifier-as-many-as-hyphenated-modifier",
        ),
        pytest.param(
            "The authority trained a score of school counsellors.",
            [(20, "exact", "school counsellors", None)],
            id="words-a-score-of",
        ),
        pytest.param(
            "The final score of the match was 3 goals to 1.", [(3, "exact", "goals", None)], id="not-score-without-a"
        ),
        pytest.param(
            "Three new border liaison offices opened.",
            [(3, "exact", "border liaison offices", None)],
            id="subject-keeps-classifying-nouns",
        ),
        pytest.param(
            "One hundred and fifty girls took part in the tournament.",
            [(150, "exact", "girls", None)],
            id="words-hundred-and-fifty",
        ),
        pytest.param(
            "Nine officers from the State Customs Service of Turkmenistan took part.",
            [(9, "exact", "officers", None)],
            id="word-nine-stops-at-preposition",
        ),
        pytest.param("A dozen judges attended the seminar in Almaty.", [(12, "exact", "judges", None)], id="a-dozen"),
        pytest.param(
            "Forty-two judges and prosecutors met in Almaty.", [(42, "exact", "judges", None)], id="words-hyphenated"
        ),
        pytest.param(
            "The training reached 1,394 practitioners in five provinces.",
            [(1394, "exact", "practitioners", None), (5, "exact", "provinces", None)],
            id="thousands-comma-and-word",
        ),
        pytest.param(
            "The mentors trained 24 video endoscope operators and handed over 50 computers.",
            [(24, "exact", "video endoscope operators", None), (50, "exact", "computers", None)],
            id="compound-subject-and-phrasal-verb-over",
        ),
        pytest.param(
            "Some 20 staff and forty-two newly recruited officers attended.",
            [(20, "approximate", "staff", None), (42, "exact", "newly recruited officers", None)],
            id="collective-staff-and-participle",
        ),
        pytest.param(
            "1 officer was injured during the operation.", [(1, "exact", "officer", None)], id="one-digit-singular"
        ),
        pytest.param(
            "Twelve teams of six players competed for the cup.",
            [(12, "exact", "teams", None), (6, "exact", "players", None)],
            id="two-word-counts",
        ),
        pytest.param(
            "Of 2000 applicants, 300 were selected.",
            [(2000, "exact", "applicants", None), (300, "exact", "applicants", None)],
            id="yearlike-number-counts-things",
        ),
        pytest.param(
            "The campaign reached nearly five million people in the region.",
            [(5_000_000, "approximate", "people", None)],
            id="words-million-people",
        ),
        pytest.param(
            "Approximately 2,500 households received kits.",
            [(2500, "approximate", "households", None)],
            id="approximately",
        ),
        pytest.param(
            "Over 3 days, 45 inspectors checked 120 containers.",
            [(45, "exact", "inspectors", None), (120, "exact", "containers", None)],
            id="duration-skipped-others-kept",
        ),
        pytest.param(
            "The 24/7 hotline received 300 calls.", [(300, "exact", "calls", None)], id="slash-number-skipped"
        ),
        pytest.param(
            "The centre received $50,000 to buy 20 computers.",
            [(20, "exact", "computers", None)],
            id="money-is-not-a-count",
        ),
        pytest.param("TRAINING FOR 40 BORDER GUARDS", [(40, "exact", "border guards", None)], id="all-caps-heading"),
        # Qualifiers.
        pytest.param(
            "More than 50 customs officers were trained.", [(50, "more_than", "customs officers", None)], id="more-than"
        ),
        pytest.param("Some 250 children attended the sessions.", [(250, "approximate", "children", None)], id="some"),
        pytest.param(
            "About 60 participants discussed the draft law.", [(60, "approximate", "participants", None)], id="about"
        ),
        pytest.param("Nearly 300 women joined the network.", [(300, "approximate", "women", None)], id="nearly"),
        pytest.param("At least 12 prosecutors were trained.", [(12, "at_least", "prosecutors", None)], id="at-least"),
        pytest.param("Up to 30 officers will be deployed.", [(30, "at_most", "officers", None)], id="up-to"),
        pytest.param("Fewer than 10 cases were reported.", [(10, "less_than", "cases", None)], id="fewer-than"),
        pytest.param(
            "Almost two hundred volunteers helped.", [(200, "approximate", "volunteers", None)], id="almost-words"
        ),
        pytest.param(
            "40 or more participants are expected.", [(40, "at_least", "participants", None)], id="or-more-after"
        ),
        pytest.param("No fewer than 15 experts took part.", [(15, "at_least", "experts", None)], id="no-fewer-than"),
        # Subsets and lists.
        pytest.param(
            "UNODC trained 1394 criminal justice practitioners, including 573 women.",
            [
                (1394, "exact", "criminal justice practitioners", None),
                (573, "exact", "women", "1394 criminal justice practitioners"),
            ],
            id="including-subset",
        ),
        pytest.param(
            "The court heard 12 judges, 30 prosecutors and 8 police officers.",
            [(12, "exact", "judges", None), (30, "exact", "prosecutors", None), (8, "exact", "police officers", None)],
            id="list-no-subsets",
        ),
        pytest.param(
            "The course gathered 150 officers, including 30 judges and 20 prosecutors.",
            [
                (150, "exact", "officers", None),
                (30, "exact", "judges", "150 officers"),
                (20, "exact", "prosecutors", "150 officers"),
            ],
            id="including-list-shares-parent",
        ),
        pytest.param(
            "The network has 80 members, 35 of whom are women.",
            [(80, "exact", "members", None), (35, "exact", "women", "80 members")],
            id="of-whom",
        ),
        pytest.param(
            "40 participants (15 women and 25 men) completed the course.",
            [
                (40, "exact", "participants", None),
                (15, "exact", "women", "40 participants"),
                (25, "exact", "men", "40 participants"),
            ],
            id="parenthesised-breakdown",
        ),
        pytest.param(
            "UNODC trained 1394 practitioners from 5 countries, including 573 women.",
            [
                (1394, "exact", "practitioners", None),
                (5, "exact", "countries", None),
                (573, "exact", "women", "1394 practitioners"),
            ],
            id="subset-of-larger-not-nearest",
        ),
        pytest.param(
            "UNODC reached 1,394 practitioners, including 573 women. Among them were forty-two judges and 65 experts.",
            [
                (1394, "exact", "practitioners", None),
                (573, "exact", "women", "1,394 practitioners"),
                (42, "exact", "judges", "1,394 practitioners"),
                (65, "exact", "experts", "1,394 practitioners"),
            ],
            id="among-them-opens-next-sentence",
        ),
        pytest.param(
            "The 2018 report lists 14 convictions and 6 officers, three women among them.",
            [(14, "exact", "convictions", None), (6, "exact", "officers", None), (3, "exact", "women", "6 officers")],
            id="among-them-after",
        ),
        pytest.param(
            "The unit deployed 3 mobile teams, 2 sniffer dogs and one vehicle.",
            [(3, "exact", "mobile teams", None), (2, "exact", "sniffer dogs", None), (1, "exact", "vehicle", None)],
            id="one-in-a-list",
        ),
        pytest.param(
            "Officers of its 46 units and the 1,200 respondents took part.",
            [(46, "exact", "units", None), (1200, "exact", "respondents", None)],
            id="digits-after-determiner-count",
        ),
        # Not counts.
        pytest.param("Smugglers move heroin one way under one roof.", [], id="one-as-article"),
        pytest.param(
            "A unit opened in Osh and another unit in Naryn. Officers of the two units met.",
            [],
            id="definite-back-reference",
        ),
        pytest.param(
            "UNODC spent $5 million in the five countries of the region.",
            [(5, "exact", "countries", None)],
            id="definite-introducing-a-set",
        ),
        pytest.param("Nine in ten participants and one out of five officers agreed.", [], id="ratios"),
        pytest.param(
            "The equipment falls under three headings.", [(3, "exact", "headings", None)], id="under-as-preposition"
        ),
        pytest.param("A five-day training was held in Ashgabat.", [], id="duration-hyphen"),
        pytest.param("The three-year programme started in May.", [], id="duration-programme"),
        pytest.param("The course lasted two weeks.", [], id="duration-weeks"),
        pytest.param(
            "Some 250 children aged 13-16 took part.", [(250, "approximate", "children", None)], id="age-range"
        ),
        pytest.param("Children aged 10 to 14 years were enrolled.", [], id="age-to-years"),
        pytest.param("Women make up 30 percent of the police and 12 % of judges.", [], id="percentages"),
        pytest.param("In 2017 officers were trained in Osh.", [], id="year-before-plural"),
        pytest.param("Plans for the 2019 activities were discussed.", [], id="year-attributive"),
        pytest.param("The meeting held on 2 March 2018 in Bishkek.", [], id="date-day-month"),
        pytest.param("On March 8 participants marched.", [], id="date-month-day"),
        pytest.param("UNODC supports SDG 5 and Resolution 2250 goals.", [], id="labels"),
        pytest.param("The COVID-19 pandemic slowed the work of 3rd parties.", [], id="covid-ordinal"),
        pytest.param("Sub-Programme-3: Drug Prevention and Treatment", [], id="subprogramme-identifier"),
        pytest.param("See page 4 and Annex 2 for 2 tables.", [(2, "exact", "tables", None)], id="page-annex-labels"),
        pytest.param("Police seized 2.5 tonnes of heroin and 300 kg of hashish.", [], id="measures"),
        pytest.param("For details call +996 312 611 213 or fax 611 214.", [], id="phone-numbers"),
        pytest.param("1. Training courses for trainers", [], id="list-marker"),
        pytest.param("Between 20 and 25 participants are expected.", [], id="range-between"),
        pytest.param("One or two experts will attend.", [], id="range-one-or-two"),
        pytest.param("One of the trainers came from Osh.", [], id="one-of"),
        pytest.param("Hundreds of people and dozens of officers attended.", [], id="vague-plurals"),
        pytest.param("Two thirds of the participants were women.", [], id="fraction"),
        pytest.param("The seizures rose three times in 2019.", [], id="times"),
    ],
)
def test_counts_case_table(nlp, sentence: str, expected: list[Found]) -> None:
    assert counts_in(nlp, [sentence]) == expected


def test_counts_mention_spans_qualifier_number_and_subject(nlp) -> None:
    passages = make_passages(nlp, ["Since 2017, over 40 sports coaches were trained."])
    (mention,) = CountRules()(passages, CONTEXT)
    assert passages[0].text[mention.start : mention.end] == "over 40 sports coaches"
    assert mention.extractor == "counts.rules" and mention.kind == "count"


def test_counts_subject_with_proper_noun_leaves_it_out_of_the_span(nlp) -> None:
    # An organisation mention may claim "UNODC"; the count's span stops at its number.
    passages = make_passages(nlp, ["The office employs 40 UNODC staff members."])
    (mention,) = CountRules()(passages, CONTEXT)
    assert passages[0].text[mention.start : mention.end] == "40"
    assert mention.value.subject == "UNODC staff members"


def test_counts_subsets_do_not_cross_sentences(nlp) -> None:
    found = counts_in(nlp, ["UNODC trained 100 officers. Including 30 judges, the panel met."])
    assert found == [(100, "exact", "officers", None), (30, "exact", "judges", None)]


def test_counts_span_stays_in_the_block_of_its_number(nlp) -> None:
    # Two body blocks of one section join into one passage; the noun is in the next column.
    passages = make_passages(nlp, ["The sessions reached some 250", "children in Bishkek schools."])
    assert len(passages) == 1
    (mention,) = CountRules()(passages, CONTEXT)
    assert passages[0].text[mention.start : mention.end] == "some 250"
    assert mention.value.subject == "children"
