"""The review pages in a real browser (headless Chromium): loading, boxes on their text, selection, filters, keys.

Screenshots of a fixture page and of a diff after a rule change are left in out/test-artifacts
for a person to look at; they are not compared pixel by pixel.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from extractors import qualifiers
from pipeline.jsonl import line_to_json
from pipeline.review.diff import DiffOptions, diff_lines, read_jsonl
from pipeline.review.review_report import document_file_name
from pipeline.review.visual_review import ReviewOptions, build_review
from schemas import DocumentLine, parse_line
from tests.helpers import CROP_PAD, FIXTURES, TEST_ARTIFACTS, runs_in_crops

pytestmark = pytest.mark.browser

NAME = "milestones_2018"
GOLDEN = FIXTURES / f"{NAME}.jsonl"
# The rule change whose diff is shown: places win over organisations where they overlap (so
# "Organization for Security and Co-operation in Europe (OSCE)" gives way to "Europe"), and
# "nearly" is read as less than rather than about.
PLACES_FIRST = ("amount", "date", "place", "organisation", "count")


def _records() -> list[Any]:
    return [parse_line(json.dumps(line)) for line in read_jsonl(GOLDEN)[1:]]


def _document_url(out: Path) -> str:
    document = DocumentLine.model_validate(read_jsonl(GOLDEN)[0])
    return (out / document_file_name(document)).resolve().as_uri()


@pytest.fixture(scope="module")
def review_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    build_review(GOLDEN, out, ReviewOptions(pdf_root=FIXTURES))
    return out


@pytest.fixture(scope="module")
def rule_change(tmp_path_factory: pytest.TempPathFactory, review_dir: Path) -> tuple[Path, Path]:
    """The golden run as OLD, a run after the rule change as NEW, and the review of NEW against OLD."""
    from pipeline.run import extract_document
    from pipeline.settings import Settings

    folder = tmp_path_factory.mktemp("rule-change")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(qualifiers.BEFORE, "nearly", "less_than")
        result = extract_document(FIXTURES / f"{NAME}.pdf", Settings(workers=1, overlap_priority=PLACES_FIRST))
    after = folder / "after.jsonl"
    after.write_text("".join(line_to_json(line) + "\n" for line in [result.document, *result.records]), "utf-8")
    out = folder / "review"
    shutil.copytree(review_dir / ".cache", out / ".cache")  # the pages are rendered already
    summary = build_review(after, out, ReviewOptions(against=GOLDEN, pdf_root=FIXTURES))
    assert summary.pages_rendered == 0
    return after, out


@pytest.fixture
def page(browser) -> Iterator[Any]:
    """A fresh tab that records console messages, page errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.messages = []
    tab.requests = []
    tab.on("console", lambda message: tab.messages.append(f"{message.type}: {message.text}"))
    tab.on("pageerror", lambda error: tab.messages.append(f"pageerror: {error}"))
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def _visible(tab: Any, selector: str) -> int:
    script = "selector => Array.from(document.querySelectorAll(selector)).filter(e => e.checkVisibility()).length"
    return tab.evaluate(script, selector)


def test_review_browser_page_loads_without_errors_or_network(page: Any, review_dir: Path) -> None:
    page.goto(_document_url(review_dir))
    page.wait_for_load_state("load")
    assert page.evaluate("Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)")
    assert page.messages == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    page.goto((review_dir / "index.html").resolve().as_uri())
    assert page.messages == []
    assert page.locator("table.documents tbody tr").count() == 1


def test_review_browser_one_highlight_per_record_and_box(page: Any, review_dir: Path) -> None:
    records = _records()
    page.goto(_document_url(review_dir))
    ids = page.eval_on_selector_all(".mark", "marks => marks.map(m => m.dataset.recordId)")
    assert len(set(ids)) == len(records)
    assert Counter(ids) == Counter({record.id: len(record.boxes) for record in records})
    assert page.locator("#record-list > .record").count() == len(records)


