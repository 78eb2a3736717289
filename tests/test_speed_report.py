"""The speed benchmark's report: ratios to the naive peer, and the floor the spaCy stage sets."""

from __future__ import annotations

import pytest

from tests.bench.speed import Run, nlp_floor_to_text, ratios_to_text


def round_of(naive_cpu: float, x1_cpu: float) -> dict[str, Run]:
    return {
        "naive": Run("naive", naive_cpu, naive_cpu, 200, 0, (500.0,)),
        "after x1": Run("after x1", x1_cpu, x1_cpu, 200, 0, (450.0,)),
    }


@pytest.mark.issue(14)
def test_nlp_floor_is_the_spacy_stage_over_the_median_naive_cost() -> None:
    rounds = [round_of(50.0, 40.0), round_of(54.0, 41.0), round_of(52.0, 39.0)]  # naive median 52 s: 0.26 s/page
    report = {"seconds": {"layout": 13.0, "nlp": 14.0, "extractors": 6.0}, "pages": 200}
    text = nlp_floor_to_text("after", report, rounds, 200)
    assert "0.0700 CPU s/page, 0.269 of the naive peer's 0.2600" in text
    assert "n/a" in nlp_floor_to_text("after", report, [], 200)  # no rounds: no naive cost to divide by


@pytest.mark.issue(14)
def test_ratios_report_the_median_round_and_whether_the_bar_is_met() -> None:
    rounds = [round_of(50.0, 10.0), round_of(50.0, 40.0), round_of(50.0, 12.0)]
    text = ratios_to_text(rounds, 200, ["after"])
    assert "CPU s/page x1 / naive 0.240 (rounds: 0.200, 0.800, 0.240) (bar <= 0.25: met)" in text
    assert "peak RSS per worker 450 MB (bar <= 600: met)" in text
