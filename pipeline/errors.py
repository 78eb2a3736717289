"""The error tree: one root, one subclass per `error.type` of a failed document line."""

from __future__ import annotations

from typing import ClassVar

from schemas.document import ErrorType


class BulletinsError(Exception):
    """Root of every error the library raises on purpose.

    The command line turns these into failed `document` lines; anything else that escapes a
    document is a bug and is reported as `crashed`.
    """

    code: ClassVar[ErrorType] = "unreadable"


class EncryptedPDF(BulletinsError):
    code: ClassVar[ErrorType] = "encrypted"


class NotAPDF(BulletinsError):
    code: ClassVar[ErrorType] = "not_a_pdf"


class MalformedPDF(BulletinsError):
    code: ClassVar[ErrorType] = "malformed"


class NoTextLayer(BulletinsError):
    code: ClassVar[ErrorType] = "no_text_layer"


class DocumentTimeout(BulletinsError):
    code: ClassVar[ErrorType] = "timeout"


class WorkerCrashed(BulletinsError):
    code: ClassVar[ErrorType] = "crashed"


class MemoryExceeded(BulletinsError):
    code: ClassVar[ErrorType] = "memory"


class UnreadableFile(BulletinsError):
    code: ClassVar[ErrorType] = "unreadable"


class DocumentTooLarge(BulletinsError):
    """The document has more pages than the run's `--max-pages`: refused before any page is read."""

    code: ClassVar[ErrorType] = "too_large"


class ModelMissing(BulletinsError):
    """The spaCy model is not installed; raised once, before any document is read."""


class OutputRefused(BulletinsError):
    """The output named by -o cannot or must not be written (exit status 2, before any work).

    An input file, a folder, a disk device, a file that is not JSON Lines, a place that cannot be
    written, or an output another run is writing.
    """


class Interrupted(BaseException):
    """A signal (SIGINT, SIGTERM) stopped the run; what was finished is kept for --resume.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` turns a stop into a
    failed document.

    Args:
        signum: The signal that stopped the run.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        """128 plus the signal number, as a shell reports a process ended by that signal."""
        return 128 + self.signum
