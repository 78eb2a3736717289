"""Date candidates: where a date expression starts and ends, and how its parts are arranged.

The grammar has two levels. A *point* is one end of an expression as written ("28 February",
"March 2018", "Q3 2019", "mid-2019", "the 1990s", "2018"). A *candidate* arranges one or two
points with the words around them: a single point, a closed range ("15-19 January 2018",
"between 28 February and 2 March 2019", "2018–2021"), or an open one ("since April 2017",
"until the end of 2020"). Patterns are compiled from the tables in `date_words`; nothing here
knows what a date means in days, which is `date_values`' business.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Literal

from extractors.dates import periods, words

Form = Literal["point", "range", "open_start", "open_end", "before", "after"]
Shape = Literal["day", "numeric", "month", "year", "season", "quarter", "half", "fiscal", "decade"]

SP = r"(?:[^\S\n]|\n(?!\n))+"
"""A run of spacing that never crosses a paragraph break (passages join paragraphs by a blank line)."""
OSP = rf"(?:{SP})?"
LEFT_EDGE = r"(?<![\w/.,#№])(?<!\w-)"
"""A candidate starts neither inside a word or number nor after "COVID-", "A/RES/" or "Situation Report #"."""
DASH = rf"[{words.DASHES}]"
RIGHT_EDGE = rf"(?![\w/]|[.,]\d|{DASH}\d|{DASH}[^\W\d_])"
"""A candidate ends neither inside a word or number nor before "-45" (phone numbers, codes) or
"-nCoV" (a virus named by its year)."""
DAY = r"(?P<day>(?:0?[1-9]|[12]\d|3[01]))(?:st|nd|rd|th)?(?!\w)"
YEAR = r"(?P<year>(?:19|20)\d\d)(?!\w)"
BARE_YEAR = r"(?:19|20)\d\d(?!\w)"
MAX_SHORT_YEAR_SPAN = 20
"""The most years "2015-30" may span; a wider one is more likely a phone number or a code.

With a slash only consecutive years ("2017/18", a fiscal or academic year) are a range:
"2016/20" is how the UN numbers its resolutions and decisions.
"""
NUMERIC = (
    r"(?P<numeric>(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d|[0-3]?\d/[0-3]?\d/(?:19|20)\d\d"
    r"|[0-3]?\d-[01]?\d-(?:19|20)\d\d)(?!\w)"
)
"""ISO dates and day-month-year with dots, slashes or hyphens (numeric dates always carry a year);
slashed dates either way round ("26/10/2025", "10/26/2025"), read in the document's order."""


