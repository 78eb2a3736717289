"""Input files: the PDFs under the paths given, opened without blocking, and how they are named in the output.

A path on the command line can be anything: a FIFO that blocks whoever opens it for reading, a
device, a folder nobody may list, a file nobody may read, a name that is not UTF-8. Every one of
them becomes a job with a `document` line (failed when it cannot be read), never a hang, a
silent skip or the end of the run. Paths may also come listed in a file or a pipe
(`--files-from`, `read_path_list`), one a line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import stat
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import UnreadableFile

log = logging.getLogger("bulletins")

HASH_CHUNK = 1 << 20
PDF_SUFFIX = ".pdf"


@dataclasses.dataclass(frozen=True)
class FoundInput:
    """One input of a run.

    Attributes:
        path: The file (or, for an unlisted folder, the folder).
        problem: Why it cannot be read, when that is known before opening it (a folder that
            cannot be listed); None otherwise.
    """

    path: Path
    problem: str | None = None


def find_inputs(paths: Iterable[str | Path]) -> list[FoundInput]:
    """Files as given and `*.pdf` under folders (recursively), sorted by path, without repeats.

    A folder that cannot be listed is an input of its own, with its problem, so that the run
    says it was not read instead of skipping it in silence. Symbolic links to folders are not
    followed (as `Path.rglob` does not), so a link loop cannot make the walk endless.
    """
    found: dict[Path, FoundInput] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            items = list(_walk(path))
            if not items:
                log.warning("no PDF files in %s", display_path(path))
            for item in items:
                found.setdefault(item.path, item)
        else:
            found.setdefault(path, FoundInput(path))
    return sorted(found.values(), key=lambda item: str(item.path))


def _walk(folder: Path) -> Iterator[FoundInput]:
    errors: list[OSError] = []
    for root, _, files in os.walk(folder, onerror=errors.append):
        for name in files:
            if name.lower().endswith(PDF_SUFFIX):
                yield FoundInput(Path(root) / name)
    for error in errors:
        where = Path(error.filename) if error.filename else folder
        yield FoundInput(where, f"cannot list folder {display_path(where)}: {error.strerror or error}")


def read_path_list(stream: BinaryIO) -> list[str]:
    """The paths listed in a stream, one a line, in the order given.

    Lines are split on newlines only, so names with spaces are kept whole; blank lines are
    skipped and a Windows line end is dropped. Names are decoded as the file system decodes
    them, so a name that is not valid UTF-8 still reaches its file.

    Args:
        stream: A binary stream (a list file, or stdin's buffer).
    """
    paths = []
    for raw in stream.read().split(b"\n"):
        line = raw.removesuffix(b"\r")
        if line.strip():
            paths.append(os.fsdecode(line))
    return paths


def iter_pdf_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths of `find_inputs` (folders that cannot be listed included, as they are inputs too)."""
    return [item.path for item in find_inputs(paths)]


def open_regular(path: str | Path) -> BinaryIO:
    """Open a file for reading only if it is a regular file; never block.

    The file is opened with O_NONBLOCK, so that opening a FIFO returns at once, and then
    checked with fstat (no race between a check and the open).

    Raises:
        UnreadableFile: It cannot be opened, or is a FIFO, device, socket or folder.
    """
    name = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFile(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"{name} is {_file_type(mode)}, not a regular file; only PDF files are read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_input(path: str | Path) -> bytes:
    """The whole content of a regular file.

    Raises:
        UnreadableFile: See `open_regular`; or reading it fails.
    """
    with open_regular(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise UnreadableFile(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


def file_doc_id(path: str | Path) -> str:
    """The document id of a file's bytes, read in chunks (the parent never holds a whole file).

    Raises:
        UnreadableFile: See `read_input`.
    """
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        try:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
        except OSError as exc:
            raise UnreadableFile(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None
    return "sha256:" + digest.hexdigest()


def unreadable_doc_id(path: str | Path) -> str:
    """The id of an input whose bytes cannot be read: the hash of its path, marked as such.

    Its bytes are unknown, so the id cannot be theirs; the hash of `unreadable:` and the path's
    bytes is stable for one path and differs between paths (two unreadable files never share
    an id, as they would if both were the hash of no bytes).
    """
    return "sha256:" + hashlib.sha256(b"unreadable:" + os.fsencode(path)).hexdigest()


def path_bytes(path: str | Path) -> bytes:
    """The path as the file system holds it (undoing Python's surrogate escapes)."""
    return os.fsencode(path)


def display_path(path: str | Path) -> str:
    """The path as text that is always valid UTF-8: bytes that are not UTF-8 become U+FFFD."""
    return path_bytes(path).decode("utf-8", "replace")


def source_fields(path: str | Path) -> dict[str, str]:
    """The `source` of a document line, and `source_bytes` when the name is not UTF-8.

    The rule: a path that is valid UTF-8 is written as given. One that is not (a Latin-1
    "caf\\xe9.pdf" from an old archive) is written with U+FFFD for each byte that is not UTF-8,
    and `source_bytes` holds the exact path percent-encoded ("caf%E9.pdf"), which
    `urllib.parse.unquote_to_bytes` turns back into the path's bytes.
    """
    raw = path_bytes(path)
    with contextlib.suppress(UnicodeDecodeError):
        return {"source": raw.decode("utf-8")}
    return {"source": display_path(path), "source_bytes": urllib.parse.quote_from_bytes(raw, safe="/")}
