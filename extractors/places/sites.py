"""Sites: ports, border crossings, airports and terminals, named in the text.

GeoNames' table of cities does not hold them, and the model labels them at random ("Nizhniy
Pyanj" a WORK_OF_ART), but bulletins name them in a few fixed ways: a quoted name before a site
noun ("the “Dushanbe-2” dry port", "“A” and “B” dry ports"), capitalised words before one
("Nizhniy Pyanj border crossing", "Jinnah International Airport"), or "Port" before the name
("Port Qasim"; "Port Moresby", a name the gazetteer knows, is the city), a name after "<site
noun> at" that the gazetteer lacks or knows only weakly ("the one-stop border post at Namanga"),
or such a name as the subject of "is" and a facility noun ("Benapole, on the road from Kolkata
to Dhaka, is the busiest land port between India and Bangladesh").
A site's country comes from a bracket after it, a city in its name of a country the document
names, the place that follows it ("in Karachi"), another city in its name, its sentence when all
the sentence's places are in one country, or, failing these, its article's or the document's main
country (see `site_country`); a site named several times takes the country of its best evidence
(see `agree_sites`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence

from spacy.tokens import Doc

from extractors.gazetteer.index import Gazetteer, GazetteerEntry, fold
from extractors.gazetteer.matching import (
    iter_name_spans,
    leading_country,
    named_countries,
    own_name,
    rank_cities,
    sentence_countries,
    single_country,
    weak_reading,
)

SITE_NOUNS = (
    "border crossing points",
    "border crossing point",
    "border crossings",
    "border crossing",
    "crossing points",
    "crossing point",
    "border checkpoints",
    "border checkpoint",
    "checkpoints",
    "checkpoint",
    "border posts",
    "border post",
    "customs posts",
    "customs post",
    "sea ports",
    "sea port",
    "seaports",
    "seaport",
    "dry ports",
    "dry port",
    "river ports",
    "river port",
    "land ports",
    "land port",
    "ports",
    "port",
    "international airport",
    "airports",
    "airport",
    "railway stations",
    "railway station",
    "railway terminal",
    "terminals",
    "terminal",
    "prisons",
    "prison",
    "detention centres",
    "detention centre",
    "detention centers",
    "detention center",
    "refugee camps",
    "refugee camp",
)
_SITE_NOUN = "|".join(re.escape(noun) for noun in SITE_NOUNS)
_QUOTED = r"[“\"«]([^”\"»\n]{2,60}?)[”\"»]"
# "“A” and “B” dry ports": quoted names joined by commas or "and", then the site noun.
QUOTED_SITES = re.compile(
    rf"(?P<names>{_QUOTED}(?:\s*(?:,|and|or|&|, and)\s*(?:the\s+)?{_QUOTED})*)\s+(?P<noun>{_SITE_NOUN})\b",
    re.IGNORECASE,
)
QUOTED_NAME = re.compile(_QUOTED)
# "Nizhniy Pyanj border crossing", "Manas International Airport": capitalised words, then the noun.
PLAIN_SITE = re.compile(
    rf"(?P<name>(?:[A-Z][\w'’.-]*[ ]){{0,3}}[A-Z][\w'’.-]*)[ ]+(?P<noun>(?i:{_SITE_NOUN}))\b(?![ ]+[A-Z])"
)
PARENTHESISED = re.compile(r"\s*\(([^()]{2,40})\)")
# "the high-security prison of Koutoukalé": the noun, "of", then a name the gazetteer lacks.
NOUN_OF_NAME = re.compile(rf"\b(?P<noun>(?i:{_SITE_NOUN}))[ ]+of[ ]+(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){{0,2}})")
# "the one-stop border post at Namanga": the noun, "at", then a name (kept when the gazetteer lacks it
# or knows it only weakly, see `weak_reading`).
NOUN_AT_NAME = re.compile(
    rf"\b(?P<noun>(?i:{_SITE_NOUN}))[ ]+at[ ]+(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){{0,2}})\b"
)
# "Benapole, on the road from Kolkata to Dhaka, is the busiest land port between India and
# Bangladesh", "Torkham is a border crossing": a name (kept when the gazetteer lacks it or knows it
# only weakly), an optional aside between commas, "is" and a facility's noun that ends its phrase.
# Plain "port", "seaport" and "river port" are left out: "X is the largest port in ..." is a town.
TOWN_SITE_NOUNS = frozenset(
    {"ports", "port", "sea ports", "sea port", "seaports", "seaport", "river ports", "river port"}
)
FACILITY_NOUNS = tuple(noun for noun in SITE_NOUNS if noun not in TOWN_SITE_NOUNS)
IS_SITE = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2})(?:,[^,.;:()“”\"\n]{1,80},)?[ ]+"
    r"(?:is|was|remains|became|has[ ]become)[ ]+(?:now[ ]+|still[ ]+)?(?:the|a|an|one[ ]of[ ]the)[ ]+"
    rf"(?:[a-z][a-z-]*[ ]+){{0,3}}?(?P<noun>{'|'.join(re.escape(noun) for noun in FACILITY_NOUNS)})"
    r"(?=[ ]+(?:between|on|in|of|for|near|at|to|from|with|and|that|which|where|since)\b|[ ]?[,.;:)])"
)
# A capitalised name and the joiner after it, at the end of the text searched.
LISTED_NAME = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*){0,2})(?:,[ ]and[ ]|[ ]and[ ]|,[ ]|[ ]or[ ])$"
)
# "Port Qasim", "Port of Spain": the noun before the name.
PORT_FIRST = re.compile(r"(?<![\w-])(?P<name>Port(?: of)?[ ](?P<proper>[A-Z][\w-]*)\b)(?![ ]+[A-Z])")
# Words after "Port" that make the name a body's, not a place's ("Port Control Units", "Port Authority").
PORT_BODY_WORDS = frozenset(
    {"control", "authority", "security", "state", "police", "services", "operations", "health", "management"}
)
# Words a site's name does not start with (sentence-initial "At", articles, determiners,
# possessives and pronouns: "No port in this region ...", "It is the busiest land port"), and the
# number label "No." ("No. 3").
SKIPPED_SITE_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "each",
        "every",
        "new",
        "at",
        "in",
        "on",
        "from",
        "to",
        "near",
        "via",
        "by",
        "with",
        "for",
        "of",
        "and",
        "both",
        "all",
        "main",
        "busiest",
        "largest",
        "no",
        "nos",
        "nr",
        "any",
        "some",
        "another",
        "other",
        "one",
        "most",
        "many",
        "several",
        "such",
        "either",
        "neither",
        "which",
        "what",
        "whose",
        "his",
        "her",
        "my",
        "your",
        "it",
        "there",
        "here",
        "we",
        "they",
        "he",
        "she",
        "who",
    }
)
SITE_NOUN_WORDS = frozenset(word for noun in SITE_NOUNS for word in noun.split()) | {"international"}
# What follows a site to say where it is: "... border crossing in Tajikistan", "... airport near Dakar".
LOCATED_BY = re.compile(r",?[ ]+(?:in|near|outside)[ ]+(?:the[ ]+)?(?=[A-Z])")
# How good the evidence for a site's country is, best first (see `site_country`).
EVIDENCE_RANKS = ("bracket", "name", "located", "name-elsewhere", "sentence", "article", "document", "before", "none")


@dataclasses.dataclass(frozen=True)
class Site:
    """A site (port, border crossing, airport) named in the text."""

    start: int
    end: int
    name: str
    country: str | None
    evidence: str = "none"

    @property
    def rank(self) -> int:
        """Position of its country's evidence in `EVIDENCE_RANKS` (0 is best)."""
        return EVIDENCE_RANKS.index(self.evidence)

    @property
    def head(self) -> str:
        """The folded name without its site nouns: "bole" for "Bole International Airport"."""
        return " ".join(word for word in fold(self.name).split() if word not in SITE_NOUN_WORDS)


