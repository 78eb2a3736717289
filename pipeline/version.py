"""The pipeline version: the package version plus a digest of the code and reference data.

Records depend on more than the package version: a rule or a gazetteer row changes output without
a release. `--resume` keeps a finished document only when it was written by the same pipeline
version, so the version must change whenever output can: it is the package version with a local
part (PEP 440) that digests every source and data file of the packages that produce records.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import metadata, resources
from importlib.resources.abc import Traversable

# The packages whose files decide the output; their files are digested in sorted path order.
OUTPUT_PACKAGES = ("pipeline", "extractors", "schemas")
# Files of those packages that do not change output: compiled caches and documentation.
IGNORED_SUFFIXES = (".pyc", ".md")
DIGEST_LENGTH = 12


def package_version() -> str:
    """The installed distribution's version ("0.1.0"); the source tree's when not installed."""
    try:
        return metadata.version("bulletins")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@functools.cache
def pipeline_version() -> str:
    """`<package version>+<12 hex digits>`: the same for the same code and data, read once per process."""
    return f"{package_version()}+{code_digest(OUTPUT_PACKAGES)[:DIGEST_LENGTH]}"


def code_digest(packages: Iterable[str]) -> str:
    """SHA-256 over the relative path and bytes of every output-deciding file of the packages."""
    digest = hashlib.sha256()
    for package in packages:
        for path, item in sorted(_iter_files(resources.files(package), package)):
            digest.update(path.encode("utf-8") + b"\0")
            digest.update(item.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _iter_files(folder: Traversable, prefix: str) -> Iterable[tuple[str, Traversable]]:
    for item in folder.iterdir():
        path = f"{prefix}/{item.name}"
        if item.is_dir():
            if item.name != "__pycache__":
                yield from _iter_files(item, path)
        elif not item.name.endswith(IGNORED_SUFFIXES):
            yield path, item


def release_part(version: str) -> str:
    """The package version of a pipeline version ("0.1.0+1a2b3c4d5e6f" → "0.1.0")."""
    return version.split("+", 1)[0]
