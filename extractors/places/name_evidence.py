"""What a gazetteer match must show before it becomes a place, when its name is also a word or an institution.

GeoNames knows towns called Summit, Energy, Mercury and Parliament, and "White House" as an old
name of Casablanca. Outside the humanitarian genre such words are frequent, so a match becomes a
place only with evidence. Without it:

- A name that stands for an institution ("Downing Street", "the Kremlin", "the Capitol",
  `data/curated/institution_places.tsv`) is never a place.
- A one-word town or admin area followed by a street word is a street ("377 Boston Road").
- A one-word town after "the" is not a town ("at the Summit", "the Mercury"): towns do not take
  the article; names that do carry it in the gazetteer ("The Hague").
- A one-word town or admin area that the parser reads as an organisation or a person and that
  qualifies a common noun, in a country the document never names, is not that place ("works
  from Berne or WTO member countries": the Berne Convention's members).
- When a name is both an admin area and a town, the admin area wins over a town that carries the
  name only as an alternate name ("District of Columbia" is not Washington), over a town of
  another country when the admin area's country is the document's ("Arizona" in a US text is not
  the Honduran town), and, for US states, over their small namesakes (under 50,000 people:
  "Oregon" and "Delaware" are the states, not the towns in Ohio; "Washington" keeps its city).
- A one-word place joined by "or"/"and" to an organisation's acronym, in a country the document
  never names, is that organisation's kin ("Berne or WTO member countries").
- An admin area of the country the document is most about counts as used as a place even where
  it qualifies a noun ("District of Columbia first-time homebuyer credit").
- A two-letter state code after a town and a comma ("Clackamas, OR 97015", "Billerica, MA")
  names the admin area of the town's country whose ISO 3166-2 code ends in it: a known admin
  context that is itself a place.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from extractors.data import read_data
from extractors.gazetteer.index import GazetteerEntry, fold
from extractors.gazetteer.matching import own_name

STREET_WORDS = frozenset(
    {"road", "rd", "street", "st", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "highway", "turnpike", "pike"}
)
"""Words after a town's name that make it a street's name ("Boston Road")."""

MODIFIER_DEPS = frozenset({"nmod", "compound", "amod"})
"""Dependencies of a name that qualifies the noun after it ("the Mombasa port")."""

LARGE_TOWN = 50_000
"""Population from which a town keeps its name against an admin area of the same name."""

_STATE_CODE = re.compile(r",\s*(?P<code>[A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?(?![\w])")
_ADDRESS_TOWN = re.compile(r"(?<![\w-])(?P<town>[A-Z][A-Za-z'-]{2,}),\s*(?P<code>[A-Z]{2})\s+\d{5}(?:-\d{4})?(?!\w)")
"""A US postal address's last line: a town, a state code and a ZIP code ("CLACKAMAS, OR 97015")."""


@functools.cache
def institution_names() -> frozenset[str]:
    """Folded names of `institution_places.tsv`."""
    rows = [line.split("\t") for line in read_data("curated", "institution_places.tsv").splitlines()]
    return frozenset(fold(row[0]) for row in rows if row and row[0] and not row[0].startswith("#"))


def is_institution(text: str) -> bool:
    """Whether a name stands for an institution ("the Kremlin", "Downing Street")."""
    return fold(text).removeprefix("the ") in institution_names()


def lacks_evidence(span: Span, entry: GazetteerEntry, countries: Collection[str]) -> bool:
    """Whether a resolved one-word town match is a word or an institution rather than the town.

    Args:
        span: The name's tokens.
        entry: The place it was resolved to.
        countries: Countries the document names outright.
    """
    if is_institution(span.text):
        return True
    if entry.type not in ("city", "admin_area") or len(span) != 1:
        return False
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in STREET_WORDS:
        return True  # "377 Boston Road": a street named after the town
    if entry.country not in countries and coordinated_with_acronym(span):
        return True
    if (
        entry.type == "city"
        and span.start > 0
        and doc[span.start - 1].lower_ == "the"
        and span[0].dep_ not in MODIFIER_DEPS
    ):
        return not fold(entry.name).startswith("the ")  # "at the Summit"; not "the Mombasa port"
    return foreign_modifier(span[0], entry, countries)