def _alternation(phrases: Iterable[str]) -> str:
    """Longest phrase first, escaped, with inner spaces matching any spacing run."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", SP) for p in ordered)


def _any_case(phrases: Iterable[str]) -> str:
    """Phrases matched in any letter case."""
    return rf"(?i:{_alternation(phrases)})"


def _capitalised(names: Iterable[str]) -> str:
    """Names matched only in Title or UPPER case ("May", "MAY", never the verb "may")."""
    names = list(names)
    return "|".join(_alternation(change(n) for n in names) for change in (str.title, str.upper))


def _anonymous(fragment: str) -> str:
    """The fragment with its named groups made plain, so that it can appear twice in one pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", fragment)


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The word patterns points are made of, compiled from the tables in `date_words`."""

    month: str
    weekday: str
    the: str
    part: str
    ordinal: str
    season: str

    @classmethod
    def from_tables(cls) -> Vocabulary:
        """Build the word patterns once from the tables."""
        abbreviations, full = list(words.MONTH_ABBREVIATIONS), list(words.MONTH_NAMES)
        month = rf"(?P<month>(?:{_capitalised(full)})(?!\w)|(?:{_capitalised(abbreviations)})(?:\.|(?!\w)))"
        return cls(
            month=month,
            weekday=rf"(?:{_any_case(words.WEEKDAYS)})\.?,?{SP}",
            the=rf"(?i:the){SP}",
            part=rf"(?:(?P<part>{_any_case(words.PARTS)})(?:{OSP}{DASH}{OSP}|{SP})|(?P<hpart>{_any_case(words.HYPHEN_PARTS)}){OSP}{DASH}{OSP})",
            ordinal=_any_case(words.ORDINALS),
            season=rf"(?P<season>{_any_case(words.SEASONS)})",
        )

    def month_first_day(self) -> str:
        """ "Monday, March 8th": a month and a day, without a year."""
        return rf"(?:{self.weekday})?{self.month}{SP}(?:{self.the})?{DAY}"

    def point_fragments(self) -> dict[str, str]:
        """Each point shape as a pattern with named groups, in the order they are tried."""
        v = self
        year_of = rf"(?:{SP}(?i:of)(?:{SP}{v.the}(?i:year))?{SP}|{OSP}){YEAR}"
        # "the second half of the year", "the start of the year": the year is the one the text is in.
        of_the_year = rf"{SP}(?i:of){SP}{v.the}(?i:year)(?!{OSP}\d|\w)"
        second_year = rf"(?:{OSP}[{words.DASHES}/]{OSP}(?P<year2>(?:19|20)?\d\d)(?!\w))?"
        return {
            "numeric": NUMERIC,
            "day_first": rf"(?:{v.weekday})?(?:{v.the})?{DAY},?(?:{SP}(?i:of))?{SP}{v.month}(?:,?{SP}{YEAR})?",
            "month_first": rf"{v.month_first_day()}(?:,?{SP}{YEAR})?",
            "quarter": periods.quarter_fragment(v.the, v.ordinal, year_of, OSP, words.DASHES),
            "half": periods.half_fragment(v.the, year_of, of_the_year, OSP),
            "fiscal": periods.fiscal_fragment(OSP, words.DASHES),
            "season": rf"(?:{v.the})?(?:{v.part})?{v.season}(?:{SP}(?:(?i:of){SP})?{YEAR}{second_year})?",
            "decade": rf"(?:{v.the})?(?:{v.part})?(?:{v.the})?(?P<decade>(?:19|20)\d0)['\u2019]?s(?!\w)",
            "month_year": rf"(?:{v.part})?{v.month}(?:{SP}(?i:of))?,?{SP}{YEAR}",
            "year": rf"(?:{v.part})?{YEAR}",
            "part_of_the_year": rf"(?P<ypart>(?i:the{SP}(?:start|beginning|end)|(?:start|beginning|end))){of_the_year}",
            "month": rf"(?:{v.part})?{v.month}",
        }


@dataclasses.dataclass(frozen=True)
class Point:
    """One end of a date expression as written, before a year is chosen for it.

    Attributes:
        text: The point as written ("28 February", "Q3 2019").
        shape: day, numeric, month, year, season, quarter, half or decade.
        day: Day of the month, when written.
        month: Month number, when written.
        year: The year written, or None when the text leaves it out.
        number: Which quarter (1-4) or half (1-2); -1 for "the last quarter".
        season: Season name, for a season.
        part: "early", "mid" or "late" when the text narrows the period.
    """

    text: str
    shape: Shape
    day: int | None = None
    month: int | None = None
    year: int | None = None
    number: int | None = None
    season: str | None = None
    part: str | None = None


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A date expression found in a text: its span and its points in the order written.

    Attributes:
        start: Offset of the first character (including "since", "from", "between").
        end: Offset after the last character.
        form: point, range, open_start, open_end, before or after.
        first: The only point, or the start of a range.
        last: The end of a range, else None.
        lead: The word that opens the expression ("from", "since", "until"), lower case.
        connector: What joins the two ends of a range ("-", "to", "and").
    """

    start: int
    end: int
    form: Form
    first: Point
    last: Point | None = None
    lead: str | None = None
    connector: str | None = None

    @property
    def points(self) -> tuple[Point, ...]:
        """The one or two points, in the order written."""
        return (self.first,) if self.last is None else (self.first, self.last)


@functools.cache
def vocabulary() -> Vocabulary:
    """The word patterns, built on first use."""
    return Vocabulary.from_tables()


