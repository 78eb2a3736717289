"""Numbers whose thousands are grouped by spaces or dots ("350 000", "1 000", "360.000"), as French- and
Spanish-trained writers of English reports group them.

`extractors.numbers` reads "1 000" as two numbers, 1 and 0, and "360.000" as 360 with three
decimals. A group is only read so when every group after the first has three digits, the first
has one to three, and nothing glued to it says otherwise: "360.000 people" is 360000, "2.5
million" stays 2.5 million, "3.14" stays 3.14.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from extractors.numbers import NumberSpan

_SPACE_GROUPS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\w]|[.,]\d)")
# Dots as thousands separators: only with a following word ("360.000 people"), never before a
# scale word ("2.500 million") or inside a longer decimal.
_DOT_GROUPS = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?![\w]|[.,]\d)(?=\s+(?!(?:thousand|million|billion)\b)[a-z])")


def iter_grouped_numbers(text: str) -> Iterator[NumberSpan]:
    """Numbers written with space or dot thousands groups, in text order."""
    found = [*_SPACE_GROUPS.finditer(text), *_DOT_GROUPS.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        digits = re.sub(r"[^\d]", "", match.group())
        yield NumberSpan(match.start(), match.end(), int(digits))


def with_grouped_numbers(text: str, numbers: Iterable[NumberSpan]) -> list[NumberSpan]:
    """The numbers of a text with grouped numbers read whole: the pieces they cover are replaced."""
    grouped = list(iter_grouped_numbers(text))
    kept = [n for n in numbers if not any(g.start < n.end and n.start < g.end for g in grouped)]
    return sorted([*kept, *grouped], key=lambda n: n.start)