def foreign_modifier(token: Token, entry: GazetteerEntry, countries: Collection[str]) -> bool:
    """A name the parser reads as an organisation or person, qualifying a common noun, in a country
    the document never names: "works from Berne or WTO member countries" (the Berne Convention)."""
    entity = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end), None)
    return (
        entity is not None
        and entity.label_ in ("ORG", "PERSON")
        and len(entity) == 1  # the name alone, not "Osh and Aizada's club"
        and entry.country not in countries
        and token.dep_ in MODIFIER_DEPS
        and token.head.pos_ == "NOUN"
    )


def prefer_admin_area(
    entries: Sequence[GazetteerEntry], key: str, countries: Counter[str]
) -> tuple[GazetteerEntry, ...]:
    """The entries without the towns that an admin area of the same name outranks (see module doc).

    Args:
        entries: What the name may mean.
        key: The name, folded.
        countries: The document's countries.
    """
    # Only an area of a country the document names outranks anything: "Black River" in a text about
    # Jamaica is not the district of Mauritius that GeoNames lists under that name.
    areas = [e for e in entries if e.type == "admin_area" and own_name(e, key) and countries.get(e.country or "")]
    if not areas:
        return tuple(entries)

    def outranked(town: GazetteerEntry) -> bool:
        if not own_name(town, key):
            return True  # "District of Columbia" is the district, not Washington under another name
        if town.population < LARGE_TOWN and any(
            a.country != town.country
            and a.country in countries
            and not any(t.type == "city" and t.country == a.country for t in entries)
            for a in areas
        ):
            return True  # "Arizona" in a US text is the state, not the Honduran town
        us_state = any((a.code or "").startswith("US-") and a.country == town.country for a in areas)
        return us_state and town.population < LARGE_TOWN  # "Oregon", "Delaware": the state, not Oregon, Ohio

    return tuple(e for e in entries if e.type != "city" or not outranked(e))


def iter_state_codes(
    doc: Doc, cities: Sequence[tuple[int, int, GazetteerEntry]]
) -> Iterator[tuple[int, int, GazetteerEntry]]:
    """Admin areas named by a state code after a town ("Clackamas, OR 97015"): (start, end, area) char offsets.

    Args:
        doc: The passage's parse.
        cities: Towns found in it: (start char, end char, entry); unknown towns have no country.
    """
    import pycountry

    text = doc.text
    for _, end, city in cities:
        match = _STATE_CODE.match(text, end)
        if match is None or city.country is None:
            continue
        code = f"{city.country}-{match.group('code')}"
        area = pycountry.subdivisions.get(code=code)
        if area is not None:
            yield match.start("code"), match.end("code"), GazetteerEntry(area.name, "admin_area", city.country)


def iter_address_towns(text: str) -> Iterator[tuple[int, int, GazetteerEntry]]:
    """Towns of US postal addresses the gazetteer may lack ("CLACKAMAS, OR 97015"): (start, end, town)."""
    import pycountry

    for match in _ADDRESS_TOWN.finditer(text):
        if pycountry.subdivisions.get(code=f"US-{match.group('code')}") is not None:
            name = match.group("town")
            yield (
                match.start("town"),
                match.end("town"),
                GazetteerEntry(name.title() if name.isupper() else name, "city", "US"),
            )


def home_admin_area(entry: GazetteerEntry | None, countries: Counter[str]) -> int:
    """1 for an admin area of the country the document is most about ("District of Columbia" in a
    US tax form), which a reader takes as a place even where it qualifies a noun; else 0."""
    if entry is None or entry.type != "admin_area" or not countries:
        return 0
    return int(entry.country == countries.most_common(1)[0][0])


def coordinated_with_acronym(span: Span) -> bool:
    """ "works from Berne or WTO member countries": a name joined by "or"/"and" to an organisation's
    acronym is the organisation's kin (here the Berne Union), not a place."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("or", "and"):
        return False
    other = doc[span.end + 1]
    return other.text.isupper() and len(other.text) >= 2 and other.ent_type_ == "ORG"
