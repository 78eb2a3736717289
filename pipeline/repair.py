"""Text repair: ligatures, odd spaces and quotes, and words hyphenated across line ends.

Every repair keeps the glyph box behind each output character, so provenance stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pipeline.textmap import Box, TextMap, TextMapBuilder

# Compatibility characters that PDFs carry and readers do not type.
CHAR_REPAIRS: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
}
SOFT_HYPHEN = "\u00ad"
HYPHENS = ("-", SOFT_HYPHEN, "\u2010", "\u2011")

# Words that keep their hyphen when a line break falls right after it ("anti-|trafficking").
HYPHENATED_PREFIXES = frozenset(
    "anti non self cross well high low long short full part multi co ex semi pan post pre pro "
    "inter intra counter socio mid off on cost evidence sports community gender drug child "
    "youth victim law state cyber".split()
)


class WordLike(Protocol):
    text: str
    char_boxes: tuple[Box, ...]


def repair_chars(text: str) -> str:
    """Replace ligatures, special spaces and typographic quotes by what a reader types."""
    return "".join(CHAR_REPAIRS.get(char, char) for char in text)


def append_word(builder: TextMapBuilder, word: WordLike) -> None:
    """Append a word glyph by glyph, expanding ligatures onto the ligature's own box."""
    for char, box in zip(word.text, word.char_boxes):
        builder.append(CHAR_REPAIRS.get(char, char), box)


def should_join(head: str, tail: str) -> bool:
    """Whether "head-" at a line end and "tail" on the next line are one word split in two.

    Args:
        head: The last word of a line, without its trailing hyphen.
        tail: The first word of the next line.
    """
    head_letters = head.split("-")[-1]
    if not head_letters.isalpha() or not tail[:1].isalpha():
        return False
    if head_letters.isupper() and tail.rstrip(".,;:)").isupper() and len(head_letters + tail) <= 8:
        return True  # an acronym split by the line break: "UN-|ODC"
    if tail[:1].isupper():
        return False  # a hyphenated name: "Information-|Analytical", "UNODC-|World"
    return head_letters.lower() not in HYPHENATED_PREFIXES


def join_lines(lines: Sequence[Sequence[WordLike]]) -> TextMap:
    """Join the words of consecutive lines into one paragraph text.

    Words are separated by one space; a line break becomes a space, or nothing when a word was
    hyphenated across it.
    """
    builder = TextMapBuilder()
    previous_word: WordLike | None = None
    for line in lines:
        for position, word in enumerate(line):
            if previous_word is not None:
                if position == 0 and _hyphen_break(previous_word, word):
                    builder.pop()  # the hyphen; the glyphs on both sides keep their boxes
                else:
                    builder.append(" ", None)
            append_word(builder, word)
            previous_word = word
    return builder.build()


def _hyphen_break(previous: WordLike, word: WordLike) -> bool:
    if not previous.text.endswith(HYPHENS) or len(previous.text) < 2:
        return False
    return should_join(previous.text[:-1], word.text)