@functools.cache
def point_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The point shapes, compiled to match a whole point text."""
    return tuple((name, re.compile(fragment)) for name, fragment in vocabulary().point_fragments().items())


@functools.cache
def candidate_patterns() -> tuple[tuple[Form, re.Pattern[str]], ...]:
    """The candidate shapes, each compiled to find expressions anywhere in a text."""
    v = vocabulary()
    point = "|".join(_anonymous(f) for f in v.point_fragments().values())
    day_first = _anonymous(v.point_fragments()["day_first"])
    bare_day = _anonymous(DAY)
    lead = rf"(?:(?P<lead>{_any_case(words.RANGE_OPENERS)}){SP})?"
    connector = rf"(?:{OSP}(?P<dash>{DASH}){OSP}|{SP}(?P<word>{_any_case(words.RANGE_WORDS)}){SP})"
    shapes: list[tuple[Form, str]] = [
        ("range", rf"{lead}(?:{v.weekday})?(?P<a>{bare_day}){connector}(?P<b>{day_first})"),
        (
            "range",
            rf"{lead}(?P<a>{_anonymous(v.month_first_day())}){connector}(?P<b>{bare_day})(?:,?{SP}(?P<y>{BARE_YEAR}))?",
        ),
        ("range", rf"{lead}(?P<a>{point}){connector}(?P<b>{point})"),
        ("range", rf"{lead}(?P<a>{BARE_YEAR}){OSP}(?P<dash>[{words.DASHES}/]){OSP}(?P<short>(?:19|20)?\d\d)(?!\w)"),
        ("open_start", rf"(?P<lead>{_any_case(words.OPEN_START_WORDS)}){SP}(?P<a>{point})"),
        ("open_start", rf"(?P<lead>(?i:from)){SP}(?P<a>{point}){SP}(?P<trail>{_any_case(words.OPEN_START_TRAILERS)})"),
        ("open_end", rf"(?P<lead>{_any_case(words.OPEN_END_WORDS)}){SP}(?P<a>{point})"),
        ("before", rf"(?P<lead>{_any_case(words.BEFORE_WORDS)}){SP}(?P<a>{point})"),
        ("after", rf"(?P<lead>{_any_case(words.AFTER_WORDS)}){SP}(?P<a>{point})"),
        ("point", rf"(?P<a>{point})"),
    ]
    return tuple((form, re.compile(LEFT_EDGE + body + RIGHT_EDGE)) for form, body in shapes)


def _number(text: str | None) -> int | None:
    return int(text) if text else None


@functools.lru_cache(maxsize=4096)
def text_to_point(text: str) -> Point | None:
    """Read one point as written; None when the text is not a point of any shape.

    A bare day ("15", the first end of "15-19 January") is a day point with no month yet.
    """
    text = " ".join(text.split())
    if re.fullmatch(DAY, text):
        return Point(text, "day", day=int(re.sub(r"\D", "", text)))  # "15th" → 15
    for name, pattern in point_patterns():
        match = pattern.fullmatch(text)
        if match:
            return _match_to_point(name, match)
    return None


def _match_to_point(name: str, match: re.Match[str]) -> Point:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    month = words.MONTHS[groups["month"].rstrip(".").lower()] if "month" in groups else None
    part = None
    if "part" in groups:
        part = words.PARTS[" ".join(groups["part"].lower().split())]
    elif "hpart" in groups:
        part = words.HYPHEN_PARTS[groups["hpart"].lower()]
    year = _number(groups.get("year"))
    text = match.group()
    if name == "numeric":
        year_match = re.search(BARE_YEAR, text)
        return Point(text, "numeric", year=int(year_match.group()) if year_match else None)
    if name in ("day_first", "month_first"):
        return Point(text, "day", day=int(groups["day"]), month=month, year=year)
    if name == "quarter":
        number = groups.get("q") or groups.get("q2")
        written = groups.get("qyy") or groups.get("qyy2") or groups.get("qyear")
        year = periods.short_year(written) if written else year
        return Point(text, "quarter", year=year, number=int(number) if number else words.ORDINALS[groups["qo"].lower()])
    if name == "half":
        number = groups.get("h") or groups.get("h2") or groups["ho"].lower()
        written = groups.get("hyy") or groups.get("hyy2")
        year = periods.short_year(written) if written else year
        return Point(text, "half", year=year, number=int(number) if number.isdigit() else words.ORDINALS[number])
    if name == "fiscal":
        first, second = periods.fiscal_years(groups.get("fy") or groups["fyear"], groups.get("fy2"))
        return Point(text, "fiscal", year=first, number=second)
    if name == "season":
        season = groups["season"].lower()
        if season == "winter" and "year2" in groups and year is not None:
            year = _second_year(year, groups["year2"])
        return Point(text, "season", year=year, season=season, part=part)
    if name == "decade":
        return Point(text, "decade", year=int(groups["decade"]), part=part)
    if name in ("month_year", "month"):
        return Point(text, "month", month=month, year=year, part=part)
    if name == "part_of_the_year":
        return Point(text, "year", year=None, part=words.PARTS[" ".join(groups["ypart"].lower().split()) + " of"])
    return Point(text, "year", year=year, part=part)


def _second_year(first: int, written: str) -> int:
    """The second year of "2017/18" or "2017-2018" in full."""
    if len(written) == 4:
        return int(written)
    return first - first % 100 + int(written)


def _match_to_candidates(form: Form, match: re.Match[str]) -> list[Candidate]:
    """The candidates one match stands for: usually one, two for "5 and 6 March", none if invalid."""
    groups = match.groupdict()
    first = text_to_point(groups["a"])
    if first is None:
        return []
    last: Point | None = None
    if groups.get("short"):
        last = Point(groups["short"], "year", year=_second_year(first.year or 0, groups["short"]))
        span = (last.year or 0) - (first.year or 0)
        if not 0 < span <= (1 if groups.get("dash") == "/" else MAX_SHORT_YEAR_SPAN):
            return []
    elif groups.get("b"):
        last = text_to_point(groups["b"])
        if last is None:
            return []
    lead = " ".join(groups["lead"].lower().split()) if groups.get("lead") else None
    connector = (groups.get("dash") or groups.get("word") or "").lower() or None
    if groups.get("y") and last is not None:
        year = int(groups["y"])
        first, last = dataclasses.replace(first, year=year), dataclasses.replace(last, year=year)
    if form == "range" and connector == "and" and lead != "between":
        return _coordinated_days(match, first, last)
    if form == "range" and lead == "between" and connector != "and" and not _dash_between_days(first, last, connector):
        return []
    if form == "range" and last is not None and _year_after_dash(first, last, connector):
        return [Candidate(match.start(), match.end(), "point", dataclasses.replace(first, year=last.year), lead=lead)]
    return [Candidate(match.start(), match.end(), form, first, last, lead, connector)]


def _year_after_dash(first: Point, last: Point, connector: str | None) -> bool:
    """ "November - 2015" (a heading's style): the year of the month before the dash, not a range."""
    return (
        connector is not None
        and connector in words.DASHES
        and first.year is None
        and first.shape in ("day", "month", "season", "quarter")
        and last.shape == "year"
        and last.part is None
    )


def _dash_between_days(first: Point, last: Point | None, connector: str | None) -> bool:
    """ "between 3-5 March": reports write "between" before a dashed range of days too."""
    return (
        connector is not None
        and connector in words.DASHES
        and last is not None
        and first.shape == last.shape == "day"
        and first.month is None
    )


def _coordinated_days(match: re.Match[str], first: Point, last: Point | None) -> list[Candidate]:
    """ "on 14 and 15 May", "Monday 27 and Tuesday 28 October": one range of days, the first taking
    the second's month and year."""
    if (
        last is None
        or last.shape != "day"
        or first.shape != "day"
        or first.month is not None
        or not first.text.isdigit()
        or first.day is None
        or last.day is None
        or first.day >= last.day
    ):
        return []
    first = dataclasses.replace(first, month=last.month, year=last.year)
    lead = " ".join(match.group("lead").lower().split()) if match.groupdict().get("lead") else None
    return [Candidate(match.start(), match.end(), "range", first, last, lead, "and")]


def iter_candidates(text: str) -> Iterator[Candidate]:
    """Date expressions in the text, longest first where they overlap, in reading order.

    Args:
        text: Any text: a passage, a heading, a running header.

    Returns:
        An iterator of candidates that do not overlap one another, by start offset.
    """
    found: list[Candidate] = []
    for form, pattern in candidate_patterns():
        for match in pattern.finditer(text):
            found.extend(_match_to_candidates(form, match))
    # Longest first; on a tie the reading with fewer ends ("winter 2017-2018" is one season).
    found.sort(key=lambda c: (c.start - c.end, len(c.points), c.start))
    kept: list[Candidate] = []
    for candidate in found:
        if not any(k.start < candidate.end and candidate.start < k.end for k in kept):
            kept.append(candidate)
    yield from sorted(kept, key=lambda c: c.start)
