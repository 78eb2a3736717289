"""What the review shows of each document: records in reading order, marked against an older run."""

from __future__ import annotations

import pytest

from pipeline.review.changes import review_documents
from pipeline.review.diff import DiffInputError
from tests.review.test_diff import DOC_A, DOC_B, count, date, document, place


def _summary(reviews) -> list[tuple[str, str, str | None]]:
    return [(item.record.kind, item.record.text, item.change) for review in reviews for item in review.records]


def test_changes_without_an_older_run_records_are_unmarked() -> None:
    lines = [document(), date("2 March 2018", "2018-03-02", "2018-03-02"), place("Bishkek", top=120)]
    (review,) = review_documents(lines)
    assert [item.change for item in review.records] == [None, None]
    assert [item.key for item in review.records] == ["n1", "n2"]
    assert review.change_counts() == {}


def test_changes_marks_added_removed_changed_and_same_in_reading_order() -> None:
    old = [
        document(),
        date("2 March 2018", "2018-03-02", "2018-03-02", top=100),
        count("40 officers", 40, "officers", top=110),
        place("Osh", top=120),
        place("Bishkek", top=130),
    ]
    new = [
        document(),
        date("2 March 2018", "2018-03-02", "2018-03-02", top=100),
        count("40 officers", 40, "police officers", top=110),
        place("Bishkek", top=130),
        place("Naryn", top=140),
    ]
    (review,) = review_documents(new, old)
    assert _summary([review]) == [
        ("date", "2 March 2018", "same"),
        ("count", "40 officers", "changed"),
        ("place", "Osh", "removed"),  # where it stood in the older run: after the count
        ("place", "Bishkek", "same"),
        ("place", "Naryn", "added"),
    ]
    changed = review.records[1]
    assert [(c.field, c.old, c.new) for c in changed.field_changes] == [
        ("value.subject", "officers", "police officers")
    ]
    assert review.records[2].key == "o3"  # the older run's line, so its id cannot collide with a new one
    assert review.change_counts() == {"same": 2, "changed": 1, "removed": 1, "added": 1}
    assert review.current_records == 4  # the removed record belongs to the older run


def test_changes_a_record_removed_before_any_kept_one_comes_first() -> None:
    old = [document(), place("Osh", top=90), place("Bishkek", top=130)]
    new = [document(), place("Bishkek", top=130)]
    (review,) = review_documents(new, old)
    assert _summary([review]) == [("place", "Osh", "removed"), ("place", "Bishkek", "same")]


def test_changes_a_document_only_in_the_older_run_comes_last_with_its_records_removed() -> None:
    old = [document(), place("Osh"), document(DOC_B, source="b.pdf"), place("Naryn", doc_id=DOC_B)]
    new = [document(), place("Osh")]
    reviews = review_documents(new, old)
    assert [(r.doc_id, r.only_in_older) for r in reviews] == [(DOC_A, False), (DOC_B, True)]
    assert _summary(reviews[1:]) == [("place", "Naryn", "removed")]


def test_changes_a_duplicate_input_is_listed_with_the_first() -> None:
    lines = [document(), place("Osh"), document(source="copy/milestones.pdf", duplicate_of="archive/milestones.pdf")]
    (review,) = review_documents(lines)
    assert [dup.source for dup in review.duplicates] == ["copy/milestones.pdf"]
    assert len(review.records) == 1


def test_changes_record_without_its_document_line_is_refused() -> None:
    with pytest.raises(DiffInputError, match="without its `document` line"):
        review_documents([place("Osh")])


def test_changes_invalid_record_is_refused_with_its_place() -> None:
    bad = place("Osh") | {"page": 0}
    with pytest.raises(DiffInputError, match=r"RECORDS: record 2 is not a contract line \(.*page"):
        review_documents([document(), bad])
