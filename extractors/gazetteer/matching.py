"""Place names in text: where the gazetteer's names occur among the tokens, and which place of a name is meant.

Shared by the place and site extractors. A name is a run of tokens whose folded text is a key
of the gazetteer, capitalised as a name is; the longest run wins, and a demonym or regional
adjective ("Kyrgyz", "Central Asian") is skipped whole, so "Central Asian states" holds no
"Central Asia".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from spacy.tokens import Doc, Span

from extractors.gazetteer.index import Gazetteer, GazetteerEntry, fold

# Lower-case words allowed inside a name ("Bosnia and Herzegovina", "Republic of Korea", "Dar es
# Salaam", "Rio de Janeiro", "Ras al-Khaimah", "Port-au-Prince"); a run holding one is a name only
# when the gazetteer has the whole run, and the longest such run wins ("Dar es Salaam", not "Dar").
NAME_CONNECTORS = frozenset(
    {
        "and",
        "of",
        "the",
        "de",
        "la",
        "le",
        "les",
        "los",
        "las",
        "del",
        "al",
        "el",
        "es",
        "as",
        "ash",
        "ad",
        "ar",
        "az",
        "ul",
        "ur",
        "du",
        "des",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "upon",
        "on",
        "en",
        "sur",
        "sous",
        "au",
        "aux",
        "am",
        "an",
        "der",
        "den",
        "op",
        "aan",
        "bei",
        "y",
        "i",
        "e",
        "et",
    }
)
# Lower-case type words that end some regions' names ("the Great Lakes region", "the Mekong region").
REGION_TYPE_WORDS = frozenset({"region", "subregion", "basin"})
# Suffix word → the English type word of an admin area ("Chui province" is an admin area).
ADMIN_SUFFIXES: Mapping[str, str] = {
    **dict.fromkeys(("province", "provinces"), "Province"),
    **dict.fromkeys(("region", "regions", "oblast", "oblasts", "velayat", "velayats", "viloyat", "viloyats"), "Region"),
    **dict.fromkeys(("district", "districts", "rayon", "rayons", "raion", "raions"), "District"),
    **dict.fromkeys(("governorate", "governorates"), "Governorate"),
    **dict.fromkeys(("prefecture", "prefectures"), "Prefecture"),
    **dict.fromkeys(("county", "counties"), "County"),
    **dict.fromkeys(("state", "states"), "State"),
    **dict.fromkeys(("division", "divisions"), "Division"),
    # Sub-national units of humanitarian reporting, written after the name but not part of it
    # in English ("Sud department", "Fontamara commune", "Arsi zone", "Dasenech woreda").
    **dict.fromkeys(("department", "departments"), "Department"),
    **dict.fromkeys(("commune", "communes"), "Commune"),
    **dict.fromkeys(("parish", "parishes"), "Parish"),
    **dict.fromkeys(("zone", "zones"), "Zone"),
    **dict.fromkeys(("woreda", "woredas"), "Woreda"),
    **dict.fromkeys(("arrondissement", "arrondissements"), "Arrondissement"),
}
# Types of ADMIN_SUFFIXES that English leaves out of the area's name ("Arsi zone" is Arsi).
BARE_ADMIN_TYPES = frozenset({"Department", "Commune", "Parish", "Zone", "Woreda", "Arrondissement"})
# Possessive clitics that can stand inside a name ("Cox’s Bazar"), never at its end.
POSSESSIVES = frozenset({"'s", "’s"})
# Population from which a one-word city tells the country a text is about (see `implies_country`).
IMPLYING_POPULATION = 100_000
# Zipf frequency from which a word is common English (4.0: about once in 100,000 words).
COMMON_WORD_ZIPF = 4.0
# log10 of how many times larger a place of the document's countries counts (see `rank_cities`).
DOCUMENT_COUNTRY_WEIGHT = math.log10(30)
# Punctuation that never stands inside a place's name in running text.
NAME_BREAKS = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "/"})


def looks_like_name(span: Span) -> bool:
    """Every word capitalised, except the connectors of names ("Bosnia and Herzegovina")."""
    words = [t for t in span if t.is_alpha or any(ch.isalnum() for ch in t.text)]
    if not words or not words[0].text[:1].isupper():
        return False
    return all(
        t.text[:1].isupper()
        or t.text[:1].isdigit()
        or t.lower_ in NAME_CONNECTORS
        or (t.lower_ in POSSESSIVES and t.i < span[-1].i)
        for t in words
    )


def is_region_with_type_word(span: Span, entries: Sequence[GazetteerEntry]) -> bool:
    """A region's name whose last word is its type word in lower case ("Great Lakes region")."""
    return (
        len(span) > 1
        and span[-1].lower_ in REGION_TYPE_WORDS
        and looks_like_name(span[:-1])
        and any(entry.type == "region" for entry in entries)
    )


