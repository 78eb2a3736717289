"""The whole pipeline on every fixture: contract-valid lines, exact boxes, stable ids, order."""

from __future__ import annotations

import json
import re

import jsonschema
import pdfplumber
import pytest

from pipeline.jsonl import line_to_json
from schemas import json_schema, parse_line
from tests.helpers import FIXTURE_PDFS, FIXTURES

NAMES = [pytest.param(path.stem, id=path.stem) for path in FIXTURE_PDFS]


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens, for comparing page crops with repaired mentions."""
    return (
        re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


# A mention that wraps onto the next line or column reads, in a crop of its whole box, as at most
# this many runs of text (its part on each line it covers), each at least MIN_PIECE characters
# long unless it is the whole mention.
MAX_PIECES = 3
MIN_PIECE = 3


def covers(cropped: str, mention: str) -> bool:
    """Whether the crop holds the mention as one run of text, or as a few runs when the mention
    wraps onto another line or column (a crop reads line by line across the whole box, so the
    part at the top of the next column comes first).

    Each run must be found whole in the crop: the characters of the mention scattered over the
    box do not count.
    """
    crop, wanted = squeeze(cropped), squeeze(mention)
    return wanted in crop or _in_pieces(crop, wanted, MAX_PIECES)


def _in_pieces(crop: str, wanted: str, pieces: int) -> bool:
    if not wanted:
        return True
    if pieces == 0:
        return False
    for cut in range(len(wanted), MIN_PIECE - 1, -1):
        if wanted[:cut] in crop and _in_pieces(crop, wanted[cut:], pieces - 1):
            return True
    return False


@pytest.mark.parametrize(
    ("cropped", "mention", "expected"),
    [
        pytest.param("on 25 March 2020 the", "25 March 2020", True, id="one-run"),
        pytest.param("trained up to\n30 officers and", "up to 30 officers", True, id="wrapped-two-lines"),
        pytest.param(
            "left column up to   right column text\n30 officers more   and more",
            "up to 30 officers",
            True,
            id="wrapped-across-columns",
        ),
        pytest.param("3 0 o f f i c e r s", "30 officers", True, id="spaces-squeezed"),
        pytest.param("ficers\nthe column\nUp to 30 of-", "Up to 30 officers", True, id="wrapped-to-next-column-top"),
        pytest.param("s r e c i f f o 0 3", "30 officers", False, id="scattered-characters"),
        pytest.param("o1f2f3i4c5e6r7s", "officers", False, id="too-many-pieces"),
        pytest.param("", "30 officers", False, id="empty-crop"),
    ],
)
def test_end_to_end_covers_is_strict(cropped: str, mention: str, expected: bool) -> None:
    assert covers(cropped, mention) is expected


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
