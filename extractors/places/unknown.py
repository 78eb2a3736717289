"""Places the gazetteer lacks but the text shows to be places, and the words that show it.

"Kemin district" (a type word after a capitalised name), "at Torkham" (the model's place label
after a locative), "from Thimphu and Gelephu" (a rare capitalised name listed with a known city).
Each path yields candidates only; `places` decides which are kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from extractors.capitals import is_upper_text
from extractors.dates.words import CALENDAR_NAMES
from extractors.gazetteer.index import Gazetteer, GazetteerEntry, PlaceType, fold
from extractors.gazetteer.matching import ADMIN_SUFFIXES, POSSESSIVES
from extractors.places.appositions import is_language

# Words before a name that say "a place follows" (the weight of the evidence).
LOCATIVES: Mapping[str, int] = {
    **dict.fromkeys(
        (
            "in",
            "to",
            "from",
            "at",
            "near",
            "across",
            "throughout",
            "around",
            "via",
            "into",
            "inside",
            "outside",
            "within",
            "towards",
            "toward",
            "through",
            "visited",
            "between",
            "across",
            "off",
        ),
        2,
    ),
    "of": 1,
    "and": 0,
}
# Nouns whose "of" complement is a place ("the port of Turkmenbashi", "the outskirts of Osh").
PLACE_NOUNS = frozenset(
    {
        "port",
        "city",
        "town",
        "village",
        "capital",
        "outskirts",
        "centre",
        "center",
        "streets",
        "suburbs",
        "province",
        "region",
        "district",
        "oblast",
        "area",
        "territory",
        "borders",
        "border",
        "north",
        "south",
        "east",
        "west",
    }
)
# Words that join the members of a list of places.
LIST_JOINERS = frozenset({",", "and", "or", "&"})
# Admin suffixes that make no unknown name an admin area: bodies are named so too ("the Narcotics
# Division", "the Member States"); only a known place before them is one ("Chattogram Division").
KNOWN_ONLY_SUFFIXES = frozenset({"state", "states", "division", "divisions", "department", "departments"})
# The place type of a name the gazetteer lacks, by the model's entity label.
NER_TYPES: dict[str, PlaceType] = {"GPE": "city", "LOC": "region", "FAC": "site"}
# The model's labels of names that are not places, for a name listed with places ("from Thimphu
# and Monday", "from Osh and Dmitry Ivanov"; PERSON only for a name of several words, see `is_listed_name`).
NOT_PLACE_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "NORP",
        "DATE",
        "TIME",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "PRODUCT",
        "LANGUAGE",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
    }
)
CALENDAR_WORDS = CALENDAR_NAMES
# Zipf frequency below which a capitalised word is too rare to be English (about once in a million
# words): a listed name must be made of such words ("Gelephu"; "Phuentsholing", which the tagger
# calls a verb for its "-ing"), not of "Police", "Save", "Monday" or "Interpol".
RARE_WORD_ZIPF = 3.0


def locative_weight(doc: Doc, start: int) -> int:
    """Evidence from the words before a name, skipping "the": "in", or "the port of"."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("the", "“", '"'):
        i -= 1
    if i < 0:
        return 0
    if doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in PLACE_NOUNS:
        return 2
    return LOCATIVES.get(doc[i].lower_, 0)


