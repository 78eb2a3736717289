"""Date vocabulary: the words and contexts the date grammar is built from, kept as data tables.

Like dateparser's language data, this module holds no logic: the grammar (`date_grammar`)
compiles its patterns from these tables, and the normaliser (`date_values`) reads the numbers
and conventions from them. Adding a spelling means adding a row here, not a regex elsewhere.
"""

from __future__ import annotations

from types import MappingProxyType

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
"""Full month names in calendar order: the one list every part of the project reads."""

MONTH_ABBREVIATIONS = MappingProxyType(
    {
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    }
)  # fmt: skip
"""Abbreviated month names (an abbreviation may be followed by a full stop)."""

MONTHS = MappingProxyType(
    {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | dict(MONTH_ABBREVIATIONS)
)
"""Month names and their abbreviations → month number."""

AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "oct", "sep", "aug"})
"""Month words that are also ordinary words or names: never a date on their own without a cue."""

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Full day names."""

WEEKDAYS = (*WEEKDAY_NAMES, "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
"""Day names that may lead a date ("Monday, 5 March 2018"); they add nothing to its value."""

CALENDAR_NAMES = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)
"""Full month and day names: capitalised words that are never places or organisations."""

CALENDAR_TOKENS = CALENDAR_NAMES | frozenset(MONTHS) | frozenset(f"{short}." for short in MONTH_ABBREVIATIONS)
"""Every month and full day name as a token may read, abbreviations with or without their full stop."""

SEASONS = MappingProxyType(
    {
        "spring": (3, 5),
        "summer": (6, 8),
        "autumn": (9, 11),
        "fall": (9, 11),
        "winter": (12, 2),
    }
)
"""Northern-hemisphere meteorological seasons as (first month, last month).

Winter runs from December to February; "winter 2018" is the winter whose January and February
fall in 2018 (December 2017 to February 2018), as the UK Met Office and NOAA count it.
"""

ORDINALS = MappingProxyType(
    {
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "last": -1, "final": -1,
    }
)  # fmt: skip
"""Ordinal words that pick a quarter or a half ("the third quarter", "the last quarter")."""

PARTS = MappingProxyType(
    {
        "early": "early", "the beginning of": "early", "the start of": "early", "beginning of": "early",
        "start of": "early",
        "mid": "mid", "the middle of": "mid", "middle of": "mid",
        "late": "late", "the end of": "late", "end of": "late",
    }
)  # fmt: skip
"""Words that narrow a period to its early, middle or late third."""

HYPHEN_PARTS = MappingProxyType({"end": "late", "beginning": "early", "start": "early"})
"""Words that narrow a period only when hyphenated to it ("end-2018", UN shorthand)."""

THIRDS = MappingProxyType({"early": 0, "mid": 1, "late": 2})
"""Which third of the period each part word selects."""

YEAR_THIRDS = ((1, 4), (5, 8), (9, 12))
"""Early, mid and late a year as (first month, last month): "mid-2019" is May to August."""

MONTH_THIRDS = ((1, 10), (11, 20), (21, 31))
"""Early, mid and late a month as (first day, last day), the last clipped to the month's end."""

DECADE_THIRDS = ((0, 3), (4, 6), (7, 9))
"""Early, mid and late a decade as years into it: "the late 1990s" is 1997 to 1999."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""Hyphen and dashes: each joins the two ends of a range ("15-19", "2018\u20132021")."""

RANGE_WORDS = ("to", "till", "until", "through", "thru", "and")
"""Words that join the two ends of a closed range ("from 1 to 5 July"); "and" only after "between"."""

RANGE_OPENERS = ("from", "between")
"""Words that open a closed range; part of the mention ("between 28 February and 2 March")."""

OPEN_START_WORDS = ("since", "starting from", "starting in", "starting", "as from", "beginning in")
"""Words before a date that make it the start of a range with no end ("since April 2017")."""

OPEN_START_TRAILERS = ("onwards", "onward", "and beyond", "on")
"""Words after "from <date>" that leave the range open at its end ("from 2017 onwards")."""

OPEN_END_WORDS = ("until", "till", "up to", "up until", "through", "by", "no later than", "not later than")
"""Words before a date that make it the (inclusive) end of a range with no start ("until 2020")."""

BEFORE_WORDS = ("before", "prior to")
"""Words before a date that end a range the day before the date starts."""

AFTER_WORDS = ("after",)
"""Words before a date that start a range the day after the date ends."""

MONTH_CUES = (
    "in", "since", "from", "until", "till", "by", "during", "throughout", "of", "before", "after",
    "between", "and", "to", "through", "early", "late", "mid", "end", "beginning", "start",
    "middle", "last", "next", "this", "each", "every", "on", "for", "as", "at",
)  # fmt: skip
"""Words that, right before a month written alone, show it is the month ("In February")."""

SEASON_CUES = (
    "in", "during", "this", "last", "next", "since", "until", "by", "early", "late", "mid",
    "throughout", "over", "before", "after", "for",
)  # fmt: skip
"""Words that, right before a season written without a year, show it is a time ("in (the) summer").

Not "the" alone: "The spring keeps the sections apart" is a machine part.
"""

YEAR_CUES = (
    "in", "since", "from", "until", "till", "by", "during", "throughout", "for", "of", "before",
    "after", "between", "and", "to", "through", "early", "late", "mid", "end", "beginning", "start",
    "year", "fiscal", "calendar", "academic", "summer", "spring", "autumn", "winter", "fall",
)  # fmt: skip
"""Words that, right before a bare year, show it is a year ("in 2017", "the year 2017")."""

TIME_PREPOSITIONS = ("in", "since", "during", "until", "till", "throughout", "by", "before", "after")
"""Prepositions that make "in 2017 officers ..." a year followed by a noun, not a count of officers."""

COUNT_QUALIFIERS = (
    "over", "some", "about", "around", "approximately", "nearly", "almost", "than", "least",
    "up to", "roughly", "estimated", "total", "totalling", "totaling", "additional", "another",
    "only", "just", "exactly",
)  # fmt: skip
"""Words before a number that make it a count, not a year ("over 2000 officers")."""

NOT_DATE_BEFORE = (
    "no", "no.", "nos", "#", "page", "p.", "pp.", "para", "paragraph", "tel", "tel.", "phone",
    "fax", "mob", "ext", "room", "box", "code", "id", "ref", "article", "art.", "resolution",
    "sdg", "sdgs", "goal", "target", "covid", "section", "chapter", "annex", "table", "figure",
    "fig.", "file", "iso", "gost", "flight", "model", "version", "v.", "unit", "units", "decision",
    "decisions", "resolutions",
)  # fmt: skip
"""Words right before a number that make it an identifier, page, phone or code, not a date."""

CURRENCY_WORDS = (
    "$", "us$", "€", "£", "¥", "som", "soms", "tenge", "somoni", "manat", "sum", "rubles", "roubles",
    "dollars", "euros", "afghanis", "rupees", "francs",
)  # fmt: skip
"""Currency signs and names: a number next to one is money, not a year (ISO codes are looked up)."""

SCALE_WORDS = ("million", "millions", "billion", "billions", "thousand", "thousands", "m", "bn", "percent", "per", "%")
"""Words right after a number that make it an amount, a count or a share, never a year."""
