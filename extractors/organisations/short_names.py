"""A body named once with its country and elsewhere without it: one organisation, one name.

"the U.S. Copyright Office" on one page and "the Copyright Office" on another are the same body;
a reader names it once. A name that is another name of the same document less a leading country
qualifier (a country's name or initials: "U.S.", "UK", "Kenya") takes the longer name.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extractors.base import Mention
from extractors.gazetteer.index import load_gazetteer
from schemas.values import OrganisationValue

_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")


def is_country_qualifier(words: str) -> bool:
    """Whether words before a body's name name its country ("U.S.", "UK", "Kenya")."""
    if _INITIALS.fullmatch(words):
        return any(entry.type == "country" for entry in load_gazetteer().lookup(words.replace(".", "")))
    return any(entry.type == "country" for entry in load_gazetteer().lookup(words))


def lengthen_short_names(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, each shortened name replaced by the document's qualified one."""
    names = {m.value.name for m in mentions if isinstance(m.value, OrganisationValue)}
    longer: dict[str, str] = {}
    for name in names:
        for other in names:
            if other != name and other.endswith(" " + name) and is_country_qualifier(other[: -len(name) - 1]):
                longer[name] = other
    if not longer:
        return list(mentions)
    out = []
    for mention in mentions:
        value = mention.value
        if isinstance(value, OrganisationValue) and value.name in longer:
            mention = dataclasses.replace(mention, value=value.model_copy(update={"name": longer[value.name]}))
        out.append(mention)
    return out
