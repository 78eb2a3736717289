"""The whole pipeline on every fixture: contract-valid lines, exact boxes, stable ids, order."""

from __future__ import annotations

import json
import re
from collections import Counter

import jsonschema
import pdfplumber
import pytest

from pipeline.jsonl import line_to_json
from schemas import json_schema, parse_line
from tests.conftest import FIXTURE_PDFS, FIXTURES

NAMES = [pytest.param(path.stem, id=path.stem) for path in FIXTURE_PDFS]


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens, for comparing page crops with repaired mentions."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text).replace("\u2019", "'").replace("\u2018", "'").replace(
        "\u201c", '"'
    ).replace("\u201d", '"')


def covers(cropped: str, mention: str) -> bool:
    """Whether the crop holds the mention: as a run of text, or glyph for glyph when the mention
    wraps onto another line or column (a crop reads line by line across the whole box)."""
    crop, wanted = squeeze(cropped), squeeze(mention)
    return wanted in crop or not (Counter(wanted) - Counter(crop))


@pytest.mark.parametrize("name", NAMES)
def test_end_to_end_lines_parse_back_and_match_the_json_schema(name: str, fixture_output) -> None:
    result = fixture_output(name)
    validator = jsonschema.Draft202012Validator(json_schema())
    lines = [result.document, *result.records]
    for line in lines:
        text = line_to_json(line)
        assert parse_line(text) == line
        validator.validate(json.loads(text))
    assert result.document.status == "ok"
    assert sum(result.document.counts.model_dump().values()) == len(result.records)


@pytest.mark.parametrize("name", NAMES)
def test_end_to_end_every_bbox_contains_its_text(name: str, fixture_output) -> None:
    result = fixture_output(name)
    misses = []
    with pdfplumber.open(FIXTURES / f"{name}.pdf") as pdf:
        for record in result.records:
            page = pdf.pages[record.page - 1]
            cropped = page.crop(record.bbox, strict=False).extract_text()
            if not covers(cropped, record.text):
                misses.append(f"{record.kind} {record.text!r} p{record.page} {record.bbox}: crop reads {cropped!r}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("name", NAMES)
def test_end_to_end_ids_are_unique_and_stable(name: str, fixture_output) -> None:
    from pipeline.run import extract_document
    from pipeline.settings import Settings

    first = fixture_output(name)
    ids = [record.id for record in first.records]
    assert len(ids) == len(set(ids))
    again = extract_document(FIXTURES / f"{name}.pdf", Settings(strict=True, workers=1))
    assert [record.id for record in again.records] == ids


@pytest.mark.parametrize("name", NAMES)
def test_end_to_end_records_come_in_reading_order(name: str, fixture_output) -> None:
    result = fixture_output(name)
    order = [(record.page, int(record.block.split("-b")[1])) for record in result.records]
    assert order == sorted(order)