def iter_sites(
    text: str,
    doc: Doc,
    gazetteer: Gazetteer,
    countries: Counter[str],
    article: Callable[[], Counter[str]] | None = None,
    named: Collection[str] = (),
) -> Iterator[Site]:
    """The sites a passage names, in the order their patterns find them.

    Args:
        text: The passage text.
        doc: Its parse (for the sentence around a site).
        gazetteer: The gazetteer.
        countries: The document's countries (see `places.document_countries`).
        article: The countries the passage's article names (see `placenames.named_countries`), on demand.
        named: The countries the document names by a country's name (see `places.direct_countries`).
    """
    seen: list[tuple[int, int]] = []
    for start, end, after, name in iter_site_spans(text, gazetteer, countries):
        if any(s < end and start < e for s, e in seen):
            continue
        seen.append((start, end))
        country, evidence = site_country(name, text, after, doc, start, gazetteer, countries, article, named)
        yield Site(start, end, name, country, evidence)


def agree_sites(sites: Sequence[Sequence[Site]]) -> list[list[Site]]:
    """Sites (by passage) where every site of one name takes the country of its best evidence.

    "Bole International Airport in Addis Ababa" is in Ethiopia; the caption "at Bole International
    Airport", which nothing locates, would read Bole, a Chinese city, in the name; "Record seizure
    at Port Qasim" (a headline) names no country at all; both take the country found elsewhere.
    """
    best: dict[str, Site] = {}
    for site in (site for passage in sites for site in passage):
        if site.country and (site.name not in best or site.rank < best[site.name].rank):
            best[site.name] = site

    def agreed(site: Site) -> Site:
        found = best.get(site.name)
        return dataclasses.replace(site, country=found.country, evidence=found.evidence) if found else site

    return [[agreed(site) for site in passage] for passage in sites]


