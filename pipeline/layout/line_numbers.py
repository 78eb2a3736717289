"""Line numbers in the margin (transcripts, legal filings): found and kept out of the text.

A line-numbered page prints 1, 2, 3 ... in a margin beside its lines. Left in, the numbers read
as part of each line ("Los 17 Angeles", "15 APPEARANCES" as a count of 15), so they are taken
out before columns and paragraphs are formed, as running headers and footers are.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from pipeline.layout.words import PageText, Word

# Up to three digits: a column of years ("2017", "2018", ...) in a table is not line numbers.
_NUMBER = re.compile(r"\d{1,3}")


@dataclasses.dataclass(frozen=True)
class LineNumberSettings:
    """What makes a run of numbers a line-number margin.

    Attributes:
        min_lines: Fewest numbers in the margin.
        align_tolerance: Points by which the numbers' right (or left) edges may differ.
        min_consecutive: Share of neighbouring numbers, top to bottom, that go up by exactly one.
    """

    min_lines: int = 5
    align_tolerance: float = 1.5
    min_consecutive: float = 0.8


def _alone_on_its_side(word: Word, words: Sequence[Word], side: str) -> bool:
    """Nothing on the word's line stands to its left (side "left") or right (side "right")."""
    middle = (word.top + word.bottom) / 2
    for other in words:
        if other is word or not other.top < middle < other.bottom:
            continue
        if (other.x1 <= word.x0) if side == "left" else (other.x0 >= word.x1):
            return False
    return True


def _aligned_groups(candidates: Sequence[Word], edge: str, tolerance: float) -> list[list[Word]]:
    """Candidates grouped by one edge (x0 or x1) lying within `tolerance` of the group's first."""
    groups: list[list[Word]] = []
    for word in sorted(candidates, key=lambda w: getattr(w, edge)):
        if groups and getattr(word, edge) - getattr(groups[-1][0], edge) <= tolerance:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _counts_up(group: Sequence[Word], settings: LineNumberSettings) -> bool:
    """Top to bottom, the numbers mostly go up by one, as line numbers do."""
    if len(group) < settings.min_lines:
        return False
    values = [int(w.text) for w in sorted(group, key=lambda w: w.top)]
    steps = sum(1 for a, b in itertools.pairwise(values) if b == a + 1)
    return steps >= settings.min_consecutive * (len(values) - 1)


def find_line_numbers(words: Sequence[Word], settings: LineNumberSettings | None = None) -> set[int]:
    """The `id()`s of the words that number the lines of a page, in either margin.

    Args:
        words: The page's words in one reading direction.
        settings: Thresholds (defaults when None).

    Returns:
        Ids of the line-number words; empty for a page without them.
    """
    settings = settings or LineNumberSettings()
    numbers = [w for w in words if _NUMBER.fullmatch(w.text)]
    if len(numbers) < settings.min_lines:
        return set()
    found: set[int] = set()
    # Left-margin numbers are set flush right against the text, right-margin ones flush left.
    for edge, side in (("x1", "left"), ("x0", "right")):
        candidates = [w for w in numbers if id(w) not in found and _alone_on_its_side(w, words, side)]
        for group in _aligned_groups(candidates, edge, settings.align_tolerance):
            if _counts_up(group, settings):
                found.update(id(w) for w in group)
    return found


def without_line_numbers(text: PageText, settings: LineNumberSettings | None = None) -> PageText:
    """The page's words with its margin line numbers left out."""
    numbers = find_line_numbers(text.words, settings)
    if not numbers:
        return text
    return dataclasses.replace(text, words=tuple(w for w in text.words if id(w) not in numbers))
