"""Places: countries, regions, admin areas, cities and sites, spotted in text and resolved.

spaCy's small model alone misses or mislabels most places of the genre (it calls "Ashgabat" a
PERSON and "Nizhniy Pyanj" a WORK_OF_ART), so spotting is led by the gazetteer: every run of
tokens whose folded text is a known name is a candidate. A candidate is kept when the evidence
around it says it is used as a place (the model's GPE/LOC label, a locative preposition, a
"province"/"region" suffix, a list it shares with other places); a country or region name is
kept unless it is part of a person's name. Words that only qualify a noun are not places:
demonyms and adjectives ("Kyrgyz soms", "Turkmen Customs officers", "Central Asian states"),
and a place inside an organisation's name loses to the organisation in the pipeline's overlap
arbitration; nor are languages ("in Swahili, English or Kinyarwanda"). Names the gazetteer lacks
are still places when the text locates them clearly: "Nizhniy Pyanj border crossing", "the
“Morport Aktau” sea port", "Kemin district", "Chiang Saen, a river port in Chiang Rai Province",
"Wagah, on the road between Lahore and Amritsar", "from Thimphu and Gelephu".
A name that is only an alternate name of a place in a country the document never names
("Namanga" for Namangan, Uzbekistan, in a bulletin about Eastern Africa) is weak evidence: it
gives way to a site noun, an apposition locating it elsewhere, or a site of the same name.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.capitals import is_upper_text
from extractors.gazetteer.index import Gazetteer, GazetteerEntry, fold, load_gazetteer
from extractors.gazetteer.matching import (
    ADMIN_SUFFIXES,
    BARE_ADMIN_TYPES,
    NameSpans,
    implies_country,
    iter_name_spans,
    leading_country,
    named_countries,
    own_name,
    rank_cities,
    sentence_countries,
    single_country,
    weak_reading,
)
from extractors.gazetteer.towns import iter_town_spans
from extractors.places.appositions import TITLES, apposition_country, iter_unknown_appositions
from extractors.places.common_words import disease_names, is_compass_name, is_registered_acronym
from extractors.places.name_evidence import (
    home_admin_area,
    is_institution,
    iter_address_towns,
    iter_state_codes,
    lacks_evidence,
    prefer_admin_area,
)
from extractors.places.sites import Site, agree_sites, iter_sites
from extractors.places.unknown import (
    LIST_JOINERS,
    LOCATIVES,
    NER_TYPES,
    iter_listed_unknowns,
    iter_unknown_admin_spans,
    iter_unknown_entities,
    locative_weight,
)
from schemas import PlaceValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

CITY_SUFFIXES = frozenset({"city", "cities", "town", "towns", "village", "villages"})
PLURAL_SUFFIXES = frozenset(
    {
        "provinces",
        "regions",
        "oblasts",
        "velayats",
        "viloyats",
        "districts",
        "rayons",
        "raions",
        "governorates",
        "prefectures",
        "counties",
        "states",
        "divisions",
        "cities",
        "towns",
        "villages",
    }
)
CONFIDENCE = {"strong": 0.9, "gazetteer": 0.8, "listed": 0.75, "capital": 0.7, "unknown": 0.6, "guessed": 0.5}


@dataclasses.dataclass
class Candidate:
    """A run of tokens that may name a place, with what is known about its use.

    Attributes:
        start: First token.
        end: Token after the last.
        entries: Places the name can mean (empty for a name the gazetteer lacks).
        suffix: "admin" or "city" when a type word follows ("Chui province", "Osh city").
        suffix_type: English type word of an admin suffix ("Region", "Province").
        suffix_end: Token after the suffix word, when it directly follows this candidate.
        label: The model's entity label of a name the gazetteer lacks (GPE, LOC or FAC).
        located_in: Country of the known place an apposition locates the name in ("Chiang Saen, a
            river port in Chiang Rai Province": TH), for a name the gazetteer lacks or knows weakly.
        placed: Whether an apposition says a name the gazetteer lacks is a place, even one that
            leaves its country open ("Wagah, on the road between Lahore and Amritsar").
        listed_with: For a name the gazetteer lacks, listed after a locative with known names ("from
            Thimphu and Gelephu"): True; it becomes a town of its nearest listed city's country.
        score: Evidence that the name is used as a place.
        chosen: The place the candidate resolves to, once decided.
        confidence: Confidence of the resolved mention.
    """

    start: int
    end: int
    entries: tuple[GazetteerEntry, ...]
    suffix: str | None = None
    suffix_type: str | None = None
    suffix_end: int | None = None
    label: str | None = None
    located_in: str | None = None
    placed: bool = False
    listed_with: bool = False
    score: int = 0
    chosen: GazetteerEntry | None = None
    confidence: float = 0.0


def group_runs(candidates: Sequence[Candidate], doc: Doc) -> list[list[Candidate]]:
    """Candidates that form one list ("Jizzakh, Fergana, Navoi and Khorazm"), in order."""
    runs: list[list[Candidate]] = []
    for candidate in candidates:
        if runs:
            between = doc[runs[-1][-1].end : candidate.start]
            if 0 < len(between) <= 2 and all(t.lower_ in LIST_JOINERS for t in between):
                runs[-1].append(candidate)
                continue
        runs.append([candidate])
    return runs


def apply_suffix(run: list[Candidate], doc: Doc) -> None:
    """Mark the members a following type word applies to: all of a list for a plural, else the last."""
    after = run[-1].end
    if after >= len(doc):
        return
    word = doc[after].lower_
    if word in ADMIN_SUFFIXES:
        kind, label = "admin", ADMIN_SUFFIXES[word]
    elif word in CITY_SUFFIXES:
        kind, label = "city", None
    else:
        return
    members = run if word in PLURAL_SUFFIXES else run[-1:]
    for member in members:
        member.suffix, member.suffix_type = kind, label
    if kind == "admin" and word not in PLURAL_SUFFIXES:
        run[-1].suffix_end = after + 1


def choose_entry(
    candidate: Candidate, gazetteer: Gazetteer, countries: Counter[str], name: str, local: Sequence[str] = ()
) -> GazetteerEntry | None:
    """The place a candidate means.

    Args:
        candidate: The candidate, its suffix known.
        gazetteer: The gazetteer.
        countries: The document's countries (`document_countries`).
        name: The candidate's text.
        local: Countries its sentence names, for a name the gazetteer lacks.
    """
    entries, key = prefer_admin_area(candidate.entries, fold(name), countries), fold(name)
    capitals = gazetteer.capitals
    if candidate.located_in is not None and (
        not entries
        or (weak_reading(entries, key, countries) and all(e.country != candidate.located_in for e in entries))
    ):
        return GazetteerEntry(name, "city", candidate.located_in)  # "Chiang Saen, a river port in Chiang Rai Province"
    if candidate.located_in is not None and any(e.country == candidate.located_in for e in entries):
        entries = tuple(e for e in entries if e.country == candidate.located_in)  # "Kant, a town east of Bishkek"
    if candidate.suffix == "admin":
        typed = gazetteer.names.get(fold(f"{name} {candidate.suffix_type}"), ())
        regions = [e for e in typed if e.type == "region"]
        if regions:
            return regions[0]  # "the Mekong region", "the Sahel region": a name of the region in `regions.tsv`
        # The area of that type first: "Chattogram Division" is BD-B, not the Chattogram district.
        areas = [e for e in typed if e.type == "admin_area" and e in entries] or [
            e for e in entries if e.type == "admin_area"
        ]
        if not areas:
            areas = [a for c in entries if c.type == "city" for a in gazetteer.admin_areas(name, c.country)]
        if areas:
            return rank_cities(areas, countries, key, capitals)[0]
        if any(e.type in ("country", "region") for e in entries):
            return None  # "the Central Asia region" is the region itself
        cities = rank_cities((e for e in entries if e.type == "city"), countries, key, capitals)
        country = cities[0].country if cities else next(iter(local), single_country(countries))
        typed_name = name if candidate.suffix_type in BARE_ADMIN_TYPES else f"{name} {candidate.suffix_type}"
        return GazetteerEntry(typed_name, "admin_area", country)
    if not entries and candidate.placed:
        return GazetteerEntry(
            name, "city", next(iter(local), single_country(countries))
        )  # "Wagah, on the road between ..."
    if not entries and candidate.label in NER_TYPES:
        return GazetteerEntry(name, NER_TYPES[candidate.label], next(iter(local), single_country(countries)))
    if candidate.suffix == "city":
        cities = [e for e in entries if e.type == "city"]
        return rank_cities(cities, countries, key, capitals)[0] if cities else None
    named = [e for e in entries if e.type in ("city", "admin_area") and countries[e.country or ""]]
    for kind in ("country", "region", "city", "admin_area"):
        found = [e for e in entries if e.type == kind]
        if kind in ("city", "admin_area") and named and not any(countries[e.country or ""] for e in found):
            continue  # "St. James" in a report on Jamaica is its parish, not a town of a country never named
        if found:
            return rank_cities(found, countries, key, capitals)[0]
    return None


def evidence(candidate: Candidate, doc: Doc) -> int:
    """How strongly the context says the candidate is used as a place."""
    span = doc[candidate.start : candidate.end]
    entry = candidate.chosen
    if entry is None:
        return -10
    located = (candidate.located_in is not None and entry.country == candidate.located_in) or (
        candidate.placed and candidate.located_in is None
    )
    score = locative_weight(doc, candidate.start) + (3 if candidate.suffix else 0) + (5 if located else 0)
    labels = {t.ent_type_ for t in span}
    if labels & {"GPE", "LOC", "FAC"}:
        score += 2
    if entry.type in ("country", "region"):
        score += 3
    if entry.population >= 1_000_000:
        score += 2
    elif entry.population >= 100_000:
        score += 1
    if own_name(entry, fold(span.text)):
        score += 1
    if len(span) == 1:
        score += 1 if span[0].pos_ == "PROPN" else -2
    else:
        score += 1  # a name of several words rarely means anything else ("Gorno-Badakhshan")
    if candidate.start > 0 and doc[candidate.start - 1].lower_.rstrip(".") in TITLES:
        score -= 5
    if inside_person(span, doc) or modifies_name(candidate, doc) or ends_name(candidate, doc):
        score -= 5
    if is_upper_text(span.sent) and len(span) == 1 and (entry.type not in ("country", "region") or len(span.text) <= 2):
        score -= 5  # in capitals, "US" may be the pronoun and "NICE" an adjective
    return score


def ends_name(candidate: Candidate, doc: Doc) -> bool:
    """Whether a place's name is the last word of a longer proper name ("the Rasht Valley").

    GeoNames has "The Valley" (Anguilla); the capitalised word before "Valley" says this is
    another place. A country keeps its name after a qualifier ("Northern Afghanistan").
    """
    if candidate.start == 0 or candidate.chosen is None or candidate.chosen.type == "country":
        return False
    previous = doc[candidate.start - 1]
    if not (previous.is_alpha and previous.text[:1].isupper()) or previous.is_sent_start or previous.is_stop:
        return False
    return previous.lower_ not in LOCATIVES and not previous.is_upper and not is_upper_text(previous.sent)


def modifies_name(candidate: Candidate, doc: Doc) -> bool:
    """Whether the name is part of a longer proper name ("the Doha Declaration", "the Gulf of Oman").

    Such a name belongs to a document, an event, a body or a bigger place, not to a place the
    text talks about; a type word ("Osh City"), an acronym ("In Kyrgyzstan UNODC ...") or a
    function word (a heading run into the next sentence: "... in Kyrgyzstan The Council") after
    it does not count.
    """
    if candidate.suffix or candidate.end >= len(doc):
        return False
    following = doc[candidate.end]
    if (
        following.lower_ == "of"
        and candidate.end + 1 < len(doc)
        and candidate.chosen
        and candidate.chosen.type != "country"
    ):
        return doc[candidate.end + 1].text[:1].isupper()  # "the Gulf of Oman" is not the Gulf
    text = following.text
    if (
        not (following.is_alpha and text[:1].isupper())
        or text.isupper()
        or following.is_sent_start
        or following.is_stop
    ):
        return False
    return (
        following.lower_ not in ADMIN_SUFFIXES
        and following.lower_ not in CITY_SUFFIXES
        and not is_upper_text(following.sent)
    )


def inside_person(span: Span, doc: Doc) -> bool:
    """Whether the name is one part of a longer PERSON entity ("Mary Smith", "Immanuel Kant")."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            return True
    return False


def resolve_candidates(candidates: list[Candidate], doc: Doc, gazetteer: Gazetteer, countries: Counter[str]) -> None:
    """Choose each candidate's place and decide whether it is used as one."""
    runs = group_runs(candidates, doc)
    for run in runs:
        apply_suffix(run, doc)
        lead = locative_weight(doc, run[0].start)
        for member in run:
            name = doc[member.start : member.end].text
            if member.entries:  # "Garowe, the capital of Puntland"; ", in Kajiado County" only for a weak reading
                short = weak_reading(member.entries, fold(name), countries)
                member.located_in = apposition_country(doc, member.end, gazetteer, countries, short=short)
            local = sentence_countries(doc[member.start].sent, gazetteer) if not member.entries else []
            member.chosen = choose_entry(member, gazetteer, countries, name, local)
            home = home_weight(member, countries)
            member.score = evidence(member, doc) + (lead if member is not run[0] else 0) + home
            if member.score < 3 and not home:  # an admin area of the document's country qualifying a noun
                member.score += home_admin_area(member.chosen, countries)
        listed = any(m.score >= 3 for m in run)
        for member in run:
            member.confidence = mention_confidence(member, listed)
        if lead >= 2:
            place_listed_unknowns(run, doc)


# Evidence that a name of the document's own country is used as a place: a report on Haiti names
# its departments ("Nippes", "Grand'Anse") and towns bare, as a report on a city names its streets.
HOME_WEIGHTS = {"admin_area": 2, "city": 1}


def home_weight(candidate: Candidate, countries: Counter[str]) -> int:
    """Extra evidence for an admin area or city of the document's leading country, named at least twice."""
    entry = candidate.chosen
    if entry is None or not candidate.entries or entry.country is None or countries[entry.country] < 2:
        return 0  # one mention makes no country the document's own ("the Rasht Valley" alone)
    return HOME_WEIGHTS.get(entry.type, 0) if entry.country == leading_country(countries) else 0


def place_listed_unknowns(run: list[Candidate], doc: Doc) -> None:
    """Names the gazetteer lacks in a list after a locative, with a city kept as a place, are towns
    of that city's country, the nearest one's when it holds several ("from Thimphu and Gelephu")."""
    cities = [m for m in run if m.entries and m.chosen is not None and m.chosen.type == "city" and m.confidence > 0]
    for member in run:
        if member.listed_with and member.chosen is None and cities:
            partner = min(cities, key=lambda city: abs(city.start - member.start))
            name = doc[member.start : member.end].text
            member.chosen = GazetteerEntry(name, "city", partner.chosen.country if partner.chosen else None)
            member.confidence = CONFIDENCE["guessed"]


def mention_confidence(candidate: Candidate, listed: bool) -> float:
    """Confidence of a resolved candidate, 0 when it is not used as a place.

    Args:
        candidate: The candidate, resolved and scored.
        listed: Whether another member of its list is used as a place.
    """
    entry = candidate.chosen
    if entry is None or candidate.score <= -3 or (candidate.score < 3 and not listed):
        return 0.0
    if candidate.located_in is not None and entry.type == "city" and entry.geonames_id is None:
        return CONFIDENCE["unknown"]
    if not candidate.entries:
        return CONFIDENCE["unknown"] if candidate.suffix else CONFIDENCE["guessed"]
    if candidate.score >= 5:
        return CONFIDENCE["strong"]
    return CONFIDENCE["gazetteer"] if candidate.score >= 3 else CONFIDENCE["listed"]


def iter_candidates(doc: Doc, gazetteer: Gazetteer, names: NameSpans, countries: Counter[str]) -> list[Candidate]:
    """Gazetteer names, and unknown names with an admin suffix, an apposition or a place label, in token order.

    Args:
        doc: The passage's parse.
        gazetteer: The gazetteer.
        names: The passage's gazetteer names (`iter_name_spans`), found once per passage.
        countries: The document's countries (`document_countries`).
    """
    candidates = [Candidate(start, end, tuple(entries)) for start, end, entries in names]
    taken = {i for c in candidates for i in range(c.start, c.end)}
    candidates += [Candidate(start, end, ()) for start, end in iter_unknown_admin_spans(doc, taken)]
    taken = {i for c in candidates for i in range(c.start, c.end)}
    appositions = iter_unknown_appositions(doc, gazetteer, countries, taken)
    candidates += [Candidate(start, end, (), located_in=code, placed=True) for start, end, code in appositions]
    taken = {i for c in candidates for i in range(c.start, c.end)}
    candidates += [
        Candidate(ent.start, ent.end, (), label=ent.label_) for ent in iter_unknown_entities(doc, gazetteer, taken)
    ]
    taken = {i for c in candidates for i in range(c.start, c.end)}
    candidates += [
        Candidate(start, end, (), listed_with=True) for start, end in iter_listed_unknowns(doc, gazetteer, names, taken)
    ]
    return sorted(candidates, key=lambda c: c.start)


def iter_capital_mentions(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[int, int, GazetteerEntry]]:
    """ "the Kyrgyz capital": a demonym before "capital" names the country's capital city."""
    for token in doc:
        if token.lower_ != "capital" or token.i == 0:
            continue
        for n in (2, 1):
            start = token.i - n
            if start < 0:
                continue
            code = gazetteer.demonyms.get(fold(doc[start : token.i].text))
            capital = gazetteer.capitals.get(code or "")
            if capital is not None and doc[start].text[:1].isupper():
                yield doc[start].idx, token.idx + len(token.text), capital
                break


def document_countries(passages: Sequence[Passage], names: Sequence[NameSpans]) -> Counter[str]:
    """How often the document names each country, directly or through a place only it has.

    This is the prior for ambiguous names: "Kant" in a bulletin that mentions Bishkek is the
    Kyrgyz town, not the Indian one. A name that is only an alternate name of a place (not its
    own) counts only for a country the document names otherwise: "Namanga", a Kenyan border town
    the gazetteer lacks, is also an alternate name of Namangan, and does not make a bulletin about
    Eastern Africa name Uzbekistan.
    """
    counts: Counter[str] = Counter()
    alternates: list[str] = []
    for passage, spans in zip(passages, names, strict=False):
        doc = passage.doc
        for start, end, entries in spans:
            if entries[0].type == "country" and entries[0].country:
                counts[entries[0].country] += 1
            elif implies_country(doc, start, end, entries):
                key = fold(doc[start:end].text)
                if any(own_name(entry, key) for entry in entries):
                    counts[entries[0].country or ""] += 1
                else:
                    alternates.append(entries[0].country or "")
    for code in alternates:
        if counts[code]:
            counts[code] += 1
    return counts


def direct_countries(names: Sequence[NameSpans]) -> frozenset[str]:
    """The countries the document names by a country's name ("Ethiopia", "the Kyrgyz Republic")."""
    return frozenset(
        entries[0].country
        for spans in names
        for _, _, entries in spans
        if entries[0].type == "country" and entries[0].country
    )


def article_countries(
    passages: Sequence[Passage], gazetteer: Gazetteer, names: Mapping[int, NameSpans]
) -> Counter[str]:
    """How often an article's passages (those of one section) name each country (`named_countries`).

    The evidence for a site that nothing near it locates: "Suvarnabhumi Airport" in an article
    about Thailand's new port control unit ("the Thai Customs Department", "the Royal Thai Police").
    """
    counts: Counter[str] = Counter()
    for passage in passages:
        counts.update(named_countries(passage.doc[:], gazetteer, names[passage.index]))
    return counts


def site_names(sites: Sequence[Sequence[Site]]) -> dict[str, Site]:
    """The document's sites by their name without site nouns (`Site.head`): "bole" → Bole
    International Airport, "namanga" → Namanga."""
    heads: dict[str, Site] = {}
    for site in (site for passage in sites for site in passage):
        if site.head and site.country:
            heads.setdefault(site.head, site)
    return heads


@register("places.gazetteer")
class PlaceGazetteer(Extractor):
    """Gazetteer names used as places, names the text locates clearly, and sites."""

    name = "places.gazetteer"
    kind = "place"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        gazetteer = load_gazetteer()
        names = [list(iter_name_spans(passage.doc, gazetteer)) for passage in passages]
        countries = document_countries(passages, names)
        home = town_countries(countries)
        for spans, passage in zip(names, passages, strict=False):
            towns = list(iter_town_spans(passage.doc, home, spans))
            spans[:] = sorted(
                [*(s for s in spans if not any(t[0] <= s[0] and s[1] <= t[1] for t in towns)), *towns],
                key=lambda span: span[0],
            )
        named = direct_countries(names)
        sections: dict[str, list[Passage]] = {}
        for passage in passages:
            if passage.section is not None:
                sections.setdefault(passage.section, []).append(passage)
        # Counted only for the articles of the few sites that nothing nearer locates.
        by_index = {passage.index: spans for passage, spans in zip(passages, names, strict=False)}
        article_of = functools.cache(lambda section: article_countries(sections[section], gazetteer, by_index))
        sites = agree_sites(
            [
                list(
                    iter_sites(
                        passage.text,
                        passage.doc,
                        gazetteer,
                        countries,
                        functools.partial(article_of, passage.section) if passage.section is not None else None,
                        named,
                    )
                )
                for passage in passages
            ]
        )
        heads = site_names(sites)
        diseases = disease_names(passage.text for passage in passages)
        for passage, spans, passage_sites in zip(passages, names, sites, strict=False):
            for mention in self.find(passage, gazetteer, countries, spans, passage_sites, heads, named):
                kept = common_word_reading(passage.text[mention.start : mention.end], mention, countries, diseases)
                if kept is not None:
                    yield kept

    def find(
        self,
        passage: Passage,
        gazetteer: Gazetteer,
        countries: Counter[str],
        names: NameSpans,
        sites: Sequence[Site],
        heads: Mapping[str, Site],
        named: frozenset[str] = frozenset(),
    ) -> Iterator[Mention]:
        """The place mentions of one passage, in text order.

        Args:
            passage: The passage.
            gazetteer: The gazetteer.
            countries: The document's countries (`document_countries`).
            names: The passage's gazetteer names.
            sites: The passage's sites, their countries agreed across the document (`agree_sites`).
            heads: The document's sites by name without site nouns (`site_names`): a name written
                alone that the gazetteer lacks, knows weakly or puts in another country is the site
                ("a third of them at Bole" after "Bole International Airport in Addis Ababa").
            named: Countries the document names outright (`direct_countries`).
        """
        doc = passage.doc
        mentions: list[Mention] = []
        for site in sites:
            if is_institution(site.name):
                continue  # "Downing Street", "the Capitol": an institution, not a place
            value = GazetteerEntry(site.name, "site", site.country).to_value()
            mentions.append(
                Mention(passage.index, site.start, site.end, "place", value, self.name, CONFIDENCE["unknown"])
            )
        candidates = iter_candidates(doc, gazetteer, names, countries)
        resolve_candidates(candidates, doc, gazetteer, countries)
        towns: list[tuple[int, int, GazetteerEntry]] = []
        for candidate in candidates:
            if candidate.chosen is None or candidate.confidence <= 0:
                continue
            if not candidate.suffix and lacks_evidence(doc[candidate.start : candidate.end], candidate.chosen, named):
                continue
            span = doc[candidate.start : candidate.suffix_end or candidate.end]
            end = span.end_char
            if any(s.start < end and span.start_char < s.end for s in sites):
                continue
            value, confidence = candidate.chosen.to_value(), candidate.confidence
            key = fold(doc[candidate.start : candidate.end].text)
            named_site = heads.get(key) if not candidate.suffix else None
            if named_site is not None and names_site(candidate, named_site, key, countries):
                value, confidence = (
                    GazetteerEntry(named_site.name, "site", named_site.country).to_value(),
                    CONFIDENCE["unknown"],
                )
            mentions.append(Mention(passage.index, span.start_char, end, "place", value, self.name, confidence))
            if candidate.chosen.type == "city":
                towns.append((span.start_char, end, candidate.chosen))
        mentions += self.address_mentions(passage, towns, mentions)
        for start, end, capital in iter_capital_mentions(doc, gazetteer):
            mentions.append(
                Mention(passage.index, start, end, "place", capital.to_value(), self.name, CONFIDENCE["capital"])
            )
        yield from sorted(mentions, key=lambda m: (m.start, m.end))

    def address_mentions(
        self, passage: Passage, towns: list[tuple[int, int, GazetteerEntry]], taken: Sequence[Mention]
    ) -> list[Mention]:
        """Towns of postal addresses the gazetteer lacks, and the admin areas state codes name."""
        found: list[Mention] = []
        for start, end, town in iter_address_towns(passage.text):
            if not any(m.start < end and start < m.end for m in taken):
                towns.append((start, end, town))
                value = town.to_value()
                found.append(Mention(passage.index, start, end, "place", value, self.name, CONFIDENCE["unknown"]))
        for start, end, area in iter_state_codes(passage.doc, towns):
            if not any(m.start < end and start < m.end for m in [*taken, *found]):
                value = area.to_value()
                found.append(Mention(passage.index, start, end, "place", value, self.name, CONFIDENCE["gazetteer"]))
        return found


def town_countries(countries: Counter[str]) -> list[str]:
    """The countries whose small towns a document may name: those it names at least twice and at
    least half as often as its leading country (a report on Haiti and Jamaica has both)."""
    ranked = countries.most_common()
    if not ranked:
        return []
    top = ranked[0][1]
    return [code for code, count in ranked if code and count >= 2 and 2 * count >= top]


def common_word_reading(
    text: str, mention: Mention, countries: Counter[str], diseases: frozenset[str]
) -> Mention | None:
    """A place mention as kept: a disease or registered acronym dropped, a compass name read in the document's country.

    "South" is Haiti's Sud in a report on Haiti and no place in a report on a country that has no
    admin area of that name. See `extractors.places.common_words`.
    """
    value = mention.value
    if not isinstance(value, PlaceValue):
        return mention
    if fold(text) in diseases or is_registered_acronym(text):
        return None
    home = leading_country(countries)
    if value.type == "city" and home and not countries[value.country or ""] and fold(value.name) != fold(text):
        return None  # "Black River" in a report on Jamaica is no other name of Lorain, Ohio
    words = text.split()
    name = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in ADMIN_SUFFIXES else text
    if value.type != "admin_area" or not is_compass_name(name):
        return mention
    if value.country == home:
        return mention
    local = load_gazetteer().admin_areas(name, home) if home else ()
    return dataclasses.replace(mention, value=local[0].to_value()) if local else None


def names_site(candidate: Candidate, site: Site, key: str, countries: Counter[str]) -> bool:
    """Whether a name written alone means a site of the document named so ("at Bole", "in Namanga").

    It does when the gazetteer lacks the name, knows it only weakly, or puts it in another
    country than the site's: "Bole", a Chinese city, after "Bole International Airport in Addis
    Ababa". A city of the site's own country keeps its reading: "Karachi" beside "Karachi port".
    """
    entry = candidate.chosen
    if entry is None or entry.type not in ("city", "admin_area"):
        return False
    if not candidate.entries or entry not in candidate.entries:
        return True
    return entry.country != site.country or weak_reading(candidate.entries, key, countries)
