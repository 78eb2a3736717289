"""Dates: a grammar of date expressions (`grammar`, from the vocabulary in `words`), context that
shows a candidate is not a date (`filters`), day bounds (`values`) and the registered extractor."""

from extractors.dates.extractor import DateRules, iter_full_dates, iter_stated_dates

__all__ = ["DateRules", "iter_full_dates", "iter_stated_dates"]