def test_review_browser_boxes_lie_on_their_text_in_the_page_image(page: Any, review_dir: Path) -> None:
    """Each box's on-screen rectangle, mapped back to PDF points through the image's on-screen size,
    crops the page to the record's text (its part on that line); checked for every record."""
    records = {record.id: record for record in _records()}
    page.goto(_document_url(review_dir))
    sheets = page.evaluate(
        """() => Array.from(document.querySelectorAll('.sheet')).map(sheet => {
            const img = sheet.querySelector('img').getBoundingClientRect();
            return {page: +sheet.closest('.page').dataset.page, img: [img.left, img.top, img.width, img.height],
                    marks: Array.from(sheet.querySelectorAll('.mark')).map(m => {
                        const r = m.getBoundingClientRect();
                        const rect = [r.left, r.top, r.right, r.bottom];
                        return {id: m.dataset.recordId, line: +m.dataset.line, rect: rect};
                    })};
        })"""
    )
    crops: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with pdfplumber.open(FIXTURES / f"{NAME}.pdf") as pdf:
        for sheet in sheets:
            pdf_page = pdf.pages[sheet["page"] - 1]
            x0, top, x1, _ = pdf_page.cropbox
            left, img_top, width, _ = sheet["img"]
            scale = width / (x1 - x0)  # CSS pixels per point
            pad = 0.5 / scale + CROP_PAD  # half a pixel of layout rounding
            for mark in sheet["marks"]:
                rl, rt, rr, rb = mark["rect"]
                box = (
                    x0 + (rl - left) / scale,
                    top + (rt - img_top) / scale,
                    x0 + (rr - left) / scale,
                    top + (rb - img_top) / scale,
                )
                expected = records[mark["id"]].boxes[mark["line"]]
                assert max(abs(a - b) for a, b in zip(box, expected, strict=True)) * scale < 1.0  # within a pixel
                region = pdf_page.within_bbox((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad), strict=False)
                crops[mark["id"]].append((mark["line"], region.extract_text()))
    misses = []
    for record_id, record in records.items():
        parts = sorted(crops[record_id])
        if not runs_in_crops([text for _, text in parts], record.text):
            misses.append(f"{record.text!r}: {parts}")
    assert not misses, "\n".join(misses)


def test_review_browser_clicking_a_list_item_selects_its_boxes(page: Any, review_dir: Path) -> None:
    record = next(r for r in _records() if r.text == "Up to 30 officers")  # wraps across a column break
    page.goto(_document_url(review_dir))
    page.click(f"#record-list > .record[data-record-id='{record.id}']")
    selected = page.eval_on_selector_all(".mark.selected", "marks => marks.map(m => m.dataset.recordId)")
    assert selected == [record.id, record.id]
    assert page.locator(".record.selected").get_attribute("data-record-id") == record.id
    pages_box = page.locator("#pages").bounding_box()
    first = page.locator(".mark.selected").first.bounding_box()
    assert pages_box["y"] <= first["y"] <= pages_box["y"] + pages_box["height"]  # scrolled into view


def test_review_browser_clicking_a_box_selects_its_list_item(page: Any, review_dir: Path) -> None:
    record = _records()[-1]  # the last in the list, far below the first screen
    page.goto(_document_url(review_dir))
    page.locator(f".mark[data-record-id='{record.id}']").first.click()
    item = page.locator(".record.selected")
    assert item.get_attribute("data-record-id") == record.id
    aside, box = page.locator("aside").bounding_box(), item.bounding_box()
    assert aside["y"] <= box["y"] and box["y"] + box["height"] <= aside["y"] + aside["height"] + 1
    assert page.locator(".mark.selected").count() == len(record.boxes)


