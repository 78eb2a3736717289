"""Numbers written in digits or words ("1,394", "One hundred and fifty", "2.5 million", "a dozen").

Spotting is done here by pattern; the arithmetic of number words is text2num's. text2num
reads "one hundred and fifty" and "forty-two" but not "a dozen", "two dozen", "a hundred" or
"2.5 million", and it reads the plural "hundreds" as 100; those cases are handled here so that
callers see one `NumberSpan` per number whatever its spelling.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal

from text_to_num import text2num

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
}
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

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
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
NUMBER = re.compile(
    r"(?<![\w.,])(?:"
    r"(?P<digits>" + _DIGITS + r")(?P<suffix>mln|mn|bn|m|k)?(?![\w]|[.,]\d)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion|mln|bn|lakhs?|crores?)\b)?"
    r"|(?P<half>half\s+a\s+(?:million|billion)\b)"
    r"|(?P<score>\ba\s+score\s+of)(?=\s)"
    r"|(?P<words>" + _WORDS + r")"
    r")",
    re.IGNORECASE,
)
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
    """

    start: int
    end: int
    value: int | float
    words: bool = False
    scaled: bool = False
    suffix: bool = False
    decimal: bool = False

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


def digits_to_number(digits: str, scale: str | None = None) -> int | float:
    """Value of digits with an optional scale: ('2.5', 'million') -> 2500000, ('1,394', None) -> 1394."""
    value = Decimal(digits.replace(",", ""))
    if scale:
        value *= SCALES[scale.lower()]
    return int(value) if value == value.to_integral_value() else float(value)


def iter_numbers(text: str) -> Iterator[NumberSpan]:
    """Every number in `text`, in order.

    A run of words that is not one number ("twenty and thirty") yields its parts that are.
    """
    for match in NUMBER.finditer(text):
        if match.group("digits"):
            yield _digits_span(match)
        elif match.group("score"):
            yield NumberSpan(match.start(), match.end(), SCORE, words=True)  # "a score of officers"
        elif match.group("half"):
            scale = match.group("half").split()[-1]
            yield NumberSpan(match.start(), match.end(), SCALES[scale.lower()] // 2, words=True, scaled=True)
        else:
            yield from _iter_word_spans(match.group("words"), match.start("words"))


def _digits_span(match: re.Match[str]) -> NumberSpan:
    digits = match.group("digits")
    scale = match.group("suffix") or match.group("scale")
    return NumberSpan(
        match.start(),
        match.end(),
        digits_to_number(digits, scale),
        scaled=scale is not None,
        suffix=match.group("suffix") is not None,
        decimal="." in digits,
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
