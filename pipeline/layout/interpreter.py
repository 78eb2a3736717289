"""pdfminer's page interpreter fed by `content_stream`: the same layout tree of a page, built faster.

`page_layout` does what pdfplumber's `Page.layout` does (pdfminer interprets the page into a tree
of characters, shapes and images, with pdfplumber's marked-content device) with two changes that
leave the tree as it was: the content streams are read by `content_stream.content_objects`
instead of pdfminer's tokeniser, and operators are looked up once per interpreter class instead
of by building their method name (and logging it) for every operator. A stream holding something
`content_objects` leaves to pdfminer is read by pdfminer's own parser.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import pdfplumber
from pdfminer import settings as pdfminer_settings
from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import PSKeyword, keyword_name
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.layout.content_stream import Unsupported, content_objects

log = logging.getLogger("bulletins")
pdfminer_log = logging.getLogger("pdfminer.pdfinterp")


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
    """pdfplumber's layout device, also noting which glyphs are drawn invisibly.

    pdfminer keeps the text render mode in its text state but not on the glyphs it makes, so the
    mode is read where each string is drawn.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invisible: set[int] = set()
        self._drawing_invisibly = False

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self._drawing_invisibly = textstate.render in INVISIBLE_RENDER_MODES
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance = super().render_char(*args, **kwargs)
        if self._drawing_invisibly:
            self.invisible.add(id(self.cur_item._objs[-1]))
        return advance


def page_layout(page: pdfplumber.page.Page) -> tuple[LTPage, set[int]]:
    """The page's layout tree, as pdfplumber's `page.layout` gives it, and the ids of its invisible glyphs.

    Raises:
        PdfminerException: The page cannot be interpreted (wrapping pdfminer's error, as pdfplumber does).
    """
    pdf = page.pdf
    device = GlyphDevice(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    interpreter = FastPageInterpreter(pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    return device.get_result(), device.invisible
