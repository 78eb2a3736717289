"""Counts whose noun is not written after the number: shared with a coordinated count, or taken from context.

Situation reports drop the counted noun where the reader supplies it:
- coordinated counts share the last one's noun: "62 suspected and 14 confirmed cases" is two
  counts of cases ("62 suspected cases"), as is "12 judges and 30 prosecutors" already;
- a number after a count of the same sentence or the one before counts the same thing:
  "220 trained youth volunteers (60 in South, 100 in North)", "more than 1.4 million people,
  including 210,000 in the ZMPP", "450 homes have been flooded and ten damaged";
- with no such count, a number that is the subject of a verb of what happens to people counts
  people ("48,200 were reached", "three have died"), one before an adjective of their state
  counts that word ("At least 3 dead"), and one before "were"/"are" and a plural noun counts
  that noun ("Seven were children").

These rules only run for a number that the main rules left without a noun.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

# What may stand between a number and the next count that lends it its noun: modifiers of the
# first (a participle or adjective, "suspected"), then "and", "or" or a comma.
_COORDINATION = re.compile(r"(?P<modifiers>(?:\s+[a-z][\w-]*){0,2}?)\s*(?:,\s*(?:and|or)?|and|or|to)\s+(?=\S)")
# After a number whose noun is the previous count's: a place, a share of a list, a verb of change.
_ELLIPSIS_AFTER = re.compile(
    r"\s*(?:(?:in|at|from|across|for|on|via|through|of\s+(?:them|these|those|which|whom))\b|[,;)]|"
    r"(?:are|were|have|had|has|remain|remained)\b|"
    r"[a-z]+ed(?=\s*(?:[,.;)]|$|(?:and|or|in|at|to|from|by|for|on|across)\b)))",
)
# "were reached", "have been displaced", "died": what happens to people.
PEOPLE_VERBS = frozenset(
    {
        "reached", "affected", "displaced", "evacuated", "injured", "killed", "rescued", "assisted",
        "supported", "treated", "vaccinated", "admitted", "registered", "relocated", "sheltered",
        "missing", "died", "dead", "screened", "served", "hospitalized", "hospitalised", "discharged",
    }
)  # fmt: skip
# What a number's own modifiers may be when it borrows the next count's noun ("62 suspected and").
_SUBJECT_MODIFIER_TAGS = frozenset({"JJ", "JJR", "VBN", "VBD"})
# Most characters between a number and the count right before it for the two to be one list.
NEIGHBOUR_DISTANCE = 40
_BENEFICIARY_BEFORE = re.compile(
    r"\b(?:for|cover(?:ing)?|reach(?:ing)?|assist(?:ing)?|benefit(?:ing|ting)?|serv(?:e|ing))\s+"
    r"(?:(?:approximately|about|around|some|nearly|over|more\s+than|up\s+to|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_COPULA = frozenset({"are", "were", "is", "was", "have", "has", "had", "been", "remain", "remained"})


def shared_noun_ahead(doc: Doc, end: int, later: Sequence[tuple[int, str]]) -> str | None:
    """The noun a coordinated count after `end` lends ("62 suspected and 14 confirmed cases").

    Args:
        doc: The passage's parse.
        end: Offset after the number that has no noun.
        later: (start, subject) of the counts of the same sentence that follow it.

    Returns:
        The subject the number counts: its own modifiers and the next count's head noun.
    """
    gap = _COORDINATION.match(doc.text, end)
    if gap is None or not later or later[0][0] != gap.end():
        return None
    words = doc.char_span(gap.start("modifiers"), gap.end("modifiers"), alignment_mode="expand")
    if words is not None and any(token.tag_ not in _SUBJECT_MODIFIER_TAGS for token in words):
        return None  # "Over 3 days, 45 inspectors": a noun of its own, not a modifier of the next one's
    head = later[0][1].split()[-1]
    return " ".join([*gap.group("modifiers").split(), head])


@dataclasses.dataclass(frozen=True)
class Earlier:
    """A count before a number without a noun: where it ends, its value and subject, and whether it
    names who benefits ("for approximately 14,500 people"), which a breakdown does not repeat."""

    end: int
    value: float
    subject: str
    beneficiary: bool = False


def is_beneficiary(text: str, start: int) -> bool:
    """Whether a count is introduced as the people something is for ("for approximately 14,500 people")."""
    return bool(_BENEFICIARY_BEFORE.search(text[max(0, start - 30) : start]))


def borrowed_noun(text: str, start: int, end: int, value: float, earlier: Sequence[Earlier]) -> str | None:
    """The subject of the earlier count that a number without a noun repeats.

    The count right before it, when close ("(46 facilities), Grand'Anse (42)", "(60 in South, 60
    in Grand'Anse"), else the nearest larger one ("more than 1.4 million people, including
    210,000 in the ZMPP"); counts of beneficiaries are passed over when another count is there
    ("2,900 WASH kits ... for 14,500 people, with allocation ongoing: 700 via ...").

    Args:
        text: The passage text.
        start: Offset of the number.
        end: Offset after the number.
        value: The number.
        earlier: The counts before it in its sentence and the one before, in text order.
    """
    if not _ELLIPSIS_AFTER.match(text, end):
        return None
    sources = [count for count in earlier if not count.beneficiary] or list(earlier)
    if sources and start - sources[-1].end <= NEIGHBOUR_DISTANCE:
        return sources[-1].subject
    for count in reversed(sources):
        if count.value > value:
            return count.subject
    return None


def _after_copula(doc: Doc, token: Token) -> tuple[list[Token], int]:
    """The words after a number, and the position of the first one after "were"/"have been" (0: none)."""
    following = [t for t in doc[token.i + 1 : token.i + 5] if not t.is_space]
    position = 0
    while position < len(following) and following[position].lower_ in _COPULA:
        position += 1
    return following, position


def predicate_noun(doc: Doc, token: Token) -> str | None:
    """The plural noun a number is said to be: "Seven were children" counts children."""
    following, position = _after_copula(doc, token)
    if 0 < position < len(following) and following[position].tag_ == "NNS" and following[position].is_lower:
        return following[position].text
    return None


def people_noun(doc: Doc, token: Token) -> str | None:
    """People, for a number that is the subject of what happens to people ("48,200 were reached").

    A number right before an adjective of their state counts that word ("At least 3 dead").
    """
    following, position = _after_copula(doc, token)
    if not following:
        return None
    if position == 0 and following[0].lower_ in PEOPLE_VERBS:
        return following[0].text if following[0].tag_ == "JJ" else "people"
    if 0 < position < len(following) and following[position].lower_ in PEOPLE_VERBS:
        return "people"
    return None
