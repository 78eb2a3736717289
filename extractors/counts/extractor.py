"""Counts: how many of something, with the qualifier, the counted noun phrase and the larger count it is part of.

A count is a number (digits or words, `extractors.numbers`) followed by the noun phrase it
counts. The subject rule: the tokens from the number (or its qualifier) up to and including the
head noun, i.e. the last plural noun (or collective noun such as "staff", "police") of the run of
adjectives, nouns and participles that follows the number; determiners and qualifiers are left
out, and common words are lower-cased while proper nouns and acronyms keep their case
("over 40 sports coaches and physical education teachers" → "sports coaches"; "Nine officers
from the State Customs Service" → "officers"; "50 newly recruited Customs officers" → "newly
recruited Customs officers").

Not counts (`extractors.counts.filters`): numbers of money (`extractors.amounts.extractor` finds those
first), years, dates, ages, range bounds, labels ("SDG 5", "page 4"), numbers glued to words
("COVID-19", "five-day"), list markers, phone numbers, and measures: a number whose noun is a
unit of time, size, weight, volume or share ("two weeks", "2.5 tonnes of heroin", "40 per
cent") says how much, not how many things, so it is not a count.

A count is part of an earlier, larger count of the same sentence when a subset cue links them
("1394 practitioners, including 573 women", "..., 573 of whom were women", "40 participants
(15 women and 25 men)"); the items of a plain list ("12 judges, 30 prosecutors and 8 police
officers") are part of nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extractors.amounts.extractor import iter_amount_spans
from extractors.base import DocumentContext, Extractor, Mention, MentionRef, register
from extractors.counts import elliptic, filters
from extractors.grouped_numbers import with_grouped_numbers
from extractors.number_conventions import ENGLISH, NumberConvention, text_convention
from extractors.numbers import NumberSpan, iter_numbers
from extractors.qualifiers import qualifier_after, qualifier_before
from extractors.spans import clip_to_block
from schemas.values import CountValue, Qualifier

if TYPE_CHECKING:
    from pipeline.passages import Passage

# Singular nouns that name a group counted in people ("20 staff", "30 police").
# Adjectives that say which or what kind of the counted things in passing, not what they are:
# "64 new patients", "four other countries", "seven such trainers" count patients, countries
# and trainers. A classifying modifier stays ("sports coaches", "financial investigators").
PASSING_ADJECTIVES = frozenset(
    {
        "other",
        "such",
        "new",
        "more",
        "additional",
        "further",
        "extra",
        "different",
        "various",
        "same",
        "young",
        "former",
    }
)
COLLECTIVE = frozenset(
    {"staff", "personnel", "police", "youth", "military", "clergy", "crew", "militia", "cattle", "livestock"}
)
# How many tokens the counted noun phrase may run to.
MAX_SUBJECT_TOKENS = 6
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBN", "VBG", "HYPH", "RB"})
_OF_WHOM = re.compile(r"\s+of\s+(?:whom|which|them)(?:\s+(?:were|are|was|is))?\s+", re.IGNORECASE)
# The cue before the number and a verb after it: "..., of whom 860 were women".
_CUE_BEFORE = re.compile(r"(?:of|among)\s+(?:whom|which|them)\s+$", re.IGNORECASE)
_COPULA_AFTER = re.compile(r"\s+(?:were|are|was|is)\s+", re.IGNORECASE)
# A label and its figure, as in a box of figures: "Vessels boarded: 37", "Suspects handed over: 58".
_LABEL_BEFORE = re.compile(r"\s*(?P<label>[A-Z][^:.;\n]{1,60}?):\s*")
_SUBSET_CUE = re.compile(
    r"^[\s,;:(–—-]*(?:including|incl\.|inter alia|among them|among whom|among which|namely|comprising|"
    r"consisting of|of whom|of which|of them)[\s,:]*$|^\s*\(\s*$",
    re.IGNORECASE,
)
# The cue after a short post-modifier of the whole: "1,240 students aged 15-17, including 410
# women", "3,000 officers trained since 2016, among them 620 women". Short and without "and", so
# that a cue in a later clause ("..., and the Ministry hired staff, including 5 women") is not read
# as this count's subset.
_CUE_AFTER_MODIFIER = re.compile(
    r"^(?:(?!\band\b)[^.;:()]){1,32},\s*(?:including|among them|among whom|of whom|of which|of them|namely)[\s,:]*$",
    re.IGNORECASE,
)
# A subset stated after its noun: "6 officers, three women among them".
_AMONG_AFTER = re.compile(r"\s+among\s+(?:them|whom)\b", re.IGNORECASE)
# A sentence that opens by pointing back at the count before it: "Among them were 42 judges".
_OPENING_CUE = re.compile(
    r"\s*(?:among (?:them|these|those|whom)|of (?:them|these|those|whom)|(?:they|these|those) included)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:,|;|and|or|,\s*and|,\s*or)\s*$", re.IGNORECASE)
# Share of a sentence's longer words that are capitalised in a heading.
HEADING_SHARE = 0.6
CONFIDENCE = 0.85
CONFIDENCE_WORDS = 0.8
CONFIDENCE_YEARLIKE = 0.5
CONFIDENCE_COLLECTIVE = 0.7
# A count whose noun comes from a neighbouring count or its verb (`elliptic`).
CONFIDENCE_ELLIPTIC = 0.65


@dataclasses.dataclass(frozen=True)
class CountCandidate:
    """A count found in a passage before the subset links are made.

    Attributes:
        start: Offset of the qualifier or the number.
        end: Offset after the subject (or after the number when the subject holds a proper
            noun, which an organisation or place mention may claim).
        tail: Offset after the subject, where the text that may link the next count starts.
        sentence: Offset where the sentence starts.
        value: The count value (without `part_of`).
        confidence: 0..1.
        subset: Whether its form makes it a subset ("573 of whom were women", "three women
            among them").
        lone_one: Whether it is the word "one" (see `drop_lone_ones`).
    """

    start: int
    end: int
    tail: int
    sentence: int
    value: CountValue
    confidence: float
    subset: bool = False
    lone_one: bool = False


@register("counts.rules")
class CountRules(Extractor):
    """Numbers with the noun phrase they count, qualified and linked to the count they are part of."""

    name = "counts.rules"
    kind = "count"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        convention = text_convention(passage.text for passage in passages)
        for passage in passages:
            candidates = drop_lone_ones(passage.text, list(iter_count_candidates(passage, convention)))
            parents = link_subsets(passage.text, candidates)
            for candidate, parent in zip(candidates, parents, strict=False):
                part_of = MentionRef(passage.index, parent.start, parent.end) if parent is not None else None
                yield Mention(
                    passage.index,
                    candidate.start,
                    candidate.end,
                    "count",
                    candidate.value,
                    self.name,
                    candidate.confidence,
                    part_of,
                )


def iter_count_candidates(passage: Passage, convention: NumberConvention = ENGLISH) -> Iterator[CountCandidate]:
    """Every count of one passage, in order, without subset links, numbers read by the document's convention."""
    text, doc = passage.text, passage.doc
    money = [(span.start, span.end) for span in iter_amount_spans(text, convention=convention)]
    found: list[CountCandidate] = []
    bare: list[tuple[NumberSpan, Span]] = []
    for number in with_grouped_numbers(text, iter_numbers(text, convention)):
        if any(start < number.end and number.start < end for start, end in money):
            continue
        tokens = doc.char_span(number.start, number.end, alignment_mode="expand")
        if tokens is None or not len(tokens) or not _may_count(text, number, tokens):
            continue
        candidate = _candidate(passage, number, tokens)
        if candidate is not None:
            found.append(candidate)
        else:
            bare.append((number, tokens))
    for number, tokens in bare:  # in text order, so that a noun-less count can lend to the next one
        candidate = _elliptic_candidate(passage, number, tokens, found)
        if candidate is not None:
            found.append(candidate)
    yield from sorted(found, key=lambda c: c.start)


def _elliptic_candidate(
    passage: Passage, number: NumberSpan, tokens: Span, found: Sequence[CountCandidate]
) -> CountCandidate | None:
    """A number without a noun after it, counting what a neighbouring count or its verb says (`elliptic`)."""
    text, doc = passage.text, passage.doc
    if number.words and number.value == 1:
        return None  # "one of them" picks one out; it does not count
    sentence = passage.sentence(number.start, number.end)
    previous = doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
    later = [(c.start, c.value.subject) for c in found if c.start > number.end and c.sentence == sentence.start_char]
    earlier = sorted(
        (
            elliptic.Earlier(c.tail, c.value.value, c.value.subject, elliptic.is_beneficiary(text, c.start))
            for c in found
            if c.end <= number.start and c.sentence >= previous
        ),
        key=lambda count: count.end,
    )
    subject = (
        elliptic.shared_noun_ahead(doc, number.end, later)
        or elliptic.predicate_noun(doc, tokens[-1])
        or elliptic.borrowed_noun(text, number.start, number.end, number.value, earlier)
        or elliptic.people_noun(doc, tokens[-1])
    )
    if subject is None:
        return None
    before = qualifier_before(text, number.start, doc)
    qualifier: Qualifier = before.qualifier if before is not None else "exact"
    start = before.start if before is not None else number.start
    start, end = clip_to_block(passage, start, number.end, number.start, number.end)
    value = CountValue(value=number.value, qualifier=qualifier, subject=subject)
    confidence = CONFIDENCE_ELLIPTIC
    return CountCandidate(start, end, number.end, sentence.start_char, value, confidence, lone_one=False)


def _may_count(text: str, number: NumberSpan, tokens: Span) -> bool:
    """Whether the number can be a count at all, before its noun is looked at."""
    if number.suffix or (number.decimal and not number.scaled):
        return False
    return not (
        filters.is_glued(text, number)
        or filters.is_list_marker(text, number)
        or filters.is_phone_like(text, number)
        or filters.is_label(tokens)
        or filters.is_date_part(tokens)
        or filters.is_year(number, text, tokens)
        or filters.is_age(tokens)
        or filters.is_in_range(tokens)
        or filters.is_ratio(tokens)
    )


def _candidate(passage: Passage, number: NumberSpan, tokens: Span) -> CountCandidate | None:
    text, doc = passage.text, passage.doc
    qualifier: Qualifier = "exact"
    start, subject_from = number.start, number.end
    before = qualifier_before(text, number.start, doc)
    after = qualifier_after(text, number.end)
    if before is not None:
        qualifier, start = before.qualifier, before.start
    elif after is not None:
        qualifier, subject_from = after.qualifier, after.end
    of_whom = _OF_WHOM.match(text, subject_from)
    if of_whom is None and _CUE_BEFORE.search(text, max(0, start - 20), start):
        of_whom = _COPULA_AFTER.match(text, subject_from)
    if of_whom is not None:
        subject_from = of_whom.end()
    subject = subject_tokens(doc, subject_from, number.value)
    if subject is None:
        return _label_candidate(passage, number, tokens)
    head = subject[-1]
    if filters.is_back_reference(number, tokens, head):
        return None
    tail = head.idx + len(head.text)
    has_proper = any(token.pos_ == "PROPN" for token in subject)
    end = number.end if has_proper else tail
    value = CountValue(value=number.value, qualifier=qualifier, subject=subject_text(subject))
    sentence = passage.sentence(number.start, number.end).start_char
    among = _AMONG_AFTER.match(text, tail)
    if among is not None and not has_proper:
        end = among.end()
    subset = of_whom is not None or among is not None
    start, end = clip_to_block(passage, start, end, number.start, number.end)
    lone_one = number.words and number.value == 1
    confidence = _confidence(number, text, tokens, head)
    return CountCandidate(start, end, tail, sentence, value, confidence, subset, lone_one)


def _label_candidate(passage: Passage, number: NumberSpan, tokens: Span) -> CountCandidate | None:
    """A figure after its label ("Vessels boarded: 37"): the label's first plural noun is the subject."""
    text, doc = passage.text, passage.doc
    sentence = passage.sentence(number.start, number.end)
    label = _LABEL_BEFORE.fullmatch(text, sentence.start_char, number.start)
    if label is None:
        return None
    first = _token_at(doc, label.start("label"))
    if first is None:
        return None
    words = [t for t in doc[first.i :] if t.idx < label.end("label")]
    heads = [i for i, t in enumerate(words) if _is_head(t, number.value) and t.pos_ != "PROPN"]
    if not heads or not all(_is_modifier(t) for t in words[: heads[0]]):
        return None
    subject = " ".join(t.lower_ for t in words[: heads[0] + 1])
    value = CountValue(value=number.value, qualifier="exact", subject=subject)
    start, end = clip_to_block(passage, label.start("label"), number.end, number.start, number.end)
    confidence = _confidence(number, text, tokens, words[heads[0]])
    return CountCandidate(start, end, number.end, sentence.start_char, value, confidence)


def subject_tokens(doc: Doc, offset: int, value: int | float) -> Span | None:
    """The counted noun phrase that starts at `offset`: modifiers up to the head noun.

    Args:
        doc: The passage's parse.
        offset: Where the text after the number (and any qualifier) starts.
        value: The number, since only "one" counts a singular noun.

    Returns:
        The tokens of the phrase, ending with the head noun, or None when no countable noun
        follows (a measure unit, a preposition, a verb).
    """
    first = _token_at(doc, offset)
    if first is None:
        return None
    window: list[Token] = []
    for token in doc[first.i : first.i + MAX_SUBJECT_TOKENS]:
        if not _is_modifier(token) or token.lower_ in filters.MONTHS:
            break
        if token.lower_ in filters.MEASURE_UNITS and not (window and window[-1].text == "-"):
            return None  # "two weeks", "2.5 tonnes"; not "4,500 multi-day trawlers"
        window.append(token)
    heads = [i for i, token in enumerate(window) if _is_head(token, value)]
    if not heads and _is_unknown_plural(first, value):
        return doc[first.i : first.i + 1]  # "29 of them dhows": the model took the noun for a verb
    if not heads:
        return None
    return doc[window[0].i : window[heads[-1]].i + 1]


def _token_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts at `offset`, spaces skipped; None when a token runs across it.

    A binary search over token offsets: `doc.text` and `doc.char_span` rebuild or scan the whole
    passage on every call, which made this the counts extractor's hottest line.
    """
    lo, hi = 0, len(doc)
    while lo < hi:
        middle = (lo + hi) // 2
        if doc[middle].idx < offset:
            lo = middle + 1
        else:
            hi = middle
    if lo > 0 and doc[lo - 1].idx + len(doc[lo - 1].text) > offset:
        return None  # the token before runs across the offset
    while lo < len(doc) and doc[lo].is_space:
        lo += 1
    return doc[lo] if lo < len(doc) else None


def _is_modifier(token: Token) -> bool:
    if token.tag_ == "RB":
        return token.lower_.endswith("ly") and token.i + 1 < len(token.doc) and token.nbor().tag_ in ("VBN", "JJ")
    if token.tag_ == "HYPH":
        return not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_
    if token.tag_ in ("VBN", "VBG"):
        return token.dep_ in ("amod", "compound")
    return token.tag_ in _MODIFIER_TAGS


def _is_unknown_plural(token: Token, value: int | float) -> bool:
    """A word right after a number that the model tagged a verb ("dhows") but reads as a plural noun."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        value != 1
        and token.tag_ == "VBZ"
        and token.is_lower
        and token.lower_.endswith("s")
        and (after is None or after.is_punct)
    )


