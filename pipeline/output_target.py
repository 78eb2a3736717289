"""Where a run writes: the -o target checked before any work, locked against a second run, cleaned of leftovers.

`-o` must never cost a file: it does not replace an input, a folder, a disk device or a file
that is not JSON Lines, and a symbolic link is followed (its target is replaced, the link
stays). A character device or a FIFO (`/dev/null`, a named pipe) is written to directly, as
stdout is. A regular output is locked (`.<name>.lock` beside it, an flock held for the run), so
that a second run on the same output stops at once instead of sharing the first's temporary
files; under the lock, temporary files that killed runs left are removed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import OutputRefused
from pipeline.inputs import display_path

# Bytes read from an existing output to see whether it is JSON Lines.
SNIFF_BYTES = 64


@dataclasses.dataclass(frozen=True)
class OutputTarget:
    """A checked output.

    Attributes:
        path: The file to replace atomically (symbolic links resolved), or None when the output
            is a stream (stdout, a character device, a FIFO) written as it goes.
        stream: The character device or FIFO to write to, when that is the output.
    """

    path: Path | None
    stream: Path | None = None

    @property
    def is_file(self) -> bool:
        return self.path is not None


def check_output(output: str | None, inputs: Iterable[Path]) -> OutputTarget:
    """Check the -o target before any work starts.

    Args:
        output: The -o value (None or "-" for stdout).
        inputs: The input files of the run.

    Raises:
        OutputRefused: Writing there would destroy something, or cannot work.
    """
    if output in (None, "-"):
        return OutputTarget(None)
    assert output is not None
    name = display_path(output)
    real = Path(os.path.realpath(output))
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return OutputTarget(real)
    except OSError as exc:
        raise OutputRefused(f"cannot use {name} as the output: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{name} is a folder; name a file (for example {name.rstrip('/')}/records.jsonl)")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return OutputTarget(None, stream=real)
    if not stat.S_ISREG(mode):
        raise OutputRefused(f"{name} is a device or special file; bulletins writes only to files, FIFOs and stdout")
    for path in inputs:
        with contextlib.suppress(OSError):
            if real.samefile(path):
                raise OutputRefused(f"{name} is one of the inputs; writing there would destroy it. Choose another -o")
    if not _looks_like_jsonl(real):
        raise OutputRefused(
            f"{name} exists and is not JSON Lines; bulletins does not replace it. Remove it or choose another -o"
        )
    return OutputTarget(real)


def _looks_like_jsonl(path: Path) -> bool:
    """Empty, or starting (after white space) with '{' as every line bulletins writes does."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).lstrip()
    except OSError:
        return False  # unreadable: we cannot tell, so we do not replace it
    return not head or head.startswith(b"{")


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def temporary_path(path: Path) -> Path:
    """The one temporary file of an output (safe to reuse: only the lock holder writes it)."""
    return path.parent / f".{path.name}.part"


@contextlib.contextmanager
def locked_output(path: Path) -> Iterator[None]:
    """Hold the output's lock for the run; remove what killed runs left once it is held.

    Raises:
        OutputRefused: The folder cannot be created or written, or another run holds the lock.
    """
    name = display_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputRefused(f"cannot create the folder of {name}: {exc.strerror or exc}") from None
    fd = _acquire(lock_path(path), name)
    try:
        _remove_leftovers(path)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path(path))
        os.close(fd)


def _acquire(lock: Path, name: str) -> int:
    """Open and flock the lock file; retried when another run removed it between our open and lock."""
    for _ in range(5):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise OutputRefused(f"cannot write beside {name}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_pid(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                who = f"(pid {holder}) " if holder else ""
                raise OutputRefused(
                    f"another bulletins run {who}is writing {name}; wait for it to finish or choose another -o"
                ) from None
            raise OutputRefused(f"cannot lock {name}: {exc.strerror or exc}") from None
        try:
            same = os.fstat(fd).st_ino == lock.stat().st_ino
        except OSError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)  # the file we locked was removed by the run that just finished: try again
    raise OutputRefused(f"cannot lock {name}: its lock file keeps changing")


def _read_pid(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        return str(int(os.pread(fd, 32, 0).decode().strip()))
    return ""


def _remove_leftovers(path: Path) -> None:
    """Temporary output files of runs that were killed (this run's own name, and older random ones)."""
    for leftover in path.parent.glob(f".{glob_escape(path.name)}.*part"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()


def glob_escape(name: str) -> str:
    """A file name with glob's special characters taken literally."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)
