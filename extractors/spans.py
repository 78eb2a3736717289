"""Mention spans kept inside one block, so that a mention's box is one place on the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.passages import Passage


def clip_to_block(passage: Passage, start: int, end: int, core_start: int, core_end: int) -> tuple[int, int]:
    """Narrow [start, end) to the block that holds its core (the number).

    A passage joins blocks across columns and pages; a qualifier or counted noun on the other side
    of a column break would stretch the mention's box over both columns. The core is kept whole,
    and each side beyond it is kept only when it lies in the core's block.

    Args:
        passage: The passage of the span.
        start: Start of the whole mention (qualifier included).
        end: End of the whole mention (subject or currency name included).
        core_start: Start of the part that must stay (the number, or sign and number).
        core_end: End of that part.

    Returns:
        The clipped (start, end).
    """
    block, _ = passage.block_at(core_start)
    if start < core_start and passage.block_at(start)[0] is not block:
        start = core_start
    if end > core_end and passage.block_at(end - 1)[0] is not block:
        end = core_end
    return start, end