NameSpans = Sequence[tuple[int, int, Sequence[GazetteerEntry]]]
"""Gazetteer names found in some tokens: (start token, end token, entries), offsets in those tokens."""


def iter_name_spans(doc: Doc | Span, gazetteer: Gazetteer) -> Iterator[tuple[int, int, Sequence[GazetteerEntry]]]:
    """Longest gazetteer names in the tokens, left to right, demonym phrases skipped."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if not token.text[:1].isalpha() or not starts_name(doc, i, gazetteer):
            i += demonym_length(doc, i, gazetteer) or 1
            continue
        found = None
        for n in range(min(gazetteer.max_words, 6, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if not span[-1].text[:1].isalnum() or any(t.text in NAME_BREAKS for t in span):
                continue
            entries = gazetteer.names.get(fold(span.text))
            if entries and (looks_like_name(span) or is_region_with_type_word(span, entries)):
                found = (i, i + n, entries)
                break
        demonym = demonym_length(doc, i, gazetteer)
        if found and found[1] - found[0] > demonym:
            yield found
            i = found[1]
        else:
            i += demonym or 1


def starts_name(doc: Doc | Span, i: int, gazetteer: Gazetteer) -> bool:
    """Whether token i can start a gazetteer name: its folded word starts one, or it does with the
    possessive after it ("Cox’s Bazar", folded "coxs bazar")."""
    if fold(doc[i].text).split(" ", 1)[0] in gazetteer.first_words:
        return True
    return (
        i + 1 < len(doc)
        and doc[i + 1].lower_ in POSSESSIVES
        and fold(doc[i].text + doc[i + 1].text) in gazetteer.first_words
    )


def demonym_length(doc: Doc | Span, i: int, gazetteer: Gazetteer) -> int:
    """Tokens of the demonym or regional adjective starting at token i ("Central Asian": 2), or 0."""
    token = doc[i]
    if not token.text[:1].isupper() or fold(token.text).split(" ", 1)[0] not in gazetteer.demonym_first_words:
        return 0
    for n in (3, 2, 1):
        if i + n <= len(doc) and fold(doc[i : i + n].text) in gazetteer.demonyms:
            return n
    return 0


def rank_cities(
    entries: Iterable[GazetteerEntry],
    countries: Counter[str],
    key: str = "",
    capitals: Mapping[str, GazetteerEntry] | None = None,
) -> list[GazetteerEntry]:
    """Places of one name, best first.

    A place whose own name is the one written comes before one that merely has it as a former
    or foreign name ("Samarkand" the Uzbek city, not Temirtau, once called Samarkand). Next, the
    capital of a country the document names comes before namesakes in countries it names less
    often or never ("a court in Victoria" in a bulletin that names the Seychelles three times is
    their capital, not the larger Victoria of Hong Kong or of Texas). Among the rest, size and
    the document's countries are weighed together: a place in the country the document names
    most counts as if it were 30 times larger, so "Kant" in a bulletin about Kyrgyzstan is the
    Kyrgyz town, not the Indian one, but "Vienna" stays the Austrian capital in a text that also
    names the United States.

    Args:
        entries: The places.
        countries: The document's countries (see `places.document_countries`).
        key: The folded name written.
        capitals: Country code → its capital city (`Gazetteer.capitals`).
    """

    most = max(countries.values(), default=0) or 1
    entries = list(entries)
    # Capitals of countries the document names, and how often it names the most named of them.
    named_capitals = [
        e
        for e in entries
        if capitals and countries.get(e.country or "") and capitals.get(e.country or "") == e and own_name(e, key)
    ]
    capital_count = max((countries[e.country or ""] for e in named_capitals), default=0)

    def weight(entry: GazetteerEntry) -> float:
        """log10 of the population, plus the document-country bonus in proportion to how often
        the document names the country (a stray "Drug" read as an Indian town weighs little)."""
        return math.log10(entry.population + 1) + DOCUMENT_COUNTRY_WEIGHT * countries.get(entry.country or "", 0) / most

    def outranked(entry: GazetteerEntry) -> bool:
        """Whether a capital of a country the document names more often outranks the place."""
        return (
            bool(named_capitals)
            and entry not in named_capitals
            and countries.get(entry.country or "", 0) < capital_count
        )

    return sorted(entries, key=lambda e: (not own_name(e, key), outranked(e), -weight(e)))


def own_name(entry: GazetteerEntry, key: str) -> bool:
    """Whether a folded name is the place's canonical name (an admin area's without its type word)."""
    name = fold(entry.name)
    return name == key or (entry.type == "admin_area" and name.rsplit(" ", 1)[0] == key)


def weak_reading(entries: Sequence[GazetteerEntry], key: str, countries: Counter[str]) -> bool:
    """Whether a name reads as these places only weakly: it is none's own name, only an alternate
    one, and none lies in a country the document names ("Namanga", a Kenyan border town the
    gazetteer lacks, is an alternate name of Namangan, Uzbekistan, in a bulletin about Eastern
    Africa). Such a reading gives way to a site noun, an apposition that locates the name in
    another country, or a site of that name (see `places`)."""
    return not any(own_name(entry, key) for entry in entries) and not any(
        countries.get(entry.country or "") for entry in entries
    )


def single_country(countries: Counter[str]) -> str | None:
    """The document's main country: the one it names at least twice as often as any other."""
    ranked = countries.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def leading_country(countries: Counter[str]) -> str | None:
    """The country named more often than any other, or None on a tie."""
    ranked = countries.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def named_countries(span: Span, gazetteer: Gazetteer, names: NameSpans | None = None) -> Counter[str]:
    """How often a span names each country: by name, through a place only it has
    (`sentence_countries`), or by a demonym ("the Thai Customs Department", "Royal Thai Police").

    `names` are the span's gazetteer names when already found (`iter_name_spans`)."""
    names = list(iter_name_spans(span, gazetteer)) if names is None else names
    counts = Counter(code for code in sentence_countries(span, gazetteer, names=names) if code)
    taken = {i for start, end, _ in names for i in range(start, end)}
    i = 0
    while i < len(span):
        n = 0 if i in taken else demonym_length(span, i, gazetteer)
        code = gazetteer.demonyms.get(fold(span[i : i + n].text)) if n else None
        if code:
            counts[code] += 1
        i += n or 1
    return counts