def iter_unknown_admin_spans(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """Capitalised names the gazetteer lacks, followed by an admin suffix ("Kemin district")."""
    for token in doc:
        if token.lower_ not in ADMIN_SUFFIXES or token.lower_ in KNOWN_ONLY_SUFFIXES or token.i in taken:
            continue
        start = token.i
        while (
            start > 0
            and start - 1 not in taken
            and doc[start - 1].is_alpha
            and doc[start - 1].text[:1].isupper()
            and token.i - start < 3
        ):
            start -= 1
        if start < token.i and doc[start].pos_ == "PROPN" and not doc[start].is_sent_start:
            yield start, token.i


def iter_listed_unknowns(
    doc: Doc, gazetteer: Gazetteer, names: Sequence[tuple[int, int, Sequence[GazetteerEntry]]], taken: set[int]
) -> Iterator[tuple[int, int]]:
    """Capitalised names the gazetteer lacks listed with a gazetteer name ("from Thimphu and Gelephu").

    Only candidates: `resolve_candidates` keeps one when its list follows a locative and holds a
    city kept as a place. A name of one to three capitalised words, next to the list's joiners,
    that ends its noun phrase ("Health Ministry staff" does not), is not a date, a person, an
    organisation, a demonym or a language by the model or the tables, and whose words are too rare
    to be English ("Paro Police" is no town).
    """
    anchors = [(start, end) for start, end, _ in names]
    seen = set(taken)
    while anchors:
        start, end = anchors.pop()
        j = end  # after the anchor: "Thimphu and Gelephu"
        while j < len(doc) and j - end < 2 and doc[j].lower_ in LIST_JOINERS:
            j += 1
        k = j
        while j > end and k < len(doc) and k - j < 3 and k not in seen and is_listed_name_word(doc[k]):
            k += 1
        found = [(j, k)] if k > j else []
        i = start  # before it: "Gelephu and Thimphu"
        while i > 0 and start - i < 2 and doc[i - 1].lower_ in LIST_JOINERS:
            i -= 1
        h = i
        while i < start and h > 0 and i - h < 3 and h - 1 not in seen and is_listed_name_word(doc[h - 1]):
            h -= 1
        if h < i:
            found.append((h, i))
        for a, b in found:
            if is_listed_name(doc, a, b, gazetteer):
                seen.update(range(a, b))
                anchors.append((a, b))
                yield a, b


def is_listed_name_word(token: Token) -> bool:
    """A word that can be part of an unknown name listed with places (see `iter_listed_unknowns`)."""
    if not (token.is_alpha and token.text[:1].isupper() and not token.is_upper) or token.is_stop or token.is_sent_start:
        return False
    if token.ent_type_ in NOT_PLACE_LABELS - {"PERSON"} or token.lower_ in CALENDAR_WORDS | ADMIN_SUFFIXES.keys():
        return False
    import wordfreq  # its word list loads on first use, once per process

    return wordfreq.zipf_frequency(token.lower_, "en", wordlist="large") < RARE_WORD_ZIPF


def is_listed_name(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether listed name words make a name of their own (see `iter_listed_unknowns`)."""
    if end < len(doc) and (doc[end].pos_ in ("NOUN", "PROPN") or doc[end].lower_ in POSSESSIVES):
        return False  # "from Osh and Health Ministry staff", "from Osh and Aizada’s club"
    if end - start > 1 and any(t.ent_type_ == "PERSON" for t in doc[start:end]):
        return False  # "from Thimphu and Tashi Dorji"; the model calls one-word places people too often to heed it
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_stop:
        return False  # the tail of a longer name: "Central Gelephu and Thimphu"
    text = doc[start:end].text
    return not gazetteer.names.get(fold(text)) and fold(text) not in gazetteer.demonyms and not is_language(text)


def iter_unknown_entities(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> Iterator[Span]:
    """Names the gazetteer lacks that the model labels a place and a preposition locates.

    "at Torkham", "in Kemin": the model's GPE/LOC/FAC label alone is too loose in this genre,
    but together with "in", "at", "from" or "to" before a capitalised name it is a place.
    """
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES or any(t.i in taken for t in ent) or len(ent) > 4:
            continue
        while len(ent) and ent[0].lower_ == "the":
            ent = ent[1:]
        if not len(ent) or not all(
            t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in ent
        ):
            continue  # an acronym ("AI", "UNODC") is not a place the gazetteer forgot
        if (
            fold(ent.text) in gazetteer.demonyms
            or is_language(ent.text)
            or ent[0].is_sent_start
            or is_upper_text(ent.sent)
        ):
            continue  # "in Swahili, English or Kinyarwanda": a language is never a place
        if locative_weight(doc, ent.start) >= 2:
            yield ent
