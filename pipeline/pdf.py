"""Opening a PDF: its identity, metadata and pages, with failures mapped to contract error types."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import EncryptedPDF, MalformedPDF, NotAPDF, UnreadableFile


@dataclasses.dataclass(frozen=True)
class SourceFile:
    """The bytes of one input and the id derived from them."""

    path: str
    data: bytes

    @property
    def doc_id(self) -> str:
        return "sha256:" + hashlib.sha256(self.data).hexdigest()


def read_source(path: str | Path) -> SourceFile:
    """Read an input file whole, so that its id is the hash of exactly what was parsed.

    Raises:
        UnreadableFile: The file cannot be read.
        NotAPDF: The file is empty or does not start like a PDF.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from exc
    source = SourceFile(path=str(path), data=data)
    check_pdf_signature(source)
    return source


def check_pdf_signature(source: SourceFile) -> None:
    """Reject empty and non-PDF files before the parser sees them.

    PDF readers accept a header anywhere in the first 1024 bytes, so we do too.
    """
    if not source.data:
        raise NotAPDF(f"{source.path} is empty (0 bytes); it is not a PDF")
    if b"%PDF-" not in source.data[:1024]:
        raise NotAPDF(f"{source.path} does not start with a PDF header; is it really a PDF?")


@contextlib.contextmanager
def open_pdf(source: SourceFile) -> Iterator[pdfplumber.PDF]:
    """Open the source with pdfplumber, translating parser failures.

    Raises:
        EncryptedPDF: The PDF needs a password.
        MalformedPDF: The PDF structure cannot be parsed.
    """
    try:
        pdf = pdfplumber.open(io.BytesIO(source.data))
    except PdfminerException as exc:
        raise error_from_pdfminer(source, exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError) as exc:
        raise error_from_pdfminer(source, exc) from None
    try:
        if not pdf.pages:
            raise MalformedPDF(f"{source.path} has no pages; the PDF's page tree is missing or broken")
        yield pdf
    except PdfminerException as exc:
        raise error_from_pdfminer(source, exc.args[0] if exc.args else exc) from None
    except PDFSyntaxError as exc:
        raise error_from_pdfminer(source, exc) from None
    finally:
        pdf.close()


def error_from_pdfminer(source: SourceFile, cause: object) -> EncryptedPDF | MalformedPDF:
    """Map a pdfminer exception to the error the contract names."""
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedPDF(f"{source.path} is encrypted; decrypt it (for example with qpdf --decrypt) and run again")
    detail = str(cause) or type(cause).__name__
    return MalformedPDF(
        f"{source.path} cannot be parsed as a PDF ({detail}); try repairing it with qpdf or mutool clean"
    )


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
    if isinstance(raw, str) and raw.strip() and raw.strip().lower() not in PLACEHOLDER_TITLES:
        return " ".join(raw.split())
    return None
