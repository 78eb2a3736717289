"""Organisations outside the UN world: companies by their legal form, bodies named in capitals, one-word bodies.

Company reports, court filings and central-bank bulletins name organisations the UN genre rarely
does, and the head-noun rule (`organisations.extractor`) misses them:

- Companies carry a legal form after their name, which says what they are whatever the name:
  "Nokia Oyj", "Siemens AG", "Barclays plc", "Apple Inc.", "Zwicker & Associates, P.C.",
  "P. & C. Construction Co.", "Law Offices of Matthew H. Kehoe, LLC". The name is the run of
  capitalised words (with "&", "and", "of" inside) before the form, the form included.
- Captions and letterheads set in capitals ("THE CIRCUIT COURT OF THE STATE OF OREGON", "DISCOVER
  BANK") are skipped by the head-noun rule, where every word looks like a name; here a run
  headed by a body noun (court, bank, ministry, ...) with its "of" complement is read and written
  in title case ("Circuit Court of the State of Oregon").
- Legislatures and central banks are often named by one word ("Congress", "the Bundestag",
  "the Fed": `data/curated/bodies.tsv`).
- A name after "a"/"an" describes, it does not name ("a FDIC-insured Delaware State Bank"): it is
  left to the head-noun rule's caller to drop (`is_description`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from extractors.capitals import is_upper_text
from extractors.data import read_data

LEGAL_FORMS = (
    "Oyj", "Oy", "plc", "PLC", "Plc", "AG", "SE", "S.A.", "SA", "N.V.", "NV", "B.V.", "BV", "GmbH", "AB", "ASA", "A/S",
    "Inc.", "Inc", "INC.", "Corp.", "CORP.", "Co.", "CO.", "Ltd.", "Ltd", "LTD.", "LTD", "Limited",
    "LLC", "L.L.C.", "LLP", "L.P.", "P.C.", "PC", "S.p.A.", "SpA", "KGaA", "Pty Ltd", "AS",
)  # fmt: skip
"""Legal forms written after a company's name (Nordic, German, Dutch, French, Italian, British, US)."""

_WORD = r"(?:[A-Z][\w'’.-]*|&)"
_INNER = r"(?:[A-Z][\w'’.-]*|&|and|of|for|the)"
_FORMS = "|".join(re.escape(form) for form in sorted(LEGAL_FORMS, key=len, reverse=True))
COMPANY = re.compile(rf"(?<![\w&])(?P<name>{_WORD}(?:[ \xa0]+{_INNER}){{0,7}}?),?[ \xa0]+(?P<form>{_FORMS})(?![\w/-])")
"""A company: capitalised words (the first one capitalised) and a legal form."""

BODY_HEADS = (
    "COURT", "BANK", "MINISTRY", "DEPARTMENT", "UNIVERSITY", "AGENCY", "COMMISSION", "TRIBUNAL", "AUTHORITY",
    "INSTITUTE", "ASSOCIATION", "SOCIETY", "CORPORATION", "COMPANY", "COUNCIL", "PARLIAMENT", "SENATE",
)  # fmt: skip
CAPITALS_BODY = re.compile(
    r"(?<![A-Za-z])(?:THE\s+)?(?P<name>(?:[A-Z][A-Z&'’.-]*\s+){0,3}(?:" + "|".join(BODY_HEADS) + r")"
    r"(?:\s+(?:OF|FOR)\s+(?:THE\s+)?[A-Z][A-Z'’.-]*(?:\s+(?:OF\s+(?:THE\s+)?)?[A-Z][A-Z'’.-]*){0,3})?)(?![A-Za-z])"
)
"""A body named in capitals: up to three words, a body noun, an "of" complement."""

LOWER_IN_TITLES = frozenset({"of", "the", "and", "for", "on", "in", "at", "de"})
LEADING_WORDS = frozenset(
    {"The", "A", "An", "In", "On", "At", "By", "For", "From", "While", "And", "But", "As", "With"}
)


