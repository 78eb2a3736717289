"""Overlaps between kinds: the higher-ranked kind keeps the text, within one passage only."""

from __future__ import annotations

import pytest

from extractors.base import Mention
from pipeline.overlaps import resolve_overlaps
from pipeline.settings import Settings

PRIORITY = Settings().overlap_priority


def mention(kind: str, passage: int, start: int, end: int) -> Mention:
    return Mention(passage=passage, start=start, end=end, kind=kind, value=None, extractor="test", confidence=1.0)


@pytest.mark.parametrize(
    ("mentions", "kept"),
    [
        pytest.param([("amount", 0, 0, 11), ("count", 0, 0, 1)], [("amount", 0, 0, 11)], id="amount-beats-its-count"),
        pytest.param(
            [("amount", 0, 0, 11), ("count", 1, 0, 1)],
            [("amount", 0, 0, 11), ("count", 1, 0, 1)],
            id="same-offsets-other-passage",
        ),
        pytest.param(
            [("place", 2, 5, 9), ("place", 2, 7, 12)],
            [("place", 2, 5, 9), ("place", 2, 7, 12)],
            id="same-kind-may-overlap",
        ),
        pytest.param(
            [("count", 0, 10, 12), ("amount", 0, 0, 5)],
            [("amount", 0, 0, 5), ("count", 0, 10, 12)],
            id="apart-both-kept-in-reading-order",
        ),
        pytest.param([], [], id="none"),
    ],
)
def test_overlaps_resolved_within_a_passage(
    mentions: list[tuple[str, int, int, int]], kept: list[tuple[str, int, int, int]]
) -> None:
    result = resolve_overlaps([mention(*m) for m in mentions], PRIORITY)
    assert [(m.kind, m.passage, m.start, m.end) for m in result] == kept
