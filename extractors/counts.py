"""Counts: how many of something, with the qualifier and the counted noun."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.numbers import NUMBER, parse_number

from schemas.values import CountValue, Qualifier

if TYPE_CHECKING:
    from pipeline.passages import Passage

QUALIFIERS: dict[str, Qualifier] = {
    "over": "more_than",
    "more than": "more_than",
    "some": "approximate",
    "about": "approximate",
    "around": "approximate",
    "nearly": "approximate",
    "almost": "approximate",
    "approximately": "approximate",
    "at least": "at_least",
    "up to": "at_most",
    "less than": "less_than",
    "fewer than": "less_than",
}
QUALIFIER_BEFORE = re.compile(r"\b(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)


@register("counts.rules")
class CountRules(Extractor):
    """A number followed by a plural noun the parser attaches it to."""

    name = "counts.rules"
    kind = "count"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        for passage in passages:
            for match in NUMBER.finditer(passage.text):
                number = match.group("number").rstrip()
                start, end = match.start("number"), match.start("number") + len(number)
                subject = self._subject(passage, end)
                if subject is None or match.group("scale"):
                    continue
                value = parse_number(number)
                if value is None or (isinstance(value, int) and 1900 <= value <= 2100 and number.isdigit()):
                    continue
                qualifier: Qualifier = "exact"
                before = QUALIFIER_BEFORE.search(passage.text[max(0, start - 20) : start])
                if before:
                    qualifier = QUALIFIERS[before.group(1).lower()]
                    start = start - len(before.group(0))
                yield Mention(
                    passage.index,
                    start,
                    end,
                    "count",
                    CountValue(value=value, qualifier=qualifier, subject=subject),
                    self.name,
                    0.7,
                )

    @staticmethod
    def _subject(passage: Passage, end: int) -> str | None:
        span = passage.doc.char_span(end, min(len(passage.text), end + 60), alignment_mode="expand")
        if span is None:
            return None
        words = []
        for token in span:
            if token.is_space:
                continue
            if token.tag_ in ("NNS", "NNPS") or (token.pos_ in ("ADJ", "NOUN") and words is not None):
                words.append(token.text)
                if token.tag_ in ("NNS", "NNPS"):
                    return " ".join(words)
                continue
            break
        return None
