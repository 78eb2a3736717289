"""Text set in capitals: the check every extractor asks of a sentence before trusting its case."""

from __future__ import annotations

import pytest
import spacy

from extractors.capitals import is_upper_text


@pytest.fixture(scope="module")
def tokenizer() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("UNODC REGIONAL OFFICE FOR CENTRAL ASIA", True, id="banner"),
        pytest.param("Training in Bishkek, Kyrgyzstan", False, id="running-text"),
        pytest.param("UNODC", False, id="too-few-letters"),
        pytest.param("HIV/AIDS AND TB", True, id="slashes"),
        pytest.param("2018 ANNUAL REPORT 123", True, id="figures-ignored"),
        pytest.param("ABCDEFGHi", True, id="eight-of-nine-upper"),
        pytest.param("ABCDEFGHij", False, id="exactly-four-fifths-is-not-enough"),
        pytest.param("ÉTAT ET SOCIÉTÉ CIVILE", True, id="accented-capitals"),
        pytest.param("北京北京北京北京北京", False, id="letters-without-case"),
        pytest.param("THE U.S. Copyright Office", False, id="half-capitals"),
        pytest.param("", False, id="empty"),
    ],
)
def test_is_upper_text(tokenizer: spacy.language.Language, text: str, expected: bool) -> None:
    assert is_upper_text(tokenizer(text)[:]) is expected
