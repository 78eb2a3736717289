"""Input lists: the paths a run reads when they come from a file or a pipe (`--files-from`)."""

from __future__ import annotations

import os
from typing import BinaryIO


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
