"""Organisations named without an acronym or an organisation noun: registry bodies and Red Cross societies.

"Save the Children", "Mercy Corps", "the Global Fund" or "Qatar Airways" have no head noun the
rules know, so their names are matched as written from the registry's `bodies`
(`data/curated/organisations.json`, each with its source). A national Red Cross or Red Crescent
society is named by its country or demonym before "Red Cross" ("Haitian Red Cross", "Ethiopian
Red Cross Society", "Red Cross of Jamaica" is left to the head-noun rules' "of" names).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterator

from extractors.data import read_data
from extractors.gazetteer import fold, load_gazetteer

# "<Country or demonym> Red Cross|Red Crescent [Society]"; one to three capitalised words before.
RED_CROSS = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3})Red\s+(?:Cross|Crescent)(?:\s+Society)?\b")


@dataclasses.dataclass(frozen=True)
class Body:
    """An organisation of the registry's `bodies`: its name and the other ways texts write it."""

    name: str
    aliases: tuple[str, ...] = ()


@functools.cache
def load_bodies() -> tuple[Body, ...]:
    """The registry's bodies, read once."""
    items = json.loads(read_data("curated", "organisations.json")).get("bodies", [])
    return tuple(Body(item["name"], tuple(item.get("aliases", ()))) for item in items)


@functools.cache
def bodies_pattern() -> tuple[re.Pattern[str], dict[str, Body]]:
    """One pattern for every name and alias (longest first), and the body of each written form."""
    forms: dict[str, Body] = {}
    for body in load_bodies():
        for form in (body.name, *body.aliases):
            forms.setdefault(form, body)
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), forms


def iter_body_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, canonical name) of each registry body written in the text."""
    pattern, forms = bodies_pattern()
    for match in pattern.finditer(text):
        yield match.start(), match.end(), forms[match.group()].name


def names_a_country(words: str) -> bool:
    """Whether words are a country's name or a demonym ("Haiti", "Haitian", "Spanish")."""
    gazetteer = load_gazetteer()
    if fold(words) in gazetteer.demonyms:
        return True
    return any(entry.type == "country" for entry in gazetteer.lookup(words))


def iter_red_cross_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each national Red Cross or Red Crescent society named by its country."""
    for match in RED_CROSS.finditer(text):
        words = match.group(1).split()
        for first in range(len(words)):
            if names_a_country(" ".join(words[first:])):
                start = match.start(1) + match.group(1).index(words[first])
                name = " ".join(text[start : match.end()].split())
                yield start, match.end(), name
                break
