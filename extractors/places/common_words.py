"""Gazetteer names that humanitarian reporting also uses as other words: compass points, diseases, acronyms.

- "South", "North-West", "Centre" name admin areas in many countries (Haiti's Sud, Cameroon's South
  Region, Botswana's South East): such a name is a place only in the document's own country, so a
  report on Haiti gets Haiti's departments and a report elsewhere gets none of them.
- Diseases named after places ("Ebola", "Zika", "Lassa", "Marburg") are not those places where the
  document uses the name for the disease anywhere ("Marburg virus disease", "the Ebola outbreak").
- A word in capitals that the organisation registry knows as a term, programme or body ("GAM",
  "WASH", "NFI", "CERF") is not a town of that spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.gazetteer import fold
from extractors.organisations.acronyms import load_registry

COMPASS_NAME = re.compile(r"(?:(?:north|south)(?: ?(?:east|west))?|east|west|cent(?:re|er|ral))")
# Diseases and viruses named after a place (WHO disease names; CDC viral haemorrhagic fevers).
DISEASE_EPONYMS = frozenset(
    {
        "ebola", "zika", "marburg", "lassa", "nipah", "hendra", "lyme", "west nile", "rift valley",
        "coxsackie", "norwalk", "hantaan", "crimean congo", "kyasanur forest", "omsk", "mayaro",
        "oropouche", "powassan", "ross river", "murray valley", "chapare", "junin", "machupo",
        "guanarito", "sabia", "bundibugyo", "sudan", "tai forest", "reston",
    }
)  # fmt: skip
DISEASE_WORDS = frozenset(
    {
        "virus", "viruses", "disease", "diseases", "fever", "fevers", "outbreak", "outbreaks",
        "vaccine", "vaccines", "vaccination", "encephalitis", "haemorrhagic", "hemorrhagic", "infection",
        "infections", "cases", "case", "response", "mvd", "evd", "svd", "treatment",
    }
)  # fmt: skip


def is_compass_name(name: str) -> bool:
    """Whether a name is only a compass point or "centre" ("South", "North-West", "Southeast")."""
    return bool(COMPASS_NAME.fullmatch(fold(name)))


def disease_names(texts: Iterable[str]) -> frozenset[str]:
    """The folded eponyms a document uses for a disease: followed by a disease word somewhere."""
    used = set()
    for text in texts:
        words = fold(text).split()
        for i in range(len(words)):
            for n in (1, 2):
                name = " ".join(words[i : i + n])
                if name in DISEASE_EPONYMS and i + n < len(words) and words[i + n] in DISEASE_WORDS:
                    used.add(name)
    return frozenset(used)


def is_registered_acronym(text: str) -> bool:
    """Whether a name written in capitals is an acronym of the organisation registry ("GAM", "WASH")."""
    return text.isupper() and len(text) >= 2 and text in load_registry()
