"""Text repair: ligatures, odd spaces and quotes, and words hyphenated across line ends.

Every repair keeps the glyph box behind each output character, so provenance stays exact.
A hyphen at a line end is removed only when the two halves make a word ("strat-|egies"); a
compound keeps its hyphen ("anti-|trafficking", "Information-|Analytical"), and a dash between
numbers joins them without a space ("2018–|2021"). The evidence, strongest first: how the
document itself spells the word elsewhere, then the English word list's frequencies.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from typing import Protocol

from pipeline.layout.textmap import Box, TextMap, TextMapBuilder

# Compatibility characters that PDFs carry and readers do not type.
CHAR_REPAIRS: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    # Invisible marks: a soft hyphen inside a line, zero-width spaces and joiners.
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
}
SOFT_HYPHEN = "\u00ad"
FRACTION_SLASH = "\u2044"
# Gap between two words on a line, as a share of the font size, below which they touch.
TOUCHING = 0.1
HYPHENS = ("-", SOFT_HYPHEN, "\u2010", "\u2011")
# Punctuation that can open a word: "(UN-|ODC)" is still an acronym split in two.
OPENING = "([{\"'\u201c\u2018"
# Dashes that join what they sit between: "2018–|2021" continues without a space.
DASHES = ("\u2013", "\u2014")

# First halves of compounds that keep their hyphen ("anti-trafficking", "long-term") unless the
# closed-up word is itself common ("cooperation", "international").
HYPHENATED_PREFIXES = frozenset(
    [
        "anti",
        "non",
        "self",
        "cross",
        "well",
        "high",
        "low",
        "long",
        "short",
        "full",
        "part",
        "multi",
        "co",
        "ex",
        "pan",
        "post",
        "pre",
        "pro",
        "inter",
        "intra",
        "counter",
        "socio",
        "mid",
        "off",
        "cost",
        "evidence",
        "sports",
        "community",
        "gender",
        "drug",
        "child",
        "youth",
        "victim",
        "law",
        "state",
        "cyber",
    ]
)
# Word endings that are common words too ("ship", "able"), so frequency alone would call
# "leader-|ship" a compound.
SUFFIXES = frozenset(
    [
        "ing",
        "ings",
        "ed",
        "er",
        "ers",
        "ion",
        "ions",
        "able",
        "ably",
        "ible",
        "ship",
        "ships",
        "ment",
        "ments",
        "ness",
        "less",
        "ful",
        "fully",
        "ly",
        "ally",
        "ity",
        "ive",
        "ives",
        "ward",
        "wards",
        "wise",
        "ism",
        "ist",
        "ists",
        "ance",
        "ence",
        "ant",
        "ent",
        "ate",
        "ated",
        "ation",
        "ations",
    ]
)
# Second halves of phrasal compounds ("follow-up", "drop-out") unless closed up in common use.
PARTICLES = frozenset(["up", "out", "off", "in", "on", "down"])
# Zipf frequencies (log10 of uses per billion words) used by the decision below.
COMMON_CLOSED_UP = 3.5
COMMON_PART = 3.0
COMMON_TAIL = 3.5
RARE_CLOSED_UP = 2.5
ACRONYM_MAX = 8


class WordLike(Protocol):
    """A word as layout gives it: its glyphs' text and boxes, and its extent along the line."""

    @property
    def text(self) -> str: ...
    @property
    def char_boxes(self) -> tuple[Box, ...]: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def size(self) -> float: ...


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """How a document spells words where no line break interferes.

    Attributes:
        words: Lower-cased words written whole ("strategies", "unodc").
        compounds: Lower-cased hyphenated words written on one line ("anti-trafficking").
    """

    words: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        """Collect the words of word texts (a hyphen at a word's end is a line break, not spelling)."""
        collector = VocabularyCollector()
        collector.add(texts)
        return collector.vocabulary()


@dataclasses.dataclass
class VocabularyCollector:
    """A document's vocabulary gathered page by page, so the pages need not be held together."""

    words: set[str] = dataclasses.field(default_factory=set)
    compounds: set[str] = dataclasses.field(default_factory=set)

    def add(self, texts: Iterable[str]) -> None:
        """Add the words of some word texts (a hyphen at a word's end is a line break, not spelling)."""
        for text in texts:
            core = repair_chars(text).strip(".,;:!?()[]\"'").lower()
            if not core or core.endswith(HYPHENS):
                continue
            if "-" in core.strip("-"):
                self.compounds.add(core)
            else:
                self.words.add(core)

    def vocabulary(self) -> Vocabulary:
        return Vocabulary(frozenset(self.words), frozenset(self.compounds))


EMPTY_VOCABULARY = Vocabulary()


@functools.lru_cache(maxsize=8192)
def zipf(word: str) -> float:
    """Zipf frequency of an English word (log10 of uses per billion words): 0 when unknown.

    wordfreq loads its English list on the first call (about 0.2 s, once per process); only
    documents with a line-end hyphen to decide pay for it.
    """
    import wordfreq

    return wordfreq.zipf_frequency(word.lower(), "en", wordlist="large")


def repair_chars(text: str) -> str:
    """Replace ligatures, special spaces and typographic quotes by what a reader types."""
    return "".join(CHAR_REPAIRS.get(char, char) for char in text)


def append_word(builder: TextMapBuilder, word: WordLike) -> None:
    """Append a word glyph by glyph, expanding ligatures onto the ligature's own box."""
    for char, box in zip(word.text, word.char_boxes, strict=False):
        builder.append(CHAR_REPAIRS.get(char, char), box)


