"""How a document writes its numbers: which mark is the decimal one, and which marks group thousands.

English writes "3,482.5"; much of Europe writes "3.482,5", "3 482,5" or (Switzerland) "3'482.5",
and English texts from those places keep the habit ("net sales of EUR 4,7 billion"). A number is
read by the document's convention, never guessed one number at a time:

- Group marks that are never decimal marks are always groups: thin, narrow and no-break spaces,
  apostrophes ("3 482", "3'482"). A plain space groups digits only when the document shows it
  with a decimal comma ("3 482,5") or its language does (CLDR's group symbol is a space): "in
  2019 250 people" and a table row read as text ("5 42 116 300") must stay separate numbers.
- The decimal mark is the document's: its unambiguous numbers vote. "1,234.5", "1,234,567" and
  "4.7 billion" (a dot before one or two digits and a scale or unit) vote for a decimal point;
  "1.234,5", "1.234.567" and "4,7 billion" for a decimal comma. With no vote, or a tie, the
  document's language decides through Babel (CLDR's decimal symbol): a point for English.
- So an ambiguous "1,250" is 1250 in an English text with no decimal commas, and 1.25 in one
  whose other numbers write decimal commas; "1.250" is 1.25 and 1250 the other way round.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

THIN_SPACES = "\u00a0\u202f\u2009\u2007"
"""No-break, narrow no-break, thin and figure spaces: typeset thousands separators."""
APOSTROPHES = "'\u2019"
"""The Swiss and Liechtenstein thousands separator, in its straight and typographic forms."""

_UNIT_AFTER = (
    r"(?=\s?(?:%|per\s?cent|percent|thousand|million|billion|trillion|mn|bn|mln|m\b|k\b|Mio\b|Mrd\b|"
    r"[kKMT]?(?:EUR|USD|SEK|NOK|DKK|CHF|GBP)\b|€|\$|£|pp\b|ppt\b|procent|prosent|prozent))"
)
_POINT_VOTES = (
    re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d,])"),  # 1,234.5
    re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d.,]\d)"),  # 1,234,567
    re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])" + _UNIT_AFTER),  # 4.7 billion, 2.5%
)
_COMMA_VOTES = (
    re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.])"),  # 1.234,5
    re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d,.]\d)"),  # 1.234.567
    re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])" + _UNIT_AFTER),  # 4,7 billion, 1,4 %
    re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[ {THIN_SPACES}]\d{{3}})+,\d{{1,2}}(?![\d.,])"),  # 3 482,5 (not "116 300,000")
)
_SPACE_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+,\d{1,2}(?![\d.,])")
"""A space-grouped number with a decimal comma ("3 482,5"): a plain space groups in this document.

Two space groups alone ("42 116 300") are no evidence: a table row read as text looks the same."""


@dataclasses.dataclass(frozen=True)
class NumberConvention:
    """The marks of one document's numbers.

    Attributes:
        decimal: The decimal mark, "." or ",".
        space_groups: Whether a plain space groups thousands.
    """

    decimal: str = "."
    space_groups: bool = False

    @property
    def group_marks(self) -> str:
        """Every character that groups thousands under this convention."""
        other = "," if self.decimal == "." else "."
        return other + THIN_SPACES + APOSTROPHES + (" " if self.space_groups else "")

    def digits_pattern(self) -> str:
        """A regex of one number written in digits under this convention (no sign, no scale)."""
        return _digits_pattern(self.decimal, self.group_marks)

    def to_decimal(self, written: str) -> Decimal:
        """The value of digits written in this convention: "3.482,5" → 3482.5 under a decimal comma.

        Raises:
            ValueError: The text is not a number in this convention.
        """
        plain = "".join(ch for ch in written if ch not in self.group_marks)
        try:
            return Decimal(plain.replace(self.decimal, "."))
        except InvalidOperation:
            raise ValueError(f"{written!r} is not a number with decimal mark {self.decimal!r}") from None


ENGLISH = NumberConvention()
"""The convention of English text: "3,482.5"."""


@functools.cache
def _digits_pattern(decimal: str, groups: str) -> str:
    group_class = "[" + re.escape(groups) + "]"
    dec = re.escape(decimal)
    return rf"\d{{1,3}}(?:{group_class}\d{{3}})+(?:{dec}\d+)?|\d+(?:{dec}\d+)?"


@functools.cache
def language_convention(language: str | None) -> NumberConvention:
    """The convention CLDR gives a language ("de" → decimal comma, "fr" → space groups)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError):
        return ENGLISH
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    return NumberConvention(decimal="," if decimal == "," else ".", space_groups=group in " " + THIN_SPACES)


def text_convention(texts: Iterable[str], language: str | None = "en") -> NumberConvention:
    """The convention a document's texts show, their language deciding when they show none.

    Args:
        texts: The document's texts (passages, or a page).
        language: The document's language (ISO 639-1), for the default.
    """
    point = comma = 0
    space = False
    for text in texts:
        point += sum(len(p.findall(text)) for p in _POINT_VOTES)
        comma += sum(len(p.findall(text)) for p in _COMMA_VOTES)
        space = space or _SPACE_GROUPS.search(text) is not None
    default = language_convention(language)
    decimal = default.decimal if point == comma else ("." if point > comma else ",")
    return NumberConvention(decimal=decimal, space_groups=space or default.space_groups)
