"""Organisation candidates from spaCy's ORG entities, kept only when the organisation rules allow them.

The head-noun rules and the registry find the names they anticipate; a statistical model finds
others ("IDEJEN", "ACCODEP", local partners written as bare acronyms). Its candidates are filtered
by what the rules already know: no programme, plan or event word, no place or demonym, no
registered term or programme acronym, no storm or disease, no number, no lower-case or one-word
ordinary name. On real bulletins the model alone tags sector names, phone apps and place lists as
ORG, so a candidate is kept only beside organisations the rules found: in the same list ("AVSI,
ACCODEP, IDEJEN and CESVI"), joined by nothing but commas, "and", "&" or slashes. The model
misses bare acronyms in such lists as often as it finds them, so words written in capitals are
candidates too, under the same filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Doc

from extractors.gazetteer import fold, load_gazetteer
from extractors.organisations.acronyms import RegistryEntry, is_acronym

# Words that make a capitalised phrase something other than a body.
NOT_BODY_WORDS = frozenset(
    {
        "hurricane", "storm", "cyclone", "typhoon", "outbreak", "virus", "disease", "fever", "update",
        "report", "sitrep", "highlights", "situation", "response", "appeal", "operation", "plan",
        "programme", "program", "project", "page", "figure", "table", "annex", "key", "messages",
        "total", "overview", "contact", "contacts", "funding", "requirements", "dref", "phase",
    }
)  # fmt: skip
# Between two names of one list: a bracketed place or note of the first ("ACCODEP (South), and"),
# then a comma, semicolon, slash, "and" or "&".
_LIST_GAP = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[,;/&]|\band\b)\s*(?:(?:and|&)\s+)?")
# Words that introduce a partner by name: "with partners ACCODEP".
_PARTNER_CUE = re.compile(r"\bpartners?\s+$")
# A word written in capitals, as local partners' acronyms are ("IDEJEN", "CEDUCC").
_CAPITALS = re.compile(r"(?<![\w-])[A-Z]{3,10}(?![\w-])")
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|[\s,.;:])+$")


def candidate_text(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity's span without a leading "the" and trailing possessive or punctuation."""
    lead = _LEADING.match(text[start:end])
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end = start + trail.start()
    return start, end


def is_body_name(name: str, registry: Mapping[str, RegistryEntry]) -> bool:
    """Whether an ORG entity's text can name an organisation by the rules' knowledge."""
    words = name.split()
    if not words or not name[:1].isupper() or any(ch.isdigit() for ch in name) or len(name) < 3:
        return False
    if any(word.lower().strip("()") in NOT_BODY_WORDS for word in words):
        return False
    if any(word in registry and registry[word].kind != "organisation" for word in words):
        return False
    gazetteer = load_gazetteer()
    if gazetteer.lookup(name) or fold(name) in gazetteer.demonyms:
        return False
    if len(words) == 1:
        return is_acronym(name)
    return all(word[:1].isupper() or word in ("of", "for", "and", "&", "de", "du", "des", "la") for word in words)


def listed_together(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether two spans are neighbours in one list: only separators between them."""
    first, second = sorted((left, right))
    return first[1] <= second[0] and bool(_LIST_GAP.fullmatch(text[first[1] : second[0]]))


def iter_entity_spans(
    doc: Doc, text: str, registry: Mapping[str, RegistryEntry], found: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """(start, end) of each ORG entity that passes the rules' filters and is listed beside a found organisation.

    A candidate kept joins the found ones, so a list of several unknown partners is taken whole
    once one of them is known; "partners" or "via" right before a candidate names it as a partner.
    """
    spans = [
        candidate_text(text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG" and "\n" not in e.text
    ]
    spans += [(match.start(), match.end()) for match in _CAPITALS.finditer(text)]
    candidates = sorted(
        {
            (start, end)
            for start, end in spans
            if end > start and is_body_name(" ".join(text[start:end].split()), registry)
        }
    )
    anchors = list(found)
    kept: list[tuple[int, int]] = []
    grew = True
    while grew:
        grew = False
        for span in candidates:
            cued = bool(_PARTNER_CUE.search(text[max(0, span[0] - 12) : span[0]]))
            if span not in kept and (cued or any(listed_together(text, span, anchor) for anchor in anchors)):
                kept.append(span)
                anchors.append(span)
                grew = True
    yield from sorted(kept)
