"""The whole pipeline on every fixture: contract-valid lines, line boxes that hold their text, stable ids, order."""

from __future__ import annotations

import json

import jsonschema
import pytest

from pipeline.jsonl import line_to_json
from schemas import json_schema, parse_line
from tests.helpers import FIXTURE_PDFS, FIXTURES, line_box_checks, runs_in_crops

NAMES = [pytest.param(path.stem, id=path.stem) for path in FIXTURE_PDFS]


@pytest.mark.parametrize(
    ("crops", "mention", "expected"),
    [
        pytest.param(["on 25 March 2020 the"], "25 March 2020", True, id="one-line"),
        pytest.param(["trained up to", "30 officers and"], "up to 30 officers", True, id="wrapped-two-lines"),
        pytest.param(["Up to 30 of-", "ficers"], "Up to 30 officers", True, id="hyphenated-across-columns"),
        pytest.param(["3 0 o f f i c e r s"], "30 officers", True, id="spaces-squeezed"),
        pytest.param(["30 officers"], "Up to 30 officers", False, id="box-misses-part"),
        pytest.param(["30 officers", "up to"], "up to 30 officers", False, id="boxes-out-of-order"),
        pytest.param(["up to 30 officers", "the next line"], "up to 30 officers", False, id="box-holds-none-of-it"),
        pytest.param(["s r e c i f f o 0 3"], "30 officers", False, id="scattered-characters"),
        pytest.param([""], "30 officers", False, id="empty-crop"),
        pytest.param([], "30 officers", False, id="no-box"),
    ],
)
def test_end_to_end_runs_in_crops_is_strict(crops: list[str], mention: str, expected: bool) -> None:
    assert runs_in_crops(crops, mention) is expected


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
def test_end_to_end_every_line_box_holds_its_part_of_the_mention(name: str, fixture_output) -> None:
    """The measure of the line boxes on a fixture: the share of records passing must be 1.00."""
    records = fixture_output(name).records
    checks = line_box_checks(FIXTURES / f"{name}.pdf", records)
    failures = [f"{check.label}: crops read {list(check.crops)}" for check in checks if not check.ok]
    assert all(record.boxes for record in records)
    assert not failures, f"{len(checks) - len(failures)}/{len(checks)} records pass:\n" + "\n".join(failures)


def test_end_to_end_line_box_check_refuses_a_box_spanning_two_lines(fixture_output) -> None:
    """ "Up to 30 officers" wraps from the foot of one column to the top of the next: its union
    bbox (83 x 295 pt) is what records carried before they had line boxes, and the check fails it."""
    record = next(r for r in fixture_output("milestones_2018").records if r.text == "Up to 30 officers")
    assert len(record.boxes) == 2
    union_only = record.model_copy(update={"boxes": (record.bbox,)})
    swapped = record.model_copy(update={"boxes": record.boxes[::-1]})
    checks = line_box_checks(FIXTURES / "milestones_2018.pdf", [record, union_only, swapped])
    assert [check.ok for check in checks] == [True, False, False]
    assert checks[1].taller_than_line
    assert not checks[2].holds


# Real bulletins with wrapped mentions in two- and three-column text, small enough to extract in a
# few seconds; tests/bench/line_boxes.py measures all of them.
REAL_BULLETINS = (
    "4183047_Flashupdate1TSMelissaENG_20251023.pdf",
    "4137943_EasternAfricaClimateSeasonalOutlookMarch-May2025Released6thMarch2025.pdf",
    "4193881_IntlMedCorps-EthiopiaMarburgOutbreak-SitRep05.pdf",
)


@pytest.mark.realworld
@pytest.mark.parametrize("name", REAL_BULLETINS)
def test_end_to_end_line_boxes_on_real_bulletins(name: str, realworld) -> None:
    from pipeline.run import extract_document
    from pipeline.settings import Settings

    path = realworld / "bulletins" / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the real-world folder")
    checks = line_box_checks(path, extract_document(path, Settings(workers=1)).records)
    failures = [f"{check.label}: crops read {list(check.crops)}" for check in checks if not check.ok]
    assert checks and not failures, "\n".join(failures)


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
