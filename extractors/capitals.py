"""Text set in capitals (banners, headings, mastheads), where case says nothing about names."""

from __future__ import annotations

from spacy.tokens import Span

# More letters than this before a text's case is judged at all.
MIN_LETTERS = 8
# Share of its letters in upper case from which a text is set in capitals.
UPPER_SHARE = 0.8


def is_upper_text(span: Span) -> bool:
    """Whether a span (most often a sentence) is set in capitals.

    Letters are filtered and counted by `str` methods mapped in C: the extractors ask this of
    every sentence they look into, several times over.
    """
    letters = "".join(filter(str.isalpha, span.text))
    return len(letters) > MIN_LETTERS and sum(map(str.isupper, letters)) > UPPER_SHARE * len(letters)
