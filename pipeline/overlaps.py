"""Mentions of different kinds that claim the same text: one wins, by a configured priority."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from extractors.base import Mention


def resolve_overlaps(mentions: Iterable[Mention], priority: Sequence[str]) -> list[Mention]:
    """Drop every mention that overlaps one of a kind ranked higher; keep reading order.

    An amount's "2 million" is not also a count, a date's "2017" not a count of anything, a
    country inside an organisation's name not a place of its own. Mentions of the same kind may
    overlap (an extractor's own business); this only arbitrates between kinds.
    """
    rank = {kind: position for position, kind in enumerate(priority)}
    ordered = sorted(mentions, key=lambda m: (rank.get(m.kind, len(rank)), m.passage, m.start))
    kept: list[Mention] = []
    # Only mentions of one passage can overlap: comparing within it keeps a long document linear.
    kept_in: dict[int, list[Mention]] = {}
    for mention in ordered:
        same_passage = kept_in.setdefault(mention.passage, [])
        if not any(_beats(other, mention, rank) for other in same_passage):
            same_passage.append(mention)
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.passage, m.start, m.end, m.kind))


def _beats(other: Mention, mention: Mention, rank: dict[str, int]) -> bool:
    overlap = other.start < mention.end and mention.start < other.end
    return overlap and other.kind != mention.kind and rank.get(other.kind, 99) < rank.get(mention.kind, 99)
