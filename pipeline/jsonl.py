"""JSON Lines out: one compact UTF-8 object per line, `kind` first, written atomically to files."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from pipeline.safe_text import escape_line_breakers


def line_to_json(line: BaseModel) -> str:
    """One contract line as compact JSON, `kind` first so a reader can dispatch on it.

    UTF-8 as it is, except the characters that end a line for `str.splitlines` (C1 controls,
    U+2028, U+2029), which are escaped so that one line stays one line for every reader.
    """
    data = line.model_dump(mode="json")
    ordered = {"kind": data.pop("kind"), **data}
    return escape_line_breakers(json.dumps(ordered, ensure_ascii=False, separators=(",", ":")))


def _default_file_mode() -> int:
    """The mode a plain `open()` would give a new file (0666 less the umask).

    A temporary file is created 0600; the output is for other tools and people to read.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def open_output(target: str | Path | None, temporary: Path | None = None) -> Iterator[IO[str]]:
    """A text stream for the output: stdout for None or "-", else a file replaced atomically.

    A file is written beside its target and renamed over it only when the writer finishes, so
    an interrupted run never leaves a truncated file behind.

    Args:
        target: The output file, or None / "-" for stdout.
        temporary: The temporary file to write first (a fixed name, when the caller holds the
            output's lock); by default a fresh random name beside the target.
    """
    if target is None or str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    if temporary is not None:
        handle: IO[str] = temporary.open("w", encoding="utf-8")
    else:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below; its name must outlive the handle)
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
        )
    try:
        with handle:
            yield handle
            handle.flush()
            os.chmod(handle.fileno(), _default_file_mode())
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


@contextlib.contextmanager
def open_stream_output(path: Path) -> Iterator[IO[str]]:
    """A character device or FIFO named as the output (`/dev/null`, a named pipe), written as it goes."""
    with path.open("w", encoding="utf-8") as handle:
        yield handle
