"""The README stays a five-minute read, and every document it or docs/ links to exists."""

from __future__ import annotations

import re

import pytest

from pipeline.cli import cli
from tests.helpers import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
README_LIMIT_BYTES = 12 * 1024
DOCS = sorted((PROJECT_ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_docs_readme_is_at_most_12_kb() -> None:
    size = len(README.read_bytes())
    assert size <= README_LIMIT_BYTES, f"README.md is {size} bytes; move detail to docs/"


def test_docs_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    commands = [
        line.strip()
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("    python3 -m venv")
    ]
    assert len(commands) >= 2
    setup, tests = commands[:2]
    assert "bulletins extract fixtures/" in setup
    assert tests in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_readme_shows_every_command(name: str) -> None:
    assert f"bulletins {name}" in README.read_text(encoding="utf-8"), f"README.md does not show `bulletins {name}`"


@pytest.mark.parametrize(
    "path", [README, *DOCS, PROJECT_ROOT / "extractors" / "data" / "README.md"], ids=lambda p: p.name
)
def test_docs_relative_links_resolve(path) -> None:
    missing = [
        target
        for target in LINK.findall(path.read_text(encoding="utf-8"))
        if "://" not in target and not (path.parent / target).exists()
    ]
    assert not missing, f"{path.name} links to missing files: {missing}"
