"""Tables scored against hand-written gold: cell text accuracy and the F1 of facts read from cells.

A gold table (`fixtures/realworld/tables/*.table.json`) gives a page, the table's extent, every
cell's text and the facts a person reads from the cells with their headers. A run is scored on:

- cells: the predicted `table` block on the page that overlaps the gold table most is compared
  cell by cell (row r, column c against row r, column c, whitespace collapsed); every gold cell,
  empty ones included, is right or wrong, and a table not found makes all its cells wrong;
- facts: the records on the page whose box centre lies inside the gold table's extent are the
  facts read from it, whatever block they came from (so a run without tables is scored on what it
  reads from the table as text). They are matched with the gold facts by the rules of `bulletins
  eval` (a count by number and head noun, a place by name, an amount by number and currency, a
  date by its bounds), a value stated in five cells being five facts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.review.evaluate import FactKey, GoldFileError, Score, fold, match_strength, value_to_key
from schemas.records import RECORD_KINDS

# Gold boxes are drawn by eye, about this many points off.
SLACK = 3.0
# Kinds whose F1 is the headline figure: the numbers and places a table exists to give.
HEADLINE_KINDS = ("count", "place", "amount")
# Least share of a predicted table that must lie inside a gold table's extent for it to be that
# table (the gold extent may be a ruled panel much taller than the rows in it).
MIN_OVERLAP = 0.5

Box = tuple[float, float, float, float]


@dataclasses.dataclass(frozen=True)
class CellFact:
    """A fact read from a table: a gold fact, or a predicted record inside a table's extent.

    Attributes:
        kind: Record kind.
        text: The mention as written.
        key: What it is matched on (see `pipeline.review.evaluate.match_strength`).
        value: The value as given.
        cell: (row, column) of the cell, when known (gold facts, and records that carry `cell`).
    """

    kind: str
    text: str
    key: FactKey
    value: Mapping[str, Any] = dataclasses.field(compare=False)
    cell: tuple[int, int] | None = None


@dataclasses.dataclass(frozen=True)
class GoldTable:
    """One gold table file.

    Attributes:
        name: The file name without `.table.json`.
        file: Name of its PDF.
        sha256: Hex digest of the PDF's bytes.
        page: 1-based page number.
        bbox: The table's extent on the page.
        header_rows: How many leading rows are headers.
        rows: Every cell's text, row by row.
        facts: The facts of its cells.
    """

    name: str
    file: str
    sha256: str
    page: int
    bbox: Box
    header_rows: int
    rows: tuple[tuple[str, ...], ...]
    facts: tuple[CellFact, ...]


def read_gold_table(path: str | Path) -> GoldTable:
    """A gold table file, checked for shape.

    Raises:
        GoldFileError: The file is not JSON, its rows are not rectangular, or a fact lies outside
            them or lacks a field its kind is matched on.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = tuple(tuple(str(cell) for cell in row) for row in data["rows"])
        if len({len(row) for row in rows}) != 1:
            raise ValueError("rows are not all of the same length")
        table = GoldTable(
            name=path.name.removesuffix(".table.json"),
            file=str(data["file"]),
            sha256=str(data["sha256"]),
            page=int(data["page"]),
            bbox=(float(data["bbox"][0]), float(data["bbox"][1]), float(data["bbox"][2]), float(data["bbox"][3])),
            header_rows=int(data["header_rows"]),
            rows=rows,
            facts=tuple(_gold_fact(fact, rows) for fact in data["facts"]),
        )
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise GoldFileError(f"{path}: not a gold table ({type(exc).__name__}: {exc})") from None
    return table


def _gold_fact(fact: Mapping[str, Any], rows: Sequence[Sequence[str]]) -> CellFact:
    row, column = int(fact["row"]), int(fact["column"])
    if fact["kind"] not in RECORD_KINDS:
        raise ValueError(f"kind {fact['kind']!r} is not a record kind")
    if str(fact["text"]) not in rows[row][column]:
        raise ValueError(f"fact text {fact['text']!r} is not in cell ({row}, {column})")
    return CellFact(
        fact["kind"], str(fact["text"]), value_to_key(fact["kind"], fact["value"]), fact["value"], (row, column)
    )