def should_join(head: str, tail: str, vocabulary: Vocabulary = EMPTY_VOCABULARY) -> bool:
    """Whether "head-" at a line end and "tail" on the next line are one word split in two.

    Args:
        head: The word so far at the end of the line, without its trailing hyphen.
        tail: The first word of the next line.
        vocabulary: How the document spells words elsewhere.

    Returns:
        True to remove the hyphen and close the word up; False to keep the hyphen.
    """
    head_part = head.split("-")[-1].lstrip(OPENING)
    tail_core = tail.rstrip(".,;:!?)]\"'")
    if not head_part.isalpha() or not tail_core[:1].isalpha():
        return False
    tail_part = tail_core.split("-")[0]
    if head_part.isupper() and tail_part.isupper():
        # An acronym split by the line break ("UN-|ODC"), unless both halves are long names.
        return len(head_part + tail_part) <= ACRONYM_MAX or (head_part + tail_part).lower() in vocabulary.words
    if tail_part[:1].isupper():
        return False  # a hyphenated name: "Information-|Analytical", "UNODC-|World"
    closed = (head_part + tail_part).lower()
    if closed in vocabulary.words:
        return True
    if f"{head_part}-{tail_part}".lower() in vocabulary.compounds:
        return False
    return _closes_up(head_part.lower(), tail_part.lower(), closed)


def _closes_up(head: str, tail: str, closed: str) -> bool:
    """The word list's verdict: syllables close up, compounds of two common words do not.

    A suffix is never the second half of a compound, however common it is as a word of its
    own ("report-|ing", "leader-|ship").
    """
    if head in HYPHENATED_PREFIXES or (tail in PARTICLES and len(head) >= 3):
        return zipf(closed) >= COMMON_CLOSED_UP
    if tail in SUFFIXES:
        return True
    compound = len(head) >= 3 and len(tail) >= 3 and zipf(head) >= COMMON_PART and zipf(tail) >= COMMON_TAIL
    return not (compound and zipf(closed) < RARE_CLOSED_UP)


def join_lines(lines: Sequence[Sequence[WordLike]], vocabulary: Vocabulary = EMPTY_VOCABULARY) -> TextMap:
    """Join the words of consecutive lines into one paragraph text.

    Words are separated by one space. A line break becomes a space; nothing when a word was
    hyphenated across it (the hyphen is dropped) or when the line ends in a hyphen or dash that
    stays ("anti-|trafficking", "2018–|2021").
    """
    builder = TextMapBuilder()
    previous_word: WordLike | None = None
    for line in lines:
        builder.new_line()
        for position, word in enumerate(line):
            if previous_word is not None:
                _separate(builder, previous_word, word, line_start=position == 0, vocabulary=vocabulary)
            append_word(builder, word)
            previous_word = word
    return builder.build()


def _separate(
    builder: TextMapBuilder, previous: WordLike, word: WordLike, *, line_start: bool, vocabulary: Vocabulary
) -> None:
    """Put what goes between two words: a space, nothing, or nothing after removing a hyphen."""
    if previous.text.endswith(FRACTION_SLASH) or word.text.startswith(FRACTION_SLASH):
        return  # a built-up fraction: "1", "⁄", "4" set as separate glyph runs read "1⁄4"
    if not line_start:
        if word.x0 - previous.x1 > TOUCHING * word.size:
            builder.append(" ", None)
        return  # glyphs that touch are one word split by a change of font: "Typewriter)" ":"
    if len(previous.text) < 2:
        builder.append(" ", None)
        return
    if previous.text.endswith(SOFT_HYPHEN):
        return  # a discretionary hyphen: the repair already dropped it
    if previous.text.endswith(DASHES):
        return
    if not previous.text.endswith(HYPHENS):
        builder.append(" ", None)
        return
    head = builder.last_word().rstrip("-")
    if should_join(head, word.text, vocabulary):
        builder.pop()  # the hyphen; the glyphs on both sides keep their boxes


def mend_split_word(
    first: TextMap, second: TextMap, vocabulary: Vocabulary = EMPTY_VOCABULARY, *, same_page: bool = True
) -> tuple[TextMap, TextMap] | None:
    """Bring a word broken across a column or page break back together in the first block.

    "... Up to 30 of-" at the foot of one column and "ficers from the region ..." at the top of
    the next become "... Up to 30 officers" and "from the region ...": each block then holds
    whole words, and the word's glyphs keep their boxes (none when the tail is on another page,
    since a box cannot span pages).

    Args:
        first: Text of the block where the word starts.
        second: Text of the block that continues it.
        vocabulary: How the document spells words elsewhere.
        same_page: Whether both blocks are on the same page.

    Returns:
        The two mended texts, or None when the first block does not end in a broken word or
        the second would be left empty.
    """
    text = first.text
    if len(text) < 2 or not text.endswith(HYPHENS + DASHES) or not text[-2].isalnum():
        return None
    tail_end = second.text.find(" ")
    tail_end = len(second.text) if tail_end < 0 else tail_end
    tail = second.text[:tail_end]
    rest_start = len(second.text) - len(second.text[tail_end:].lstrip())
    if not tail or rest_start >= len(second.text) or not tail[0].isalnum():
        return None
    head = text.rsplit(" ", 1)[-1]
    cut = len(text) - 1 if text.endswith(HYPHENS) and should_join(head[:-1], tail, vocabulary) else len(text)
    boxes = second.boxes[:tail_end] if same_page else (None,) * tail_end
    # The tail sits on a line of its own (the top of the next column), after the first block's last.
    first_lines = first.line_numbers[:cut]
    tail_line = max(first.line_numbers, default=-1) + 1
    mended_first = TextMap(text[:cut] + tail, first.boxes[:cut] + tuple(boxes), first_lines + (tail_line,) * tail_end)
    second_lines = second.line_numbers[rest_start:]
    return mended_first, TextMap(second.text[rest_start:], second.boxes[rest_start:], second_lines)
