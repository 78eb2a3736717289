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


def line_to_json(line: BaseModel) -> str:
    """One contract line as compact JSON, `kind` first so a reader can dispatch on it."""
    data = line.model_dump(mode="json")
    ordered = {"kind": data.pop("kind"), **data}
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))


def _default_file_mode() -> int:
    """The mode a plain `open()` would give a new file (0666 less the umask).

    A temporary file is created 0600; the output is for other tools and people to read.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def open_output(target: str | None) -> Iterator[IO[str]]:
    """A text stream for the output: stdout for None or "-", else a file replaced atomically.

    A file is written beside its target and renamed over it only when the writer finishes, so
    an interrupted run never leaves a truncated file behind.
    """
    if target in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
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
