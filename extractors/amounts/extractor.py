"""Amounts of money: value in currency units, ISO 4217 code and qualifier.

An amount is a number with a currency sign or code before it ("$1.5 million", "US$ 250,000",
"USD 3.2m", "€2 million", "PKR 5 million") or a currency name, sign or code after it
("150,000 Afghanis", "2 million Kyrgyz soms", "5 million CFA francs", "400,000 USD"). The
names, signs and codes come from CLDR through `extractors.amounts.currencies`.

When the written currency may mean several ("rupees", "CFA francs", "dollars", "Rs"), the
places the text names decide: the countries, currency adjectives ("Pakistani") and regions
("Sahel") named in the amount's sentence, else in its passage, else in the whole document;
the currency used in the most often named one wins. With no such place (or a tie) the first
of `DEFAULT_ORDER` among the candidates is taken (USD for dollars, INR for rupees, XOF for
CFA francs) at low confidence, and when none applies ("manat" with no place) nothing is said.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractors.amounts import ranges
from extractors.amounts.currencies import (
    DEFAULT_ORDER,
    LOOKALIKE_CODES,
    LOOKALIKE_NAMES,
    CurrencyTable,
    currency_table,
)
from extractors.amounts.magnitudes import document_currency, iter_bare_magnitudes, with_spaced_magnitude
from extractors.amounts.multipliers import CompactUnit, unit_after, unit_before
from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.gazetteer.index import load_gazetteer
from extractors.gazetteer.matching import implies_country, iter_name_spans
from extractors.number_conventions import ENGLISH, NumberConvention, text_convention
from extractors.numbers import NumberSpan, iter_numbers
from extractors.qualifiers import qualifier_after, qualifier_before
from extractors.spans import clip_to_block
from schemas.values import AmountValue, Qualifier

if TYPE_CHECKING:
    from spacy.tokens import Span

    from pipeline.passages import Passage

# How far before a number its currency sign may start ("CFAF " is the longest in use).
_SIGN_WINDOW = 8
# "$1-2 million", "$1 to 2 million": the first number borrows the scale of the second, so it
# is not an amount on its own.
_RANGE_ON = re.compile(r"\s*(?:-|–|—|to)\s*\S{0,4}\s*\d")
# Confidence when the currency is certain, decided by the sentence, passage or document, or defaulted.
CONFIDENCE_CERTAIN = 0.9
CONFIDENCE_BY_LEVEL = (0.8, 0.7, 0.6)
CONFIDENCE_DEFAULT = 0.5


@dataclasses.dataclass(frozen=True)
class AmountSpan:
    """A number with its currency as written, before the currency is decided.

    Attributes:
        start: Offset of the sign or the number, whichever comes first.
        end: Offset after the number or the currency name, whichever comes last.
        number: The number.
        currency: The currency as written ("US$", "Kyrgyz soms").
        codes: ISO 4217 codes the written currency may stand for.
        qualifier: "at_least" or "at_most" for an end of a range (see `ranges`), else None.
    """

    start: int
    end: int
    number: NumberSpan
    currency: str
    codes: frozenset[str]
    qualifier: Qualifier | None = None


@dataclasses.dataclass(frozen=True)
class PlaceHint:
    """A place named in a text, as evidence of the currencies used there."""

    start: int
    codes: frozenset[str]


def iter_amount_spans(
    text: str, table: CurrencyTable | None = None, convention: NumberConvention = ENGLISH
) -> Iterator[AmountSpan]:
    """Every number in `text` that carries a currency, in order.

    Counts use this too, so that no number is both a count and an amount.
    """
    table = table or currency_table()
    numbers = list(iter_numbers(text, convention))
    pairs = ranges.range_pairs(text, numbers)
    highs = set(pairs.values())
    for index, number in enumerate(numbers):
        if index in highs:
            continue
        if index in pairs:
            yield from _range_spans(text, number, numbers[pairs[index]], table)
            continue
        span = _amount_span(text, number, table)
        if span is not None:
            yield span


def _range_spans(text: str, low: NumberSpan, high: NumberSpan, table: CurrencyTable) -> Iterator[AmountSpan]:
    """The two amounts of a range, the low end borrowing the high end's currency and multiplier."""
    high_span = _amount_span(text, high, table)
    low_span = _amount_span(text, low, table, in_range=True)
    if high_span is None and low_span is None:
        return
    if high_span is None and low_span is not None:
        high_span = AmountSpan(high.start, high.end, high, low_span.currency, low_span.codes)
    if high_span is not None and high.value:
        borrowed = low
        if not low.scaled and low.value <= high.value / high.scale:  # "$1-2 million", not "$500,000 to $1.2 million"
            factor = high_span.number.value / high.value * high.scale  # the high end's multiplier, however written
            borrowed = dataclasses.replace(low, value=ranges.times(low.value, factor), scaled=high_span.number.scaled)
        own = _amount_span(text, borrowed, table, in_range=True) if borrowed is not low else low_span
        low_span = own or AmountSpan(low.start, low.end, borrowed, high_span.currency, high_span.codes)
    if low_span is None or high_span is None:
        return
    yield dataclasses.replace(low_span, qualifier=ranges.LOW)
    yield dataclasses.replace(high_span, qualifier=ranges.HIGH)