def _is_head(token: Token, value: int | float) -> bool:
    if token.tag_ in ("NNS", "NNPS"):
        return True
    if token.lower_ in COLLECTIVE:
        return True
    return value == 1 and token.tag_ == "NN"


def subject_text(tokens: Span) -> str:
    """The subject as written, without leading passing adjectives and a heading's capitals.

    In running text only proper words are capitalised, so case is kept ("Central Asian
    countries", "UNODC staff"). In a heading set in capitals or title case, every word that
    is not a proper noun is lower-cased ("40 BORDER GUARDS" → "border guards").
    """
    heading = is_heading_case(tokens.sent)
    start = 0
    while start < len(tokens) - 1 and tokens[start].lower_ in PASSING_ADJECTIVES:
        start += 1
    parts = []
    for token in tokens[start:]:
        keep = not heading or (token.pos_ == "PROPN" and not token.is_upper)
        parts.append((token.text if keep else token.lower_) + token.whitespace_)
    return "".join(parts).strip()


def is_heading_case(sentence: Span) -> bool:
    """Whether a sentence is set in capitals or title case (most of its longer words capitalised)."""
    words = [token.text for token in sentence if token.is_alpha and len(token) > 3]
    return bool(words) and sum(word[0].isupper() for word in words) >= HEADING_SHARE * len(words)