def iter_site_spans(
    text: str, gazetteer: Gazetteer, countries: Counter[str] | None = None
) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, end of the whole phrase, name) of each site, quoted names first.

    The name is the text of the span, except after "the prison of": "Koutoukalé Prison".
    `countries` (the document's) tells which names the gazetteer knows only weakly: "the border
    post at Namanga" is a site, "the airport at Entebbe" is not.
    """
    for match in QUOTED_SITES.finditer(text):
        names = list(QUOTED_NAME.finditer(text, match.start("names"), match.end("names")))
        if not match.group("noun").lower().endswith("s"):
            names = names[-1:]
        for quoted in names:
            value = quoted.group(1).strip()
            if value[:1].isupper() and len(value.split()) <= 5:
                yield quoted.start(1), quoted.start(1) + len(value), match.end(), value
    for match in PLAIN_SITE.finditer(text):
        words = match.group("name").split()
        while words and words[0].lower().rstrip(".") in SKIPPED_SITE_WORDS:
            words.pop(0)
        noun = match.group("noun")
        if not words or not is_site_name(" ".join(words), gazetteer):
            continue
        start = match.end("name") - len(" ".join(words))
        end = match.end() if noun[:1].isupper() else match.end("name")
        if noun[:1].islower() and noun.lower().endswith("s"):
            for before_start, before_end in listed_before(text, start, gazetteer):
                yield before_start, before_end, match.end(), text[before_start:before_end]
        yield start, end, match.end(), " ".join(text[start:end].split())
    for match in NOUN_OF_NAME.finditer(text):
        name = match.group("name")
        if is_site_name(name, gazetteer) and not gazetteer.names.get(fold(name)):
            noun = (
                match.group("noun").lower().removesuffix("s")
                if match.group("noun").lower().endswith("prisons")
                else match.group("noun").lower()
            )
            yield match.start("name"), match.end("name"), match.end(), f"{name} {noun.title()}"
    for match in NOUN_AT_NAME.finditer(text):
        name = match.group("name")
        entries = gazetteer.names.get(fold(name), ())
        if is_site_name(name, gazetteer) and (not entries or weak_reading(entries, fold(name), countries or Counter())):
            yield match.start("name"), match.end("name"), match.end(), name
    for match in IS_SITE.finditer(text):
        name = match.group("name")
        entries = gazetteer.names.get(fold(name), ())
        if is_site_name(name, gazetteer) and (not entries or weak_reading(entries, fold(name), countries or Counter())):
            yield match.start("name"), match.end("name"), match.end(), name
    for match in PORT_FIRST.finditer(text):
        proper = match.group("proper")
        if proper.lower() in PORT_BODY_WORDS or not is_site_name(proper, gazetteer):
            continue
        if gazetteer.names.get(fold(match.group("name"))):
            continue  # "Port Moresby", "Port Said": a place the gazetteer knows, a city, not a site
        yield match.start(), match.end(), match.end(), match.group("name")


def listed_before(text: str, start: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Names listed before the last one of a plural site noun ("Hairatan and Shirkhan Bandar border
    crossing points"), in text order."""
    found: list[tuple[int, int]] = []
    while match := LISTED_NAME.search(text, 0, start):
        if not is_site_name(match.group("name"), gazetteer):
            break
        found.insert(0, (match.start("name"), match.end("name")))
        start = match.start("name")
    return found


def is_site_name(name: str, gazetteer: Gazetteer) -> bool:
    """Whether capitalised words can name a site: not a possessive, demonym, country or region.

    "Pakistan's ports" and "Afghan ports" say whose ports they are; "Karachi port" is a site
    but "Central Asia ports" is not.
    """
    if (
        not name
        or name.endswith(("'s", "’s"))
        or not all(word[:1].isupper() or word[:1].isdigit() for word in name.split())
    ):
        return False
    key = fold(name)
    if key in gazetteer.demonyms or any(e.type in ("country", "region") for e in gazetteer.names.get(key, ())):
        return False
    return key.split(" ", 1)[0] not in SKIPPED_SITE_WORDS


def site_country(
    name: str,
    text: str,
    after: int,
    doc: Doc,
    start: int,
    gazetteer: Gazetteer,
    countries: Counter[str],
    article: Callable[[], Counter[str]] | None = None,
    named: Collection[str] = (),
) -> tuple[str | None, str]:
    """A site's country, from the nearest evidence that names one country, and that evidence.

    In order: a country in brackets after it ("dry ports (Tajikistan)"); a country in its name, or
    a city in its name in a country the document names ("Morport Aktau" in a bulletin that names
    Kazakhstan); the place that locates it right after it ("Port Qasim in Karachi", "Manas
    International Airport near Bishkek", "Bole International Airport in Addis Ababa", though Bole
    is also a Chinese city); another city of some size in its name; its sentence's places, when
    they are all in one country; its article's country (see `leading_country`); the document's
    main country; the last country named before it in its passage. A sentence that names places in
    several countries is no evidence: "an AIRCOP unit at Suvarnabhumi Airport has worked with
    customs officers in Hanoi and Phnom Penh" puts the airport in neither.

    Args:
        name: The site's name.
        text: The passage text.
        after: End of the site's whole phrase (its noun included).
        doc: The passage's parse.
        start: Start of the site's name in `text`.
        gazetteer: The gazetteer.
        countries: The document's countries (see `places.document_countries`).
        article: The countries its article names (see `named_countries`), its own sentence included,
            counted when first needed.
        named: The countries the document names by a country's name.

    Returns:
        The country (or None) and its evidence, one of `EVIDENCE_RANKS`.
    """
    bracket = PARENTHESISED.match(text, after)
    if bracket:
        for entry in gazetteer.lookup(bracket.group(1)):
            if entry.type == "country":
                return entry.country, "bracket"
    inside = place_in_name(name, gazetteer, countries)
    if inside is not None and (inside.type == "country" or inside.country in named):
        return inside.country, "name"
    located = located_after(text, after, doc, gazetteer, countries)
    if located:
        return located, "located"
    if inside is not None:
        return (
            inside.country,
            "name-elsewhere",
        )  # "Morport Aktau" is in Kazakhstan; a hamlet called "Bandar" says nothing
    span = doc.char_span(start, min(len(text), start + len(name)), alignment_mode="expand")
    if span is not None:
        found = set(sentence_countries(span.sent, gazetteer, (span.start, span.end)))
        if len(found) == 1:
            return found.pop(), "sentence"
        if article is not None:
            leading = leading_country(article() - named_countries(span.sent, gazetteer))
            if leading:
                return leading, "article"
    if single_country(countries):
        return single_country(countries), "document"
    before = sentence_countries(doc[: span.start], gazetteer) if span is not None else []
    return (before[-1], "before") if before else (None, "none")


def place_in_name(name: str, gazetteer: Gazetteer, countries: Counter[str]) -> GazetteerEntry | None:
    """The country, or the city of some size or of one of the document's countries, that a site's
    name holds ("Morport Aktau": Aktau), the longest such name first; None when there is none."""
    words = [word for word in fold(name).split() if word not in SITE_NOUN_WORDS]
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            places = [e for e in gazetteer.names.get(key, ()) if e.type in ("city", "country") and own_name(e, key)]
            best = rank_cities(places, countries, key, gazetteer.capitals)[0] if places else None
            if best is not None and (
                best.type == "country" or best.population >= 100_000 or countries.get(best.country or "")
            ):
                return best
    return None


def located_after(text: str, after: int, doc: Doc, gazetteer: Gazetteer, countries: Counter[str]) -> str | None:
    """The country of the place that follows a site and locates it ("... border crossing in Tajikistan")."""
    match = LOCATED_BY.match(text, after)
    if match is None:
        return None
    span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    if span is None:
        return None
    for start, end, entries in iter_name_spans(doc[span.start : span.start + 6], gazetteer):
        places = [e for e in entries if e.type in ("country", "city", "admin_area") and e.country]
        if start == 0 and places:
            key = fold(doc[span.start + start : span.start + end].text)
            return rank_cities(places, countries, key, gazetteer.capitals)[0].country
        break
    return None
