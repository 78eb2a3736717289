"""Qualifiers of a stated number ("over", "some", "at least", "or more"), shared by counts and amounts."""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from schemas.values import Qualifier

# Phrases written before the number, by the qualifier they give it.
BEFORE: dict[str, Qualifier] = {
    "over": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "more than": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "some": "approximate",
    "about": "approximate",
    "around": "approximate",
    "nearly": "approximate",
    "almost": "approximate",
    "approximately": "approximate",
    "approx.": "approximate",
    "roughly": "approximate",
    "close to": "approximate",
    "an estimated": "approximate",
    "estimated": "approximate",
    "circa": "approximate",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "just under": "less_than",
    "up to": "at_most",
    "no more than": "at_most",
    "a maximum of": "at_most",
    "as many as": "at_most",
}
# Phrases written after the number ("40 or more participants", "50+ officers").
AFTER: dict[str, Qualifier] = {
    "or more": "at_least",
    "and more": "at_least",
    "or over": "at_least",
    "plus": "at_least",
    "+": "at_least",
    "or less": "at_most",
    "or fewer": "at_most",
}

_BEFORE = re.compile(
    r"(?<![\w-])(?P<phrase>" + "|".join(re.escape(p) for p in sorted(BEFORE, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"(?:\+|\s+(?:" + "|".join(re.escape(p) for p in sorted(AFTER, key=len, reverse=True) if p != "+") + r")\b)",
    re.IGNORECASE,
)
# How far back a qualifier phrase can start ("no fewer than " is the longest).
_WINDOW = 24
# Words that are a qualifier only when they modify the number, not when they are the particle
# of a phrasal verb ("handed over 50 computers") or a preposition ("falls under three headings").
_PREPOSITIONS = frozenset({"over", "about", "around", "under", "above", "below"})


@dataclasses.dataclass(frozen=True)
class QualifierSpan:
    """A qualifier phrase and where it is.

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character.
        qualifier: What it says about the number.
    """

    start: int
    end: int
    qualifier: Qualifier


def qualifier_before(text: str, start: int, doc: Doc | None = None) -> QualifierSpan | None:
    """The qualifier phrase that ends right before `start` (spaces between), if any.

    Args:
        text: The passage text.
        start: Offset where the number (or its currency sign) starts.
        doc: The passage's parse; when given, "over"/"under"... that the parser reads as a
            verb particle ("handed over 50 computers") or as a preposition heading the noun
            phrase ("falls under three sub-programmes") are not qualifiers.

    Returns:
        The phrase and its qualifier, or None.
    """
    window_start = max(0, start - _WINDOW)
    match = _BEFORE.search(text, window_start, start)
    if match is None:
        return None
    phrase = match.group("phrase").lower()
    if doc is not None and phrase in _PREPOSITIONS and _governs_phrase(doc, match.start("phrase")):
        return None
    return QualifierSpan(match.start("phrase"), match.end("phrase"), BEFORE[phrase])


def qualifier_after(text: str, end: int) -> QualifierSpan | None:
    """The qualifier phrase that starts right after `end` ("or more", "+"), if any."""
    match = _AFTER.match(text, end)
    if match is None:
        return None
    phrase = match.group(0).strip().lower()
    return QualifierSpan(match.start(), match.end(), AFTER[phrase])


def _governs_phrase(doc: Doc, offset: int) -> bool:
    """Whether the word is a verb particle or a preposition heading the phrase, not a modifier of the number."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].dep_ in ("prt", "prep")
