"""`bulletins export`: the fixtures' records in SQLite, Parquet and CSV, read back by pandas and DuckDB."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.export import ExportError, export_records
from pipeline.export.tables import KIND_TABLES, kind_table, model_columns
from schemas import CountRecord
from tests.helpers import FIXTURE_PDFS

RECORDS = [str(path.with_suffix(".jsonl")) for path in FIXTURE_PDFS]
BLOCKS = [str(path.with_suffix(".blocks.jsonl")) for path in FIXTURE_PDFS]
TARGETS = [
    pytest.param("out.sqlite", id="sqlite"),
    pytest.param("out.parquet", id="parquet"),
    pytest.param("csv", id="csv"),
]

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")


def lines_of(paths: list[str]) -> list[dict]:
    return [json.loads(text) for path in paths for text in Path(path).read_text(encoding="utf-8").splitlines()]


def expected_rows(paths: list[str]) -> dict[str, int]:
    """Rows per table, counted from the JSON Lines themselves."""
    kinds = Counter(line["kind"] for line in lines_of(paths))
    rows = {"documents": kinds["document"], "duplicates": 0}
    rows |= {table: kinds[kind] for kind, table in KIND_TABLES.items()}
    if kinds["block"]:
        rows["blocks"] = kinds["block"]
    return rows


def read_tables(target: Path) -> dict[str, pd.DataFrame]:
    """Every exported table as pandas reads it."""
    if target.suffix == ".sqlite":
        with sqlite3.connect(target) as db:
            names = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {name: pd.read_sql(f'SELECT * FROM "{name}"', db) for name in names}
    if target.suffix == ".parquet":
        return {path.stem: pd.read_parquet(path) for path in sorted(target.glob("*.parquet"))}
    return {path.stem: pd.read_csv(path) for path in sorted(target.glob("*.csv"))}


def duckdb_counts_per_document(target: Path) -> list[tuple[str, int, int]]:
    """(source, count records joined, the document line's own count) per document, in DuckDB.

    DuckDB reads Parquet and CSV files itself; a SQLite database it reads through pandas here
    (its sqlite extension is downloaded on first use, which a test must not do).
    """
    con = duckdb.connect()
    if target.suffix == ".sqlite":
        tables = read_tables(target)
        con.register("counts", tables["counts"])
        con.register("documents", tables["documents"])
    else:
        extension = "parquet" if target.suffix == ".parquet" else "csv"
        for name in ("counts", "documents"):
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM '{target / f'{name}.{extension}'}'")
    query = """
        SELECT d.source, count(c.id) AS joined, any_value(d.counts_count) AS announced
        FROM documents d LEFT JOIN counts c ON c.doc_id = d.doc_id
        GROUP BY d.source ORDER BY d.source
    """
    return [(source, joined, announced) for source, joined, announced in con.execute(query).fetchall()]


@pytest.mark.parametrize("name", TARGETS)
def test_export_fixtures_row_counts_and_a_join(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    counts = export_records(RECORDS, target)
    expected = expected_rows(RECORDS)
    assert {count.table: count.total for count in counts} == expected
    assert {count.table: count.added for count in counts} == expected
    tables = read_tables(target)
    assert {table: len(frame) for table, frame in tables.items()} == expected
    joined = duckdb_counts_per_document(target)
    assert len(joined) == len(FIXTURE_PDFS)
    assert all(found == announced > 0 for _, found, announced in joined)


@pytest.mark.parametrize("name", TARGETS)
def test_export_is_idempotent_and_appends_only_new_ids(tmp_path: Path, name: str) -> None:
    once, twice = tmp_path / "once" / name, tmp_path / "twice" / name
    export_records(RECORDS, once)
    export_records(RECORDS[:3], twice)
    added = {count.table: count.added for count in export_records(RECORDS, twice)}
    assert added == {table: n - expected_rows(RECORDS[:3])[table] for table, n in expected_rows(RECORDS).items()}
    again = export_records(RECORDS, twice)
    assert all(count.added == 0 for count in again)
    assert _contents(once) == _contents(twice)


def _contents(target: Path) -> object:
    """What an export holds: the SQL dump of a database, the bytes of each file of a folder."""
    if target.suffix == ".sqlite":
        with sqlite3.connect(target) as db:
            return list(db.iterdump())
    return {path.name: path.read_bytes() for path in sorted(target.iterdir())}


def test_export_twice_to_new_files_gives_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a.sqlite", "b.sqlite", "a.parquet", "b.parquet", "a", "b"):
        export_records(RECORDS, tmp_path / name)
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()
    assert _contents(tmp_path / "a.parquet") == _contents(tmp_path / "b.parquet")
    assert _contents(tmp_path / "a") == _contents(tmp_path / "b")


def test_export_sqlite_declares_keys_foreign_keys_and_indexes(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    export_records(RECORDS, target)
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        references = {(row[2], row[3], row[4]) for row in db.execute("PRAGMA foreign_key_list(counts)")}
        assert references == {("documents", "doc_id", "doc_id"), ("counts", "part_of", "id")}
        indexes = {row[1] for row in db.execute("PRAGMA index_list(dates)")}
        assert {"dates_doc_id", "dates_doc_id_block"} <= indexes
        parts = db.execute("SELECT count(*) FROM counts c JOIN counts p ON c.part_of = p.id").fetchone()[0]
    assert parts == sum(1 for line in lines_of(RECORDS) if line["kind"] == "count" and line["value"]["part_of"])


def test_export_parquet_columns_are_typed(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "out.parquet"
    export_records(RECORDS, target)

    def types(table: str) -> dict[str, str]:
        return {field.name: str(field.type) for field in pq.read_schema(target / f"{table}.parquet")}

    assert types("dates").items() >= {"start": "date32[day]", "end": "date32[day]", "inferred_year": "bool"}.items()
    assert types("places").items() >= {"geonames_id": "int64", "lat": "double", "country": "string"}.items()
    assert types("counts").items() >= {"value": "double", "part_of": "string", "x0": "double"}.items()
    assert types("documents").items() >= {"issue_date": "date32[day]", "pages": "int64"}.items()


def test_export_blocks_join_to_their_records(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    counts = export_records([*RECORDS, *BLOCKS], target)
    assert {count.table: count.total for count in counts}["blocks"] == expected_rows(BLOCKS)["blocks"]
    with sqlite3.connect(target) as db:
        orphans = db.execute(
            "SELECT count(*) FROM places p LEFT JOIN blocks b ON b.doc_id = p.doc_id AND b.id = p.block "
            "WHERE b.id IS NULL"
        ).fetchone()[0]
    assert orphans == 0


def test_export_duplicates_across_runs(tmp_path: Path) -> None:
    """The same PDF under another name in a later run is a duplicate: its file is listed, its records not added."""
    moved = tmp_path / "later_run.jsonl"
    lines = lines_of(RECORDS[:1])
    lines[0]["source"] = "archive/2020/renamed.pdf"
    moved.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    target = tmp_path / "out.sqlite"
    export_records(RECORDS, target)
    added = {count.table: count.added for count in export_records([str(moved)], target)}
    assert added == dict.fromkeys(expected_rows(RECORDS), 0) | {"duplicates": 1}
    with sqlite3.connect(target) as db:
        row = db.execute("SELECT source, doc_id, duplicate_of FROM duplicates").fetchone()
    assert row == ("archive/2020/renamed.pdf", lines[0]["doc_id"], lines_of(RECORDS[:1])[0]["source"])


def test_export_records_without_their_document_are_refused(tmp_path: Path) -> None:
    orphans = tmp_path / "orphans.jsonl"
    orphans.write_text("".join(json.dumps(line) + "\n" for line in lines_of(RECORDS[:1])[1:]), encoding="utf-8")
    with pytest.raises(ExportError, match="without that document's `document` line"):
        export_records([str(orphans)], tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def test_export_cli_bad_line_exits_2_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(Path(RECORDS[0]).read_text(encoding="utf-8") + '{"kind": "date", "page": 0}\n', encoding="utf-8")
    status = main(["export", str(bad), "--to", str(tmp_path / "out.sqlite")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{bad} line {len(lines_of(RECORDS[:1])) + 1} is not a bulletins line" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.sqlite").exists()


def test_export_cli_reads_stdin_and_summarises(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(Path(RECORDS[0]).read_text(encoding="utf-8")))
    status = main(["export", "-", "--to", str(tmp_path / "csv")])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out == ""
    assert f"exported to {tmp_path / 'csv'}: documents 1 (+1)" in captured.err


def test_export_table_columns_follow_the_contract() -> None:
    columns = {column.name: column.type for column in model_columns(CountRecord)}
    assert list(columns) == [
        *("id", "doc_id", "page", "x0", "top", "x1", "bottom", "block", "section", "text", "sentence"),
        *("extractor", "confidence", "boxes", "cell_row", "cell_column", "value", "qualifier", "subject", "part_of"),
    ]
    assert columns["boxes"] == "json"  # a list of boxes per line: JSON text, as any field of another shape
    assert kind_table("count").key == ("id",)


def test_export_keeps_a_table_records_cell_and_a_table_blocks_rows(tmp_path: Path) -> None:
    records, blocks = (
        str(Path(RECORDS[0]).with_name(name)) for name in ("tables_2024.jsonl", "tables_2024.blocks.jsonl")
    )
    cells = {
        (line["id"], line["cell"]["row"], line["cell"]["column"]) for line in lines_of([records]) if line.get("cell")
    }
    tables = [line for line in lines_of([blocks]) if line["kind"] == "block" and line["role"] == "table"]
    assert cells and tables
    target = tmp_path / "out.sqlite"
    export_records([blocks, records], target)
    with sqlite3.connect(target) as db:
        exported = set(db.execute("SELECT id, cell_row, cell_column FROM counts WHERE cell_row IS NOT NULL"))
        exported |= set(db.execute("SELECT id, cell_row, cell_column FROM places WHERE cell_row IS NOT NULL"))
        rows = [json.loads(text) for (text,) in db.execute("SELECT rows FROM blocks WHERE role = 'table' ORDER BY id")]
    assert exported <= cells and len(exported) > 0
    assert sorted(rows) == sorted(table["rows"] for table in tables)


def test_export_keeps_the_extract_document_line_when_blocks_come_first(tmp_path: Path) -> None:
    """`bulletins blocks` writes each document's line with zero counts; the records' line is the one kept."""
    records = lines_of(RECORDS[:1])
    blocks = tmp_path / "blocks.jsonl"
    document = records[0] | {"counts": dict.fromkeys(records[0]["counts"], 0)}
    blocks.write_text("".join(json.dumps(line) + "\n" for line in [document, *lines_of(BLOCKS[:1])]), encoding="utf-8")
    target = tmp_path / "out.sqlite"
    export_records([str(blocks), RECORDS[0]], target)
    with sqlite3.connect(target) as db:
        counted = db.execute("SELECT counts_count, counts_place FROM documents").fetchall()
    assert counted == [(records[0]["counts"]["count"], records[0]["counts"]["place"])]
