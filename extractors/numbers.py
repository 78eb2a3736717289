"""Numbers written in digits or words ("1,394", "One hundred and fifty", "2.5 million", "a dozen").

Spotting is done here by pattern; the arithmetic of number words is text2num's. text2num
reads "one hundred and fifty" and "forty-two" but not "a dozen", "two dozen", "a hundred" or
"2.5 million", and it reads the plural "hundreds" as 100; those cases are handled here so that
callers see one `NumberSpan` per number whatever its spelling.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from text_to_num import text2num

from extractors.number_conventions import ENGLISH, NumberConvention

# Scale words and abbreviations, by what they multiply.
SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    # South Asian scales: a lakh is a hundred thousand, a crore ten million.
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    # German-style abbreviations in English texts from German-speaking companies ("12 Mio. EUR").
    "mio": 1_000_000,
    "mrd": 1_000_000_000,
}
# Vulgar fractions glued to digits ("48½ cents a mile").
FRACTIONS: dict[str, Decimal] = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
BIG = ("hundred", "thousand", "million", "billion", "trillion")
DOZEN = 12
SCORE = 20

_WORD = r"\b(?:" + "|".join(UNITS + list(BIG) + ["dozen"]) + r")\b"
# A run of number words joined by spaces, hyphens or "and" ("one hundred and fifty",
# "forty-two"), optionally led by "a" before a big word ("a dozen", "a hundred").
_WORDS = (
    r"(?:\ba\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    + _WORD
    + r"(?:(?:\s*-\s*|\s+|\s+and\s+)"
    + _WORD
    + r")*"
)


@functools.cache
def number_pattern(convention: NumberConvention = ENGLISH) -> re.Pattern[str]:
    """The pattern of every number spelling, its digits read by `convention` (see number_conventions)."""
    return re.compile(
        r"(?<![\w.,])(?:"
        r"(?P<digits>" + convention.digits_pattern() + r")(?P<fraction>[½¼¾])?"
        r"(?P<suffix>mln|mn|bn|m|k)?(?![\w]|[.,]\d)"
        r"(?:\s+(?P<scale>thousand|million|billion|trillion|mln|mn|bn|lakhs?|crores?|Mio\.|Mrd\.)(?:\b|(?<=\.)))?"
        r"|(?P<half>half\s+a\s+(?:million|billion)\b)"
        r"|(?P<score>\ba\s+score\s+of)(?=\s)"
        r"|(?P<words>" + _WORDS + r")"
        r")",
        re.IGNORECASE,
    )


NUMBER = number_pattern(ENGLISH)
_SEPARATORS = re.compile(r"[\s-]+")


@dataclasses.dataclass(frozen=True)
class NumberSpan:
    """One number found in a text.

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character (scale word included).
        value: The number, an int when integral.
        words: Whether it is spelled in words ("forty-two", "a dozen").
        scaled: Whether a scale word or suffix multiplies it ("2 million", "3.2m").
        suffix: Whether the scale is a letter suffix glued to the digits ("3.2m", "5bn"),
            which only money writes.
        decimal: Whether it has a decimal part as written ("2.5").
        scale: What its scale word or suffix multiplies by (1 when it has none).
    """

    start: int
    end: int
    value: int | float
    words: bool = False
    scaled: bool = False
    suffix: bool = False
    decimal: bool = False
    scale: int = 1

    @property
    def integral(self) -> bool:
        return isinstance(self.value, int)


def words_to_number(text: str) -> int | None:
    """Value of a run of number words: 'One hundred and fifty' -> 150, 'two dozen' -> 24.

    Returns:
        The number, or None when the words do not make one number ("twenty and thirty").
    """
    words = _SEPARATORS.sub(" ", text.strip().lower()).split()
    if words[:1] == ["a"]:
        words[0] = "one"
    multiplier = 1
    if words and words[-1] == "dozen":
        multiplier = DOZEN
        words = words[:-1] or ["one"]
    if "dozen" in words:
        return None
    try:
        return text2num(" ".join(words), "en") * multiplier
    except ValueError:
        return None


def digits_to_number(
    digits: str, scale: str | None = None, convention: NumberConvention = ENGLISH, fraction: str | None = None
) -> int | float:
    """Value of digits with an optional scale: ('2.5', 'million') -> 2500000, ('1,394', None) -> 1394.

    Args:
        digits: The digits as written, with their group and decimal marks.
        scale: A scale word or suffix ("million", "bn", "Mio.").
        convention: How the document writes decimals and groups ("3.482,5" under a decimal comma).
        fraction: A vulgar fraction glued to the digits ("½").
    """
    value = convention.to_decimal(digits) + (FRACTIONS[fraction] if fraction else 0)
    if scale:
        value *= SCALES[scale.lower().rstrip(".")]
    return int(value) if value == value.to_integral_value() else float(value)


def iter_numbers(text: str, convention: NumberConvention = ENGLISH) -> Iterator[NumberSpan]:
    """Every number in `text`, in order, digits read by the document's `convention`.

    A run of words that is not one number ("twenty and thirty") yields its parts that are.
    """
    for match in number_pattern(convention).finditer(text):
        if match.group("digits"):
            yield _digits_span(match, convention)
        elif match.group("score"):
            yield NumberSpan(match.start(), match.end(), SCORE, words=True)  # "a score of officers"
        elif match.group("half"):
            scale = match.group("half").split()[-1]
            yield NumberSpan(match.start(), match.end(), SCALES[scale.lower()] // 2, words=True, scaled=True)
        else:
            yield from _iter_word_spans(match.group("words"), match.start("words"))


def _digits_span(match: re.Match[str], convention: NumberConvention) -> NumberSpan:
    digits = match.group("digits")
    scale = match.group("suffix") or match.group("scale")
    return NumberSpan(
        match.start(),
        match.end(),
        digits_to_number(digits, scale, convention, match.group("fraction")),
        scaled=scale is not None,
        suffix=match.group("suffix") is not None,
        decimal=convention.decimal in digits or match.group("fraction") is not None,
        scale=SCALES[scale.lower().rstrip(".")] if scale else 1,
    )


def _iter_word_spans(words: str, offset: int) -> Iterator[NumberSpan]:
    value = words_to_number(words)
    if value is not None:
        scaled = bool(re.search(r"\b(?:thousand|million|billion|trillion)$", words, re.IGNORECASE))
        yield NumberSpan(offset, offset + len(words), value, words=True, scaled=scaled)
        return
    # Not one number: split at "and" and read each part on its own.
    position = 0
    for part in re.split(r"(\s+and\s+)", words):
        stripped = part.strip()
        if stripped and stripped.lower() != "and":
            part_value = words_to_number(stripped)
            if part_value is not None:
                start = offset + position + (len(part) - len(part.lstrip()))
                yield NumberSpan(start, start + len(stripped), part_value, words=True)
        position += len(part)
