"""The Tesseract call: one page image in, its lines out, within the time the document has left."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from PIL import Image

from pipeline.ocr.hocr import OcrLine, hocr_to_lines

LANGUAGE = "eng"
# Page segmentation: 1 finds the text's orientation and lays out the page; 3 lays out a page
# already turned upright.
SEGMENT_WITH_ORIENTATION = 1
SEGMENT = 3
INSTALL_HINT = "install Tesseract (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)"


class OcrError(Exception):
    """Tesseract could not read one page image; the page then yields no text."""


class OcrTimeout(OcrError):
    """Tesseract was stopped because the document's time ran out."""


@functools.cache
def tesseract_version() -> str | None:
    """Tesseract's version, or None when Tesseract or its English data is not installed.

    Checked once per process. Tesseract runs its OpenMP threads on every core by default; the
    batch already runs one document per core, so each Tesseract gets one thread (it was slower,
    not faster, with more on a loaded machine).
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pytesseract  # here: it imports pandas when installed, a fifth of a second no born-digital page needs

    try:
        version = str(pytesseract.get_tesseract_version())
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return None
    return version if LANGUAGE in languages else None


def recognise(image: Image.Image, resolution: float, segmentation: int, timeout: float) -> list[OcrLine]:
    """Tesseract's lines, words and characters of one page image.

    The image goes to Tesseract as an uncompressed file: PNG (pytesseract's default) costs a
    second of compression per page.

    Args:
        image: The page image.
        resolution: Its resolution in dots per inch (Tesseract sizes its search by it).
        segmentation: Tesseract's page segmentation mode.
        timeout: Seconds Tesseract may take before it is stopped.

    Raises:
        OcrTimeout: Tesseract took longer than `timeout`.
        OcrError: Tesseract failed on the image.
    """
    import pytesseract

    config = f"--psm {segmentation} --dpi {round(resolution)} -c hocr_char_boxes=1"
    with tempfile.TemporaryDirectory(prefix="bulletins-ocr-") as folder:
        path = Path(folder) / "page.bmp"
        image.save(path)
        try:
            hocr = pytesseract.image_to_pdf_or_hocr(
                str(path), lang=LANGUAGE, config=config, extension="hocr", timeout=timeout
            )
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrTimeout(f"Tesseract stopped after {timeout:.0f} s") from exc
        except (pytesseract.TesseractError, OSError) as exc:
            raise OcrError(f"Tesseract failed: {exc}") from exc
    try:
        return hocr_to_lines(hocr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise OcrError(str(exc)) from exc
