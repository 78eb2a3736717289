"""Language of a document's text, so that a French or Korean bulletin is not read as English.

The English model finds "places" and "organisations" in any text it is given; on another
language it yields garbage. py3langid ships its model inside the package (nothing is
downloaded), and classifies a sample of the document's running text. Tables of figures and
running headers say little about the language, so prose lines are sampled first.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import Any

ENGLISH = "en"
# Codes py3langid uses for text without linguistic content.
NO_LANGUAGE = frozenset({"zxx", "und"})
# A block counts as prose when it has at least this many words with letters.
PROSE_WORDS = 5
SAMPLE_CHARS = 4000
MIN_LETTERS = 20


@dataclasses.dataclass(frozen=True)
class LanguageSettings:
    """Confidence needed, as py3langid's normalised probability, before a language is named.

    Attributes:
        english: Lowest confidence at which English is named.
        other: Lowest confidence at which another language is named (and extraction skipped),
            higher than for English since a wrong guess there loses a document's records.
    """

    english: float = 0.5
    other: float = 0.9


@functools.cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_sample(texts: Iterable[str], limit: int = SAMPLE_CHARS) -> str:
    """Running text to classify: prose blocks first, then anything with letters, up to `limit`.

    Words without letters (figures, dates, bullets) are dropped: they belong to no language.
    """
    prose: list[str] = []
    rest: list[str] = []
    for text in texts:
        words = [word for word in text.split() if any(ch.isalpha() for ch in word)]
        (prose if len(words) >= PROSE_WORDS else rest).append(" ".join(words))
    sample = ""
    for part in (*prose, *rest):
        if len(sample) >= limit:
            break
        sample = f"{sample} {part}".strip()
    return sample[:limit]


def classify_language(text: str) -> tuple[str, float]:
    """py3langid's best language code for a text and its probability."""
    language, confidence = _identifier().classify(text)
    return str(language), float(confidence)


def detect_language(texts: Iterable[str], settings: LanguageSettings | None = None) -> str | None:
    """ISO 639-1 code of the main language of some texts, or None when it cannot be told.

    Args:
        texts: The texts of a document's blocks, in reading order.
        settings: Confidence thresholds (defaults when None).

    Returns:
        "en", another code when the text is confidently in that language, or None when there is
        too little text or the guess is unsure (the caller then reads the text as English).
    """
    settings = settings or LanguageSettings()
    sample = language_sample(texts)
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    language, confidence = classify_language(sample)
    if language in NO_LANGUAGE:
        return None
    threshold = settings.english if language == ENGLISH else settings.other
    return language if confidence >= threshold else None
