"""Organisations: full names spotted by rule, and acronyms resolved across the document.

Three sources, in order of trust:
1. Acronym definitions ("the World Customs Organization (WCO)", "NCDC (National ... Control)"),
   found document-wide, so that a bare "WCO" on page 1 resolves to a definition on page 3.
2. Names: runs of capitalised words joined by "of", "for", "on", "under", "and" (and "the"
   after them), whose head is an organisation noun: "State Customs Service of Turkmenistan",
   "General Prosecutor's Office", "Ministry of Education and Science of the Kyrgyz Republic".
   A leading "the" is dropped. Passages already join a paragraph's lines, so a name broken
   across lines comes out whole.
3. Bare acronyms, defined in the document or known to the curated registry
   (`data/organisations.json`), including composites ("UNOV/UNODC", "UNODC-WCO") and
   possessives ("UNODC's").

Not organisations: programmes and projects ("Container Control Programme", "Line Up Live
Up", "Treatnet II"), strategies, events and days, documents, people, generic heads used alone
("the Government", "the Office"), plurals ("port control units"), and anything in a heading set
in capitals. spaCy's ORG label is not used to find names: on this genre it marks programmes,
events and headings as often as organisations ("Capacity Building", "a Women's Football
Tournament", "April Kazakhstan"), and the head-noun rule covers what it gets right.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.capitals import is_upper_text
from extractors.gazetteer.index import load_gazetteer
from extractors.organisations.acronyms import (
    LONG_THEN_SHORT,
    SHORT_THEN_LONG,
    Definition,
    RegistryEntry,
    clean_long_form,
    is_acronym,
    iter_definitions,
    load_registry,
    reconcile,
)
from extractors.organisations.bodies import iter_body_spans, iter_red_cross_spans
from extractors.organisations.companies import (
    is_description,
    iter_bodies,
    iter_capitals_bodies,
    iter_companies,
)
from extractors.organisations.entities import iter_entity_spans
from extractors.organisations.nested import split_parent
from extractors.organisations.short_names import lengthen_short_names
from schemas.values import OrganisationValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

# Nouns that head an organisation's name.
ORG_HEADS = frozenset(
    [
        "customs",
        "organization",
        "organisation",
        "office",
        "ministry",
        "agency",
        "department",
        "bureau",
        "service",
        "committee",
        "commission",
        "council",
        "federation",
        "union",
        "association",
        "government",
        "court",
        "tribunal",
        "police",
        "guard",
        "force",
        "centre",
        "center",
        "institute",
        "institution",
        "university",
        "academy",
        "foundation",
        "fund",
        "bank",
        "authority",
        "directorate",
        "administration",
        "unit",
        "secretariat",
        "parliament",
        "assembly",
        "senate",
        "cabinet",
        "inspectorate",
        "board",
        "group",
        "society",
        "mission",
        "college",
        "hospital",
        "dispensary",
        "league",
        "alliance",
        "coalition",
        "chamber",
        "corporation",
        "company",
        "division",
        "procuracy",
        "prosecution",
        "militia",
        "gendarmerie",
        "headquarters",
        "nations",
        "forces",
        "services",
        "troops",
        "community",
        "navy",
        "army",
        "coastguard",
        "cluster",
        "corps",
    ]
)
# Titles whose holder's office is a body ("Director of Public Prosecutions' Office"); after
# other words a possessive leaves the head before it ("Staff of the General Prosecutor's Office").
OFFICE_HOLDERS = frozenset(
    [
        "director",
        "attorney",
        "prosecutor",
        "auditor",
        "inspector",
        "commissioner",
        "registrar",
        "ombudsman",
        "solicitor",
        "controller",
        "comptroller",
        "procurator",
    ]
)
# Heads that also name an administrative area after a place's name ("Chattogram Division").
ADMIN_AREA_HEADS = frozenset({"division", "department"})
# Plural heads that still name one body ("United Nations", "Armed Forces", "Customs Headquarters").
PLURAL_HEADS = frozenset({"nations", "forces", "headquarters", "services", "troops", "corps"})
# Heads of what is not an organisation, even when an acronym is defined for it.
NON_ORG_HEADS = frozenset(
    [
        "programme",
        "program",
        "programmes",
        "programs",
        "project",
        "projects",
        "initiative",
        "strategy",
        "plan",
        "campaign",
        "segment",
        "component",
        "declaration",
        "convention",
        "goal",
        "goals",
        "agenda",
        "framework",
        "day",
        "week",
        "conference",
        "forum",
        "summit",
        "meeting",
        "workshop",
        "course",
        "training",
        "act",
        "law",
        "treaty",
        "protocol",
        "report",
        "survey",
        "system",
        "database",
        "tournament",
        "award",
        "prize",
    ]
)
# Heads whose name may end with the country they are in ("UNODC Programme Office in Kyrgyzstan");
# after other heads, and before a city, "in" says where a body is, not what it is called.
LOCATED_HEADS = frozenset({"office", "mission", "delegation", "representation", "embassy", "presence"})
# Lower-case words that join the parts of a name.
CONNECTORS = frozenset({"of", "for", "on", "and", "under", "against", "&"})
# Connectors that may join two organisations' names ("Committee under the Ministry of Finance").
SPLITTING_CONNECTORS = frozenset({"and", "&", "under"})
# Modifiers that leave a head generic when nothing else names the body ("its Regional Department").
GENERIC_MODIFIERS = frozenset(
    [
        "regional",
        "national",
        "central",
        "local",
        "state",
        "federal",
        "general",
        "main",
        "new",
        "provincial",
        "district",
        "city",
        "municipal",
        "joint",
        "special",
        "technical",
        "permanent",
        "country",
        "field",
        "head",
    ]
)
# Connectors after which a name's complement starts: its head is the word before the first one.
SEGMENT_CONNECTORS = frozenset({"of", "for", "on", "under", "against"})
# Capitalised words that start a sentence or heading but never a name.
LEADING_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "for",
        "with",
        "since",
        "during",
        "after",
        "before",
        "through",
        "throughout",
        "as",
        "and",
        "or",
        "but",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "new",
        "between",
        "among",
        "under",
        "over",
        "while",
        "when",
        "where",
        "both",
        "each",
        "every",
        "all",
        "some",
    ]
)
CONFIDENCE = {
    "definition": 0.9,
    "name": 0.8,
    "defined": 0.85,
    "registry": 0.8,
    "entity": 0.6,
    "company": 0.85,
    "body": 0.75,
}
# Candidates from the statistical model carry their own extractor name: they are found differently.
ENTITY_EXTRACTOR = "organisations.entities"
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


@dataclasses.dataclass(frozen=True)
class Acronyms:
    """What the document's acronyms mean.

    Attributes:
        names: Acronym → (full name, is an organisation), from the document's definitions first
            and the registry second.
        by_name: Folded full name → acronym, to know a spelled-out name as an organisation's.
        used: Acronyms the document writes (defined or bare): a spelled-out name is recorded
            with its acronym only when the text uses it ("Council of Europe" alone has none).
    """

    names: Mapping[str, tuple[str, bool]]
    by_name: Mapping[str, str]
    used: frozenset[str] = frozenset()

    def acronym_of(self, name: str) -> str | None:
        """The acronym the document uses for a spelled-out name, or None."""
        acronym = self.by_name.get(fold_name(name))
        return acronym if acronym in self.used else None

    def lookup(self, acronym: str) -> tuple[str, bool] | None:
        """The full name of an acronym and whether it is an organisation, or None."""
        found = self.names.get(acronym)
        if found is None and acronym.endswith("s") and acronym[:-1] in self.names:
            return None  # "SDGs", "NGOs": a plural is never one organisation
        return found


def fold_name(text: str) -> str:
    """Case- and punctuation-insensitive form of a name, for matching names with acronyms."""
    return " ".join(re.sub(r"[^\w]+", " ", text.replace("’", "'").lower()).split())


def is_place_word(words: Sequence[str], kinds: tuple[str, ...] = ("country", "city")) -> bool:
    """Whether words name a country (or city) of the gazetteer ("Pakistan", "Kyrgyz Republic")."""
    return any(entry.type in kinds for entry in load_gazetteer().lookup(" ".join(words)))


def head_word(name: str) -> str:
    """The head noun of a name: the last word before its first "of"/"for"/"on"/"under"/"in".

    A country after the head is the body's post-modifier, not its head ("UNODC Country Office
    Pakistan").
    """
    words = name.replace("’", "'").split()
    owners = [i for i, word in enumerate(words[:-1]) if word.endswith(("'s", "s'"))]
    if owners and words[0].lower() in OFFICE_HOLDERS:
        words = words[owners[-1] + 1 :]  # "Director of Public Prosecutions' Office" is an office
    for position, word in enumerate(words):
        if (word.lower() in SEGMENT_CONNECTORS or word.lower() in ("in", "at")) and position > 0:
            words = words[:position]
            break
    while len(words) > 1 and words[-2].lower() in ORG_HEADS and is_place_word(words[-1:]):
        words.pop()
    if len(words) > 1 and words[-1].lower() == "general" and words[-2].lower() in ORG_HEADS:
        words.pop()  # "Directorate General of Civil Protection", "Secretariat General": the body comes first
    return words[-1].lower().strip(",.;:") if words else ""


def is_organisation_name(name: str) -> bool:
    """Whether a name's head says it names an organisation (not a programme, event or plural).

    "Customs" heads a name only after a country ("Pakistan Customs"); after a demonym it
    qualifies people ("Turkmen Customs officers").
    """
    head = head_word(name)
    if head.endswith("'s"):
        head = head[:-2]
    words = name.replace("’", "'").split()
    if head == "customs":
        return len(words) > 1 and words[-1].lower() == "customs" and is_place_word(words[:-1], ("country",))
    if head in NON_ORG_HEADS or head not in ORG_HEADS:
        return False
    if head in ADMIN_AREA_HEADS and names_admin_area(_head_phrase(words).split()[:-1]):
        return False  # "Chattogram Division", "Haiti's Sud Department" are administrative divisions, not bodies
    if head.endswith("s") and head not in PLURAL_HEADS:
        return False
    return is_specific(words)


def names_admin_area(words: Sequence[str]) -> bool:
    """Whether the last words before a head name a city or admin area ("Sud", "Haiti's Nord-Ouest")."""
    return any(is_place_word(words[first:], ("city", "admin_area")) for first in range(len(words)))


def _head_phrase(words: Sequence[str]) -> str:
    """The words of a name up to its head (before the first connector)."""
    cut = next(
        (i for i, word in enumerate(words) if i > 0 and word.lower() in (*SEGMENT_CONNECTORS, "in", "at")), len(words)
    )
    return " ".join(words[:cut])


def is_specific(words: Sequence[str]) -> bool:
    """Whether a name says which body it is: "Legal Statistics Unit", "Government of Japan".

    A head alone or with generic modifiers ("its Regional Department", "the Office in
    Kyrgyzstan") names a kind of body; a complement with "of", "for", "on" or "under" makes it one.
    """
    lowered = [word.lower() for word in words]
    cut = next(
        (i for i, word in enumerate(lowered) if i > 0 and word in (*SEGMENT_CONNECTORS, "in", "at")), len(lowered)
    )
    modifiers = lowered[: cut - 1]
    if any(word not in GENERIC_MODIFIERS for word in modifiers):
        return True
    return any(word in SEGMENT_CONNECTORS for word in lowered[cut : cut + 1])


def definition_is_organisation(definition: Definition, text: str, registry: Mapping[str, RegistryEntry]) -> bool:
    """Whether a defined acronym names an organisation.

    The registry's word decides where it has one (UNDP is an organisation, CCP a programme);
    otherwise the long form's head does, and a programme noun right after the parenthesis
    ("Export Control and Related Border Security (EXBS) Programme") makes it a programme.
    """
    entry = registry.get(definition.short)
    if entry is not None:
        return entry.kind == "organisation"
    following = re.match(r"\s*([A-Za-z]+)", text[definition.end :])
    if following and following.group(1).lower() in NON_ORG_HEADS:
        return False
    return is_organisation_name(definition.long)


def collect_acronyms(
    passages: Sequence[Passage], registry: Mapping[str, RegistryEntry]
) -> tuple[Acronyms, dict[int, list[Definition]]]:
    """The document's acronym table, and its definitions by passage.

    Returns:
        The table, and passage index → definitions found in it (reconciled with the registry).
    """
    names: dict[str, tuple[str, bool]] = {}
    definitions: dict[int, list[Definition]] = {}
    for passage in passages:
        found = [reconcile(d, passage.text, registry) for d in iter_definitions(passage.text)]
        found += list(iter_translated_definitions(passage, found))
        definitions[passage.index] = found
        for definition in found:
            names.setdefault(
                definition.short, (definition.long, definition_is_organisation(definition, passage.text, registry))
            )
    for key, entry in registry.items():
        names.setdefault(key, (entry.name, entry.kind == "organisation"))
    by_name: dict[str, str] = {}
    for acronym, (name, _) in names.items():
        registry_entry = registry.get(acronym)
        by_name.setdefault(fold_name(name), registry_entry.acronym if registry_entry else acronym)
    pattern = acronym_pattern(tuple(sorted(names)))
    used = {d.short for found in definitions.values() for d in found}
    for passage in passages:
        for match in pattern.finditer(passage.text):
            known = registry.get(match.group("acronym"))
            used.add(known.acronym if known is not None else match.group("acronym"))
    return Acronyms(names, by_name, frozenset(used)), definitions


def iter_translated_definitions(passage: Passage, found: Sequence[Definition]) -> Iterator[Definition]:
    """Acronyms of another language beside an English name ("Central Office for the Repression of
    Illicit Drug Trafficking (OCRTIS)", "MINUSMA (United Nations ... Mission in Mali)").

    Their letters do not spell the English words, so Schwartz–Hearst finds nothing; an
    organisation's name right against the parenthesis, or inside it, is taken as the long form.
    """
    text = passage.text
    covered = [(d.start, d.end) for d in found]
    names = list(iter_name_spans(passage.doc))
    for match in LONG_THEN_SHORT.finditer(text):
        if overlaps(match.start(), match.end(), covered):
            continue
        for start, end in names:
            if end <= match.start() and not text[end : match.start()].strip():
                yield Definition(match.group("short"), " ".join(text[start:end].split()), start, match.end())
                break
    for match in SHORT_THEN_LONG.finditer(text):
        long = clean_long_form(match.group("long"))
        if not overlaps(match.start(), match.end(), covered) and long[:1].isupper() and is_organisation_name(long):
            yield Definition(match.group("short"), long, match.start("short"), match.end())


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a name ("Customs", "U.S.", "UNODC", "II")."""
    text = token.text
    return text[:1].isupper() and (text.replace(".", "").replace("'", "").isalnum() or is_acronym(text))


def is_possessive(token: Token) -> bool:
    """A possessive ending, however the apostrophe is typed ("'s", "’s", "`s", a plural's "s'")."""
    if token.text in ("'s", "’s", "`s"):
        return True
    return (
        token.text in ("'", "’")
        and token.i > 0
        and not token.nbor(-1).whitespace_
        and token.nbor(-1).lower_.endswith("s")
    )


def joins_words(doc: Doc, i: int) -> bool:
    """A hyphen inside a hyphenated name ("Information-Analytical")."""
    token = doc[i]
    return (
        token.text == "-"
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and i + 1 < len(doc)
        and is_name_word(doc[i + 1])
    )


def chain_end(doc: Doc, i: int, limit: int) -> int:
    """Token after the last name word of the capitalised run starting at token i."""
    j, last = i, i
    while j < limit:
        token = doc[j]
        if is_name_word(token):
            j += 1
            last = j
        elif j > i and (is_possessive(token) or joins_words(doc, j)):
            j += 1
        elif (
            token.lower_ == "in"
            and j > i
            and doc[j - 1].lower_ in LOCATED_HEADS
            and (n := country_length(doc, j + 1, limit))
        ):
            j += 1 + n
            last = j
        elif token.lower_ in CONNECTORS and j + 1 < limit:
            k = j + 1
            if (
                doc[k].lower_ == "the"
                and k + 1 < limit
                and (token.lower_ != "and" or ends_with_region(doc, k + 1, limit))
            ):
                k += 1  # "and the" goes on only into a region that ends the name: "... Southeast Asia and the Pacific"
            if not is_name_word(doc[k]):
                break
            j = k
        else:
            break
    return last


def country_length(doc: Doc, start: int, limit: int) -> int:
    """Tokens of the country named at token `start` ("Kyrgyzstan": 1, "the Kyrgyz Republic": 3), or 0."""
    for n in (4, 3, 2, 1):
        if (
            start + n <= limit
            and is_name_word(doc[start + n - 1])
            and is_place_word([doc[start : start + n].text], ("country",))
        ):
            return n
    return 0


def region_length(doc: Doc, start: int, limit: int) -> int:
    """Tokens of the region or country named at token `start` ("Pacific": 1, "Middle East": 2), or 0."""
    for n in (3, 2, 1):
        if (
            start + n <= limit
            and is_name_word(doc[start + n - 1])
            and is_place_word([doc[start : start + n].text], ("region", "country"))
        ):
            return n
    return 0


def ends_with_region(doc: Doc, start: int, limit: int) -> bool:
    """Whether a region or country named at `start` ends the capitalised run ("and the Pacific"),
    rather than beginning another body's name ("and the Sri Lanka Police")."""
    n = region_length(doc, start, limit)
    return n > 0 and (start + n >= limit or not is_name_word(doc[start + n]))


def split_at_and(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of a run that names two organisations ("Ministry of Justice and Ministry of Interior").

    "and" stays inside a name when only one side has an organisation head ("Office on Drugs
    and Crime", "Food and Agriculture Organization").
    """
    parts: list[tuple[int, int]] = []
    part_start = start
    for i in range(start, end):
        if doc[i].lower_ not in SPLITTING_CONNECTORS:
            continue
        right_start = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        both = organisation_within(doc, part_start, i) and organisation_within(doc, right_start, end)
        if both or is_acronym(doc[right_start].text) or is_acronym(doc[i - 1].text):
            parts.append((part_start, i))
            part_start = right_start
    parts.append((part_start, end))
    return parts


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A part without leading function words and trailing connectors or possessives."""
    while start < end and (doc[start].lower_ in LEADING_STOPWORDS or (doc[start].is_sent_start and doc[start].is_stop)):
        start += 1
    for owner in (1, 2, 3):
        # "Niger's Central Office", "Viet Nam's Supreme People's Court": the country owns the body.
        if (
            start + owner + 1 < end
            and is_possessive(doc[start + owner])
            and is_place_word([doc[start : start + owner].text])
        ):
            start += owner + 1
            break
    while end > start and (doc[end - 1].lower_ in CONNECTORS or doc[end - 1].lower_ == "the"):
        end -= 1
    return start, end


def iter_name_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """Character spans of organisation names spelled out in the text."""
    for sentence in doc.sents:
        if is_upper_text(sentence):
            continue
        i = sentence.start
        limit = sentence.end
        while limit < len(doc) and _INITIALISM.fullmatch(doc[limit - 1].text):
            limit = doc[limit].sent.end  # "the U.S. | Copyright Office": the parser ends a sentence at "U.S."
        while i < sentence.end:
            if not is_name_word(doc[i]):
                i += 1
                continue
            end = chain_end(doc, i, limit)
            for part_start, part_end in split_at_and(doc, i, end):
                found = organisation_within(doc, *trim(doc, part_start, part_end))
                if found is not None and not is_description(doc, *found):
                    yield doc[found[0]].idx, doc[found[1] - 1].idx + len(doc[found[1] - 1].text)
            i = max(end, i + 1)


def organisation_within(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The longest organisation name that ends a capitalised run, or None.

    The run may start with what the organisation is a complement of: "Major Gulnara Sydykova of
    the Ministry of Internal Affairs", "Staff of the General Prosecutor's Office".
    """
    for s in range(start, end - 1):
        if s > start and not (doc[s - 1].lower_ in SEGMENT_CONNECTORS or doc[s - 1].lower_ == "the"):
            continue
        if (
            is_name_word(doc[s])
            and is_organisation_name(doc[s:end].text)
            and not is_place_word([doc[s:end].text], ("country",))
        ):
            return s, end  # "the Russian Federation" is a country
    return None


@functools.cache
def acronym_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of the given acronyms as a word, possessive allowed."""
    alternatives = "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?P<acronym>{alternatives})(?=['’`]s\b|[^\w]|$)")


def iter_acronym_spans(text: str, doc: Doc, acronyms: Acronyms) -> Iterator[tuple[int, int, str]]:
    """Bare acronyms of organisations: (start, end, acronym).

    A sentence set in capitals is skipped: there every word looks like an acronym ("WHO WE
    ARE", "IT SUPPORT"), and its organisations are named again in the running text.
    """
    pattern = acronym_pattern(tuple(sorted(acronyms.names)))
    for match in pattern.finditer(text):
        acronym = match.group("acronym")
        found = acronyms.lookup(acronym)
        if found is None or not found[1]:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and is_upper_text(span.sent):
            continue
        yield match.start(), match.end(), acronym


@register("organisations.rules")
class OrganisationRules(Extractor):
    """Acronym definitions, names headed by an organisation noun, and known acronyms."""

    name = "organisations.rules"
    kind = "organisation"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        registry = load_registry()
        acronyms, definitions = collect_acronyms(passages, registry)
        found = [
            m
            for passage in passages
            for m in self.find(passage, acronyms, definitions.get(passage.index, []), registry)
        ]
        yield from lengthen_short_names(found)

    def find(
        self,
        passage: Passage,
        acronyms: Acronyms,
        definitions: Sequence[Definition],
        registry: Mapping[str, RegistryEntry],
    ) -> Iterator[Mention]:
        """The organisation mentions of one passage, in text order."""
        text, doc = passage.text, passage.doc
        mentions: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for definition in definitions:
            if not definition_is_organisation(definition, text, registry):
                taken.append((definition.start, definition.end))
                continue
            name, acronym = self.canonical(definition.short, definition.long, registry)
            end = definition.end
            nested = split_parent(definition, text) if name == definition.long else None
            if nested is not None:  # "... Administration of the Department of Commerce (NTIA)": two bodies
                name, parent = nested
                end = text.rfind(" of the ", definition.start, parent.start)
                parent_value = OrganisationValue(name=parent.name, acronym=None)
                confidence = CONFIDENCE["name"]
                mentions.append(
                    Mention(
                        passage.index, parent.start, parent.end, "organisation", parent_value, self.name, confidence
                    )
                )
            value = OrganisationValue(name=name, acronym=acronym)
            mentions.append(
                Mention(
                    passage.index,
                    definition.start,
                    end,
                    "organisation",
                    value,
                    self.name,
                    CONFIDENCE["definition"],
                )
            )
            taken.append((definition.start, definition.end))
        for start, end, name in (*iter_body_spans(text), *iter_red_cross_spans(text)):
            if overlaps(start, end, taken):
                continue
            value = OrganisationValue(name=name, acronym=acronyms.acronym_of(name))
            mentions.append(Mention(passage.index, start, end, "organisation", value, self.name, CONFIDENCE["name"]))
            taken.append((start, end))
        for start, end in (part for span in iter_name_spans(doc) for part in split_known_suffix(text, *span, acronyms)):
            if overlaps(start, end, taken):
                continue
            name = " ".join(text[start:end].split())
            found_acronym = acronyms.acronym_of(name)
            mentions.append(
                Mention(
                    passage.index,
                    start,
                    end,
                    "organisation",
                    OrganisationValue(name=name, acronym=found_acronym),
                    self.name,
                    CONFIDENCE["name"],
                )
            )
            taken.append((start, end))
        mentions += self.outside_un(passage, taken)
        for start, end, acronym in iter_acronym_spans(text, doc, acronyms):
            if overlaps(start, end, taken):
                continue
            full, _ = acronyms.names[acronym]
            local = place_before(text, start) if acronym not in registry else None
            if local is not None and not overlaps(local[0], end, taken):
                # "Sidama RHB" after "Regional Health Bureau (RHB)": Sidama's bureau, another body of that kind
                value = OrganisationValue(name=f"{local[1]} {full}", acronym=None)
                mentions.append(
                    Mention(passage.index, local[0], end, "organisation", value, self.name, CONFIDENCE["name"])
                )
                taken.append((local[0], end))
                continue
            name, canonical_acronym = self.canonical(acronym, full, registry)
            confidence = (
                CONFIDENCE["registry"]
                if acronym in registry and full == registry[acronym].name
                else CONFIDENCE["defined"]
            )
            value = OrganisationValue(name=name, acronym=canonical_acronym)
            mentions.append(Mention(passage.index, start, end, "organisation", value, self.name, confidence))
            taken.append((start, end))
        found = [(mention.start, mention.end) for mention in mentions]
        for start, end in iter_entity_spans(doc, text, registry, found):
            if overlaps(start, end, taken):
                continue
            name = " ".join(text[start:end].split())
            value = OrganisationValue(name=name, acronym=acronyms.acronym_of(name))
            mentions.append(
                Mention(passage.index, start, end, "organisation", value, ENTITY_EXTRACTOR, CONFIDENCE["entity"])
            )
        yield from sorted(mentions, key=lambda m: (m.start, m.end))

    def outside_un(self, passage: Passage, taken: list[tuple[int, int]]) -> list[Mention]:
        """Companies by legal form, bodies named in capitals and one-word bodies (`companies`)."""
        found: list[Mention] = []
        sources = (
            (iter_companies(passage.text), CONFIDENCE["company"]),
            (iter_capitals_bodies(passage.doc), CONFIDENCE["body"]),
            (iter_bodies(passage.text), CONFIDENCE["body"]),
        )
        for matches, confidence in sources:
            for match in matches:
                if overlaps(match.start, match.end, taken):
                    continue
                value = OrganisationValue(name=match.name, acronym=match.acronym)
                found.append(
                    Mention(passage.index, match.start, match.end, "organisation", value, self.name, confidence)
                )
                taken.append((match.start, match.end))
        return found

    @staticmethod
    def canonical(acronym: str, name: str, registry: Mapping[str, RegistryEntry]) -> tuple[str, str]:
        """Name and acronym as recorded: a registry alias ("Interpol") gives the registry's acronym."""
        entry = registry.get(acronym)
        if entry is not None and entry.name == name:
            return entry.name, entry.acronym
        return name, acronym


_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w'’-]+\s+){1,3})$")


def place_before(text: str, start: int) -> tuple[int, str] | None:
    """(start, name) of a city or admin area written right before an acronym ("Jinka HP", "Sidama RHB")."""
    match = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if match is None:
        return None
    words = match.group(1).split()
    for first in range(len(words)):
        name = " ".join(words[first:])
        if is_place_word([name], ("city", "admin_area")):
            return match.start(1) + match.group(1).index(words[first]), name
    return None


def split_known_suffix(text: str, start: int, end: int, acronyms: Acronyms) -> list[tuple[int, int]]:
    """A name that ends with another organisation's full name, cut in two where that name starts.

    "U.S. State Department Bureau of International Narcotics and Law Enforcement Affairs" is the
    Department and its Bureau, the INL of the registry; the first part stays only if it is a
    name of its own.
    """
    if fold_name(text[start:end]) in acronyms.by_name:
        return [(start, end)]
    words = list(re.finditer(r"\S+", text[start:end]))
    for previous, word in itertools.pairwise(words):
        cut = start + word.start()
        if previous.group()[:1].isupper() and fold_name(text[cut:end]) in acronyms.by_name:
            head_end = start + len(text[start:cut].rstrip())
            first = (
                [(start, head_end)]
                if len(text[start:head_end].split()) >= 2 and is_organisation_name(text[start:head_end])
                else []
            )
            return [*first, (cut, end)]
    return [(start, end)]


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of the spans."""
    return any(s < end and start < e for s, e in spans)
