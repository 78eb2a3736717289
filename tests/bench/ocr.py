"""OCR benchmark: the fixtures scanned, read by OCR and scored against the same gold and truth as the
born-digital PDFs; provenance, time per page, memory, a 20-page scan and the real invisible layer.

Run it as `python -m tests.bench.ocr [--dpi 200] [--skip-provenance] [--skip-long]`. The scans
are made by `fixtures.generator.scan` in a temporary folder (or --scans DIR, kept). For every
fixture it prints, scanned and born-digital side by side: the share of truth sentences found
whole in the blocks (reading order), F1 of all kinds against the fixture's gold, and for the
scan the OCR'd pages, wall and CPU seconds per page (CPU includes Tesseract's processes). Then
F1 per kind over all fixtures, provenance (each record's box cropped from the OCR page image and
read again by Tesseract: does the crop hold the record's text?), peak memory, one 20-page scanned
document through `bulletins extract` with the default time limit, and what becomes of
../shared/realworld/invisible_text_layer.pdf.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from fixtures.generator.scan import ScanSettings, scan_fixtures
from pipeline.layout.blocks import Block
from pipeline.ocr.render import RESOLUTION, despeckle, open_renderer, render_page
from pipeline.pdf import read_source
from pipeline.review.evaluate import Evaluation, evaluate_files
from pipeline.run import Layout, extract_document, layout_to_result, read_layout
from pipeline.settings import Settings
from schemas import Record
from tests.layout.test_layout import normalise as normalise_text
from tests.layout.test_layout import whole_sentence_share

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES_DIR = PROJECT_ROOT / "fixtures"
REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"
KINDS = ("date", "place", "count", "amount", "organisation")
# Space around a record's box when it is cropped, in points, and between crops stacked for Tesseract.
CROP_PADDING = 2.0
STACK_GAP_PX = 40
# A crop holds the text when Tesseract reads it there again, or nearly (one character in ten).
SAME_TEXT_RATIO = 0.9


@dataclasses.dataclass(frozen=True)
class FixtureRun:
    """One fixture read both ways."""

    name: str
    pages: int
    ocr_pages: tuple[int, ...]
    wall_seconds: float
    cpu_seconds: float
    sentences_scan: float
    sentences_born: float
    sentences_tolerant: float
    f1_scan: float
    f1_born: float
    records: tuple[Record, ...]


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (Tesseract runs as a child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def truth_sentences(name: str) -> list[str]:
    truth = json.loads((FIXTURES_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    return [row["text"] for row in truth["sentences"]]


def sentence_found(sentence: str, segment: str) -> bool:
    """Whether a sentence lies in a text nearly as written: most of its characters matched, in a
    stretch not much longer than itself (OCR may misread a character, not reorder text)."""
    matcher = difflib.SequenceMatcher(None, segment, sentence, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    if not blocks:
        return False
    matched = sum(b.size for b in blocks)
    span = blocks[-1].a + blocks[-1].size - blocks[0].a
    return matched >= SAME_TEXT_RATIO * len(sentence) and span <= len(sentence) / SAME_TEXT_RATIO


def tolerant_sentence_share(sentences: Sequence[str], blocks: Sequence[Block]) -> float:
    """Share of sentences found whole, as `whole_sentence_share` counts them, allowing OCR's
    misread characters: within the text of one run of consecutive same-section blocks
    (furniture skipped), at least 90% of the sentence's characters in order and close together."""
    flow = [b for b in blocks if b.role not in ("header", "footer")]
    segments: list[str] = []
    for index, block in enumerate(flow):
        text = normalise_text(block.text)
        if index and block.section == flow[index - 1].section:
            segments[-1] += " " + text
        else:
            segments.append(text)
    found = 0
    for sentence in sentences:
        target = normalise_text(sentence)
        found += any(sentence_found(target, segment) for segment in segments)
    return found / max(len(sentences), 1)


def write_records(path: Path, layout: Layout, settings: Settings) -> tuple[Record, ...]:
    result = layout_to_result(layout, settings)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(result.document.model_dump_json() + "\n")
        handle.writelines(record.model_dump_json() + "\n" for record in result.records)
    return result.records


def f1_of(evaluation: Evaluation) -> float:
    return evaluation.micro.f1


