"""Scoring against gold facts: matching rules per kind, unique facts, documents, exact P/R/F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.review.eval_report import evaluation_to_text
from pipeline.review.evaluate import (
    GoldFileError,
    evaluate_files,
    fold,
    head_noun,
    match_strength,
    value_to_key,
)

DOC = "sha256:" + "c" * 64
OTHER = "sha256:" + "d" * 64


def fact(kind: str, text: str, value: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "text": text, "value": value, **extra}


def date_value(start: str | None, end: str | None, granularity: str = "day") -> dict[str, Any]:
    return {"start": start, "end": end, "granularity": granularity, "inferred_year": False}


def place_value(name: str, geonames_id: int | None = None) -> dict[str, Any]:
    return {"name": name, "type": "city", "country": "KG", "geonames_id": geonames_id, "lat": None, "lon": None}


def count_value(number: float, subject: str, qualifier: str = "exact") -> dict[str, Any]:
    return {"value": number, "qualifier": qualifier, "subject": subject, "part_of": None}


def amount_value(number: float, currency: str) -> dict[str, Any]:
    return {"value": number, "currency": currency, "qualifier": "exact"}


def org_value(name: str, acronym: str | None = None) -> dict[str, Any]:
    return {"name": name, "acronym": acronym}


GOLD = [
    fact("date", "March 2018", date_value("2018-03-01", "2018-03-31", "month")),
    fact("place", "Bishkek", place_value("Bishkek", 1528675)),
    fact("count", "over 40 sports coaches", count_value(40, "sports coaches", "more_than")),
    fact("organisation", "UNODC", org_value("United Nations Office on Drugs and Crime", "UNODC")),
]


def as_record(gold: dict[str, Any], n: int, doc_id: str = DOC, page: int = 1) -> dict[str, Any]:
    """A contract record stating a gold fact (what a perfect extractor would write)."""
    return {
        "kind": gold["kind"], "id": f"r{n}-{doc_id[7:11]}", "doc_id": doc_id, "page": page,
        "bbox": [72.0, 100.0 + n, 120.0, 110.0 + n], "block": f"p{page}-b1", "section": None,
        "text": gold["text"], "sentence": gold["text"], "value": gold["value"], "extractor": "test", "confidence": 1.0,
    }  # fmt: skip


def document(doc_id: str = DOC, source: str = "runs/milestones.pdf") -> dict[str, Any]:
    return {"kind": "document", "doc_id": doc_id, "source": source, "pages": 1, "title": None, "issue_date": None,
            "status": "ok", "error": None, "counts": {}, "schema_version": "1"}  # fmt: skip


def write_jsonl(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "milestones.gold.jsonl", GOLD)


def scores(evaluation) -> dict[str, tuple[int, int, int]]:
    return {result.kind: (result.score.tp, result.score.fp, result.score.fn) for result in evaluation.kinds}


def test_evaluate_perfect_prediction(tmp_path: Path, gold_file: Path) -> None:
    records = write_jsonl(tmp_path / "run.jsonl", [document()] + [as_record(g, n) for n, g in enumerate(GOLD)])
    evaluation = evaluate_files([gold_file], records)
    assert (evaluation.micro.tp, evaluation.micro.fp, evaluation.micro.fn) == (4, 0, 0)
    assert (evaluation.micro.precision, evaluation.micro.recall, evaluation.micro.f1) == (1.0, 1.0, 1.0)
    assert all(result.score.f1 == 1.0 for result in evaluation.kinds)  # amount: nothing to find, nothing found


def test_evaluate_empty_prediction(tmp_path: Path, gold_file: Path) -> None:
    records = write_jsonl(tmp_path / "run.jsonl", [document()])
    evaluation = evaluate_files([gold_file], records)
    micro = evaluation.micro
    assert (micro.tp, micro.fp, micro.fn) == (0, 0, 4)
    assert (micro.precision, micro.recall, micro.f1) == (0.0, 0.0, 0.0)
    assert [fact.text for result in evaluation.kinds for fact in result.misses] == [g["text"] for g in GOLD]


def test_evaluate_half_right_prediction(tmp_path: Path, gold_file: Path) -> None:
    """Two of four gold facts found, one wrong fact added: P = 2/3, R = 1/2, F1 = 4/7."""
    predicted = [
        as_record(GOLD[0], 0),
        as_record(GOLD[1], 1),
        as_record(fact("count", "40 officers", count_value(40, "officers")), 2),
    ]
    evaluation = evaluate_files([gold_file], write_jsonl(tmp_path / "run.jsonl", [document(), *predicted]))
    micro = evaluation.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 1, 2)
    assert micro.precision == pytest.approx(2 / 3, abs=1e-12)
    assert micro.recall == 0.5
    assert micro.f1 == pytest.approx(4 / 7, abs=1e-12)
    assert scores(evaluation)["count"] == (0, 1, 1)
    assert scores(evaluation)["organisation"] == (0, 0, 1)


def test_evaluate_counts_unique_facts_per_document(tmp_path: Path, gold_file: Path) -> None:
    """Bishkek named five times is one fact: five right mentions are one true positive."""
    predicted = [as_record(GOLD[1], n, page=n + 1) for n in range(5)]
    predicted += [as_record(fact("place", "Osh", place_value("Osh")), 10 + n) for n in range(3)]
    evaluation = evaluate_files([gold_file], write_jsonl(tmp_path / "run.jsonl", [document(), *predicted]))
    assert scores(evaluation)["place"] == (1, 1, 0)


@pytest.mark.parametrize(
    ("kind", "gold", "predicted", "strength"),
    [
        pytest.param(
            "date",
            date_value("2018-03-01", "2018-03-31", "month"),
            date_value("2018-03-01", "2018-03-31", "day"),
            2,
            id="date-same-bounds-other-granularity",
        ),
        pytest.param(
            "date",
            date_value("2018-03-01", "2018-03-31"),
            date_value("2018-03-01", "2018-03-30"),
            0,
            id="date-other-end",
        ),
        pytest.param(
            "date",
            date_value("2017-04-01", None, "month"),
            date_value("2017-04-01", None, "month"),
            2,
            id="date-open-end",
        ),
        pytest.param(
            "date", date_value("2017-04-01", None), date_value("2017-04-01", "2017-04-30"), 0, id="date-open-vs-closed"
        ),
        pytest.param("place", place_value("Bishkek"), place_value("bishkek"), 2, id="place-case"),
        pytest.param("place", place_value("Almaty"), place_value("Almatý"), 2, id="place-accent"),
        pytest.param(
            "place",
            place_value("Kyrgyz Republic", 1527747),
            place_value("Kyrgyzstan", 1527747),
            1,
            id="place-geonames-id",
        ),
        pytest.param("place", place_value("Osh"), place_value("Bishkek"), 0, id="place-other"),
        pytest.param(
            "count",
            count_value(40, "sports coaches", "more_than"),
            count_value(40, "coach"),
            2,
            id="count-head-plural-qualifier",
        ),
        pytest.param("count", count_value(573, "women"), count_value(573, "woman"), 2, id="count-irregular-plural"),
        pytest.param(
            "count",
            count_value(1394, "practitioners"),
            count_value(1394.0, "criminal justice practitioners"),
            2,
            id="count-float-modifier",
        ),
        pytest.param(
            "count",
            count_value(12, "officers of the police"),
            count_value(12, "police officers"),
            2,
            id="count-of-phrase",
        ),
        pytest.param("count", count_value(40, "coaches"), count_value(41, "coaches"), 0, id="count-other-number"),
        pytest.param("count", count_value(40, "coaches"), count_value(40, "teachers"), 0, id="count-other-subject"),
        pytest.param("amount", amount_value(2000000, "KGS"), amount_value(2e6, "kgs"), 2, id="amount-same"),
        pytest.param(
            "amount", amount_value(2000000, "KGS"), amount_value(2000000, "USD"), 0, id="amount-other-currency"
        ),
        pytest.param(
            "organisation",
            org_value("the Football Federation of the Kyrgyz Republic", "FFKR"),
            org_value("Football Federation of the Kyrgyz Republic"),
            2,
            id="org-the-and-case",
        ),
        pytest.param("organisation", org_value("UN Women"), org_value("UN-Women"), 2, id="org-punctuation"),
        pytest.param(
            "organisation",
            org_value("United Nations Office on Drugs and Crime", "UNODC"),
            org_value("UN Office on Drugs and Crime", "UNODC"),
            1,
            id="org-same-acronym",
        ),
        pytest.param(
            "organisation",
            org_value("United Nations Office on Drugs and Crime", "UNODC"),
            org_value("UNODC"),
            1,
            id="org-acronym-as-name",
        ),
        pytest.param(
            "organisation",
            org_value("OSCE"),
            org_value("Organization for Security and Co-operation in Europe", "OSCE"),
            1,
            id="org-name-as-acronym",
        ),
        pytest.param("organisation", org_value("European Union", "EU"), org_value("UNODC", "UNODC"), 0, id="org-other"),
    ],
)
def test_evaluate_matching_rules(kind: str, gold: dict, predicted: dict, strength: int) -> None:
    assert match_strength(value_to_key(kind, gold), value_to_key(kind, predicted)) == strength


@pytest.mark.parametrize(
    ("subject", "head"),
    [
        pytest.param("sports coaches", "coach", id="ches"),
        pytest.param("girls", "girl", id="s"),
        pytest.param("facilities", "facility", id="ies"),
        pytest.param("women", "woman", id="irregular"),
        pytest.param("boxes of seized heroin", "box", id="cut-at-of"),
        pytest.param("status", "status", id="us-kept"),
        pytest.param("training series", "series", id="series-stays"),
        pytest.param("people", "person", id="people"),
        pytest.param("countries", "country", id="countries"),
        pytest.param("analyses", "analysis", id="greek"),
        pytest.param("staff", "staff", id="uncountable"),
        pytest.param("buses", "bus", id="buses"),
        pytest.param("", "", id="empty"),
    ],
)
def test_evaluate_head_noun(subject: str, head: str) -> None:
    assert head_noun(subject) == head


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        pytest.param(
            "The  Kyrgyz Republic's Ministry of Interior", "kyrgyz republics ministry of interior", id="the-apostrophe"
        ),
        pytest.param("Ōsh", "osh", id="accent"),
        pytest.param("Cox’s Bazar", "coxs bazar", id="curly-apostrophe-as-the-gazetteer-folds"),
        pytest.param("Farg‘ona", "fargona", id="modifier-letter"),
        pytest.param("Bosnia & Herzegovina", "bosnia and herzegovina", id="ampersand"),
        pytest.param("The", "the", id="the-alone"),
    ],
)
def test_evaluate_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_evaluate_documents_by_file_name_source_field_and_single(tmp_path: Path) -> None:
    """Gold matches documents by a source field, else its file name; unrelated runs are not scored."""
    gold_a = write_jsonl(tmp_path / "milestones.gold.jsonl", [GOLD[1]])
    gold_b = write_jsonl(tmp_path / "various.gold.jsonl", [dict(GOLD[0], source="fixtures/border.pdf")])
    run = [
        document(DOC, "out/x/milestones.pdf"), as_record(GOLD[1], 0, DOC),
        document(OTHER, "border.pdf"), as_record(GOLD[0], 1, OTHER),
        document("sha256:" + "e" * 64, "unrelated.pdf"),
    ]  # fmt: skip
    evaluation = evaluate_files([gold_a, gold_b], write_jsonl(tmp_path / "run.jsonl", run))
    assert dict(evaluation.documents) == {"milestones": "milestones", "border": "border"}
    assert (evaluation.micro.tp, evaluation.micro.fp, evaluation.micro.fn) == (2, 0, 0)
    assert evaluation.unscored == ("unrelated",)


def test_evaluate_single_document_gold_pairs_with_a_single_run(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "notes.gold.jsonl", [GOLD[1]])
    run = write_jsonl(tmp_path / "run.jsonl", [document(DOC, "scan-0001.pdf"), as_record(GOLD[1], 0)])
    evaluation = evaluate_files([gold], run)
    assert dict(evaluation.documents) == {"notes": "scan-0001"}
    assert evaluation.micro.tp == 1


def test_evaluate_records_without_document_lines_match_gold_by_doc_id(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.gold.jsonl", [dict(GOLD[1], doc_id=DOC), dict(GOLD[0], doc_id=OTHER)])
    run = write_jsonl(tmp_path / "run.jsonl", [as_record(GOLD[1], 0, DOC), as_record(GOLD[0], 1, DOC)])
    evaluation = evaluate_files([gold], run)
    assert scores(evaluation)["place"] == (1, 0, 0)
    # The gold date is stated in the other document (not run: a miss); the run's date is in this one (a false positive).
    assert scores(evaluation)["date"] == (0, 1, 1)
    assert dict(evaluation.documents)[OTHER] is None


def test_evaluate_count_part_of_links(tmp_path: Path) -> None:
    parent = fact("count", "1394 practitioners", count_value(1394, "practitioners"))
    women = fact("count", "573 women", count_value(573, "women"), part_of_text="1394 practitioners")
    girls = fact("count", "20 girls", count_value(20, "girls") | {"part_of_text": "1394 practitioners"})  # inside value
    gold = write_jsonl(tmp_path / "milestones.gold.jsonl", [parent, women, girls])
    records = [as_record(parent, 0), as_record(women, 1), as_record(girls, 2)]
    records[1]["value"] = dict(records[1]["value"], part_of=records[0]["id"])  # right link; girls' link missing
    evaluation = evaluate_files([gold], write_jsonl(tmp_path / "run.jsonl", [document(), *records]))
    [counts] = [result for result in evaluation.kinds if result.kind == "count"]
    assert (counts.score.tp, counts.links.tp, counts.links.fp, counts.links.fn) == (3, 1, 0, 1)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param({"kind": "person", "text": "x", "value": {}}, "is not one of", id="unknown-kind"),
        pytest.param(
            {"kind": "date", "text": "x", "value": {"start": "2018-01-01"}}, "lacks 'end'", id="missing-field"
        ),
        pytest.param({"kind": "count", "text": "x"}, "lacks 'value'", id="no-value"),
    ],
)
def test_evaluate_gold_errors_name_the_fact(tmp_path: Path, line: dict, message: str) -> None:
    gold = write_jsonl(tmp_path / "bad.gold.jsonl", [GOLD[0], line])
    with pytest.raises(GoldFileError, match=message) as info:
        evaluate_files([gold], write_jsonl(tmp_path / "run.jsonl", [document()]))
    assert "fact 2" in str(info.value)


def test_evaluate_cli_table_errors_and_several_systems(tmp_path: Path, gold_file: Path) -> None:
    good = write_jsonl(tmp_path / "pipeline.jsonl", [document()] + [as_record(g, n) for n, g in enumerate(GOLD)])
    naive = write_jsonl(
        tmp_path / "baseline.jsonl",
        [document(), as_record(GOLD[0], 0), as_record(fact("place", "Osh", place_value("Osh")), 1)],
    )
    result = CliRunner().invoke(cli, ["eval", "--gold", str(tmp_path), str(good), str(naive), "--show-errors"])
    assert result.exit_code == 0, result.output
    pipeline_part, baseline_part = result.output.split("baseline.jsonl:")
    assert pipeline_part.splitlines()[0] == "pipeline.jsonl: 1 gold document(s)"
    micro = [line.split() for line in result.output.splitlines() if line.startswith("micro")]
    assert micro == [
        ["micro", "4", "0", "0", "1.000", "1.000", "1.000", "4"],
        ["micro", "1", "1", "3", "0.500", "0.250", "0.333", "1"],
    ]
    assert "FP place milestones: p1 'Osh'" in baseline_part
    assert "FN organisation milestones: 'UNODC'" in baseline_part
    assert "FP " not in pipeline_part and "FN " not in pipeline_part


def test_evaluate_cli_json(tmp_path: Path, gold_file: Path) -> None:
    run = write_jsonl(tmp_path / "run.jsonl", [document(), as_record(GOLD[0], 0)])
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_file), "--format", "json", str(run)])
    [report] = json.loads(result.output)
    assert report["micro"] == {"tp": 1, "fp": 0, "fn": 3, "precision": 1.0, "recall": 0.25, "f1": 0.4}
    assert [miss["text"] for miss in report["kinds"]["place"]["misses"]] == ["Bishkek"]


def test_evaluate_cli_bad_gold_exits_2(tmp_path: Path) -> None:
    gold = tmp_path / "bad.gold.jsonl"
    gold.write_text('{"kind": "date", "text": "x", "value": {}}\n', encoding="utf-8")
    run = write_jsonl(tmp_path / "run.jsonl", [document()])
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), str(run)])
    assert result.exit_code == 2
    assert "fact 1" in result.output


def test_evaluate_reports_a_failed_document(tmp_path: Path, gold_file: Path) -> None:
    failed = document() | {"status": "failed", "error": {"type": "timeout", "message": "took too long"}}
    evaluation = evaluate_files([gold_file], write_jsonl(tmp_path / "run.jsonl", [failed]))
    assert dict(evaluation.failed) == {"milestones": "timeout"}
    assert evaluation.micro.fn == len(GOLD)
    assert "FAILED (timeout)" in evaluation_to_text(evaluation)


@pytest.mark.parametrize(
    ("gold", "predicted", "fields"),
    [
        pytest.param(
            GOLD[2],
            fact("count", "over 40 sports coaches", count_value(40, "sports coaches", "at_least")),
            [("qualifier", "more_than", "at_least")],
            id="qualifier",
        ),
        pytest.param(
            GOLD[2],
            fact("count", "40 sports coaches", count_value(40, "coaches", "more_than")),
            [("subject", "sports coaches", "coaches")],
            id="subject-as-printed",
        ),
        pytest.param(
            GOLD[0],
            fact("date", "March 2018", date_value("2018-03-01", "2018-03-31", "day")),
            [("granularity", "month", "day")],
            id="granularity",
        ),
        pytest.param(
            GOLD[3],
            fact("organisation", "UNODC", org_value("UNODC")),
            [("acronym", "UNODC", None), ("name", "United Nations Office on Drugs and Crime", "UNODC")],
            id="acronym-only",
        ),
        pytest.param(
            GOLD[1], fact("place", "Bishkek", place_value("Bishkek", 99)), [], id="geonames-id-not-an-attribute"
        ),
    ],
)
def test_evaluate_mismatched_attributes_are_true_positives_but_not_exact(
    tmp_path: Path, gold: dict, predicted: dict, fields: list
) -> None:
    gold_path = write_jsonl(tmp_path / "milestones.gold.jsonl", [gold])
    evaluation = evaluate_files([gold_path], write_jsonl(tmp_path / "run.jsonl", [document(), as_record(predicted, 0)]))
    [result] = [result for result in evaluation.kinds if result.kind == gold["kind"]]
    assert result.score.tp == 1
    assert result.exact == (0 if fields else 1)
    assert [list(m.fields) for m in result.mismatches] == ([fields] if fields else [])
    if fields:
        assert f"VAL {gold['kind']} milestones: p1 {predicted['text']!r} {fields[0][0]}: " in evaluation_to_text(
            evaluation, show_errors=True
        )


@pytest.mark.parametrize(
    ("bar", "status"),
    [
        pytest.param("0.39", 0, id="above"),
        pytest.param("0.4", 0, id="equal-passes"),
        pytest.param("0.41", 1, id="below"),
        pytest.param("0", 0, id="zero"),
    ],
)
def test_evaluate_cli_fail_under(tmp_path: Path, gold_file: Path, bar: str, status: int) -> None:
    run = write_jsonl(tmp_path / "run.jsonl", [document(), as_record(GOLD[0], 0)])  # micro F1 0.4
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_file), str(run), "--fail-under", bar])
    assert result.exit_code == status, result.output
    assert ("micro F1 0.400 of run.jsonl is under" in result.output) is (status == 1)


def test_evaluate_cli_fail_under_any_of_several_files(tmp_path: Path, gold_file: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [document()] + [as_record(g, n) for n, g in enumerate(GOLD)])
    weak = write_jsonl(tmp_path / "weak.jsonl", [document(), as_record(GOLD[0], 0)])
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_file), str(good), str(weak), "--fail-under", "0.9"])
    assert result.exit_code == 1
    assert "of weak.jsonl is under 0.9" in result.output
    assert "of good.jsonl" not in result.output


def test_evaluate_cli_fail_under_out_of_range_is_a_usage_error(tmp_path: Path, gold_file: Path) -> None:
    run = write_jsonl(tmp_path / "run.jsonl", [document()])
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_file), str(run), "--fail-under", "85"])
    assert result.exit_code == 2
