"""Every registered extractor is documented, tested on a table of hard cases and described in docs/extractors.md."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from _pytest.mark.structures import ParameterSet

from extractors import REGISTRY
from extractors.base import Extractor
from schemas.records import RECORD_KINDS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIN_CASES = 40

EXTRACTORS = [pytest.param(cls, id=name) for name, cls in REGISTRY.entries.items()]


def test_registry_has_one_extractor_per_record_kind() -> None:
    assert sorted(cls.kind for cls in REGISTRY.entries.values()) == sorted(RECORD_KINDS)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_docstring(extractor: type[Extractor]) -> None:
    own = inspect.cleandoc(extractor.__dict__.get("__doc__") or "")  # not the base class's, inherited
    assert len(own.split()) >= 5, f"{extractor.__name__} needs a docstring saying what it finds and how"


def case_tables(module_name: str) -> dict[str, int]:
    """The case tables of a test module: name → number of `pytest.param` cases in it.

    A table is a module-level list of `pytest.param` objects or the argument list of a test's
    `parametrize` mark made of them; both are read as objects, never as text.
    """
    module = importlib.import_module(module_name)
    tables: dict[str, int] = {}
    seen: set[int] = set()  # a module-level table used by several tests counts once

    def add(name: str, table: object) -> None:
        if _is_case_table(table) and id(table) not in seen:
            seen.add(id(table))
            tables[name] = len(table)  # type: ignore[arg-type]

    for name, value in vars(module).items():
        add(name, value)
        for mark in getattr(value, "pytestmark", []) if callable(value) else []:
            if mark.name == "parametrize" and len(mark.args) > 1:
                add(f"{name}[{mark.args[0]}]", mark.args[1])
    return tables


def _is_case_table(value: object) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(item, ParameterSet) for item in value)


def test_registry_case_tables_are_found_as_objects() -> None:
    """The counting reads real `pytest.param` objects, in module lists and in parametrize marks."""
    tables = case_tables("tests.extractors.test_registry")
    assert tables["EXTRACTORS"] == len(REGISTRY.entries)
    assert list(tables) == ["EXTRACTORS"]  # the tests below reuse it: counted once


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_case_table(extractor: type[Extractor]) -> None:
    kind_package = extractor.__module__.split(".")[1]  # extractors.<kind>.extractor
    module = f"tests.extractors.test_{kind_package}"
    cases = sum(case_tables(module).values())
    assert cases >= MIN_CASES, f"{module} has {cases} cases in its tables; an extractor needs at least {MIN_CASES}"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_registry_extractor_has_a_docs_section(extractor: type[Extractor]) -> None:
    docs = (PROJECT_ROOT / "docs" / "extractors.md").read_text(encoding="utf-8")
    assert re.search(rf"^## .*\(`{re.escape(extractor.name)}`\)$", docs, re.MULTILINE), extractor.name