def sentence_countries(
    sentence: Span, gazetteer: Gazetteer, skip: tuple[int, int] = (0, 0), names: NameSpans | None = None
) -> list[str]:
    """Countries a sentence names, in order: countries first, then those of places only one country has.

    Args:
        sentence: The sentence (any span).
        gazetteer: The gazetteer.
        skip: Document token range to leave out (the name whose country is sought).
        names: The sentence's gazetteer names, when already found (`iter_name_spans`).
    """
    direct: list[str] = []
    implied: list[str] = []
    for start, end, entries in iter_name_spans(sentence, gazetteer) if names is None else names:
        if sentence.start + start < skip[1] and skip[0] < sentence.start + end:
            continue
        if entries[0].type == "country" and entries[0].country:
            direct.append(entries[0].country)
        elif implies_country(sentence, start, end, entries):
            implied.append(entries[0].country or "")
    return direct + implied


def implies_country(doc: Doc | Span, start: int, end: int, entries: Sequence[GazetteerEntry]) -> bool:
    """Whether a name other than a country's tells which country the text is about.

    It must mean places of one country only and read as a name: a proper noun not opening its
    sentence, and a city of some size or a name of several words ("Bishkek", "Bandar Abbas"),
    not a small town that is also a common word ("Airport", California; "Drug", India).
    """
    codes = {entry.country for entry in entries}
    if len(codes) != 1 or None in codes or doc[start].pos_ != "PROPN" or doc[start].is_sent_start:
        return False
    if end < len(doc) and doc[end].lower_ in ADMIN_SUFFIXES and any(entry.type == "admin_area" for entry in entries):
        return True  # "the Tillabéri region"
    if end - start == 1 and is_common_word_alias(doc[start].text, entries):
        return False  # "World Drug Day": "Drug" is an old name of Durg, India, and an English word
    return end - start > 1 or max(entry.population for entry in entries) >= IMPLYING_POPULATION


def is_common_word_alias(word: str, entries: Sequence[GazetteerEntry]) -> bool:
    """Whether a word names these places only as an alternate name and is a common English word."""
    key = fold(word)
    if any(own_name(entry, key) for entry in entries):
        return False
    import wordfreq  # its word list loads on first use, once per process

    return wordfreq.zipf_frequency(word.lower(), "en", wordlist="large") >= COMMON_WORD_ZIPF
