"""What makes a number in running text not a count: dates, years, ages, ranges, identifiers, measures.

Each test looks at the number's neighbours in the passage text or in its spaCy tokens. The
word tables here are short and closed (months, time and measure units, labels that number
things rather than count them); they are the genre's vocabulary, not reference data.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extractors.dates.words import CALENDAR_TOKENS
from extractors.numbers import NumberSpan

# Month and day words beside a number make it part of a date.
MONTHS = CALENDAR_TOKENS
# Nouns a number measures rather than counts: time, size, weight, volume, share, ratio.
MEASURE_UNITS = frozenset(
    [
        # Weather bulletins: pressure and wind speed ("909 MB", "175 MPH", "150 km/h", "85 knots").
        "mb",
        "hpa",
        "mph",
        "kph",
        "knots",
        "kt",
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hrs",
        "day",
        "days",
        "night",
        "nights",
        "week",
        "weeks",
        "weekend",
        "weekends",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "semester",
        "semesters",
        "percent",
        "per",
        "percentage",
        "pct",
        "times",
        "fold",
        "km",
        "kms",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
        "mile",
        "miles",
        "metre",
        "metres",
        "meter",
        "meters",
        "m",
        "cm",
        "mm",
        "kg",
        "kgs",
        "kilogram",
        "kilograms",
        "kilo",
        "kilos",
        "gram",
        "grams",
        "g",
        "mg",
        "ton",
        "tons",
        "tonne",
        "tonnes",
        "t",
        "lb",
        "lbs",
        "ounce",
        "ounces",
        "litre",
        "litres",
        "liter",
        "liters",
        "l",
        "ml",
        "gallon",
        "gallons",
        "barrel",
        "barrels",
        "hectare",
        "hectares",
        "ha",
        "acre",
        "acres",
        "sq",
        "square",
        "cubic",
        "feet",
        "foot",
        "ft",
        "inch",
        "inches",
        "degree",
        "degrees",
        "halves",
        "thirds",
        "quarters",
        "fifths",
        "sixths",
        "sevenths",
        "eighths",
        "ninths",
        "tenths",
        "am",
        "pm",
        "a.m.",
        "p.m.",
    ]
)
# Labels that number one thing rather than count things ("page 4", "Article 5", "phase 2").
LABELS = frozenset(
    [
        "page",
        "pages",
        "p.",
        "pp.",
        "para",
        "para.",
        "paragraph",
        "paragraphs",
        "article",
        "articles",
        "section",
        "sections",
        "chapter",
        "chapters",
        "table",
        "tables",
        "figure",
        "figures",
        "fig",
        "fig.",
        "annex",
        "annexes",
        "appendix",
        "phase",
        "item",
        "items",
        "step",
        "level",
        "module",
        "lesson",
        "resolution",
        "resolutions",
        "goal",
        "goals",
        "target",
        "targets",
        "indicator",
        "indicators",
        "no",
        "no.",
        "nos",
        "nos.",
        "number",
        "grade",
        "room",
        "building",
        "code",
        "decree",
        "law",
        "order",
        "line",
        "version",
        "round",
        "stage",
        "component",
        "pillar",
        "output",
        "outcome",
        "objective",
        "cohort",
        "batch",
        "group",
        "session",
        "week",
        "day",
        "year",
        "vol",
        "vol.",
        "issue",
        "issues",
        "edition",
        "tel",
        "tel.",
        "fax",
        "phone",
        "mobile",
        "box",
        "unit",
    ]
)
# Words before a four-digit number that make it a year ("in 2017", "the 2018 budget").
YEAR_CUES = frozenset(
    [
        "in",
        "since",
        "by",
        "during",
        "throughout",
        "until",
        "till",
        "from",
        "to",
        "the",
        "this",
        "that",
        "early",
        "mid",
        "late",
        "before",
        "after",
        "fiscal",
        "and",
        "or",
        "between",
        "end",
        "beginning",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
)
# Words after which a number is an age ("aged 13-16", "under the age of 18").
AGE_CUES = frozenset({"aged", "age", "ages", "aging", "ageing"})
# Characters that glue a number to a word or another number: "COVID-19", "five-day", "13-16",
# "24/7", "10:30", "+996", "#5", "50%".
GLUE_BEFORE = frozenset("-–—/:+#№.")
GLUE_AFTER = frozenset("-–—/:%")
# Determiners that make a phrase point back at a set already introduced.
DEFINITE = frozenset({"the", "these", "those", "both", "its", "their", "our", "his", "her"})
_RANGE_WORDS = frozenset({"to", "and", "or", "-", "–", "—"})
_LIST_MARKER_AFTER = re.compile(r"[.)]\s")


def is_glued(text: str, number: NumberSpan) -> bool:
    """Whether the number is joined to a neighbour by a hyphen, slash, colon, sign or percent."""
    before = text[number.start - 1] if number.start > 0 else ""
    after = text[number.end] if number.end < len(text) else ""
    return before in GLUE_BEFORE or after in GLUE_AFTER


def is_list_marker(text: str, number: NumberSpan) -> bool:
    """Whether the number opens a line as "1." or "2)" (a list marker, not a count)."""
    line_start = text.rfind("\n", 0, number.start) + 1
    opens_line = not text[line_start : number.start].strip(" \t(")
    return opens_line and bool(_LIST_MARKER_AFTER.match(text, number.end))


def is_date_part(tokens: Span) -> bool:
    """Whether a month or weekday stands right before or after the number ("2 March", "March 8")."""
    doc = tokens.doc
    neighbours = [doc[i] for i in (tokens.start - 1, tokens.end) if 0 <= i < len(doc)]
    if tokens.end + 1 < len(doc) and doc[tokens.end].lower_ == "of":
        neighbours.append(doc[tokens.end + 1])
    return any(token.lower_ in MONTHS for token in neighbours)


def is_year(number: NumberSpan, text: str, tokens: Span) -> bool:
    """Whether a four-digit number between 1900 and 2100 reads as a year.

    "1394 practitioners" is not in range; "of 2000 officers" is a count because nothing marks
    it as a year; "in 2017", "the 2018 budget" and "2017," are years.
    """
    written = text[number.start : number.end]
    if number.words or not written.isdigit() or len(written) != 4 or not 1900 <= number.value <= 2100:
        return False
    previous = _previous_word(tokens)
    return previous in YEAR_CUES or previous in MONTHS


def is_age(tokens: Span) -> bool:
    """Whether the number is an age: after "aged"/"age of", or before "years old"/"years of age"."""
    doc = tokens.doc
    before = [t.lower_ for t in doc[max(0, tokens.start - 4) : tokens.start]]
    if any(word in AGE_CUES for word in before):
        return True
    after = " ".join(t.lower_ for t in doc[tokens.end : tokens.end + 3])
    return after.startswith(("years old", "year old", "years of age", "-year-old", "- year - old"))


def is_in_range(tokens: Span) -> bool:
    """Whether the number is one bound of a range ("between 20 and 25", "10 to 14", "one or two")."""
    doc = tokens.doc
    start, end = tokens.start, tokens.end
    ends_one = start >= 2 and doc[start - 1].lower_ in _RANGE_WORDS and doc[start - 2].like_num
    opens_one = end + 1 < len(doc) and doc[end].lower_ in _RANGE_WORDS and doc[end + 1].like_num
    return ends_one or opens_one


def is_label(tokens: Span) -> bool:
    """Whether the number follows a label ("page 4", "Resolution 2250", "SDG 5", "No. 3").

    A capitalised noun right before a number names a thing ("Goal 16", "Programme 3"); a
    qualifier ("Over", "Some") is not a noun and does not count.
    """
    doc = tokens.doc
    if tokens.start == 0:
        return False
    previous = doc[tokens.start - 1]
    if previous.lower_ in LABELS:
        return True
    capitalised = previous.text[:1].isupper() and previous.pos_ in ("NOUN", "PROPN")
    return capitalised and previous.lower_ not in MONTHS


def is_back_reference(number: NumberSpan, tokens: Span, head: Token) -> bool:
    """Whether a spelled-out number after "the", "these", "its"... points back at things already counted.

    "the two units" after a paragraph about a unit names a set the text has introduced, so it is
    not a new count; "the five countries of the region" with no country mentioned before states
    a figure. The test: a determiner before a spelled number, and the head noun (by its stem)
    already in the text before. Digits after a determiner ("its 46 officers") stay counts.
    """
    doc = tokens.doc
    if not number.words or tokens.start == 0 or doc[tokens.start - 1].lower_ not in DEFINITE:
        return False
    stem = noun_stem(head.lower_)
    return re.search(r"\b" + re.escape(stem), doc.text[: number.start], re.IGNORECASE) is not None


def noun_stem(noun: str) -> str:
    """The part a noun's singular and plural share: "countries" → "countr", "units" → "unit"."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3]
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun


def is_ratio(tokens: Span) -> bool:
    """Whether the number is a proportion's part or whole ("nine in ten", "one out of five")."""
    doc = tokens.doc
    start, end = tokens.start, tokens.end

    def words_at(first: int, count: int) -> list[str]:
        return [t.lower_ for t in doc[max(0, first) : max(0, first + count)]]

    def number_at(index: int) -> bool:
        return 0 <= index < len(doc) and doc[index].like_num

    whole = (words_at(start - 1, 1) == ["in"] and number_at(start - 2)) or (
        words_at(start - 2, 2) == ["out", "of"] and number_at(start - 3)
    )
    part = (words_at(end, 1) == ["in"] and number_at(end + 1)) or (
        words_at(end, 2) == ["out", "of"] and number_at(end + 2)
    )
    return whole or part


def is_phone_like(text: str, number: NumberSpan) -> bool:
    """Whether another group of digits follows after a single space ("312 123 456")."""
    rest = text[number.end : number.end + 2]
    return len(rest) == 2 and rest[0] == " " and rest[1].isdigit()


def _previous_word(tokens: Span) -> str:
    doc: Doc = tokens.doc
    return doc[tokens.start - 1].lower_ if tokens.start > 0 else ""