def _confidence(number: NumberSpan, text: str, tokens: Span, head: Token) -> float:
    written = text[number.start : number.end]
    if written.isdigit() and len(written) == 4 and 1900 <= number.value <= 2100:
        return CONFIDENCE_YEARLIKE
    if head.tag_ not in ("NNS", "NNPS"):
        return CONFIDENCE_COLLECTIVE
    return CONFIDENCE_WORDS if number.words else CONFIDENCE


def drop_lone_ones(text: str, candidates: Sequence[CountCandidate]) -> list[CountCandidate]:
    """The candidates without a spelled "one" that stands outside a list of counts.

    "one way", "under one roof", "one set of numbers": the word "one" is far more often an
    article than a count. In a list ("3 teams, 2 dogs and one vehicle") it counts.
    """
    kept = []
    for position, candidate in enumerate(candidates):
        neighbours = [*candidates[max(0, position - 1) : position], *candidates[position + 1 : position + 2]]
        in_list = any(_listed_together(text, candidate, other) for other in neighbours)
        if not candidate.lone_one or in_list:
            kept.append(candidate)
    return kept


def _listed_together(text: str, one: CountCandidate, other: CountCandidate) -> bool:
    first, second = (one, other) if one.start < other.start else (other, one)
    return first.sentence == second.sentence and bool(_LIST_GAP.match(text[first.tail : second.start]))


