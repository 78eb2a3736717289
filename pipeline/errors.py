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


class ModelMissing(BulletinsError):
    """The spaCy model is not installed; raised once, before any document is read."""
