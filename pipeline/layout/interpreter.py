"""pdfminer's page interpreter fed by `content_stream`, drawing glyphs straight into layout's records.

`page_layout` does what pdfplumber's `Page.layout` does (pdfminer interprets the page with
pdfplumber's marked-content device) with three changes that leave what layout reads as it was:
the content streams are read by `content_stream.content_objects` instead of pdfminer's tokeniser;
operators are looked up once per interpreter class instead of by building their method name (and
logging it) for every operator; and glyphs become records as they are drawn (`GlyphDevice`), so
the tree holds shapes, images and figures only. A stream holding something `content_objects`
leaves to pdfminer is read by pdfminer's own parser.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import pdfplumber
from pdfminer import settings as pdfminer_settings
from pdfminer.layout import LTChar, LTPage
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFTextSeq
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFInterpreterError, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import PSKeyword, keyword_name
from pdfminer.utils import Matrix, Point
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.layout.content_stream import Unsupported, content_objects
from pipeline.layout.page_frame import PageFrame, PdfObject
from pipeline.safe_text import clean_text

log = logging.getLogger("bulletins")
pdfminer_log = logging.getLogger("pdfminer.pdfinterp")
pdfminer_device_log = logging.getLogger("pdfminer.pdfdevice")


class FastPageInterpreter(PDFPageInterpreter):
    """A `PDFPageInterpreter` whose `execute` runs the objects `content_objects` reads."""

    # Per interpreter class: operator keyword -> (method name, number of operands), or None.
    _operators: ClassVar[dict[PSKeyword, tuple[str, int] | None]] = {}

    def execute(self, streams: Sequence[object]) -> None:
        """Run the page's (or a form's) content streams, as pdfminer's `execute` does."""
        valid = self._valid_streams(streams)
        if pdfminer_settings.STRICT:
            super().execute(streams)
            return
        try:
            objects = content_objects([stream.get_data() for stream in valid])
        except Unsupported as exc:
            log.debug("content read by pdfminer's parser: %s", exc)
            super().execute(streams)
            return
        operators = self._operator_table()
        for obj in objects:
            if not isinstance(obj, PSKeyword):
                self.argstack.append(obj)
                continue
            operator = operators.get(obj, ...)
            if operator is ...:
                operator = operators[obj] = self._lookup(obj)
            if operator is None:
                continue
            name, nargs = operator
            method: Callable[..., Any] = getattr(self, name)
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    method(*args)
            else:
                method()

    def _valid_streams(self, streams: Sequence[object]) -> list[PDFStream]:
        """pdfminer's guard against content streams that refer to themselves (kept as it is)."""
        valid: list[PDFStream] = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None:
                pdfminer_log.warning("Execute called on non-indirect object (inline image?) %r", stream)
                continue
            if stream.objid in self.parent_stream_ids:
                pdfminer_log.warning("Refusing to execute circular reference to content stream %d", stream.objid)
                continue
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        return valid

    @classmethod
    def _operator_table(cls) -> dict[PSKeyword, tuple[str, int] | None]:
        if "_operators" not in cls.__dict__:
            cls._operators = {}
        return cls._operators

    def _lookup(self, keyword: PSKeyword) -> tuple[str, int] | None:
        """The method pdfminer's `execute` would call for an operator, and its operand count."""
        name = keyword_name(keyword)
        method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
        function = getattr(self, method, None)
        if function is None:
            if pdfminer_settings.STRICT:
                raise PDFInterpreterError(f"Unknown operator: {name!r}")
            return None
        return method, function.__code__.co_argcount - 1


# Text render modes that paint nothing: 3 (neither fill nor stroke) and 7 (add to clip path only).
INVISIBLE_RENDER_MODES = frozenset({3, 7})


class GlyphDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, with each glyph made into layout's record as it is drawn.

    Shapes, images and figures go into pdfminer's layout tree as before. Glyphs, nearly all that
    a text page draws, skip it: an `LTChar` object per glyph, tagged by pdfplumber and read back
    from the tree afterwards, cost a third of a page's interpretation. The arithmetic below is
    `LTChar`'s own, term for term, so the records equal those read from the tree
    (tests/layout/test_interpreter.py compares them on every fixture and real page). The device
    also notes glyphs drawn invisibly: pdfminer keeps the text render mode in its text state but
    not on the glyphs it makes.
    """

    def __init__(self, rsrcmgr: PDFResourceManager, frame: PageFrame, pageno: int) -> None:
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.frame = frame
        self.glyphs: list[PdfObject] = []
        self._invisible = False
        self._texts: dict[tuple[PDFFont, int], tuple[str, float]] = {}

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self._invisible = textstate.render in INVISIBLE_RENDER_MODES
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_string_horizontal(
        self,
        seq: PDFTextSeq,
        matrix: Matrix,
        pos: Point,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        charspace: float,
        wordspace: float,
        rise: float,
        dxscale: float,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> Point:
        """pdfminer's `render_string_horizontal` with `render_char` and `LTChar` worked in."""
        (x, y) = pos
        (a, b, c, d, e, f) = matrix
        descent = font.get_descent() * fontsize
        bottom, top = descent + rise, descent + rise + fontsize
        upright = a * d * scaling > 0 and b * c <= 0
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    text, textwidth = self._text_of(font, cid)
                    adv = textwidth * fontsize * scaling
                    glyph_matrix = (a, b, c, d, x * a + y * c + e, x * b + y * d + f)
                    self._add_glyph(glyph_matrix, (0, bottom, adv, top), text, font, upright)
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                pdfminer_device_log.warning(
                    "Cannot render horizontal string because %r is not a valid int, float or bytes.", obj
                )
        return (x, y)

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        """A glyph of a vertical font (the rare case): pdfminer's own `LTChar`, made into a record at once."""
        text, textwidth = self._text_of(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, textwidth, font.char_disp(cid), ncs, graphicstate)
        glyph = self.frame.glyph(item.bbox, text, item.size, item.upright, item.fontname, matrix, self._invisible)
        if glyph is not None:
            self.glyphs.append(glyph)
        return item.adv

    def _text_of(self, font: PDFFont, cid: int) -> tuple[str, float]:
        """A character's text, cleaned of controls, and its width in the font (looked up once a page)."""
        key = (font, cid)
        known = self._texts.get(key)
        if known is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            known = self._texts[key] = (clean_text(text), font.char_width(cid))
        return known

    def _add_glyph(
        self, matrix: Matrix, bbox: tuple[float, float, float, float], text: str, font: PDFFont, upright: bool
    ) -> None:
        """`LTChar`'s box of a horizontal glyph (`apply_matrix_rect`, term for term), as a record."""
        (a, b, c, d, e, f) = matrix
        (x0, y0, x1, y1) = bbox
        left1, bottom1 = a * x0 + c * y0 + e, b * x0 + d * y0 + f
        right1, bottom2 = a * x1 + c * y0 + e, b * x1 + d * y0 + f
        right2, top1 = a * x1 + c * y1 + e, b * x1 + d * y1 + f
        left2, top2 = a * x0 + c * y1 + e, b * x0 + d * y1 + f
        box = (
            min(left1, left2, right1, right2),
            min(bottom1, bottom2, top1, top2),
            max(left1, left2, right1, right2),
            max(bottom1, bottom2, top1, top2),
        )
        glyph = self.frame.glyph(box, text, box[3] - box[1], upright, font.fontname, matrix, self._invisible)
        if glyph is not None:
            self.glyphs.append(glyph)


def page_layout(page: pdfplumber.page.Page) -> tuple[LTPage, list[PdfObject]]:
    """The page's layout tree of shapes, images and figures, and its glyphs' records, in drawing order.

    Raises:
        PdfminerException: The page cannot be interpreted (wrapping pdfminer's error, as pdfplumber does).
    """
    pdf = page.pdf
    device = GlyphDevice(pdf.rsrcmgr, PageFrame.of(page), pageno=page.page_number)
    interpreter = FastPageInterpreter(pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    return device.get_result(), device.glyphs
