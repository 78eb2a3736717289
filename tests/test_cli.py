"""The command line, run in-process: exit statuses, stdout for data only, failed documents."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pipeline.cli import main
from schemas import json_schema, parse_line


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return status, lines, captured.err


def documents(lines: list[dict]) -> dict[str, dict]:
    return {Path(line["source"]).name: line for line in lines if line["kind"] == "document"}


def test_cli_bad_inputs_fail_alone(capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path]) -> None:
    folder = bad_inputs["ok"].parent
    status, lines, err = run_cli(capsys, "extract", str(folder))
    assert status == 1
    docs = documents(lines)
    expected = {path.name: kind.removesuffix("_empty") for kind, path in bad_inputs.items() if kind != "ok"}
    for name, error_type in expected.items():
        assert docs[name]["status"] == "failed", name
        assert docs[name]["error"]["type"] == error_type, name
        assert docs[name]["error"]["message"]
    assert docs["good.pdf"]["status"] == "ok"
    kinds = {line["kind"] for line in lines}
    assert {"date", "count", "place", "organisation"} <= kinds
    assert "Traceback" not in err


def test_cli_every_line_follows_the_contract(capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path]) -> None:
    _, lines, _ = run_cli(capsys, "extract", str(bad_inputs["ok"].parent))
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in lines:
        parse_line(json.dumps(line))
        validator.validate(line)


def test_cli_document_line_comes_first_then_its_records(
    capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path]
) -> None:
    _, lines, _ = run_cli(capsys, "extract", str(bad_inputs["ok"]))
    assert lines[0]["kind"] == "document"
    assert all(line["doc_id"] == lines[0]["doc_id"] for line in lines)
    assert sum(lines[0]["counts"].values()) == len(lines) - 1


def test_cli_writes_file_with_output_option(
    capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "records.jsonl"
    status, stdout_lines, _ = run_cli(capsys, "extract", str(bad_inputs["ok"]), "-o", str(target))
    assert status == 0
    assert stdout_lines == []
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert written[0]["kind"] == "document" and written[0]["status"] == "ok"


def test_cli_issue_date_resolves_partial_dates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.helpers import make_text_pdf

    pdf = make_text_pdf(tmp_path / "partial.pdf", ["The workshop took place on 8 March in Osh."])
    _, lines, _ = run_cli(capsys, "extract", str(pdf), "--issue-date", "2019-06-30")
    assert lines[0]["issue_date"] == "2019-06-30"
    dates = [line["value"] for line in lines if line["kind"] == "date"]
    assert {"start": "2019-03-08", "end": "2019-03-08", "granularity": "day", "inferred_year": True} in dates


def test_cli_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run_cli(capsys, "extract", "--issue-date", "March 2018", "x.pdf")
    assert status == 2
    assert lines == []
    assert "Usage" in err


def test_cli_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["schema"])
    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    assert printed == json_schema()


def test_cli_blocks_writes_block_lines(capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path]) -> None:
    status, lines, _ = run_cli(capsys, "blocks", str(bad_inputs["ok"]), "--workers", "1")
    assert status == 0
    assert lines[0]["kind"] == "document" and lines[0]["status"] == "ok" and lines[0]["pages"] == 1
    assert lines[1:] and all(line["kind"] == "block" and line["doc_id"] == lines[0]["doc_id"] for line in lines[1:])
    assert "Bishkek" in lines[1]["text"]


def test_cli_every_command_has_help_with_an_example() -> None:
    from pipeline.cli import cli

    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name


@pytest.mark.realworld
def test_cli_realworld_folder(capsys: pytest.CaptureFixture[str], realworld: Path) -> None:
    status, lines, err = run_cli(capsys, "extract", str(realworld))
    assert status == 1
    docs = documents(lines)
    assert docs["password-example.pdf"]["error"]["type"] == "encrypted"
    assert docs["empty.pdf"]["error"]["type"] == "not_a_pdf"
    failed = {name for name, doc in docs.items() if doc["status"] == "failed"}
    assert failed == {"password-example.pdf", "empty.pdf"}
    assert len(docs) == len(list(realworld.rglob("*.pdf")))
    assert "Traceback" not in err


def test_cli_output_file_gets_the_usual_permissions(
    capsys: pytest.CaptureFixture[str], bad_inputs: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "records.jsonl"
    main(["extract", "-q", "--workers", "1", str(bad_inputs["ok"]), "-o", str(target)])
    capsys.readouterr()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


# Packages that take seconds to import or load: the command line's quick answers need none of them
# (the console script `bulletins` is `pipeline.cli:main`).
HEAVY_PACKAGES = frozenset(
    {"spacy", "thinc", "numpy", "pdfminer", "pdfplumber", "pypdfium2", "pikepdf", "dateparser", "extractors"}
)


def modules_imported_by(statement: str, *args: str) -> set[str]:
    """Top-level packages a fresh interpreter (given `args` as sys.argv[1:]) has imported after `statement`.

    They are printed to stderr, after whatever `statement` writes to stdout.
    """
    listing = "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)"
    script = f"import json, sys\n{statement}\n{listing}"
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        pytest.param(["--version"], set(), id="version"),
        pytest.param(["--help"], set(), id="help"),
        pytest.param(["extract", "--help"], set(), id="extract-help"),
        pytest.param(["eval", "--help"], set(), id="eval-help"),
        pytest.param(["review", "--help"], set(), id="review-help"),
        pytest.param(["schema"], {"pydantic", "schemas"}, id="schema"),
    ],
)
def test_cli_quick_answers_import_nothing_heavy(args: list[str], allowed: set[str]) -> None:
    """`--version`, `--help` and `schema` answer without spaCy, the PDF libraries or the extractors."""
    imported = modules_imported_by("from pipeline.cli import main\nmain(sys.argv[1:])", *args)
    assert not imported & (HEAVY_PACKAGES | {"pydantic", "schemas"}) - allowed


@pytest.mark.issue(14)
def test_workers_import_no_ocr_engine_until_a_page_needs_it() -> None:
    """A worker's modules (`pipeline.run`) leave pytesseract, and the pandas it pulls in, to the first OCR'd page."""
    imported = modules_imported_by("import pipeline.run")
    assert "spacy" in imported  # the check sees the worker's imports at all
    assert not imported & {"pytesseract", "pandas"}


@pytest.mark.issue(14)
def test_batch_parent_imports_nothing_heavy() -> None:
    """The batch's parent (`pipeline.batch`) hands out documents and writes lines: only workers load the pipeline."""
    imported = modules_imported_by("import pipeline.batch")
    assert "schemas" in imported  # the check sees the parent's imports at all
    assert not imported & HEAVY_PACKAGES
