"""Footnote and reference markers: small raised glyphs glued to a word, found and kept out of the text.

"measures.4", "Secretary.1 The", "(DMCA)1 was signed": a marker is set smaller than its line and
raised above its baseline. Left in, it reads as part of the word or as a number ("Act (DMCA)1"
is no acronym, "measures.4" a count of 4). It is recognised from the glyphs alone: a word of
digits or marker symbols (* † ‡ § ¶) whose size is at most `max_size_ratio` of the word it
touches and whose bottom stands at least `min_rise` of that word's size above its baseline,
glued to the end of the word before it or, at the start of a footnote, to the word after it.

Markers are taken out of the words the text is built from and kept, with their page boxes, on
the page text (`PageText.markers`): every character left keeps its own box in the text map.

A raised small numerator, a slash and a small denominator ("48¹/₂ cents") are no marker but a
built-up fraction: they are read as one vulgar fraction character ("48½"), boxed over all three.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from pipeline.layout.words import PageText, Word

_MARKER = re.compile(r"[0-9]{1,3}|[*†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")
_BAND = 4.0
"""Height (points) of the horizontal bands words are bucketed into to find their line neighbours."""
VULGAR_FRACTIONS = {"1/2": "½", "1/4": "¼", "3/4": "¾", "1/3": "⅓", "2/3": "⅔", "1/8": "⅛"}


@dataclasses.dataclass(frozen=True)
class MarkerSettings:
    """What makes a small glyph run a marker.

    Attributes:
        max_size_ratio: Largest marker size as a share of the neighbouring word's size.
        min_rise: Least height of the marker's bottom above the neighbour's baseline, as a share
            of the neighbour's size.
        max_gap: Widest gap (points) between the marker and the word it is glued to.
    """

    max_size_ratio: float = 0.8
    min_rise: float = 0.15
    max_gap: float = 1.0


def _same_line(a: Word, b: Word) -> bool:
    return a.top < b.bottom and b.top < a.bottom


def _glued(left: Word, right: Word, settings: MarkerSettings) -> bool:
    return _same_line(left, right) and -settings.max_gap <= right.x0 - left.x1 <= settings.max_gap


def _small_and_raised(small: Word, body: Word, settings: MarkerSettings) -> bool:
    return (
        small.size <= settings.max_size_ratio * body.size
        and body.bottom - small.bottom >= settings.min_rise * body.size
    )


def _fraction(numerator: Word, slash: Word, denominator: Word) -> Word:
    """The three words of a built-up fraction as one word of one vulgar fraction character."""
    written = f"{numerator.text}/{denominator.text}"
    text = VULGAR_FRACTIONS.get(written, written)
    parts = (numerator, slash, denominator)
    boxes = [box for part in parts for box in part.char_boxes]
    union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return dataclasses.replace(
        numerator,
        text=text,
        x1=denominator.x1,
        bottom=max(p.bottom for p in parts),
        char_boxes=(union,) * len(text),
    )


def _neighbours(words: Sequence[Word]) -> Callable[[Word], list[Word]]:
    """A lookup of the words whose vertical band meets a word's, through buckets of `_BAND` points."""
    buckets: dict[int, list[Word]] = {}
    for word in words:
        for band in range(int(word.top // _BAND), int(word.bottom // _BAND) + 1):
            buckets.setdefault(band, []).append(word)

    def near(word: Word) -> list[Word]:
        found = {
            id(w): w for band in range(int(word.top // _BAND), int(word.bottom // _BAND) + 1) for w in buckets[band]
        }
        return sorted((w for w in found.values() if w is not word), key=lambda w: w.x0)

    return near


def find_markers(words: Sequence[Word], settings: MarkerSettings | None = None) -> tuple[list[Word], list[Word]]:
    """The page's words with markers taken out and built-up fractions joined, and the markers.

    Args:
        words: The words of one page in one reading direction.
        settings: Thresholds (defaults when None).

    Returns:
        (words to build the text from, the markers taken out).
    """
    settings = settings or MarkerSettings()
    sizes = sorted(w.size for w in words)
    small = [w for w in words if _MARKER.fullmatch(w.text) and w.size <= settings.max_size_ratio * sizes[-1]]
    if not small:
        return list(words), []
    near = _neighbours(words)
    dropped: set[int] = set()
    fractions: dict[int, Word] = {}
    markers: list[Word] = []
    for word in small:
        line = near(word)
        before = next((w for w in line if _glued(w, word, settings)), None)
        after = next((w for w in line if _glued(word, w, settings)), None)
        if after is not None and after.text == "/":
            denominator = next((w for w in near(after) if w is not word and _glued(after, w, settings)), None)
            body = before or after
            if (
                denominator is not None
                and _MARKER.fullmatch(denominator.text)
                and _small_and_raised(word, body, settings)
            ):
                fractions[id(word)] = _fraction(word, after, denominator)
                dropped.update((id(after), id(denominator)))
                continue
        if before is not None and not _MARKER.fullmatch(before.text) and _small_and_raised(word, before, settings):
            markers.append(word)
        elif (
            before is None
            and after is not None
            and after.text[:1].isalpha()
            and _small_and_raised(word, after, settings)
        ):
            markers.append(word)  # the marker that opens a footnote: "¹Pub. L. No. 105-304"
    dropped.update(id(m) for m in markers)
    kept = [fractions.get(id(w), w) for w in words if id(w) not in dropped]
    return kept, markers


def without_markers(text: PageText, settings: MarkerSettings | None = None) -> PageText:
    """The page text with footnote markers kept aside (`markers`) and fractions joined."""
    words, markers = find_markers(text.words, settings)
    if not markers and len(words) == len(text.words):
        return text
    return dataclasses.replace(text, words=tuple(words), markers=(*text.markers, *markers))
