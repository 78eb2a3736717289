"""Magnitude abbreviations of money: "USD 6.7 M", "US$ 2.3 M", "CHF 450 K", and a bare "4M" in a report in dollars.

`extractors.numbers` reads a letter glued to the digits ("3.2m", "450K", "5bn") and a scale word
after a space ("3 bn", "2 million"); budget tables and key-figure boxes also write a capital
letter after a space ("USD 6.7 M"), which this module adds to an amount that has its currency
before the number. A number with a glued magnitude and no currency at all ("mobilized 4M for the
response") is money too, since only money is written so: it takes the currency the document's
other amounts are in, when they agree on one.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extractors.numbers import NumberSpan, iter_numbers

if TYPE_CHECKING:
    from extractors.amounts.extractor import AmountSpan

FACTORS = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9}
_SPACED = re.compile(r"[ \u00a0](?P<magnitude>M|MM|Mn|Mio|B|Bn|K)(?![\w&])")


def scaled(number: NumberSpan, factor: float, end: int) -> NumberSpan:
    """The number multiplied by a magnitude that ends at `end`; an integral result stays an int."""
    value = number.value * factor
    rounded = round(value, 6)
    return dataclasses.replace(
        number, end=end, value=int(rounded) if float(rounded).is_integer() else rounded, scaled=True
    )


def with_spaced_magnitude(text: str, span: AmountSpan) -> AmountSpan:
    """An amount with its currency before the number, widened to a magnitude letter after a space."""
    if span.number.scaled or span.end != span.number.end:
        return span
    found = _SPACED.match(text, span.number.end)
    if found is None:
        return span
    factor = FACTORS[found.group("magnitude").lower()]
    return dataclasses.replace(span, end=found.end(), number=scaled(span.number, factor, found.end()))


def iter_bare_magnitudes(text: str, taken: list[tuple[int, int]]) -> Iterator[NumberSpan]:
    """Numbers with a glued magnitude letter ("4M", "2.3bn") that no amount of the text covers."""
    for number in iter_numbers(text):
        if number.suffix and not any(start < number.end and number.start < end for start, end in taken):
            yield number


def document_currency(currencies: Counter[str]) -> str | None:
    """The one currency a document's amounts are in, or None when there are several or none."""
    return next(iter(currencies)) if len(currencies) == 1 else None
