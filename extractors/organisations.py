"""Organisations: full names, with acronyms resolved across the document."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractors.base import DocumentContext, Extractor, Mention, register

from schemas.values import OrganisationValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

DEFINITION = re.compile(r"(?P<name>(?:[A-Z][\w.'&-]*\s+)(?:(?:of|for|and|on|the|[A-Z][\w.'&-]*)\s+)*?[A-Z][\w.'&-]*)\s+\((?P<acronym>[A-Z]{2,})\)")


def acronym_table(passages: Sequence[Passage]) -> dict[str, str]:
    """Acronyms defined in the document ("World Customs Organization (WCO)") and their names."""
    table: dict[str, str] = {}
    for passage in passages:
        for match in DEFINITION.finditer(passage.text):
            table.setdefault(match.group("acronym"), match.group("name").removeprefix("the ").strip())
    return table


@register("organisations.ner")
class OrganisationNer(Extractor):
    """spaCy ORG entities, with acronyms expanded from their definitions."""

    name = "organisations.ner"
    kind = "organisation"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        acronyms = acronym_table(passages)
        names = {name: acronym for acronym, name in acronyms.items()}
        for passage in passages:
            for ent in passage.doc.ents:
                if ent.label_ != "ORG":
                    continue
                text = ent.text.strip().removeprefix("the ").rstrip(" (")
                start = ent.start_char + ent.text.index(text)
                if text in acronyms:
                    value = OrganisationValue(name=acronyms[text], acronym=text)
                else:
                    value = OrganisationValue(name=text, acronym=names.get(text))
                yield Mention(passage.index, start, start + len(text), "organisation", value, self.name, 0.6)