def link_subsets(text: str, candidates: Sequence[CountCandidate]) -> list[CountCandidate | None]:
    """For each count, the earlier count it is part of, or None.

    "1394 practitioners, including 573 women": the cue between them makes 573 part of the
    nearest earlier count of the sentence that is larger. A count that continues a list of
    subsets ("including 30 judges and 20 prosecutors") has the same parent as the one before.
    A sentence that opens with a cue ("Among them were 42 judges") continues the sentence before.
    """
    parents: list[CountCandidate | None] = []
    for position, candidate in enumerate(candidates):
        before = candidates[:position]
        same = [i for i, c in enumerate(before) if c.sentence == candidate.sentence]
        if same:
            parents.append(_parent(text, candidate, [before[i] for i in same], [parents[i] for i in same]))
        else:
            parents.append(_opening_parent(text, candidate, before, parents))
    return parents


def _parent(
    text: str,
    candidate: CountCandidate,
    earlier: Sequence[CountCandidate],
    their_parents: Sequence[CountCandidate | None],
) -> CountCandidate | None:
    previous, previous_parent = earlier[-1], their_parents[-1]
    gap = text[previous.tail : candidate.start]
    if previous_parent is not None and _LIST_GAP.match(gap):
        return previous_parent
    if candidate.subset or _SUBSET_CUE.match(gap) or _CUE_AFTER_MODIFIER.match(gap):
        return _nearest_larger(candidate, earlier)
    return None


def _opening_parent(
    text: str,
    candidate: CountCandidate,
    before: Sequence[CountCandidate],
    their_parents: Sequence[CountCandidate | None],
) -> CountCandidate | None:
    """The larger top-level count of the sentence before, when this sentence opens with a subset cue."""
    if not before or not _OPENING_CUE.match(text, candidate.sentence, candidate.start):
        return None
    last_sentence = before[-1].sentence
    wholes = [
        c for c, parent in zip(before, their_parents, strict=False) if c.sentence == last_sentence and parent is None
    ]
    return _nearest_larger(candidate, wholes)


def _nearest_larger(candidate: CountCandidate, earlier: Sequence[CountCandidate]) -> CountCandidate | None:
    larger = [c for c in earlier if c.value.value > candidate.value.value]
    return larger[-1] if larger else None