def _amount_span(text: str, number: NumberSpan, table: CurrencyTable, in_range: bool = False) -> AmountSpan | None:
    if not in_range and not number.scaled and _RANGE_ON.match(text, number.end):
        return None
    compact = unit_after(text, number.end, table) or unit_before(text, number.start, table)
    if compact is not None:
        return _compact_span(number, compact)
    before = table.symbol_before.search(text, max(0, number.start - _SIGN_WINDOW), number.start)
    after = table.currency_after.match(text, number.end)
    choices: list[tuple[str, frozenset[str]]] = []
    if after is not None:
        written = after.group("name") or after.group("symbol")
        codes = table.name_codes(written) if after.group("name") else table.symbol_codes(written)
        choices.append((written, codes))
    if before is not None:
        choices.append((before.group("symbol"), table.symbol_codes(before.group("symbol"))))
    choices = [(written, codes) for written, codes in choices if codes and _plausible(written, number)]
    if not choices:
        return None
    written, codes = min(choices, key=lambda choice: len(choice[1]))
    start = before.start("symbol") if before is not None else number.start
    end = after.end() if after is not None and (after.group("name") or after.group("symbol")) == written else number.end
    return AmountSpan(start, end, number, written, codes)


def _compact_span(number: NumberSpan, unit: CompactUnit) -> AmountSpan:
    """An amount whose multiplier is on its currency ("MEUR 583.7", "20 cents")."""
    if unit.multiplier >= 1 and number.scaled:
        scaled = number
    elif unit.multiplier >= 1:
        scaled = dataclasses.replace(number, value=ranges.times(number.value, unit.multiplier), scaled=True)
    else:
        scaled = dataclasses.replace(number, value=ranges.times(number.value, unit.multiplier), decimal=True)
    return AmountSpan(min(unit.start, number.start), max(unit.end, number.end), scaled, unit.written, unit.codes)


def _plausible(written: str, number: NumberSpan) -> bool:
    """Whether a currency that is also a word ("SDG 5", "5 marks") is money beside this number."""
    if written not in LOOKALIKE_CODES and written.lower() not in LOOKALIKE_NAMES:
        return True
    return number.scaled or (number.value >= 1000 and not (1900 <= number.value <= 2100 and number.integral))


def iter_place_hints(text: str, table: CurrencyTable) -> Iterator[PlaceHint]:
    """Countries, currency adjectives and regions named in `text`, with their currencies."""
    for match in table.place_pattern.finditer(text):
        codes = table.places.get(match.group(0).lower().replace("’", "'"))
        if codes:
            yield PlaceHint(match.start(), codes)


def city_currencies(sentence: Span, table: CurrencyTable) -> Counter[str]:
    """Currencies of the countries that the sentence's large cities name ("Rs 5 crore in Mumbai").

    Looked up only for an amount whose written currency fits several, as the gazetteer lookup
    costs more than the country names the other hints come from.
    """
    codes: Counter[str] = Counter()
    for start, end, entries in iter_name_spans(sentence, load_gazetteer()):
        if entries[0].type == "city" and implies_country(sentence, start, end, entries):
            codes.update(table.territory_currencies.get(entries[0].country or "", frozenset()))
    return codes


