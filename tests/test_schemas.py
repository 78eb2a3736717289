"""The contract models: valid lines parse, invalid ones are refused, the schema is sound."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pydantic
import pytest

from schemas import json_schema, parse_line

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "schema.json"
DOC_ID = "sha256:" + "ab" * 32

PROVENANCE = {
    "id": "abababababab:p1-b3:0-5:date",
    "doc_id": DOC_ID,
    "page": 1,
    "bbox": [10.0, 20.0, 50.0, 30.0],
    "block": "p1-b3",
    "section": "Promoting Women's Football",
    "text": "March 2018",
    "sentence": "In March 2018 the tournament took place.",
    "extractor": "dates.rules",
    "confidence": 0.9,
}

VALID = [
    pytest.param(
        {
            "kind": "date",
            **PROVENANCE,
            "value": {"start": "2018-03-01", "end": "2018-03-31", "granularity": "month", "inferred_year": False},
        },
        id="date-month",
    ),
    pytest.param(
        {
            "kind": "date",
            **PROVENANCE,
            "value": {"start": "2017-04-01", "end": None, "granularity": "month", "inferred_year": False},
        },
        id="date-open",
    ),
    pytest.param(
        {
            "kind": "place",
            **PROVENANCE,
            "value": {
                "name": "Central Asia",
                "type": "region",
                "country": None,
                "geonames_id": None,
                "lat": None,
                "lon": None,
            },
        },
        id="place-region",
    ),
    pytest.param(
        {
            "kind": "place",
            **PROVENANCE,
            "value": {
                "name": "Bishkek",
                "type": "city",
                "country": "KG",
                "geonames_id": 1528675,
                "lat": 42.87,
                "lon": 74.59,
            },
        },
        id="place-city",
    ),
    pytest.param(
        {
            "kind": "count",
            **PROVENANCE,
            "value": {"value": 40, "qualifier": "more_than", "subject": "sports coaches", "part_of": None},
        },
        id="count",
    ),
    pytest.param(
        {"kind": "amount", **PROVENANCE, "value": {"value": 2000000, "currency": "KGS", "qualifier": "more_than"}},
        id="amount",
    ),
    pytest.param(
        {"kind": "organisation", **PROVENANCE, "value": {"name": "World Customs Organization", "acronym": "WCO"}},
        id="organisation",
    ),
    pytest.param(
        {
            "kind": "date",
            **PROVENANCE,
            "boxes": [[30.0, 20.0, 50.0, 25.0], [10.0, 25.0, 20.0, 30.0]],
            "value": {"start": "2018-03-01", "end": "2018-03-31", "granularity": "month", "inferred_year": False},
        },
        id="date-wrapped-two-line-boxes",
    ),
    pytest.param(
        {
            "kind": "block",
            "doc_id": DOC_ID,
            "page": 1,
            "id": "p1-b1",
            "bbox": [0, 0, 10, 10],
            "role": "heading",
            "section": "X",
            "text": "X",
        },
        id="block",
    ),
    pytest.param(
        {
            "kind": "document",
            "doc_id": DOC_ID,
            "source": "a.pdf",
            "pages": 4,
            "title": "Milestones",
            "issue_date": "2018-03-12",
            "status": "ok",
            "error": None,
            "counts": {"date": 1, "place": 0, "count": 0, "amount": 0, "organisation": 0},
            "schema_version": "1",
        },
        id="document-ok",
    ),
    pytest.param(
        {
            "kind": "document",
            "doc_id": DOC_ID,
            "source": "a.pdf",
            "pages": 0,
            "title": None,
            "issue_date": None,
            "status": "failed",
            "error": {"type": "encrypted", "message": "needs a password"},
            "counts": {},
            "schema_version": "1",
        },
        id="document-failed",
    ),
]


def _with(line: dict, **changes) -> dict:
    copy = json.loads(json.dumps(line))
    for dotted, value in changes.items():
        target = copy
        *parents, leaf = dotted.split("__")
        for key in parents:
            target = target[key]
        target[leaf] = value
    return copy


BASE_DATE = VALID[0].values[0]
BASE_AMOUNT = VALID[5].values[0]
BASE_PLACE = VALID[3].values[0]
BASE_DOCUMENT = next(param.values[0] for param in VALID if param.id == "document-ok")

INVALID = [
    pytest.param(_with(BASE_DATE, bbox=[50.0, 20.0, 10.0, 30.0]), id="bbox-x-reversed"),
    pytest.param(_with(BASE_DATE, bbox=[10.0, 40.0, 50.0, 30.0]), id="bbox-y-reversed"),
    pytest.param(_with(BASE_DATE, bbox=[1.0, 2.0, 3.0]), id="bbox-three-numbers"),
    pytest.param(_with(BASE_DATE, confidence=1.5), id="confidence-above-one"),
    pytest.param(_with(BASE_DATE, page=0), id="page-zero"),
    pytest.param(_with(BASE_DATE, value__start="2018-02-30"), id="date-not-a-day"),
    pytest.param(_with(BASE_DATE, value__start="2018-04-01"), id="date-start-after-end"),
    pytest.param(_with(BASE_DATE, value__granularity="week"), id="date-granularity"),
    pytest.param(_with(BASE_AMOUNT, value__currency="SOM"), id="currency-not-iso"),
    pytest.param(_with(BASE_PLACE, value__country="KGZ"), id="country-alpha3"),
    pytest.param(_with(BASE_PLACE, value__country="XQ"), id="country-unknown"),
    pytest.param(_with(BASE_DATE, surprise=1), id="unknown-field"),
    pytest.param(_with(BASE_DATE, kind="event"), id="unknown-kind"),
    pytest.param(_with(BASE_DATE, doc_id="md5:abc"), id="doc-id-shape"),
    pytest.param(_with(BASE_DOCUMENT, status="failed"), id="failed-without-error"),
    pytest.param(_with(BASE_DATE, boxes=[]), id="boxes-empty"),
    pytest.param(_with(BASE_DATE, boxes=[[10.0, 20.0, 40.0, 30.0]]), id="boxes-narrower-than-bbox"),
    pytest.param(_with(BASE_DATE, boxes=[[10.0, 20.0, 50.0, 30.0], [10.0, 30.0, 50.0, 41.0]]), id="boxes-outside-bbox"),
    pytest.param(_with(BASE_DATE, boxes=[[50.0, 20.0, 10.0, 30.0]]), id="box-x-reversed"),
]


@pytest.mark.parametrize("line", VALID)
def test_schemas_valid_lines_parse_and_match_json_schema(line: dict) -> None:
    model = parse_line(json.dumps(line))
    assert model.kind == line["kind"]
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(model.model_dump_json()))


@pytest.mark.parametrize("line", INVALID)
def test_schemas_invalid_lines_are_refused(line: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_line(json.dumps(line))


def test_schemas_json_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_schemas_committed_schema_matches_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "schemas/schema.json is out of date; regenerate it with `bulletins schema > schemas/schema.json` "
        "and review the diff"
    )


def test_schemas_models_are_frozen() -> None:
    model = parse_line(json.dumps(VALID[0].values[0]))
    with pytest.raises(pydantic.ValidationError):
        model.page = 2
