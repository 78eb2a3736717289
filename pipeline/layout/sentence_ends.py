"""Sentence ends: whether a block's text finishes its sentence or runs on into the next block.

Layout reads it to keep a panel out of a sentence that crosses a page break, and passages read it
to join blocks with a paragraph break (a finished sentence) or a space (one that runs on).
"""

from __future__ import annotations

SENTENCE_END_MARKS = (".", "!", "?", ":", ";", '"', "\u201d", "'", "\u2019", ")")
"""Characters a finished sentence (or a lead-in such as "as follows:") ends with, closing quotes included."""


def ends_sentence(text: str) -> bool:
    """Whether the text's last visible character ends a sentence."""
    return text.rstrip().endswith(SENTENCE_END_MARKS)