def choose_currency(codes: frozenset[str], levels: Sequence[Counter[str]]) -> tuple[str, float] | None:
    """The currency meant, and how sure that is, from the places named at each level.

    Args:
        codes: What the written currency may stand for.
        levels: Currencies of the places named in the sentence, the passage and the document.

    Returns:
        The code and a confidence, or None when nothing decides between the candidates.
    """
    if len(codes) == 1:
        return next(iter(codes)), CONFIDENCE_CERTAIN
    for level, confidence in zip(levels, CONFIDENCE_BY_LEVEL, strict=False):
        ranked = Counter({code: level[code] for code in codes if level[code]}).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0], confidence
    for code in DEFAULT_ORDER:
        if code in codes:
            return code, CONFIDENCE_DEFAULT
    return None


@register("amounts.rules")
class AmountRules(Extractor):
    """Numbers with a currency sign, code or name, the currency decided by the places named."""

    name = "amounts.rules"
    kind = "amount"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        table = currency_table()
        convention = text_convention(passage.text for passage in passages)
        hints = [list(iter_place_hints(passage.text, table)) for passage in passages]
        document = Counter(code for found in hints for hint in found for code in hint.codes)
        found_mentions: list[Mention] = []
        for passage, found in zip(passages, hints, strict=False):
            in_passage = Counter(code for hint in found for code in hint.codes)
            for span in iter_amount_spans(passage.text, table, convention):
                mention = self._mention(
                    passage, with_spaced_magnitude(passage.text, span), found, (in_passage, document)
                )
                if mention is not None:
                    found_mentions.append(mention)
        yield from found_mentions
        yield from self._bare_magnitudes(passages, found_mentions)

    def _bare_magnitudes(self, passages: Sequence[Passage], found: Sequence[Mention]) -> Iterator[Mention]:
        """Numbers like "4M" without a currency, in the one currency of the document's other amounts."""
        currency = document_currency(Counter(m.value.currency for m in found if isinstance(m.value, AmountValue)))
        if currency is None:
            return
        for passage in passages:
            taken = [(m.start, m.end) for m in found if m.passage == passage.index]
            for number in iter_bare_magnitudes(passage.text, taken):
                start, end, qualifier = qualified_bounds(passage, number.start, number.end)
                start, end = clip_to_block(passage, start, end, number.start, number.end)
                value = AmountValue(value=number.value, currency=currency, qualifier=qualifier)
                yield Mention(passage.index, start, end, "amount", value, self.name, CONFIDENCE_DEFAULT)

    def _mention(
        self, passage: Passage, span: AmountSpan, hints: Sequence[PlaceHint], wider: tuple[Counter[str], Counter[str]]
    ) -> Mention | None:
        sentence = passage.sentence(span.start, span.end)
        lo, hi = sentence.start_char, sentence.end_char
        in_sentence = Counter(code for hint in hints if lo <= hint.start < hi for code in hint.codes)
        if len(span.codes) > 1:
            in_sentence.update(city_currencies(sentence, currency_table()))
        chosen = choose_currency(span.codes, (in_sentence, *wider))
        if chosen is None:
            return None
        currency, confidence = chosen
        start, end, qualifier = qualified_bounds(passage, span.start, span.end)
        if span.qualifier is not None:
            start, end, qualifier = span.start, span.end, span.qualifier
        start, end = clip_to_block(passage, start, end, span.number.start, span.number.end)
        value = AmountValue(value=span.number.value, currency=currency, qualifier=qualifier)
        return Mention(passage.index, start, end, "amount", value, self.name, confidence)


def qualified_bounds(passage: Passage, start: int, end: int) -> tuple[int, int, Qualifier]:
    """The span widened to the qualifier phrase before or after it, and the qualifier ("exact" if none)."""
    before = qualifier_before(passage.text, start, passage.doc)
    if before is not None:
        return before.start, end, before.qualifier
    after = qualifier_after(passage.text, end)
    if after is not None:
        return start, after.end, after.qualifier
    return start, end, "exact"
