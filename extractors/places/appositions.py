"""Places the gazetteer lacks that an apposition locates: "Chiang Saen, a river port in Chiang Rai Province".

Bulletins name small towns once and say at once where they are; the apposition is the evidence
that the name is a settlement, and the known place after it gives the country. A route between
known places does too ("Wagah, on the road between Lahore and Amritsar"), giving the country only
when both ends lie in one. Languages and
people are ruled out: "in Swahili", "Aizada, a midfielder from Kant".
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from extractors.capitals import is_upper_text
from extractors.gazetteer.index import Gazetteer, fold
from extractors.gazetteer.matching import iter_name_spans, rank_cities

# Titles before a person's name: "Dr Kant" is nobody's city.
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "president",
        "minister",
        "ambassador",
        "judge",
        "general",
    }
)
# Nouns that say an apposition describes a settlement: "Chiang Saen, a river port in Chiang Rai
# Province", "Kant, a town east of Bishkek" (lower-case words may come before: "a small border town").
SETTLEMENT_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "port",
        "seaport",
        "harbour",
        "harbor",
        "capital",
        "municipality",
        "settlement",
        "hamlet",
        "township",
        "commune",
        "oasis",
    }
)
# Words after the settlement noun that locate it relative to a known place ("in", "north of").
APPOSITION_RELATIONS = frozenset({"in", "on", "near", "outside", "along", "off"})
# Nouns of a way between places: "Wagah, on the road between Lahore and Amritsar" (see `route_countries`).
ROUTE_NOUNS = frozenset(
    {"road", "highway", "motorway", "railway", "railroad", "route", "corridor", "border", "frontier"}
)
# The model's labels of names that are no places ("On Monday, on the road from ...").
NON_PLACE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)


def iter_unknown_appositions(
    doc: Doc, gazetteer: Gazetteer, countries: Counter[str], taken: set[int]
) -> Iterator[tuple[int, int, str | None]]:
    """Capitalised names the gazetteer lacks that an apposition says are settlements, with the
    country of the place locating them: "Chiang Saen, a river port in Chiang Rai Province" (TH);
    or places on a route between known places, with their country when the route's places share
    one, else None: "Wagah, on the road between Lahore and Amritsar" (PK and IN) is a place the
    apposition does not put in either country.

    A person's name is not one: "Aizada, a 15-year-old midfielder from Kant" has no settlement
    noun, and a title before the name ("Dr"), a demonym or language ("Swahili") or a date rules it out.
    """
    for comma in doc:
        if comma.text != "," or comma.i == 0 or comma.i - 1 in taken:
            continue
        code = apposition_country(doc, comma.i, gazetteer, countries)
        if code is None and not route_countries(doc, comma.i, gazetteer, countries):
            continue
        start = comma.i
        while start > 0 and comma.i - start < 3 and start - 1 not in taken and is_name_word(doc[start - 1]):
            start -= 1
        if start == comma.i:
            continue
        name = doc[start : comma.i]
        if doc[start].is_sent_start and len(name) == 1 and doc[start].pos_ != "PROPN":
            continue  # "Overall, a town in ..." is no name
        if start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES:
            continue
        if fold(name.text) in gazetteer.demonyms or is_language(name.text) or is_upper_text(name.sent):
            continue
        if any(t.ent_type_ in NON_PLACE_LABELS for t in name):
            continue
        yield start, comma.i, code


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a place's name (not a function word: "In", "The")."""
    return token.is_alpha and token.text[:1].isupper() and not token.is_upper and not token.is_stop


