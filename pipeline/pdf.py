"""Opening a PDF: its identity, metadata and pages, with failures mapped to contract error types.

A damaged file (no header line, a broken cross-reference table, a truncated tail) is opened a
second time after a repair pass by qpdf (through pikepdf), which rebuilds the structure from
the objects it can find; what can be read is then read page by page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import BulletinsError, EncryptedPDF, MalformedPDF, NotAPDF
from pipeline.inputs import display_path, read_input
from pipeline.safe_text import clean_text

log = logging.getLogger("bulletins")

# What pdfminer (through pdfplumber) raises on a page it cannot parse; a reference loop it
# follows without end ends in RecursionError.
PARSER_ERRORS = (
    PdfminerException,
    MalformedPDFException,
    PDFSyntaxError,
    PDFEncryptionError,
    PDFPasswordIncorrect,
    RecursionError,
)
# Without a header, a file is worth a repair attempt only if it holds PDF objects at all.
OBJECT_MARK = b"endobj"
LOST_HEADER = b"%PDF-1.7\n"


@dataclasses.dataclass(frozen=True)
class SourceFile:
    """The bytes of one input and the id derived from them."""

    path: str
    data: bytes

    @functools.cached_property
    def doc_id(self) -> str:
        """`sha256:` and the hex digest of the bytes, computed once (every block and record carries it)."""
        return "sha256:" + hashlib.sha256(self.data).hexdigest()

    @property
    def name(self) -> str:
        """The path as valid UTF-8 text, for messages."""
        return display_path(self.path)


def read_source(path: str | Path) -> SourceFile:
    """Read an input file whole, so that its id is the hash of exactly what was parsed.

    Raises:
        UnreadableFile: The file cannot be read.
        NotAPDF: The file is empty or does not start like a PDF.
    """
    source = SourceFile(path=str(path), data=read_input(path))
    check_pdf_signature(source)
    return source


def check_pdf_signature(source: SourceFile) -> None:
    """Reject empty and non-PDF files before the parser sees them.

    PDF readers accept a header anywhere in the first 1024 bytes, so we do too. A file without
    one that holds PDF objects is let through: it may be a PDF whose header line was lost, and
    the repair pass will tell.
    """
    if not source.data:
        raise NotAPDF(f"{source.name} is empty (0 bytes); it is not a PDF")
    if b"%PDF-" not in source.data[:1024] and OBJECT_MARK not in source.data:
        raise NotAPDF(f"{source.name} does not start with a PDF header; is it really a PDF?")


@contextlib.contextmanager
def open_pdf(source: SourceFile) -> Iterator[pdfplumber.PDF]:
    """Open the source with pdfplumber, after a repair pass if it is damaged, translating parser failures.

    Raises:
        EncryptedPDF: The PDF needs a password.
        MalformedPDF: The PDF structure cannot be parsed, even after repair.
        MemoryError: The parser ran out of memory (a worker reports it as `memory`).
    """
    try:
        pdf = _open_with_pages(_with_header(source))
    except Exception as exc:  # a damaged file makes the parser fail with errors of any type
        error = error_from_pdfminer(source, _cause(exc), repaired=True)
        if not isinstance(error, MalformedPDF):
            raise error from None
        pdf = _open_repaired(source, error)
        log.warning("%s is damaged (%s); reading what qpdf recovered", source.name, _detail(_cause(exc)))
    try:
        yield pdf
    except PARSER_ERRORS as exc:
        raise error_from_pdfminer(source, _cause(exc)) from None
    finally:
        pdf.close()


def _open_repaired(source: SourceFile, error: MalformedPDF) -> pdfplumber.PDF:
    """The PDF opened from qpdf's repair of it; `error` when that fails too."""
    repaired = repair_pdf(dataclasses.replace(source, data=_with_header(source)), error)
    try:
        return _open_with_pages(repaired)
    except MemoryError:
        raise
    except Exception:
        raise error from None


