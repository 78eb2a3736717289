"""Counts: how many of something, with its qualifier, subject and parent count; `filters` says
which numbers of running text are not counts."""

from extractors.counts.extractor import CountRules

__all__ = ["CountRules"]
