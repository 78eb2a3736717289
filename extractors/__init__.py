"""Extractors, one module per record kind, each registered by name.

Every registration is imported here, in one explicit list, so the registry is complete as soon
as the package is imported and no module depends on import order elsewhere.
"""

from extractors import amounts, counts, dates, organisations, places  # noqa: F401  (registrations)
from extractors.base import REGISTRY, DocumentContext, Extractor, Mention, MentionRef, register

__all__ = ["REGISTRY", "DocumentContext", "Extractor", "Mention", "MentionRef", "register"]