def apposition_country(
    doc: Doc, comma: int, gazetteer: Gazetteer, countries: Counter[str], short: bool = False
) -> str | None:
    """The country of the known place that an apposition after a name locates it in, or None.

    ", a river port in Chiang Rai Province", ", a small town east of Bishkek", ", the capital of
    Puntland": an article, up to four lower-case words ending in a settlement noun, a relation
    ("in", "near", "north of") and a known place with a country. With `short`, ", in Kajiado
    County" counts too (for a name the gazetteer knows only weakly, see `weak_reading`).

    Args:
        doc: The passage's parse.
        comma: Token index of the comma after the name.
        gazetteer: The gazetteer.
        countries: The document's countries.
        short: Whether ", in <place>" alone locates the name.
    """
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    route = route_countries(doc, comma, gazetteer, countries)
    if route:
        return route[0] if len(set(route)) == 1 else None  # "X, on the road from Lahore to Islamabad": PK
    i = comma + 1
    if short and i < len(doc) and doc[i].lower_ in ("in", "near", "outside"):
        return locating_country(doc, i + 1, gazetteer, countries)
    if i >= len(doc) or doc[i].lower_ not in ("a", "an", "the"):
        return None
    i += 1
    words: list[str] = []
    stops = APPOSITION_RELATIONS | DIRECTIONS | {"of"}
    while i < len(doc) and len(words) < 4 and doc[i].is_alpha and doc[i].is_lower and doc[i].lower_ not in stops:
        words.append(doc[i].lower_)
        i += 1
    if not words or words[-1] not in SETTLEMENT_NOUNS or i >= len(doc):
        return None
    if doc[i].lower_ in APPOSITION_RELATIONS:
        i += 1
    elif words[-1] == "capital" and doc[i].lower_ == "of":
        i += 1  # "Garowe, the capital of Puntland"
    else:
        j = i
        while j < len(doc) and (doc[j].lower_ in DIRECTIONS or doc[j].text == "-"):
            j += 1
        if j == i or j >= len(doc) or doc[j].lower_ != "of":
            return None
        i = j + 1
    return locating_country(doc, i, gazetteer, countries)


def route_countries(doc: Doc, comma: int, gazetteer: Gazetteer, countries: Counter[str]) -> list[str]:
    """The countries of the known places of a route apposition after a name, in order, or [].

    ", on the road between Lahore and Amritsar" → [PK, IN]; ", along the highway from Kolkata to
    Dhaka" → [IN, BD]: "on" or "along", "the", up to two lower-case words and a route noun, then
    "between" or "from" and the places, joined by "and" or "to", up to the next comma. Both ends
    must be known places with a country; "on the border with Afghanistan" says nothing (the name
    lies on the other side).
    """
    i = comma + 1
    if i + 2 >= len(doc) or doc[i].lower_ not in ("on", "along") or doc[i + 1].lower_ != "the":
        return []
    i += 2
    words = 0
    while i < len(doc) and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in ROUTE_NOUNS and words < 2:
        i, words = i + 1, words + 1
    if i + 1 >= len(doc) or doc[i].lower_ not in ROUTE_NOUNS or doc[i + 1].lower_ not in ("between", "from"):
        return []
    found: list[str] = []
    i += 2
    while (place := locating_place(doc, i, gazetteer, countries)) is not None:
        code, i = place
        found.append(code)
        if i >= len(doc) or doc[i].lower_ not in ("and", "to"):
            break
        i += 1
    return found if len(found) >= 2 else []


def locating_country(doc: Doc, i: int, gazetteer: Gazetteer, countries: Counter[str]) -> str | None:
    """The country of the known place that starts at token i (after "the"), or None."""
    place = locating_place(doc, i, gazetteer, countries)
    return place[0] if place is not None else None


def locating_place(doc: Doc, i: int, gazetteer: Gazetteer, countries: Counter[str]) -> tuple[str, int] | None:
    """The country of the known place that starts at token i (after "the") and the token after it, or None."""
    while i < len(doc) and doc[i].lower_ == "the":
        i += 1
    for start, end, entries in iter_name_spans(doc[i : i + 6], gazetteer):
        places = [e for e in entries if e.type in ("country", "city", "admin_area") and e.country]
        if start == 0 and places:
            best = rank_cities(places, countries, fold(doc[i + start : i + end].text), gazetteer.capitals)[0]
            return best.country or "", i + end
        break
    return None


@functools.cache
def language_names() -> frozenset[str]:
    """Folded names of the languages ISO 639 knows ("swahili", "kinyarwanda", "english")."""
    import pycountry

    names = set()
    for language in pycountry.languages:
        for field in ("name", "common_name", "inverted_name"):
            value = getattr(language, field, None)
            if value:
                names.add(fold(value))
                names.add(fold(value.split(" (", 1)[0]))  # "Swahili (macrolanguage)"
    return frozenset(names)


def is_language(name: str) -> bool:
    """Whether a name is a language's ("Swahili", "Kinyarwanda"): never a place the gazetteer forgot."""
    return fold(name) in language_names()