def _with_header(source: SourceFile) -> bytes:
    """The file's bytes, with a header line put back in front when it has none."""
    if b"%PDF-" in source.data[:1024]:
        return source.data
    log.warning("%s has no PDF header line; reading it as a PDF that lost it", source.name)
    return LOST_HEADER + source.data


def _open_with_pages(data: bytes) -> pdfplumber.PDF:
    """pdfplumber's PDF, checked to have pages (a missing page tree fails here, not later)."""
    pdf = pdfplumber.open(io.BytesIO(data))
    try:
        if not pdf.pages:
            raise PDFSyntaxError("no pages: the page tree is missing or broken")
    except BaseException:
        pdf.close()
        raise
    return pdf


def repair_pdf(source: SourceFile, error: MalformedPDF) -> bytes:
    """The file rewritten by qpdf, which rebuilds a damaged cross-reference table from the objects found.

    Streams are copied as they are (never inflated), so a repair cannot set off a Flate bomb.

    Raises:
        MalformedPDF: `error`, when qpdf cannot recover the file either.
        EncryptedPDF: The recovered file needs a password.
    """
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(source.data), attempt_recovery=True, suppress_warnings=True) as pdf:
            if len(pdf.pages) == 0:
                raise error
            out = io.BytesIO()
            pdf.save(
                out,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                encryption=False,
                deterministic_id=True,
            )
            return out.getvalue()
    except pikepdf.PasswordError:
        raise EncryptedPDF(_encrypted_message(source)) from None
    except (MemoryError, MalformedPDF):
        raise
    except Exception:  # qpdf gives up on a file with errors of several types
        raise error from None


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors (and a MemoryError) in PdfminerException: the one inside."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _detail(cause: BaseException) -> str:
    if isinstance(cause, RecursionError):
        return "its objects refer to themselves too deeply"
    return clean_text(str(cause)) or type(cause).__name__


def _encrypted_message(source: SourceFile) -> str:
    return f"{source.name} is encrypted; decrypt it (for example with qpdf --decrypt) and run again"


def error_from_pdfminer(source: SourceFile, cause: object, repaired: bool = False) -> BulletinsError:
    """Map a pdfminer exception to the error the contract names.

    Args:
        source: The file.
        cause: The parser's exception.
        repaired: Whether the message should say that a repair by qpdf failed too.

    Raises:
        MemoryError: The cause was a MemoryError; it is raised again so that it is reported as
            `memory` (and retried by --resume), not as a damaged file.
    """
    if isinstance(cause, MemoryError):
        raise cause
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedPDF(_encrypted_message(source))
    detail = _detail(cause) if isinstance(cause, BaseException) else clean_text(str(cause))
    tail = "; qpdf could not repair it either" if repaired else "; try repairing it with qpdf or mutool clean"
    return MalformedPDF(f"{source.name} cannot be parsed as a PDF ({detail}){tail}")


# Titles that PDF writers fill in when the author gave none.
PLACEHOLDER_TITLES = frozenset({"untitled", "untitled document", "document", "microsoft word"})

_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def metadata_date(pdf: pdfplumber.PDF) -> dt.date | None:
    """Creation (or else modification) date from the PDF's info dictionary."""
    for key in ("CreationDate", "ModDate"):
        raw = pdf.metadata.get(key)
        if isinstance(raw, bytes):
            raw = raw.decode("latin-1", "replace")
        if not isinstance(raw, str):
            continue
        match = _PDF_DATE.match(raw.strip())
        if match:
            year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
            with contextlib.suppress(ValueError):
                return dt.date(int(year), int(month), int(day))
    return None


def metadata_title(pdf: pdfplumber.PDF) -> str | None:
    """The Title entry of the info dictionary, when it says something."""
    raw = pdf.metadata.get("Title")
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    if isinstance(raw, str):
        raw = clean_text(raw)
    if isinstance(raw, str) and raw.strip() and raw.strip().lower() not in PLACEHOLDER_TITLES:
        return " ".join(raw.split())
    return None
