"""Amounts of money: the registered extractor and the currency table it reads (`currencies`)."""

from extractors.amounts.extractor import AmountRules, iter_amount_spans

__all__ = ["AmountRules", "iter_amount_spans"]
