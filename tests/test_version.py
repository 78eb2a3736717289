"""The pipeline version: the release plus a digest of every file that decides the output."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from pipeline.version import code_digest, package_version, pipeline_version, release_part


def test_version_is_release_plus_code_digest() -> None:
    version = pipeline_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", version), version
    assert release_part(version) == package_version()


def _package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "probe_pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "changes_digest"),
    [
        pytest.param({"rules.py": "LIMIT = 4\n"}, True, id="code-edited"),
        pytest.param({"data/places.tsv": "city\tOsh\n"}, True, id="reference-data-edited"),
        pytest.param({"extra.py": ""}, True, id="module-added"),
        pytest.param({"README.md": "# other words\n"}, False, id="documentation-only"),
        pytest.param({"__pycache__/rules.cpython-311.pyc": "x"}, False, id="compiled-cache"),
    ],
)
def test_version_digest_follows_code_and_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str], changes_digest: bool
) -> None:
    base = {"__init__.py": "", "rules.py": "LIMIT = 3\n", "data/places.tsv": "city\tBishkek\n", "README.md": "# x\n"}
    _package(tmp_path, base)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_pkg", raising=False)  # another case's package
    before = code_digest(["probe_pkg"])
    _package(tmp_path, change)
    assert (code_digest(["probe_pkg"]) != before) is changes_digest