def run_fixture(scan: Path, scratch: Path) -> FixtureRun:
    """Read a scanned fixture and its born-digital PDF; score both."""
    name = scan.stem
    settings = Settings(strict=True, workers=1)
    gold = [FIXTURES_DIR / f"{name}.gold.jsonl"]
    wall, cpu = time.perf_counter(), cpu_now()
    layout = read_layout(read_source(scan), settings)
    records = write_records(scratch / f"{name}.scan.jsonl", layout, settings)
    wall, cpu = time.perf_counter() - wall, cpu_now() - cpu
    born = read_layout(read_source(FIXTURES_DIR / f"{name}.pdf"), settings)
    write_records(scratch / f"{name}.born.jsonl", born, settings)
    sentences = truth_sentences(name)
    return FixtureRun(
        name=name,
        pages=layout.pages,
        ocr_pages=layout.ocr_pages,
        wall_seconds=wall,
        cpu_seconds=cpu,
        sentences_scan=whole_sentence_share(sentences, layout.blocks)[0],
        sentences_born=whole_sentence_share(sentences, born.blocks)[0],
        sentences_tolerant=tolerant_sentence_share(sentences, layout.blocks),
        f1_scan=f1_of(evaluate_files(gold, scratch / f"{name}.scan.jsonl")),
        f1_born=f1_of(evaluate_files(gold, scratch / f"{name}.born.jsonl")),
        records=records,
    )


def merge_records(runs: Sequence[FixtureRun], scratch: Path, suffix: str) -> Path:
    merged = scratch / f"all.{suffix}.jsonl"
    with merged.open("w", encoding="utf-8") as out:
        for run in runs:
            out.write((scratch / f"{run.name}.{suffix}.jsonl").read_text(encoding="utf-8"))
    return merged