def test_review_browser_kind_filter_hides_that_kind_only(page: Any, review_dir: Path) -> None:
    records = _records()
    dates = [r for r in records if r.kind == "date"]
    page.goto(_document_url(review_dir))
    marks, items = _visible(page, ".mark"), _visible(page, "#record-list > .record")
    assert items == len(records)
    page.uncheck("input.filter-kind[value='date']")
    assert _visible(page, ".mark[data-kind='date']") == 0 and _visible(page, ".record[data-kind='date']") == 0
    assert _visible(page, "#record-list > .record") == items - len(dates)
    assert _visible(page, ".mark") == marks - sum(len(r.boxes) for r in dates)
    assert page.locator("#shown").inner_text() == f"{len(records) - len(dates)} of {len(records)} records shown"
    page.check("input.filter-kind[value='date']")
    assert _visible(page, "#record-list > .record") == items


def test_review_browser_keys_step_through_visible_records(page: Any, review_dir: Path) -> None:
    records = _records()
    page.goto(_document_url(review_dir))
    page.uncheck("input.filter-kind[value='place']")
    shown = [r.id for r in records if r.kind != "place"]
    page.keyboard.press("j")
    assert page.locator(".record.selected").get_attribute("data-record-id") == shown[0]
    page.keyboard.press("j")
    page.keyboard.press("n")
    assert page.locator(".record.selected").get_attribute("data-record-id") == shown[2]
    page.keyboard.press("k")
    assert page.locator(".record.selected").get_attribute("data-record-id") == shown[1]
    page.click("#next")
    assert page.locator(".record.selected").get_attribute("data-record-id") == shown[2]


def test_review_browser_blocks_and_roles_on_a_toggle(page: Any, review_dir: Path) -> None:
    blocks = read_jsonl(FIXTURES / f"{NAME}.blocks.jsonl")
    page.goto(_document_url(review_dir))
    assert _visible(page, ".outline") == 0
    page.check("#toggle-blocks")
    assert _visible(page, ".outline") == len(blocks)
    roles = page.eval_on_selector_all(".outline", "outlines => outlines.map(o => o.dataset.role)")
    assert Counter(roles) == Counter(block["role"] for block in blocks)
    page.locator("#page-1").screenshot(path=str(_artifact("review-blocks-milestones_2018-p1.png")))


def test_review_browser_fixture_page_screenshot(page: Any, review_dir: Path) -> None:
    page.goto(_document_url(review_dir))
    page.click("#record-list > .record:nth-child(3)")
    path = _artifact("review-milestones_2018.png")
    page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000  # a page image with boxes, not a blank window


def test_review_browser_diff_after_a_rule_change(page: Any, rule_change: tuple[Path, Path]) -> None:
    after, out = rule_change
    diff = diff_lines(read_jsonl(GOLDEN), read_jsonl(after), DiffOptions())
    expected = {
        "added": sum(e.kind != "document" for e in diff.added),
        "removed": sum(e.kind != "document" for e in diff.removed),
        "changed": sum(p.status == "changed" and p.new.kind != "document" for p in diff.pairs),
    }
    assert expected["added"] and expected["removed"] and expected["changed"]  # the rule change did change things
    page.goto(_document_url(out))
    assert page.messages == []
    changes = page.eval_on_selector_all("#record-list > .record", "items => items.map(i => i.dataset.change)")
    counts = Counter(changes)
    assert {change: counts[change] for change in expected} == expected
    assert counts["same"] == len(read_jsonl(after)) - 1 - expected["added"] - expected["changed"]
    assert set(page.eval_on_selector_all(".mark", "marks => marks.map(m => m.dataset.change)")) == {
        "added",
        "removed",
        "changed",
        "same",
    }
    page.uncheck("input.filter-change[value='same']")
    assert _visible(page, "#record-list > .record") == sum(expected.values())
    assert _visible(page, ".mark[data-change='same']") == 0
    changed = page.locator(".record[data-change='changed']").first
    assert "value.qualifier" in changed.inner_text()
    changed.click()
    path = _artifact("review-diff-milestones_2018.png")
    page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000


def _artifact(name: str) -> Path:
    TEST_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return TEST_ARTIFACTS / name
