"""Every registered extractor is documented, tested on a table of hard cases and named in the README."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from extractors import REGISTRY
from extractors.base import Extractor
from schemas.records import RECORD_KINDS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_CASES = 40

EXTRACTORS = [pytest.param(cls, id=name) for name, cls in REGISTRY.entries.items()]


def test_registry_has_one_extractor_per_record_kind() -> None:
    assert sorted(cls.kind for cls in REGISTRY.entries.values()) == sorted(RECORD_KINDS)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_docstring(extractor: type[Extractor]) -> None:
    own = inspect.cleandoc(extractor.__dict__.get("__doc__") or "")  # not the base class's, inherited
    assert len(own.split()) >= 5, f"{extractor.__name__} needs a docstring saying what it finds and how"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_case_table(extractor: type[Extractor]) -> None:
    module = extractor.__module__.rsplit(".", 1)[-1]
    tests = PROJECT_ROOT / "tests" / f"test_{module}.py"
    assert tests.exists(), f"{extractor.name} has no tests/test_{module}.py"
    cases = tests.read_text(encoding="utf-8").count("pytest.param(")
    assert cases >= MIN_CASES, f"{tests.name} has {cases} cases; an extractor needs at least {MIN_CASES}"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_readme_section(extractor: type[Extractor]) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^### .*\(`{re.escape(extractor.name)}`\)$", readme, re.MULTILINE), extractor.name
