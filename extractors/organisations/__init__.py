"""Organisations: full names found by rule, acronyms defined in the text or known to the registry
(`acronyms`), resolved across the document."""

from extractors.organisations.extractor import OrganisationRules

__all__ = ["OrganisationRules"]