@dataclasses.dataclass(frozen=True)
class BodyMatch:
    """An organisation found by this module: character span, canonical name and acronym."""

    start: int
    end: int
    name: str
    acronym: str | None = None


def title_case(text: str) -> str:
    """A name set in capitals as a reader writes it.

    "CIRCUIT COURT OF THE STATE OF OREGON" → "Circuit Court of the State of Oregon".
    """
    words = text.split()
    out = []
    for position, word in enumerate(words):
        lower = word.lower()
        if position and lower in LOWER_IN_TITLES:
            out.append(lower)
        elif re.fullmatch(r"(?:[A-Z]\.)+", word):
            out.append(word)  # initials and forms: "P.", "P.C."
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def iter_companies(text: str) -> Iterator[BodyMatch]:
    """Companies named with their legal form, in text order."""
    for match in COMPANY.finditer(text):
        start = match.start("name")
        words = match.group("name").split()
        while words and (words[0] in LEADING_WORDS or _complement_opener(text, start, words)):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end("name")
            words = words[1:]
            if words and words[0] in ("of", "for", "the"):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end("name")
                words = words[1:]
        if not words:
            continue
        written = " ".join(text[start : match.end()].split())
        letters = [ch for ch in written if ch.isalpha()]
        name = title_case(written) if sum(ch.isupper() for ch in letters) > 0.8 * len(letters) else written
        yield BodyMatch(start, match.end(), _normal_form(name, match.group("form")))


def _complement_opener(text: str, start: int, words: list[str]) -> bool:
    """ "Shares of Apple Inc.": a sentence's first word before "of" that is no body noun."""
    from extractors.organisations.extractor import ORG_HEADS

    opens = not text[:start].strip() or text[:start].rstrip()[-1:] in ".;:!?"
    noun = words[0].lower()
    return opens and len(words) > 2 and words[1] == "of" and noun not in ORG_HEADS and noun.rstrip("s") not in ORG_HEADS


def _normal_form(name: str, form: str) -> str:
    """The name with its legal form as the company writes it ("Co.", "P.C.", "LLC", "Oyj")."""
    titled = title_case(form) if form.isupper() and "." not in form and len(form) > 3 else form
    fixed = {"INC.": "Inc.", "CORP.": "Corp.", "CO.": "Co.", "LTD.": "Ltd.", "LTD": "Ltd"}.get(form, titled)
    return name[: len(name) - len(form)] + fixed


def iter_capitals_bodies(doc: Doc) -> Iterator[BodyMatch]:
    """Bodies named in sentences set in capitals ("THE CIRCUIT COURT OF THE STATE OF OREGON")."""
    for sentence in doc.sents:
        if not is_upper_text(sentence):
            continue
        for match in CAPITALS_BODY.finditer(sentence.text):
            start = sentence.start_char + match.start("name")
            yield BodyMatch(start, start + len(match.group("name")), title_case(match.group("name")))


@functools.cache
def bodies() -> dict[str, tuple[str, str | None]]:
    """One-word bodies of `bodies.tsv`: as written → (canonical name, acronym)."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in read_data("curated", "bodies.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        written, name, *rest = line.split("\t")
        table[written] = (name, rest[0] if rest and rest[0] else None)
    return table


@functools.cache
def _bodies_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in sorted(bodies(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def iter_bodies(text: str) -> Iterator[BodyMatch]:
    """One-word legislatures and central banks ("Congress", "the Bundestag", "the Fed")."""
    for match in _bodies_pattern().finditer(text):
        name, acronym = bodies()[match.group()]
        yield BodyMatch(match.start(), match.end(), name, acronym)


def is_description(doc: Doc, start_token: int, end_token: int) -> bool:
    """Whether a name is a description after an indefinite article ("a FDIC-insured Delaware State Bank")."""
    head = doc[end_token - 1]
    if any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in head.children):
        return True
    return start_token > 0 and doc[start_token - 1].lower_ in ("a", "an")
