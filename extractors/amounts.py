"""Amounts of money: value in currency units and ISO 4217 code."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractors.base import DocumentContext, Extractor, Mention, register
from extractors.numbers import parse_number

from schemas.values import AmountValue

if TYPE_CHECKING:
    from pipeline.passages import Passage

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "USD": "USD", "EUR": "EUR"}
CURRENCY_NAMES = {"kyrgyz soms": "KGS", "soms": "KGS", "dollars": "USD", "euros": "EUR"}
AMOUNT = re.compile(
    r"(?P<qual>\bover\s+|\bmore than\s+)?"
    r"(?:(?P<symbol>US\$|\$|€|£|USD|EUR)\s?(?P<n1>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<s1>million|billion|thousand))?"
    r"|(?P<n2>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<s2>million|billion|thousand))?\s+(?P<name>Kyrgyz soms|soms|dollars|euros))"
)


@register("amounts.rules")
class AmountRules(Extractor):
    """Numbers with a currency symbol, code or name."""

    name = "amounts.rules"
    kind = "amount"

    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        for passage in passages:
            for match in AMOUNT.finditer(passage.text):
                if match.group("symbol"):
                    currency = SYMBOLS[match.group("symbol")]
                    value = parse_number(match.group("n1"), match.group("s1"))
                else:
                    currency = CURRENCY_NAMES[match.group("name").lower()]
                    value = parse_number(match.group("n2"), match.group("s2"))
                if value is None:
                    continue
                qualifier = "more_than" if match.group("qual") else "exact"
                yield Mention(
                    passage.index,
                    match.start(),
                    match.end(),
                    "amount",
                    AmountValue(value=value, currency=currency, qualifier=qualifier),
                    self.name,
                    0.8,
                )
