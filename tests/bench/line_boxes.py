"""Figure: the share of records whose line boxes each hold their part of the mention when the page is cropped.

Run as `python -m tests.bench.line_boxes [PDF or folder...]` (default: the fixture PDFs), or
`python -m tests.bench.line_boxes --records RECORDS.jsonl` to check an earlier `extract` run
(each document's PDF is read from its `source`). Prints, per document and in total, how many
records hold their text in every line box, and how many one-line mentions have a box taller
than their line; then lists the records that fail. The target is a share of 1.00 and no box
taller than its line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.run import extract_document, iter_pdf_paths
from pipeline.settings import Settings
from schemas import DocumentLine, Record, parse_line
from tests.helpers import FIXTURE_PDFS, LineBoxCheck, line_box_checks


def iter_extracted(paths: Sequence[str]) -> Iterator[tuple[Path, tuple[Record, ...]]]:
    """Each PDF under `paths` and its records, extracted now."""
    for path in iter_pdf_paths(paths):
        yield path, extract_document(path, Settings(workers=1)).records


def iter_recorded(records_file: str) -> Iterator[tuple[Path, tuple[Record, ...]]]:
    """Each ok document of an `extract` output, its PDF found through its `source`, and its records."""
    documents: dict[str, DocumentLine] = {}
    records: dict[str, list[Record]] = {}
    with open(records_file, encoding="utf-8") as handle:
        for text in handle:
            if not text.strip():
                continue
            line = parse_line(text)
            if isinstance(line, DocumentLine):
                if line.status == "ok" and line.duplicate_of is None:
                    documents.setdefault(line.doc_id, line)
            elif line.kind != "block":
                records.setdefault(line.doc_id, []).append(line)
    for doc_id, document in documents.items():
        yield Path(document.source), tuple(records.get(doc_id, ()))


def report(results: Sequence[tuple[Path, list[LineBoxCheck]]]) -> str:
    """Per-document and total shares, then the failing records."""
    rows = ["| document | records | boxes hold their text | one-line box taller than its line |", "|---|---|---|---|"]
    total = held = taller = 0
    for path, checks in results:
        n_held = sum(check.holds for check in checks)
        n_taller = sum(check.taller_than_line for check in checks)
        total, held, taller = total + len(checks), held + n_held, taller + n_taller
        rows.append(f"| {path.name} | {len(checks)} | {n_held} | {n_taller} |")
    share = held / total if total else 1.0
    ok = sum(check.ok for _, checks in results for check in checks)
    rows.append(f"| all {len(results)} documents | {total} | {held} | {taller} |")
    rows.append("")
    rows.append(f"share of records whose line boxes each hold their text: {share:.4f} ({held}/{total})")
    rows.append(f"records passing both checks: {ok}/{total}")
    failures = [check for _, checks in results for check in checks if not check.ok]
    rows.extend(f"FAIL {check.label}: crops read {list(check.crops)}" for check in failures)
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="PDFs or folders to extract and check (default: the fixtures).")
    parser.add_argument("--records", help="Check this `extract` output instead of extracting.")
    args = parser.parse_args(argv)
    if args.records:
        documents = iter_recorded(args.records)
    else:
        documents = iter_extracted(args.paths or [str(path) for path in FIXTURE_PDFS])
    results = []
    for path, records in documents:
        print(f"checking {path.name} ({len(records)} records)", file=sys.stderr)
        results.append((path, line_box_checks(path, records)))
    sys.stdout.write(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
