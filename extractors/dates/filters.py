"""Never-dates: candidates the grammar finds that their context shows are not dates.

The grammar sees characters; this module looks at the words around a candidate in spaCy's parse
and drops what an analyst would not call a date: a number that counts ("2000 officers", "over
2015 participants"), a code or phone number ("No. 2018", "tel. 2017 45"), money ("$ 2019"), a
month word that is a verb or a name ("may", "April" as a person), a season that names a thing
("summer school"), and a month-first "day" that is a count ("In March 20 officers ...").
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extractors.dates import words
from extractors.dates.grammar import Candidate, Point

if TYPE_CHECKING:
    from pipeline.passages import Passage

PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
DETERMINER_TAGS = frozenset({"DT", "PRP$", "POS", "WP$"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
_WORD = re.compile(r"[\w'’.]+|\S")


@functools.cache
def _currency_codes() -> frozenset[str]:
    """ISO 4217 alphabetic codes, read once from pycountry's table."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency(token: Token) -> bool:
    """A currency sign, code or name ("$", "USD", "soms")."""
    return token.is_currency or token.lower_ in words.CURRENCY_WORDS or token.text in _currency_codes()


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _before(doc: Doc, span: Span) -> Token | None:
    return doc[span.start - 1] if span.start > 0 else None


def _after(doc: Doc, span: Span) -> Token | None:
    return doc[span.end] if span.end < len(doc) else None


def _preceding_phrase(text: str, start: int, length: int = 3) -> str:
    """The last few words before `start`, lower case ("up to", "no.")."""
    return " ".join(_WORD.findall(text[max(0, start - 40) : start])[-length:]).lower()


def _ends_with(phrase: str, options: tuple[str, ...]) -> bool:
    return any(phrase == o or phrase.endswith(" " + o) for o in options)


def is_bare(candidate: Candidate, shape: str) -> bool:
    """A single point of the given shape, with no words around it and no narrowing part."""
    point = candidate.first
    return candidate.form == "point" and point.shape == shape and point.part is None


def year_is_count(passage: Passage, candidate: Candidate) -> bool:
    """Whether a bare four-digit year is really a number: a count, money, a code or a phone."""
    doc = passage.doc
    span = _span(doc, candidate.start, candidate.end)
    if span is None:
        return False
    before, after = _before(doc, span), _after(doc, span)
    phrase = _preceding_phrase(passage.text, candidate.start)
    if _ends_with(phrase, words.COUNT_QUALIFIERS):
        return True
    if before is not None and (is_currency(before) or before.text.isdigit()):
        return True
    if after is not None and after.text.isdigit():
        return True
    counted = after is not None and after.tag_ in PLURAL_NOUN_TAGS
    determined = before is not None and (before.tag_ in DETERMINER_TAGS or before.lower_ in words.TIME_PREPOSITIONS)
    return counted and not determined


def year_ends_a_name(passage: Passage, candidate: Candidate) -> bool:
    """Whether a bare year closes a title-case name: "Ethiopia Marburg Outbreak 2025", "Appeal 2024".

    Two or more capitalised words run straight into the year, with no preposition or date word
    between them, and nothing but punctuation follows: the year names an operation, a plan or a
    report, it is not said of a time ("in 2025", "the floods of 2024" keep theirs).
    """
    doc = passage.doc
    span = _span(doc, candidate.start, candidate.end)
    if span is None or span.start < 2:
        return False
    after = _after(doc, span)
    if after is not None and not after.is_punct:
        return False
    before = [doc[i] for i in range(max(0, span.start - 3), span.start)]
    if any(token.lower_ in words.TIME_PREPOSITIONS or token.lower_ in words.YEAR_CUES for token in before):
        return False
    return len(before) >= 2 and all(token.is_title and token.is_alpha for token in before[-2:])


def year_has_cue(passage: Passage, candidate: Candidate) -> bool:
    """Whether a word right before a bare year shows it is one ("in 2017", "the year 2017")."""
    return _ends_with(_preceding_phrase(passage.text, candidate.start, 1), words.YEAR_CUES)


def month_is_date(passage: Passage, candidate: Candidate) -> bool:
    """Whether a month written alone is the month, not a verb, a name or a stray word.

    It is when a cue word precedes it ("In February"), when it is all its passage says or heads
    it before a colon (a heading or calendar label: "April", "May: course in Bishkek"), or when
    it is an unambiguous full month name that is not part of a person's name.
    """
    text = passage.text
    label = text.strip().strip(".:;,").strip()
    if label == text[candidate.start : candidate.end]:
        return True
    if not text[: candidate.start].strip() and text[candidate.end :].lstrip().startswith(":"):
        return True
    if _ends_with(_preceding_phrase(passage.text, candidate.start, 1), words.MONTH_CUES):
        return True
    name = candidate.first.text.rstrip(".").lower()
    if name in words.AMBIGUOUS_MONTHS or len(name) < 5:
        return False
    span = _span(passage.doc, candidate.start, candidate.end)
    return span is None or all(token.ent_type_ != "PERSON" for token in span)