def normalise(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def holds(expected: str, read: str) -> bool:
    """Whether the text read from a crop holds the expected text, or nearly (see SAME_TEXT_RATIO)."""
    expected, read = normalise(expected), normalise(read)
    if not expected or expected in read:
        return bool(expected)
    width = len(expected)
    best = max(
        (
            difflib.SequenceMatcher(None, expected, read[i : i + width]).ratio()
            for i in range(max(1, len(read) - width + 1))
        ),
        default=0.0,
    )
    return best >= SAME_TEXT_RATIO


def crop_texts(image: Image.Image, boxes: Sequence[tuple[float, float, float, float]], scale: float) -> list[str]:
    """Tesseract's reading of each box of a page image, the crops stacked into one image per call."""
    crops = []
    for x0, top, x1, bottom in boxes:
        pad = CROP_PADDING
        crops.append(
            image.crop(
                (
                    round((x0 - pad) * scale),
                    round((top - pad) * scale),
                    round((x1 + pad) * scale),
                    round((bottom + pad) * scale),
                )
            )
        )
    width = max(c.width for c in crops) + 2 * STACK_GAP_PX
    height = sum(c.height + STACK_GAP_PX for c in crops) + STACK_GAP_PX
    stack = Image.new("L", (width, height), 255)
    bands = []
    y = STACK_GAP_PX
    for crop in crops:
        stack.paste(crop, (STACK_GAP_PX, y))
        bands.append((y, y + crop.height))
        y += crop.height + STACK_GAP_PX
    data = pytesseract.image_to_data(stack, config=f"--psm 6 --dpi {RESOLUTION}", output_type=pytesseract.Output.DICT)
    texts = [""] * len(crops)
    for word, top, h in zip(data["text"], data["top"], data["height"], strict=True):
        centre = top + h / 2
        for index, (lo, hi) in enumerate(bands):
            if lo - STACK_GAP_PX / 2 <= centre <= hi + STACK_GAP_PX / 2:
                texts[index] += " " + word
                break
    return texts


def provenance(scans: Sequence[Path], runs: Sequence[FixtureRun]) -> tuple[int, int, list[str]]:
    """Records whose box, cropped from the OCR page image, holds their text: (held, checked, misses)."""
    held = checked = 0
    misses: list[str] = []
    for scan, run in zip(scans, runs, strict=True):
        with open_renderer(scan.read_bytes()) as renderer:
            for page in run.ocr_pages:
                records = [r for r in run.records if r.page == page]
                if not records:
                    continue
                image = despeckle(render_page(renderer, page - 1, RESOLUTION))
                texts = crop_texts(image, [tuple(r.bbox) for r in records], RESOLUTION / 72)
                for record, text in zip(records, texts, strict=True):
                    checked += 1
                    if holds(record.text, text):
                        held += 1
                    else:
                        misses.append(f"{run.name} p{page} {record.kind} {record.text!r} box read {text.strip()!r}")
    return held, checked, misses


def long_document(scans: Sequence[Path], target: Path, pages: int = 20) -> Path:
    """One scanned document of `pages` pages, made of the scanned fixtures' pages in turn."""
    merged = pdfium.PdfDocument.new()
    while len(merged) < pages:
        for scan in scans:
            source = pdfium.PdfDocument(str(scan))
            take = min(len(source), pages - len(merged))
            merged.import_pages(source, list(range(take)))
            source.close()
            if len(merged) >= pages:
                break
    merged.save(str(target))
    merged.close()
    return target


def run_cli(arguments: Sequence[str]) -> tuple[float, list[dict]]:
    """`bulletins extract` in a fresh interpreter: wall seconds and the document lines written."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", *arguments, "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    lines = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    return wall, [line for line in lines if line.get("kind") == "document"]


def print_fixture_table(runs: Sequence[FixtureRun]) -> None:
    print("fixture                      pages  ocr'd  sentences scan/born  tolerant  F1 scan/born   s/page  cpu s/page")
    for run in runs:
        ocr = max(len(run.ocr_pages), 1)
        sentences = f"{run.sentences_scan:>8.3f} / {run.sentences_born:.3f}  {run.sentences_tolerant:>8.3f}"
        f1 = f"{run.f1_scan:>7.3f} / {run.f1_born:.3f}"
        speed = f"{run.wall_seconds / ocr:>6.2f}  {run.cpu_seconds / ocr:>10.2f}"
        print(f"{run.name:<28} {run.pages:>5}  {len(run.ocr_pages):>5}  {sentences}  {f1}  {speed}")
    count = sum(len(truth_sentences(run.name)) for run in runs)
    exact = sum(run.sentences_scan * len(truth_sentences(run.name)) for run in runs) / count
    tolerant = sum(run.sentences_tolerant * len(truth_sentences(run.name)) for run in runs) / count
    print(f"truth sentences whole on the scans ({count}): {exact:.3f} as written, {tolerant:.3f} allowing misreads")
    pages = sum(len(run.ocr_pages) for run in runs)
    print(
        f"all: {pages} OCR'd pages, {sum(r.wall_seconds for r in runs) / pages:.2f} s and "
        f"{sum(r.cpu_seconds for r in runs) / pages:.2f} CPU s per page (reading, layout and extraction)"
    )


def print_kinds(scan: Evaluation, born: Evaluation) -> None:
    print("kind            P scan  R scan  F1 scan   F1 born")
    for mine, theirs in zip(scan.kinds, born.kinds, strict=True):
        s = mine.score
        print(f"{mine.kind:<14} {s.precision:>6.3f}  {s.recall:>6.3f}  {s.f1:>7.3f}   {theirs.score.f1:>7.3f}")
    s = scan.micro
    print(f"{'all (micro)':<14} {s.precision:>6.3f}  {s.recall:>6.3f}  {s.f1:>7.3f}   {born.micro.f1:>7.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Scan the fixtures, read them, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.ocr", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="fixtures (default: all)")
    parser.add_argument("--dpi", type=int, default=ScanSettings.dpi, help="resolution of the scans")
    parser.add_argument("--scans", type=Path, help="folder for the scans (default: a temporary one)")
    parser.add_argument("--skip-provenance", action="store_true", help="leave out the provenance check")
    parser.add_argument("--skip-long", action="store_true", help="leave out the 20-page document")
    parser.add_argument("--show-misses", action="store_true", help="list provenance misses")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bulletins-ocr-bench-") as temporary:
        scratch = Path(temporary)
        folder = args.scans or scratch / "scans"
        folder.mkdir(parents=True, exist_ok=True)
        scans = scan_fixtures(folder, args.names, ScanSettings(dpi=args.dpi))
        print(f"scans: {len(scans)} fixtures at {args.dpi} dpi, OCR at {RESOLUTION} dpi")
        runs = []
        for scan in scans:
            runs.append(run_fixture(scan, scratch))
            print(f"  {scan.stem} done", file=sys.stderr, flush=True)
        print_fixture_table(runs)
        gold = sorted(FIXTURES_DIR / f"{run.name}.gold.jsonl" for run in runs)
        print_kinds(
            evaluate_files(gold, merge_records(runs, scratch, "scan")),
            evaluate_files(gold, merge_records(runs, scratch, "born")),
        )
        if not args.skip_provenance:
            held, checked, misses = provenance(scans, runs)
            print(f"provenance: {held} of {checked} record boxes hold their text ({held / max(checked, 1):.3f})")
            for miss in misses if args.show_misses else ():
                print("  " + miss)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tesseract = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: this process {own:.0f} MiB (spaCy model, page images), largest child {tesseract:.0f} MiB")
        if not args.skip_long:
            document = long_document(scans, scratch / "scanned_20_pages.pdf")
            wall, lines = run_cli([str(document), "--workers", "1"])
            line = lines[0] if lines else {}
            print(
                f"20-page scan through `bulletins extract` (default --timeout {Settings().timeout:g} s): "
                f"status {line.get('status')}, {len(line.get('ocr_pages', []))} pages OCR'd, {wall:.1f} s wall "
                f"including start-up, error {line.get('error')}"
            )
        invisible = REALWORLD / "invisible_text_layer.pdf"
        if invisible.exists():
            for mode in ("auto", "never"):
                result = extract_document(invisible, Settings(ocr=mode, workers=1))  # type: ignore[arg-type]
                layout = read_layout(read_source(invisible), Settings(ocr=mode, workers=1))  # type: ignore[arg-type]
                texts = [b.text for b in layout.blocks]
                print(f"invisible_text_layer.pdf --ocr {mode}: ocr_pages {result.document.ocr_pages}, blocks {texts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