def read_gold_tables(paths: Iterable[str | Path]) -> list[GoldTable]:
    """Gold tables of files as given and of `*.table.json` in folders, sorted by name."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.table.json")) if path.is_dir() else [path])
    return [read_gold_table(path) for path in files]


def find_pdf(root: str | Path, table: GoldTable) -> Path:
    """The gold table's PDF under `root` (searched recursively), checked against its sha256.

    Raises:
        GoldFileError: No file of that name is there, or its bytes are not the ones the gold was
            written from.
    """
    for candidate in sorted(Path(root).rglob(table.file)):
        if hashlib.sha256(candidate.read_bytes()).hexdigest() == table.sha256:
            return candidate
        raise GoldFileError(f"{candidate} is not the PDF {table.name} was written from (sha256 differs)")
    raise GoldFileError(f"{table.file} (for {table.name}) is not under {root}")


@dataclasses.dataclass(frozen=True)
class DocumentOutput:
    """What a run wrote for one PDF, as contract lines (plain JSON objects)."""

    blocks: tuple[Mapping[str, Any], ...]
    records: tuple[Mapping[str, Any], ...]


def run_pipeline(path: str | Path) -> DocumentOutput:
    """The `blocks` and `extract` lines of one PDF, from the pipeline in this process."""
    from pipeline.pdf import read_source
    from pipeline.run import extract_document, read_layout
    from pipeline.settings import Settings

    layout = read_layout(read_source(path))
    doc_id = layout.source.doc_id
    blocks = tuple(block.to_line(doc_id).model_dump(mode="json") for block in layout.blocks)
    result = extract_document(path, Settings(workers=1))
    return DocumentOutput(blocks, tuple(record.model_dump(mode="json") for record in result.records))


def outputs_from_lines(lines: Iterable[Mapping[str, Any]]) -> dict[str, DocumentOutput]:
    """Blocks and records of saved `blocks` and `extract` output, by the sha256 of their PDF."""
    blocks: dict[str, list[Mapping[str, Any]]] = {}
    records: dict[str, list[Mapping[str, Any]]] = {}
    for line in lines:
        doc = str(line.get("doc_id", "")).removeprefix("sha256:")
        if line.get("kind") == "block":
            blocks.setdefault(doc, []).append(line)
        elif line.get("kind") in RECORD_KINDS:
            records.setdefault(doc, []).append(line)
    return {doc: DocumentOutput(tuple(blocks.get(doc, ())), tuple(records.get(doc, ()))) for doc in {*blocks, *records}}


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def overlap_share(gold: Box, found: Box) -> float:
    """Share of the found box's area that lies inside the gold box."""
    inter = _area((max(gold[0], found[0]), max(gold[1], found[1]), min(gold[2], found[2]), min(gold[3], found[3])))
    return inter / _area(found) if _area(found) > 0 else 0.0


def inside(box: Sequence[float], extent: Box, slack: float = SLACK) -> bool:
    """Whether a box's centre lies inside an extent widened by `slack`."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return extent[0] - slack <= x <= extent[2] + slack and extent[1] - slack <= y <= extent[3] + slack


def match_tables(tables: Sequence[GoldTable], blocks: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The predicted table block of each gold table of one PDF (gold name → block), each used once."""
    pairs = []
    for table in tables:
        for index, block in enumerate(blocks):
            if block.get("role") == "table" and block.get("page") == table.page:
                x0, top, x1, bottom = (float(v) for v in block["bbox"])
                share = overlap_share(table.bbox, (x0, top, x1, bottom))
                if share >= MIN_OVERLAP:
                    pairs.append((share, table.name, index))
    matched: dict[str, Mapping[str, Any]] = {}
    used: set[int] = set()
    for _, name, index in sorted(pairs, reverse=True):
        if name not in matched and index not in used:
            matched[name] = blocks[index]
            used.add(index)
    return matched


def _collapse(text: str) -> str:
    return " ".join(text.split())


def cells_right(gold: Sequence[Sequence[str]], rows: Sequence[Sequence[str]] | None) -> int:
    """How many gold cells the predicted rows read exactly (same row and column, same text)."""
    if rows is None:
        return 0
    right = 0
    for r, gold_row in enumerate(gold):
        for c, text in enumerate(gold_row):
            predicted = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            right += predicted is not None and _collapse(predicted) == _collapse(text)
    return right


def record_fact(record: Mapping[str, Any]) -> CellFact | None:
    """A predicted record as a fact (None when its value is not in a contract shape)."""
    try:
        key = value_to_key(str(record["kind"]), record["value"])
    except (KeyError, TypeError, ValueError):
        return None
    cell = record.get("cell")
    position = (int(cell["row"]), int(cell["column"])) if isinstance(cell, Mapping) else None
    return CellFact(str(record["kind"]), str(record.get("text", "")), key, record["value"], position)