def season_is_date(passage: Passage, candidate: Candidate) -> bool:
    """Whether a season is a time ("in summer", "Summer 2018"), not a thing or a verb.

    Without a year it needs a cue word before it (or a lead such as "since") and no noun after
    it ("summer school", "before the summer holidays"); the lower-case verb "fall" needs the cue
    even with a year after it ("prices fall 2018 percent").
    """
    cued = candidate.lead is not None or _ends_with(
        _preceding_phrase(passage.text, candidate.start, 1), words.SEASON_CUES
    )
    if candidate.first.year is not None:
        return cued or not candidate.first.text.startswith("fall")
    if not cued:
        return False
    span = _span(passage.doc, candidate.start, candidate.end)
    after = _after(passage.doc, span) if span is not None else None
    return after is None or after.pos_ not in NOUN_POS


def number_follows(passage: Passage, candidate: Candidate) -> bool:
    """Whether the expression's last number is really a quantity ("2018 million", "2019 percent")."""
    if not passage.text[candidate.end - 1 : candidate.end].isdigit():
        return False
    span = _span(passage.doc, candidate.start, candidate.end)
    after = _after(passage.doc, span) if span is not None else None
    return after is not None and (after.lower_ in words.SCALE_WORDS or is_currency(after))


_LAW_NAME = re.compile(r"\b[A-Z][A-Za-z]+ (?:Act|ACT)(?: of| OF)?,? $")


def names_a_law(passage: Passage, candidate: Candidate) -> bool:
    """Whether a bare year closes the name of a law ("Implementation Act of 1998", "Finance Act 2021")."""
    return (
        is_bare(candidate, "year")
        and _LAW_NAME.search(passage.text, max(0, candidate.start - 40), candidate.start) is not None
    )


def identifier_precedes(passage: Passage, candidate: Candidate) -> bool:
    """Whether an expression that starts with a number is the number of something ("resolution 2017/18")."""
    if not passage.text[candidate.start : candidate.start + 1].isdigit():
        return False
    return _ends_with(_preceding_phrase(passage.text, candidate.start), words.NOT_DATE_BEFORE)


def day_is_count(passage: Passage, candidate: Candidate) -> bool:
    """Whether the day of a month-first date without a year counts the noun after it.

    "In March 20 officers were trained": 20 is a count, and only "March" is a date.
    """
    point = candidate.first
    if candidate.form != "point" or point.shape != "day" or point.year is not None:
        return False
    if not point.text[:1].isalpha() or point.text.split()[0].lower().rstrip(".,") in words.WEEKDAYS:
        return False
    span = _span(passage.doc, candidate.start, candidate.end)
    after = _after(passage.doc, span) if span is not None else None
    return after is not None and after.tag_ in PLURAL_NOUN_TAGS


def month_only(candidate: Candidate) -> Candidate:
    """The month of a month-first day ("March 20" -> "March")."""
    point = candidate.first
    month = point.text.split()[0]
    return dataclasses.replace(
        candidate, end=candidate.start + len(month), first=Point(month, "month", month=point.month)
    )


def filter_candidate(passage: Passage, candidate: Candidate) -> tuple[Candidate, float] | None:
    """The candidate as a date and how sure the context makes it, or None when it is not one.

    Args:
        passage: The passage it was found in (its spaCy parse gives the context).
        candidate: What the grammar found.

    Returns:
        The candidate (possibly narrowed, "March 20" to "March") and a confidence, or None.
    """
    if number_follows(passage, candidate) or identifier_precedes(passage, candidate) or names_a_law(passage, candidate):
        return None
    if day_is_count(passage, candidate):
        candidate = month_only(candidate)
    if is_bare(candidate, "year"):
        if year_is_count(passage, candidate) or year_ends_a_name(passage, candidate):
            return None
        return candidate, 0.9 if year_has_cue(passage, candidate) else 0.75
    if is_bare(candidate, "month") and candidate.first.year is None:
        return (candidate, 0.85) if month_is_date(passage, candidate) else None
    if candidate.last is None and candidate.first.shape == "season" and not season_is_date(passage, candidate):
        return None
    return candidate, 0.95
