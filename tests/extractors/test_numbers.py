"""Numbers in digits and words: spotting and values."""

from __future__ import annotations

import pytest

from extractors.numbers import digits_to_number, iter_numbers, words_to_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One hundred and fifty girls", [("One hundred and fifty", 150)], id="words-hundred-and"),
        pytest.param("forty-two judges", [("forty-two", 42)], id="words-hyphen"),
        pytest.param("Forty two judges", [("Forty two", 42)], id="words-space-capital"),
        pytest.param("a dozen officers", [("a dozen", 12)], id="a-dozen"),
        pytest.param("two dozen officers", [("two dozen", 24)], id="two-dozen"),
        pytest.param("a score of counsellors", [("a score of", 20)], id="a-score-of"),
        pytest.param("scores of counsellors and a high score", [], id="scores-vague-and-score-noun"),
        pytest.param("a hundred schools", [("a hundred", 100)], id="a-hundred"),
        pytest.param("Nine officers", [("Nine", 9)], id="word-capital"),
        pytest.param(
            "one thousand three hundred and ninety-four",
            [("one thousand three hundred and ninety-four", 1394)],
            id="words-long",
        ),
        pytest.param("1,394 practitioners", [("1,394", 1394)], id="thousands-comma"),
        pytest.param("1394 practitioners", [("1394", 1394)], id="plain-digits"),
        pytest.param("2.5 million", [("2.5 million", 2_500_000)], id="decimal-scale-word"),
        pytest.param("two million people", [("two million", 2_000_000)], id="words-scale"),
        pytest.param("USD 3.2m", [("3.2m", 3_200_000)], id="suffix-m"),
        pytest.param("EUR 1.5bn", [("1.5bn", 1_500_000_000)], id="suffix-bn"),
        pytest.param("half a million euros", [("half a million", 500_000)], id="half-a-million"),
        pytest.param("Rs 5 lakh", [("5 lakh", 500_000)], id="lakh"),
        pytest.param("10 crore rupees", [("10 crore", 100_000_000)], id="crore"),
        pytest.param("1,000,000.50 dollars", [("1,000,000.50", 1_000_000.5)], id="decimal-kept"),
        pytest.param("twenty and thirty officers", [("twenty", 20), ("thirty", 30)], id="words-two-numbers"),
        pytest.param("aged 13-16", [("13", 13), ("16", 16)], id="range-parts"),
        pytest.param("the 1st and 2nd rounds", [], id="ordinals-digits"),
        pytest.param("the third quarter", [], id="ordinal-word"),
        pytest.param("hundreds of people", [], id="plural-hundreds-vague"),
        pytest.param("dozens of cases", [], id="plural-dozens-vague"),
        pytest.param("12km of road", [], id="glued-unit"),
        pytest.param("someone went", [], id="one-inside-word"),
        pytest.param("version 3.2.1", [], id="dotted-version"),
    ],
)
def test_numbers_iter_numbers(text: str, expected: list[tuple[str, int | float]]) -> None:
    found = [(text[n.start : n.end], n.value) for n in iter_numbers(text)]
    assert found == expected


def test_numbers_values_are_int_when_integral() -> None:
    values = [n.value for n in iter_numbers("2.5 million and 3.0 and 1.25")]
    assert values == [2_500_000, 3, 1.25]
    assert [type(v) for v in values] == [int, int, float]


def test_numbers_flags_say_how_a_number_is_written() -> None:
    spans = {
        ("words" if n.words else "digits", n.scaled, n.suffix, n.decimal)
        for n in iter_numbers("forty, 3.2m, 2.5, 7 million")
    }
    assert spans == {
        ("words", False, False, False),
        ("digits", True, True, True),
        ("digits", False, False, True),
        ("digits", True, False, False),
    }


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("One hundred and fifty", 150, id="and"),
        pytest.param("forty-two", 42, id="hyphen"),
        pytest.param("a dozen", 12, id="dozen"),
        pytest.param("three dozen", 36, id="dozens-multiplied"),
        pytest.param("twenty and thirty", None, id="not-one-number"),
        pytest.param("dozen dozen", None, id="dozen-twice"),
    ],
)
def test_numbers_words_to_number(words: str, expected: int | None) -> None:
    assert words_to_number(words) == expected


def test_numbers_digits_to_number_scales_exactly() -> None:
    # Decimal arithmetic: 3.2 * 10**6 is exactly 3200000, not 3200000.0000000005.
    assert digits_to_number("3.2", "million") == 3_200_000
    assert digits_to_number("0.1", "bn") == 100_000_000
