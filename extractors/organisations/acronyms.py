"""Acronyms: definitions found in the text (Schwartz–Hearst) and the curated registry of the genre.

A bulletin defines some acronyms once ("the World Customs Organization (WCO)", or the other
way round, "NCDC (National Information-Analytical Center on Drug Control)") and then uses them
bare, possibly pages earlier; others (UNODC, OSCE, USAID) it never spells out. Definitions are
found with the algorithm of Schwartz and Hearst (2003): the long form is the shortest run of
words before the parenthesis whose letters, read right to left, contain the acronym's letters in
order, the first at the start of a word. The registry (`data/organisations.json`) covers the
rest and says which acronyms name programmes or common nouns rather than organisations.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Literal

from extractors.data import read_data

AcronymKind = Literal["organisation", "programme", "term"]

# An acronym: 2 to 12 characters, at least two capitals or a capital and digits, no spaces
# ("WCO", "AfDB", "UN-Habitat", "G5").
ACRONYM = r"(?:[A-Z](?=[\w&.\-]*[A-Z])[A-Za-z0-9&]*(?:[.\-][A-Za-z0-9&]+)*|[A-Z][0-9]{1,2}\b)"
_ACRONYM_RE = re.compile(rf"(?:{ACRONYM})s?")
# "long form (ACR)" and "ACR (long form)".
# The short form may carry one capitalised word ("Group of Five for the Sahel (G5 Sahel)").
LONG_THEN_SHORT = re.compile(rf"\((?P<short>{ACRONYM}(?:[ ][A-Z][a-z]+)?)\)")
SHORT_THEN_LONG = re.compile(rf"(?<![\w-])(?P<short>{ACRONYM})\s*\((?P<long>[^()]{{4,160}})\)")
_WORD = re.compile(r"[^\s()]+")
# Words a long form never starts with.
LEADING_WORDS = frozenset(
    {"the", "a", "an", "and", "of", "for", "its", "their", "our", "by", "with", "to", "in", "on", "at"}
)
# Lower-case words that may sit inside a long form ("Office on Drugs and Crime").
INNER_WORDS = frozenset(
    {"of", "for", "on", "and", "the", "in", "against", "to", "at", "under", "&", "de", "du", "des", "la", "le"}
)


@dataclasses.dataclass(frozen=True)
class RegistryEntry:
    """An acronym of the registry.

    Attributes:
        acronym: The acronym as written ("UNODC", "UN Women").
        name: The full name.
        kind: organisation, programme or term (only organisations become records).
        aliases: Other ways texts write the name or acronym ("Interpol").
    """

    acronym: str
    name: str
    kind: AcronymKind = "organisation"
    aliases: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Definition:
    """An acronym defined in the text.

    Attributes:
        short: The acronym.
        long: The long form, as written (whitespace collapsed).
        start: Offset of the definition's first character (long form or acronym).
        end: Offset after the closing parenthesis.
    """

    short: str
    long: str
    start: int
    end: int


@functools.cache
def load_registry() -> Mapping[str, RegistryEntry]:
    """The registry by acronym (and by each alias), read once from `data/organisations.json`."""
    text = read_data("curated", "organisations.json")
    table: dict[str, RegistryEntry] = {}
    for item in json.loads(text)["organisations"]:
        entry = RegistryEntry(
            item["acronym"], item["name"], item.get("kind", "organisation"), tuple(item.get("aliases", ()))
        )
        for key in (entry.acronym, *entry.aliases):
            table[key] = entry
    return table


def is_acronym(word: str) -> bool:
    """Whether a word is written like an acronym ("WCO", "AfDB", "UNODCs" is not)."""
    return bool(_ACRONYM_RE.fullmatch(word)) and len(word) <= 12


def long_form_start(short: str, long: str) -> int | None:
    """Where the shortest long form that explains `short` starts in `long` (Schwartz–Hearst).

    Args:
        short: The acronym.
        long: Text before (or inside) the parenthesis.

    Returns:
        Offset in `long` of the long form's first character, or None when the letters of the
        acronym are not all found in order.
    """
    letters = [ch.lower() for ch in short if ch.isalnum()]
    l_idx = len(long) - 1
    for s_idx in range(len(letters) - 1, -1, -1):
        ch = letters[s_idx]
        while l_idx >= 0 and (long[l_idx].lower() != ch or (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
    start = l_idx + 1
    while start > 0 and not long[start - 1].isspace() and long[start - 1] not in "-/(":
        start -= 1
    return start


def window_start(text: str, end: int, words: int) -> int:
    """Offset where the last `words` words before `end` begin (stopping at a sentence or clause end)."""
    spans = list(_WORD.finditer(text, max(0, end - 400), end))
    start = end
    for match in reversed(spans[-words:]):
        if match.group().endswith((".", ";", ":", ",")) and match.end() < end and not match.group().endswith("U.S."):
            break
        start = match.start()
    return start


def window_across_commas(text: str, end: int, words: int) -> int:
    """Like `window_start`, but over commas that separate capitalised words of one name.

    "Ministry of Labour, Social Affairs and Family (MoLSAF)": a name may list its remits with
    commas; a comma is crossed when the words on both sides of it are capitalised.
    """
    spans = list(_WORD.finditer(text, max(0, end - 400), end))[-words:]
    start = end
    for position in range(len(spans) - 1, -1, -1):
        match = spans[position]
        word = match.group()
        if word.endswith((".", ";", ":")) and match.end() < end and not word.endswith("U.S."):
            break
        if word.endswith(",") and match.end() < end:
            following = spans[position + 1].group() if position + 1 < len(spans) else ""
            if not (word[:1].isupper() and following[:1].isupper()):
                break
        start = match.start()
    return start


def translated_long_form_start(short: str, long: str) -> int | None:
    """Where an English long form of an acronym in another language's word order starts, or None.

    "Directorate General of Civil Protection (DGPC)" translates "Direction Générale de la
    Protection Civile": its capitalised words' initials are the acronym's letters, in another
    order. The shortest run of last words whose initials are exactly those letters is the long form.
    """
    letters = sorted(ch.lower() for ch in short if ch.isalpha())
    words = list(re.finditer(r"\S+", long))
    for first in range(len(words) - 1, -1, -1):
        initials = sorted(w.group()[0].lower() for w in words[first:] if w.group()[:1].isupper())
        if len(initials) > len(letters):
            return None
        if initials == letters and words[first].group()[:1].isupper():
            return words[first].start()
    return None


def extend_left(text: str, start: int, floor: int) -> int:
    """Move a long form's start over capitalised words just before it ("Football" Federation ...).

    Schwartz–Hearst stops at the first word that explains the acronym's first letter, which
    leaves out leading words the acronym skips ("Football Federation of the Kyrgyz Republic
    (FFKR)" gives "Federation of ..."). Capitalised words, and "X of" before the long form, are
    part of the name; an article or a lower-case word is not.
    """
    while True:
        before = text[floor:start].rstrip()
        if len(before) == len(text[floor:start]):  # no space: hyphen or start of text
            return start
        match = re.search(r"(\S+)$", before)
        if match is None:
            return start
        word = match.group(1)
        if word in ("of", "for", "on"):
            previous = re.search(r"(\S+)\s+\S+$", before)
            if previous and previous.group(1)[:1].isupper() and previous.group(1).lower() not in LEADING_WORDS:
                start = floor + previous.start(1)
                continue
            return start
        if word.replace("’", "'").endswith(("'s", "s'")):
            return start  # "India's Border Security Force (BSF)": the owner is not part of the name
        if word[:1].isupper() and word.lower() not in LEADING_WORDS and word[-1].isalnum():
            start = floor + match.start(1)
            continue
        return start


def skip_leading(text: str, start: int, end: int) -> int:
    """Offset of the first word of text[start:end] that a long form may start with."""
    for match in _WORD.finditer(text, start, end):
        if match.group().lower() not in LEADING_WORDS:
            return match.start()
    return end


def clean_long_form(text: str) -> str:
    """A long form with whitespace collapsed and a leading article dropped."""
    words = text.split()
    while words and words[0].lower() in LEADING_WORDS:
        words.pop(0)
    return " ".join(words)


def iter_definitions(text: str) -> Iterator[Definition]:
    """Acronym definitions in a text, in either order, checked letter by letter."""
    for match in LONG_THEN_SHORT.finditer(text):
        short = match.group("short")
        floor = window_start(text, match.start(), len(short) + 8)
        found = long_form_start(short, text[floor : match.start()].rstrip())
        if found is None:
            floor = window_across_commas(text, match.start(), len(short) + 8)
            found = long_form_start(short, text[floor : match.start()].rstrip())
        if found is None:
            found = translated_long_form_start(short, text[floor : match.start()].rstrip())
        if found is None:
            continue
        start = skip_leading(text, extend_left(text, floor + found, max(0, floor - 200)), match.start())
        long = " ".join(text[start : match.start()].split())
        if long[:1].isupper() and len(long) > len(short):
            yield Definition(short, long, start, match.end())
    for match in SHORT_THEN_LONG.finditer(text):
        short, long = match.group("short"), clean_long_form(match.group("long"))
        if len(long.split()) < 2 or not long[:1].isupper() or long_form_start(short, long) != 0:
            continue
        yield Definition(short, long, match.start("short"), match.end())


def reconcile(definition: Definition, text: str, registry: Mapping[str, RegistryEntry]) -> Definition:
    """A definition whose long form agrees with the registry where the text gives more or less.

    "International Narcotics and Law Enforcement Affairs (INL)" is the registry's INL, whose
    name starts with "Bureau of"; in "U.S. Department of State Bureau of International Narcotics
    and Law Enforcement Affairs (INL)" the INL is the Bureau, and the Department is an
    organisation of its own. A long form that differs otherwise wins: the document knows its
    own acronyms best.

    Args:
        definition: A definition found in `text`.
        text: The text.
        registry: The registry.

    Returns:
        The definition, its long form (and start) adjusted to the registry's name.
    """
    entry = registry.get(definition.short)
    if entry is None:
        return definition
    name, long = entry.name.lower(), definition.long.lower()
    if name != long and name.endswith(long):
        return dataclasses.replace(definition, long=entry.name)
    if name != long and long.endswith(" " + name):
        offset = text.lower().find(name, definition.start, definition.end)
        if offset >= 0:
            return dataclasses.replace(definition, long=entry.name, start=offset)
    return definition
