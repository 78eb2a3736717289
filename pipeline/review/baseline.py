"""The naive baseline the pipeline is measured against: page text, spaCy's entities, dateparser on dates.

It does what a first script would do: `extract_text()` per page (no layout, no de-hyphenation),
spaCy NER over each page, and each entity label mapped straight to a contract kind. Its lines
follow the contract so that `bulletins eval` scores it against the same gold as the pipeline;
provenance is approximate: the page, the page's box, block "p<n>-b0", no section.

Run it as `python -m pipeline.review.baseline PATH... -o FILE`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import click
import dateparser
import pycountry
import pydantic
from spacy.language import Language
from spacy.tokens import Span
from text_to_num import text2num

from pipeline.errors import BulletinsError
from pipeline.failed import failed_document
from pipeline.inputs import iter_pdf_paths
from pipeline.jsonl import line_to_json, open_output
from pipeline.nlp import load_nlp
from pipeline.pdf import SourceFile, metadata_date, metadata_title, open_pdf, read_source
from pipeline.run import count_kinds
from pipeline.version import pipeline_version
from schemas import (
    AmountRecord,
    AmountValue,
    CountRecord,
    CountValue,
    DateRecord,
    DateValue,
    DocumentLine,
    OrganisationRecord,
    OrganisationValue,
    PlaceRecord,
    PlaceValue,
    Record,
)

log = logging.getLogger("bulletins")

CONFIDENCE = 0.5
NER_EXTRACTOR = "baseline.spacy"
DATE_EXTRACTOR = "baseline.dateparser"
YEAR = re.compile(r"\b\d{4}\b")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mln": 1e6, "bn": 1e9}
# Currency symbols and words a first script would think of; anything else counts as dollars.
CURRENCY_WORDS = {
    "$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "som": "KGS",
    "kgs": "KGS",
    "tenge": "KZT",
    "kzt": "KZT",
    "somoni": "TJS",
    "tjs": "TJS",
    "sum": "UZS",
    "uzs": "UZS",
    "manat": "TMT",
    "rouble": "RUB",
    "ruble": "RUB",
    "rub": "RUB",
}
DEFAULT_CURRENCY = "USD"


def collapse(text: str) -> str:
    """Whitespace runs to single spaces (the contract's `text` and `sentence` shape)."""
    return " ".join(text.split())


@functools.cache
def country_of(name: str) -> tuple[str, str] | None:
    """(canonical name, alpha-2 code) of a country name or code, or None."""
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return getattr(country, "common_name", None) or country.name, country.alpha_2


def entity_to_date(entity: Span, reference: dt.date | None) -> DateValue | None:
    """dateparser on the entity text, read as one day; without a reference date a year is required."""
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first"}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time())
    else:
        settings["REQUIRE_PARTS"] = ["year"]
    parsed = dateparser.parse(entity.text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    return DateValue(start=day, end=day, granularity="day", inferred_year=not YEAR.search(entity.text))


def entity_to_place(entity: Span) -> PlaceValue:
    """A country when pycountry knows the name, else a city (GPE) or a region (LOC)."""
    name = collapse(entity.text).removeprefix("the ")
    country = country_of(name)
    if country is not None:
        return PlaceValue(name=country[0], type="country", country=country[1])
    return PlaceValue(name=name, type="city" if entity.label_ == "GPE" else "region")


def text_to_number(text: str) -> float | None:
    """Digits (with thousands commas) or English number words, times million/billion words."""
    words = text.lower().split()
    multiplier = 1.0
    for word in words:
        multiplier *= MULTIPLIERS.get(word.strip(".,"), 1.0)
    match = NUMBER.search(text)
    if match:
        return float(match.group().replace(",", "")) * multiplier
    plain = [w for w in words if w.strip(".,") not in MULTIPLIERS]
    try:
        return float(text2num(" ".join(plain), "en")) * multiplier
    except ValueError:
        return None


def as_number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def next_noun(entity: Span) -> str:
    """The first noun after the entity in its sentence: a first guess at what is counted."""
    for token in entity.doc[entity.end : entity.sent.end]:
        if token.pos_ in ("NOUN", "PROPN"):
            return token.text
    return ""


def entity_to_count(entity: Span) -> CountValue | None:
    number = text_to_number(entity.text)
    if number is None:
        return None
    return CountValue(value=as_number(number), subject=next_noun(entity))


def entity_to_amount(entity: Span) -> AmountValue | None:
    number = text_to_number(entity.text)
    if number is None:
        return None
    context = entity.text.lower() + " " + entity.doc[entity.end : entity.end + 2].text.lower()
    currency = next(
        (code for word, code in CURRENCY_WORDS.items() if re.search(rf"(?<![a-z]){re.escape(word)}", context)),
        DEFAULT_CURRENCY,
    )
    return AmountValue(value=as_number(number), currency=currency)


def entity_to_organisation(entity: Span) -> OrganisationValue:
    return OrganisationValue(name=collapse(entity.text).removeprefix("the "))


def iter_page_records(
    entities: Sequence[Span], doc_id: str, page: int, box: tuple[float, float, float, float], reference: dt.date | None
) -> Iterator[Record]:
    """Records of one page's entities; an entity whose value cannot be read is skipped."""
    builders: dict[str, tuple[type[Record], str, Callable[[Span], pydantic.BaseModel | None]]] = {
        "DATE": (DateRecord, DATE_EXTRACTOR, lambda e: entity_to_date(e, reference)),
        "GPE": (PlaceRecord, NER_EXTRACTOR, entity_to_place),
        "LOC": (PlaceRecord, NER_EXTRACTOR, entity_to_place),
        "CARDINAL": (CountRecord, NER_EXTRACTOR, entity_to_count),
        "MONEY": (AmountRecord, NER_EXTRACTOR, entity_to_amount),
        "ORG": (OrganisationRecord, NER_EXTRACTOR, entity_to_organisation),
    }
    for entity in entities:
        if entity.label_ not in builders or not entity.text.strip():
            continue
        model, extractor, build = builders[entity.label_]
        try:
            value = build(entity)
            if value is None:
                continue
            kind = model.model_fields["kind"].default
            yield model(
                id=f"{doc_id.removeprefix('sha256:')[:12]}:p{page}-b0:{entity.start_char}-{entity.end_char}:{kind}",
                doc_id=doc_id,
                page=page,
                bbox=box,
                block=f"p{page}-b0",
                section=None,
                text=collapse(entity.text),
                sentence=collapse(entity.sent.text),
                value=value,
                extractor=extractor,
                confidence=CONFIDENCE,
            )
        except (pydantic.ValidationError, ValueError, OverflowError) as exc:
            log.debug("baseline skipped %r on page %d: %s", entity.text, page, exc)


def baseline_lines(source: SourceFile, nlp: Language) -> tuple[DocumentLine, list[Record]]:
    """The baseline's document line and records for one PDF.

    Raises:
        BulletinsError: The file is not a readable PDF.
    """
    records: list[Record] = []
    with open_pdf(source) as pdf:
        reference = metadata_date(pdf)
        texts = [page.extract_text() or "" for page in pdf.pages]
        boxes = [(0.0, 0.0, float(page.width), float(page.height)) for page in pdf.pages]
        for number, (doc, box) in enumerate(zip(nlp.pipe(texts), boxes, strict=False), start=1):
            records.extend(iter_page_records(doc.ents, source.doc_id, number, box, reference))
        document = DocumentLine(
            doc_id=source.doc_id,
            source=source.path,
            pages=len(pdf.pages),
            title=metadata_title(pdf),
            issue_date=reference,
            status="ok",
            error=None,
            counts=count_kinds(records),
            pipeline_version=pipeline_version(),
        )
    return document, records


def iter_baseline(paths: Sequence[str | Path]) -> Iterator[DocumentLine | Record]:
    """Baseline lines for every PDF under `paths`, in path order; a bad file gets a failed line."""
    nlp = load_nlp()
    for path in iter_pdf_paths(paths):
        try:
            document, records = baseline_lines(read_source(path), nlp)
        except BulletinsError as exc:
            yield failed_document(path, exc)
            continue
        yield document
        yield from records


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default=None, help="Write JSON Lines here instead of stdout.")
def baseline_command(paths: tuple[str, ...], output: str | None) -> None:
    """Write the naive baseline's records for PDF files or folders, for comparison with `extract`.

    Example:

        python -m pipeline.review.baseline fixtures/ -o out/baseline.jsonl
    """
    failed = 0
    with open_output(output) as stream:
        for line in iter_baseline(paths):
            failed += line.kind == "document" and line.status == "failed"
            stream.write(line_to_json(line) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    baseline_command(prog_name="python -m pipeline.review.baseline")
