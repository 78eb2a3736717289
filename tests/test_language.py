"""Language detection: English is read, other languages are named and not read as English."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.language import detect_language, language_sample
from pipeline.pdf import read_source
from pipeline.run import extract_document, read_layout


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        pytest.param(
            ["UNODC and the Football Federation of the Kyrgyz Republic hosted a tournament for 150 girls in Bishkek."],
            "en",
            id="english",
        ),
        pytest.param(
            ["Le comité a examiné la demande de démolition du bâtiment situé au 12 rue Principale et l'a refusée."],
            "fr",
            id="french",
        ),
        pytest.param(
            [
                "Управление ООН по наркотикам и преступности провело в Бишкеке семинар для сотрудников полиции.",
                "Участники обсудили новые методы расследования.",
            ],
            "ru",
            id="russian",
        ),
        pytest.param(["18,870 23,022 22,650", "859 1,178"], None, id="figures-only"),
        pytest.param(["Page 1 of 4"], None, id="too-little-text"),
        pytest.param([], None, id="nothing"),
    ],
)
def test_language_detect(texts: list[str], language: str | None) -> None:
    assert detect_language(texts) == language


def test_language_sample_prefers_prose_and_drops_figures() -> None:
    sample = language_sample(["Alabama 18,870 23,022", "These statistics represent the number of firearm checks."])
    assert sample.startswith("These statistics represent the number of firearm checks.")
    assert "18,870" not in sample


@pytest.mark.realworld
@pytest.mark.parametrize(
    ("name", "language"),
    [
        pytest.param("2023-06-20-PV.pdf", "fr", id="french-minutes"),
        pytest.param("normal_4pages.pdf", "ko", id="korean-brief"),
        pytest.param("right_to_left_01.pdf", "ar", id="arabic"),
        pytest.param("multi_page.pdf", "en", id="english-prose"),
        pytest.param("nics-background-checks-2015-11-rotated.pdf", "en", id="english-table"),
    ],
)
def test_language_of_real_documents(realworld: Path, name: str, language: str) -> None:
    assert read_layout(read_source(realworld / name)).language == language


@pytest.mark.realworld
def test_language_other_than_english_gives_an_ok_document_without_records(realworld: Path) -> None:
    result = extract_document(realworld / "2023-06-20-PV.pdf", {"strict": True, "workers": 1})
    assert result.document.status == "ok"
    assert result.document.language == "fr"
    assert result.records == ()
    assert sum(result.document.counts.model_dump().values()) == 0


def test_language_english_document_line_says_en(bad_inputs: dict[str, Path]) -> None:
    result = extract_document(bad_inputs["ok"], {"strict": True, "workers": 1})
    assert result.document.language == "en"
    assert result.records
