"""Layout: a PDF's glyphs into text blocks with roles and sections, in the order a person reads them.

The steps, one module each, in the order they run: glyphs and shapes of a page (`glyphs`),
words in their reading direction (`words`), margin line numbers left out (`line_numbers`),
running headers and footers found across pages (`furniture`), tables drawn by rulings or set in
aligned columns (`rulings`, `tables`, `table_grid`, `table_blocks`), sidebar panels and figure
frames (`frames`), columns by a recursive XY-cut (`columns`), lines and paragraphs (`paragraphs`),
roles (`roles`), the article of each block with panels placed after the article they sit beside
(`sections`), and text repair (`repair`). `reading_order` runs them over a document; `blocks`
and `textmap` hold what they produce. Glyphs come from pdfminer's interpreter fed by a faster
content-stream reader (`interpreter`, `content_stream`), or optionally from PDFium
(`char_sources`, `pdfium_glyphs`).
"""

from pipeline.layout.blocks import Block, PageBlock
from pipeline.layout.reading_order import LayoutSettings, document_blocks
from pipeline.layout.textmap import Box, TextMap

__all__ = ["Block", "Box", "LayoutSettings", "PageBlock", "TextMap", "document_blocks"]
