"""Passages: the running text of one article part, parsed once by spaCy for every extractor.

Layout cuts an article into blocks at column and page breaks; a sentence can run on from one
block into the next. A passage joins consecutive blocks of the same section and role so that
sentences come out whole, and remembers which block each character came from.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.layout.blocks import Block
from pipeline.layout.sentence_ends import ends_sentence
from pipeline.layout.textmap import Box

# Footers carry page numbers and repeats, never facts of their own.
SKIPPED_ROLES = frozenset({"footer"})
# A header (masthead issue line, running title) is read once, where its text first appears: it can
# name the publishing office or the issue, but repeating it on every page adds nothing.
ONCE_ROLES = frozenset({"header"})
# Roles whose consecutive blocks continue one another.
FLOWING_ROLES = frozenset({"body"})


@dataclasses.dataclass(frozen=True)
class Passage:
    """Text of one or more consecutive blocks, with its spaCy parse.

    Attributes:
        index: Position of the passage in the document, from 0.
        text: The blocks' texts joined by a space (or by a blank line after a finished sentence).
        blocks: The blocks, in order.
        starts: Offset in `text` where each block's text starts.
        doc: spaCy's parse of `text`.
    """

    index: int
    text: str
    blocks: tuple[Block, ...]
    starts: tuple[int, ...]
    doc: Doc

    @property
    def section(self) -> str | None:
        return self.blocks[0].section

    @property
    def role(self) -> str:
        return self.blocks[0].role

    def block_at(self, offset: int) -> tuple[Block, int]:
        """The block holding the character at `offset`, and that character's offset in it."""
        position = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.blocks[position], offset - self.starts[position]

    def locate(self, start: int, end: int) -> tuple[Block, tuple[Box, ...]]:
        """Block and page boxes of text[start:end]: one box per source line it covers.

        Only the part on the first block's page is boxed (a box cannot span pages). A span whose
        glyphs have no boxes gets the first block's box.
        """
        first, _ = self.block_at(start)
        boxes: list[Box] = []
        for block, block_start in zip(self.blocks, self.starts, strict=False):
            if block.page != first.page:
                continue
            lo = max(start, block_start) - block_start
            hi = min(end, block_start + len(block.text)) - block_start
            if lo < hi:
                boxes.extend(block.textmap.span_line_boxes(lo, hi))
        return first, tuple(boxes) if boxes else (first.bbox,)

    def sentence(self, start: int, end: int) -> Span:
        """The spaCy sentence holding text[start:end] (the first one, if it crosses a boundary)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else self.doc[-1]
        return token.sent


def _furniture_key(text: str) -> str:
    """A header's text with its page numbers taken out, so "Bulletin, p. 2" and "p. 3" are one."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def group_blocks(blocks: Sequence[Block]) -> list[list[Block]]:
    """Runs of consecutive blocks that read as one text; footers out, each header once."""
    groups: list[list[Block]] = []
    flowing: list[Block] | None = None  # the group a following body block may continue
    seen_headers: set[str] = set()
    for block in blocks:
        if block.role in SKIPPED_ROLES or not block.text.strip():
            continue
        if block.role in ONCE_ROLES:
            # A running header between two pages of an article does not interrupt its sentences.
            key = _furniture_key(block.text)
            if key not in seen_headers:
                seen_headers.add(key)
                groups.append([block])
            continue
        if flowing is not None and _continues(flowing[-1], block):
            flowing.append(block)
        else:
            flowing = [block]
            groups.append(flowing)
    return groups


def _continues(previous: Block, block: Block) -> bool:
    return previous.role in FLOWING_ROLES and block.role == previous.role and block.section == previous.section


def join_group(blocks: Sequence[Block]) -> tuple[str, tuple[int, ...]]:
    """Text of a group and where each block starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    cursor = 0
    for block in blocks:
        if parts:
            separator = "\n\n" if ends_sentence(parts[-1]) else " "
            parts.append(separator)
            cursor += len(separator)
        starts.append(cursor)
        parts.append(block.text)
        cursor += len(block.text)
    return "".join(parts), tuple(starts)


def iter_passages(blocks: Sequence[Block], nlp: Language, batch_size: int = 64) -> Iterator[Passage]:
    """Parse every passage of the document with spaCy, in reading order."""
    groups = group_blocks(blocks)
    joined = [join_group(group) for group in groups]
    docs = nlp.pipe((text for text, _ in joined), batch_size=batch_size)
    for index, (group, (text, starts), doc) in enumerate(zip(groups, joined, docs, strict=False)):
        yield Passage(index=index, text=text, blocks=tuple(group), starts=starts, doc=doc)
