"""OCR: pages without a usable text layer read by Tesseract, their words handed to layout as glyphs.

The steps, one module each: which pages need OCR (`need`), rendering a page image (`render`),
the Tesseract call (`tesseract`) and its hOCR (`hocr`), deskew and rotation (`geometry`),
misreadings put right by shape (`corrections`), words into glyphs (`glyphs`), and record
confidence (`confidence`). `pages` runs them page by page as layout reads the document;
docs/ocr.md describes the rule, the resolution and the measurements.
"""

from pipeline.ocr.pages import OcrBudget, OcrPageReader

__all__ = ["OcrBudget", "OcrPageReader"]
