"""Ranges of amounts: "180-220 MEUR", "$1-2 million", "SEK 1.2-1.5bn", "between $3 and $5 million".

A range of money is two amounts, not one: its low end with the qualifier "at_least" and its high
end with "at_most", each in full. The low end borrows what the text writes only once, at the
high end or before the low one: the currency ("SEK 4-5bn": both SEK; "180-220 MEUR": both EUR)
and the multiplier ("$1-2 million" is 1,000,000 to 2,000,000 USD; "180-220 MEUR" 180,000,000 to
220,000,000 EUR). A low end that has its own scale keeps it ("$500,000 to $1.2 million").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from extractors.numbers import NumberSpan
from schemas.values import Qualifier

RANGE_LINK = re.compile(r"[ \xa0]*(?:-|–|—|to)[ \xa0]*(?:US\$|[$€£]|[A-Z]{3}[ \xa0]?)?$")
"""What may stand between the two ends of a range: a dash or "to", the currency repeated."""
BETWEEN_AND = re.compile(r"[ \xa0]+and[ \xa0]+(?:US\$|[$€£]|[A-Z]{3}[ \xa0]?)?$")
"""The link of "between $3 and $5 million" (only after "between")."""
BETWEEN = re.compile(r"\bbetween[ \xa0]+(?:US\$|[$€£]|[A-Z]{3}[ \xa0]?)?$", re.IGNORECASE)

LOW: Qualifier = "at_least"
HIGH: Qualifier = "at_most"
"""The qualifiers of a range's two ends."""


def range_pairs(text: str, numbers: Sequence[NumberSpan]) -> dict[int, int]:
    """Index of each range's low end → index of its high end, among `numbers` in text order."""
    pairs: dict[int, int] = {}
    for index, (low, high) in enumerate(itertools.pairwise(numbers)):
        between = text[low.end : high.start]
        if low.words or high.words or index in pairs.values():
            continue
        if RANGE_LINK.fullmatch(between) or (
            BETWEEN_AND.fullmatch(between) and BETWEEN.search(text, max(0, low.start - 14), low.start)
        ):
            pairs[index] = index + 1
    return pairs


def times(value: int | float, factor: float) -> int | float:
    """`value` multiplied by `factor` without binary noise (48.5 cents × 0.01 is 0.485)."""
    product = Decimal(str(value)) * Decimal(str(factor))
    return int(product) if product == product.to_integral_value() else float(product)
