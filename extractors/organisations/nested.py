"""A defined body that belongs to another: "the National Telecommunications and Information
Administration of the Department of Commerce (NTIA)" names two organisations.

The acronym's letters are the initials of the first name only; the "of the ..." complement that
follows is the parent body, itself an organisation name. Both are records: the acronym goes with
the first, the parent gets its own mention over its own words.
"""

from __future__ import annotations

import dataclasses
import re

from extractors.organisations.acronyms import Definition

_OF_THE = re.compile(r"\s+of\s+the\s+")


@dataclasses.dataclass(frozen=True)
class Parent:
    """The parent body inside a definition: its name and character span."""

    name: str
    start: int
    end: int


def initials(name: str) -> str:
    """Initials of a name's capitalised words: "National Telecommunications and Information Administration", NTIA."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def split_parent(definition: Definition, text: str) -> tuple[str, Parent] | None:
    """The body's own name and its parent, when the long form is "<name> of the <parent>".

    Args:
        definition: A long-then-short definition.
        text: The passage text the definition's offsets point into.
    """
    from extractors.organisations.extractor import is_organisation_name

    for match in _OF_THE.finditer(definition.long):
        head, parent = definition.long[: match.start()], definition.long[match.end() :]
        if initials(head).upper() != definition.short.upper() or not is_organisation_name(parent):
            continue
        start = text.find(parent, definition.start, definition.end)
        if start >= 0 and is_organisation_name(head):
            return head, Parent(parent, start, start + len(parent))
    return None
