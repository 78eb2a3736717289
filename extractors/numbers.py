"""Numbers written in digits or words ("1,394", "One hundred and fifty", "2 million")."""

from __future__ import annotations

import re

from text_to_num import text2num

SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1_000_000_000}
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand"
).split()
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORDS = r"(?:(?:" + "|".join(NUMBER_WORDS) + r")(?:[\s-]+(?:and\s+)?)?)+"
NUMBER = re.compile(
    r"(?<![\w.,-])(?P<number>" + DIGITS + r"|" + WORDS + r")(?:\s*(?P<scale>thousand|million|billion|m|bn)\b)?",
    re.IGNORECASE,
)


def words_to_number(text: str) -> int | None:
    """'One hundred and fifty' -> 150; None when the words are not a number."""
    cleaned = re.sub(r"[\s-]+", " ", text.strip().lower())
    try:
        return text2num(cleaned, "en")
    except ValueError:
        return None


def parse_number(number: str, scale: str | None = None) -> int | float | None:
    """Value of a digit or word number with an optional scale word."""
    if number[:1].isdigit():
        value: float = float(number.replace(",", ""))
    else:
        words = words_to_number(number)
        if words is None:
            return None
        value = float(words)
    if scale:
        value *= SCALES[scale.lower()]
    return int(value) if value.is_integer() else value