def match_cell_facts(gold: Sequence[CellFact], predicted: Sequence[CellFact]) -> list[tuple[CellFact, CellFact]]:
    """Pairs of gold and predicted facts of one kind: same value in the same cell first, then same value."""
    pairs: list[tuple[CellFact, CellFact]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for strength, same_cell in ((2, True), (2, False), (1, False)):
        for g_index, g in enumerate(gold):
            if g_index in used_gold:
                continue
            for p_index, p in enumerate(predicted):
                if p_index in used_predicted or (same_cell and p.cell != g.cell):
                    continue
                if match_strength(g.key, p.key) == strength:
                    pairs.append((g, p))
                    used_gold.add(g_index)
                    used_predicted.add(p_index)
                    break
    return pairs


@dataclasses.dataclass(frozen=True)
class KindScore:
    """Facts of one kind read from one table.

    Attributes:
        score: True positives, false positives and misses.
        placed: True positives whose record names the gold fact's cell.
        subject_exact: Matched counts whose subject equals the gold subject (folded).
        misses: Gold facts not found.
        false_positives: Records that state no gold fact.
    """

    score: Score = dataclasses.field(default_factory=Score)
    placed: int = 0
    subject_exact: int = 0
    misses: tuple[CellFact, ...] = ()
    false_positives: tuple[CellFact, ...] = ()


def score_kind(gold: Sequence[CellFact], predicted: Sequence[CellFact]) -> KindScore:
    """Match one kind's facts of one table and count what agrees."""
    pairs = match_cell_facts(gold, predicted)
    matched_gold = {id(g) for g, _ in pairs}
    matched_predicted = {id(p) for _, p in pairs}
    subject = sum(
        fold(str(g.value.get("subject"))) == fold(str(p.value.get("subject"))) for g, p in pairs if g.kind == "count"
    )
    return KindScore(
        score=Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs)),
        placed=sum(g.cell == p.cell for g, p in pairs),
        subject_exact=subject,
        misses=tuple(g for g in gold if id(g) not in matched_gold),
        false_positives=tuple(p for p in predicted if id(p) not in matched_predicted),
    )


@dataclasses.dataclass(frozen=True)
class TableResult:
    """One gold table scored.

    Attributes:
        gold: The gold table.
        found: The predicted table block matched with it, or None.
        cells_right: Gold cells read exactly.
        kinds: Facts per record kind.
    """

    gold: GoldTable
    found: Mapping[str, Any] | None
    cells_right: int
    kinds: Mapping[str, KindScore]

    @property
    def cells(self) -> int:
        return sum(len(row) for row in self.gold.rows)

    @property
    def shape(self) -> tuple[int, int] | None:
        """Rows and columns of the predicted table."""
        if self.found is None:
            return None
        rows = self.found.get("rows") or []
        return len(rows), max((len(row) for row in rows), default=0)


def score_table(table: GoldTable, found: Mapping[str, Any] | None, records: Iterable[Mapping[str, Any]]) -> TableResult:
    """Score one gold table against its predicted block and the records of its page."""
    facts = [
        fact
        for record in records
        if record.get("page") == table.page and inside(record["bbox"], table.bbox)
        for fact in [record_fact(record)]
        if fact is not None
    ]
    kinds: dict[str, KindScore] = {
        kind: score_kind([f for f in table.facts if f.kind == kind], [f for f in facts if f.kind == kind])
        for kind in RECORD_KINDS
        if kind != "organisation"
    }
    rows = found.get("rows") if found is not None else None
    return TableResult(table, found, cells_right(table.rows, rows), kinds)


@dataclasses.dataclass(frozen=True)
class TableEvaluation:
    """Every gold table scored, with totals over all of them (micro averages)."""

    tables: tuple[TableResult, ...]

    @property
    def cells(self) -> int:
        return sum(result.cells for result in self.tables)

    @property
    def cells_right(self) -> int:
        return sum(result.cells_right for result in self.tables)

    @property
    def cell_accuracy(self) -> float:
        """Share of all gold cells read exactly."""
        return self.cells_right / self.cells if self.cells else 1.0

    def kind(self, kind: str) -> Score:
        """One kind's counts summed over the tables."""
        return sum((result.kinds[kind].score for result in self.tables if kind in result.kinds), Score())

    @property
    def headline(self) -> Score:
        """Counts, places and amounts together: the facts F1 of tables."""
        return sum((self.kind(kind) for kind in HEADLINE_KINDS), Score())


def evaluate_tables(tables: Sequence[GoldTable], outputs: Mapping[str, DocumentOutput]) -> TableEvaluation:
    """Score gold tables against run outputs keyed by the sha256 of their PDF."""
    results: list[TableResult] = []
    for sha in dict.fromkeys(table.sha256 for table in tables):
        output = outputs.get(sha, DocumentOutput((), ()))
        mine = [table for table in tables if table.sha256 == sha]
        found = match_tables(mine, output.blocks)
        results.extend(score_table(table, found.get(table.name), output.records) for table in mine)
    order = {table.name: index for index, table in enumerate(tables)}
    return TableEvaluation(tuple(sorted(results, key=lambda r: order[r.gold.name])))


def evaluate_with_pipeline(tables: Sequence[GoldTable], pdf_root: str | Path) -> TableEvaluation:
    """Run the pipeline on each gold table's PDF (found under `pdf_root`) and score it.

    Raises:
        GoldFileError: A PDF is missing or is not the one the gold was written from.
    """
    outputs: dict[str, DocumentOutput] = {}
    for table in tables:
        if table.sha256 not in outputs:
            outputs[table.sha256] = run_pipeline(find_pdf(pdf_root, table))
    return evaluate_tables(tables, outputs)
