"""Text safe to store: no control characters from a font's map, nothing that breaks a line or a database.

A PDF's ToUnicode map can send a glyph to any code point: NUL (which PostgreSQL's jsonb
rejects), ESC, a right-to-left override that makes a shown string read backwards, NEXT LINE or
LINE SEPARATOR (line breaks for `str.splitlines`), a lone surrogate (which cannot be encoded as
UTF-8 at all). None of them is text a reader sees, so they are taken out where text enters the
pipeline (glyphs, metadata, error messages); what is whitespace to a reader becomes a space, and
a lone surrogate becomes U+FFFD REPLACEMENT CHARACTER, so that a reader sees something was there.
"""

from __future__ import annotations

import functools
import unicodedata

# Bidirectional embeddings, overrides and isolates: they reorder what is shown, never add to it.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that end a line for `str.splitlines` or read as a space: written as a plain space.
SPACE_LIKE = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


@functools.lru_cache(maxsize=4096)
def _clean_char(char: str) -> str:
    if char in SPACE_LIKE:
        return " "
    if char in BIDI_CONTROLS:
        return ""
    category = unicodedata.category(char)
    if category == "Cs":
        return "\ufffd"  # a lone surrogate cannot be written as UTF-8: mark where it was
    if category == "Cc" or (category == "Cn" and (ord(char) & 0xFFFE) == 0xFFFE):
        return ""  # controls, the noncharacters U+xFFFE and U+xFFFF
    return char


def is_clean(text: str) -> bool:
    """Whether `text` holds nothing that `clean_text` would change."""
    return all(_clean_char(char) == char for char in text)


def clean_text(text: str) -> str:
    """`text` without control characters, bidi overrides and lone surrogates; line breaks as spaces."""
    if text.isprintable() and not BIDI_CONTROLS.intersection(text):
        return text  # the common case, checked in C
    return "".join(_clean_char(char) for char in text)


# Characters JSON allows raw but that split a line for common readers (`str.splitlines`, editors).
_LINE_BREAKERS = {ord(char): f"\\u{ord(char):04x}" for char in ("\x85", "\u2028", "\u2029")} | {
    code: f"\\u{code:04x}" for code in range(0x80, 0xA0)
}


def escape_line_breakers(json_text: str) -> str:
    """A JSON text with C1 controls, LINE SEPARATOR and PARAGRAPH SEPARATOR escaped as \\uXXXX.

    `json.dumps(..., ensure_ascii=False)` writes them raw, which is valid JSON but splits the line
    for `str.splitlines` and some editors; escaped, the text decodes to the same string.
    """
    return json_text.translate(_LINE_BREAKERS)
