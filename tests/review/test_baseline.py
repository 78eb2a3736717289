"""The naive baseline: spaCy entities mapped to contract kinds, lines that validate, bad files failed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pipeline.review.baseline import baseline_command, iter_baseline, iter_page_records, text_to_number
from schemas import json_schema, parse_line

DOC_ID = "sha256:" + "c" * 64
PAGE_BOX = (0.0, 0.0, 595.0, 842.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("40", 40, id="digits"),
        pytest.param("1,394", 1394, id="thousands-comma"),
        pytest.param("2.5 million", 2_500_000, id="million"),
        pytest.param("forty", 40, id="words"),
        pytest.param("two hundred", 200, id="compound-words"),
        pytest.param("several", None, id="not-a-number"),
    ],
)
def test_baseline_text_to_number(text: str, expected: float | None) -> None:
    assert text_to_number(text) == expected


@pytest.mark.parametrize(
    ("sentence", "kind", "text", "value"),
    [
        pytest.param(
            "On 2 March 2018 UNODC trained 40 officers in Bishkek.",
            "date",
            "2 March 2018",
            {"start": "2018-03-02", "end": "2018-03-02", "granularity": "day", "inferred_year": False},
            id="date-day",
        ),
        pytest.param(
            "On 2 March 2018 UNODC trained 40 officers in Bishkek.",
            "count",
            "40",
            {"value": 40, "qualifier": "exact", "subject": "officers", "part_of": None},
            id="count-next-noun",
        ),
        pytest.param(
            "On 2 March 2018 UNODC trained 40 officers in Bishkek.",
            "place",
            "Bishkek",
            {"name": "Bishkek", "type": "city", "country": None, "geonames_id": None, "lat": None, "lon": None},
            id="place-city",
        ),
        pytest.param(
            "Judges from Kazakhstan met in June 2019.",
            "place",
            "Kazakhstan",
            {"name": "Kazakhstan", "type": "country", "country": "KZ", "geonames_id": None, "lat": None, "lon": None},
            id="place-country",
        ),
        pytest.param(
            "The project received $25,000 from the European Union in 2017.",
            "amount",
            "25,000",
            {"value": 25000, "currency": "USD", "qualifier": "exact"},
            id="amount-dollars",
        ),
        pytest.param(
            "The project received $25,000 from the European Union in 2017.",
            "organisation",
            "the European Union",
            {"name": "European Union", "acronym": None},
            id="organisation",
        ),
    ],
)
def test_baseline_entities_become_contract_records(nlp, sentence: str, kind: str, text: str, value: dict) -> None:
    doc = nlp(sentence)
    records = list(iter_page_records(doc.ents, DOC_ID, 1, PAGE_BOX, dt.date(2018, 3, 12)))
    found = [r for r in records if r.kind == kind and text.endswith(r.text.removeprefix("$"))]
    assert found, [(r.kind, r.text) for r in records]
    assert found[0].value.model_dump(mode="json") == value
    assert found[0].page == 1 and found[0].bbox == PAGE_BOX and found[0].block == "p1-b0"
    assert found[0].sentence == sentence


def test_baseline_partial_date_needs_a_reference(nlp) -> None:
    doc = nlp("The workshop took place on 8 March in Osh.")
    without = [r for r in iter_page_records(doc.ents, DOC_ID, 1, PAGE_BOX, None) if r.kind == "date"]
    with_reference = [
        r for r in iter_page_records(doc.ents, DOC_ID, 1, PAGE_BOX, dt.date(2019, 6, 30)) if r.kind == "date"
    ]
    assert without == []
    assert with_reference[0].value.start == dt.date(2019, 3, 8)
    assert with_reference[0].value.inferred_year is True


def test_baseline_lines_follow_the_contract_and_bad_files_fail(bad_inputs: dict[str, Path]) -> None:
    lines = list(iter_baseline([bad_inputs["ok"].parent]))
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in lines:
        data = json.loads(line.model_dump_json())
        validator.validate(data)
        parse_line(line.model_dump_json())
    documents = {Path(line.source).name: line for line in lines if line.kind == "document"}
    assert documents["good.pdf"].status == "ok"
    assert documents["encrypted.pdf"].error.type == "encrypted"
    assert documents["notes.pdf"].error.type == "not_a_pdf"
    assert documents["malformed.pdf"].error.type == "malformed"
    good = documents["good.pdf"]
    records = [line for line in lines if line.kind != "document" and line.doc_id == good.doc_id]
    assert len(records) == sum(good.counts.model_dump().values()) > 0


def test_baseline_command_writes_file_and_exits_1_on_failures(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "baseline.jsonl"
    result = CliRunner().invoke(baseline_command, [str(bad_inputs["ok"].parent), "-o", str(target)])
    assert result.exit_code == 1
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["source"] for line in written if line["kind"] == "document"] == sorted(
        str(path) for path in bad_inputs.values()
    )
