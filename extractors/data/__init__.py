"""Reference data: tables curated by hand (`curated/`) and tables generated from packages
(`generated/`); README.md gives each file's source, version, licence and rebuild command."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

Folder = Literal["curated", "generated"]


def read_data(folder: Folder, filename: str) -> str:
    """The text of one data file, read through the package so it works from a wheel as well."""
    return resources.files(__name__).joinpath(folder, filename).read_text(encoding="utf-8")


def data_path(folder: Folder, filename: str) -> Path:
    """Where a data file lives in a source checkout (the rebuild commands write there)."""
    return Path(__file__).resolve().parent / folder / filename
