"""The faster interpreter and glyph device read a page as pdfplumber's `page.layout` does: same glyphs and shapes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from pdfminer.layout import LTChar, LTContainer, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from pipeline.layout.content_stream import Unsupported, content_objects
from pipeline.layout.glyphs import PageObjects, layout_to_objects, read_page
from pipeline.layout.interpreter import INVISIBLE_RENDER_MODES
from pipeline.layout.page_frame import PageFrame, PdfObject
from pipeline.safe_text import clean_text
from tests.helpers import FIXTURE_PDFS, make_text_pdf_bytes


class TreeDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's own device, every glyph an `LTChar` in the tree, noting which are drawn invisibly."""

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


def pdfminer_layout(page: pdfplumber.page.Page) -> tuple[LTPage, list[PdfObject]]:
    """The page's layout tree as pdfminer's own interpreter and pdfplumber's device build it (what
    `page.layout` does), and its `LTChar`s made into glyph records in tree order."""
    device = TreeDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout, frame = device.get_result(), PageFrame.of(page)
    glyphs = []
    for char in iter_chars(layout):
        text = clean_text(char.get_text())
        invisible = id(char) in device.invisible
        glyph = frame.glyph(char.bbox, text, char.size, char.upright, char.fontname, char.matrix, invisible)
        if glyph is not None:
            glyphs.append(glyph)
    return layout, glyphs


def iter_chars(container: LTContainer[Any]) -> Iterator[LTChar]:
    """The glyphs of a layout tree in order, figures (form XObjects) opened."""
    for obj in container:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from iter_chars(obj)


def pages_both_ways(data: bytes) -> list[tuple[PageObjects, PageObjects]]:
    """Each page read from pdfminer's layout tree and by `read_page`."""
    return [(expected, read_page(page)) for page, expected in reference_pages(data)]


def reference_pages(data: bytes) -> Iterator[tuple[pdfplumber.page.Page, PageObjects]]:
    """Each page of a PDF with its objects as pdfminer's interpreter and pdfplumber's device give them."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            yield page, layout_to_objects(page, *pdfminer_layout(page))
            page.close()


def assert_same_objects(got: PageObjects, expected: PageObjects, where: str = "") -> None:
    """Equal, and equal as text too: `==` takes 1 for 1.0 and -0.0 for 0.0, which JSON lines tell apart."""
    assert got == expected, where
    assert repr(got) == repr(expected), where


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_interpreter_reads_fixture_pages_as_pdfplumber(path: Path) -> None:
    for expected, got in pages_both_ways(path.read_bytes()):
        assert_same_objects(got, expected)


@pytest.mark.realworld
def test_interpreter_reads_real_pages_as_pdfplumber(realworld: Path) -> None:
    """Every page pdfminer's own interpreter reads; a page only `read_page` fails on fails the test."""
    compared = 0
    for path in sorted(realworld.rglob("*.pdf")):
        pages = reference_pages(path.read_bytes())
        while True:
            try:
                page, expected = next(pages)
            except StopIteration:
                break
            except Exception:  # encrypted, empty or broken: the reference cannot read it either
                break
            assert_same_objects(read_page(page), expected, f"{path.name} page {page.page_number}")
            compared += 1
    assert compared > 100


def test_interpreter_leaves_streams_it_does_not_read_to_pdfminer() -> None:
    """A page whose string runs from one content stream into the next reads as pdfplumber reads it.

    pdfminer reads a line break into the string where the streams meet; `content_stream` leaves
    such streams to pdfminer's parser, so the glyph is there too.
    """
    with pikepdf.open(io.BytesIO(make_text_pdf_bytes(["Bulletin of 5 March 2018, page one."]))) as pdf:
        page = pdf.pages[0]
        data = page.Contents.read_bytes()
        cut = data.index(b"(Bulletin") + 4
        streams = [data[:cut], data[cut:]]
        page.Contents = pikepdf.Array([pdf.make_stream(part) for part in streams])
        out = io.BytesIO()
        pdf.save(out)
    with pytest.raises(Unsupported):
        content_objects(streams)
    [(expected, got)] = pages_both_ways(out.getvalue())
    assert_same_objects(got, expected)
    assert "".join(c["text"] for c in got.chars).startswith("Bul(cid:10)letin of 5 March")


# A ToUnicode map that reads codes 1 and 31 as control characters, and A and B as themselves.
CONTROLS_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Controls def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
4 beginbfchar <01> <0001> <1F> <001F> <41> <0041> <42> <0042> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def page_fonts(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The fonts a test page may use.

    /F1 Helvetica; /F2 a CID font written top to bottom (Identity-V, the vertical case of
    `GlyphDevice`); /F3 a Type3 font with its own glyph matrix; /F4 Helvetica whose ToUnicode map
    turns two codes into control characters (glyphs no reader sees).
    """
    helvetica = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/Vertical"),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        DW=1000,
        DW2=[880, -1000],
        W2=[66, [-1200, 500, 880]],
    )
    vertical = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/Vertical"),
        Encoding=pikepdf.Name("/Identity-V"),
        DescendantFonts=[descendant],
    )
    glyph = pdf.make_stream(b"500 0 0 0 500 700 d1 0 0 500 700 re f")
    type3 = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 500, 700],
        FontMatrix=[0.002, 0, 0, 0.002, 0, 0],
        CharProcs=pikepdf.Dictionary(square=glyph),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[65, pikepdf.Name("/square")]),
        FirstChar=65,
        LastChar=65,
        Widths=[600],
        Resources=pikepdf.Dictionary(),
    )
    controls = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        ToUnicode=pdf.make_stream(CONTROLS_TO_UNICODE),
    )
    return pikepdf.Dictionary(
        F1=pdf.make_indirect(helvetica),
        F2=pdf.make_indirect(vertical),
        F3=pdf.make_indirect(type3),
        F4=pdf.make_indirect(controls),
    )


def one_page(content: bytes, *, media_box: tuple[int, ...] = (0, 0, 612, 792), crop_box: tuple[int, ...] = ()) -> bytes:
    """A page drawing `content` in the fonts of `page_fonts`, with a form XObject /Fm1 that writes "Form text"."""
    pdf = pikepdf.new()
    fonts = page_fonts(pdf)
    form = pdf.make_stream(b"BT /F1 9 Tf 10 10 Td (Form text) Tj ET")
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = [0, 0, 200, 50]
    form.Resources = pikepdf.Dictionary(Font=fonts)
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=list(media_box),
            Resources=pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(Fm1=form)),
            Contents=pdf.make_stream(content),
        )
    )
    if crop_box:
        page.obj.CropBox = list(crop_box)
    pdf.pages.append(page)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


# Text states that move or hide glyphs, each as a content stream; the glyph device must place them as LTChar does.
@pytest.mark.parametrize(
    ("content", "page_box"),
    [
        pytest.param(b"BT /F1 10 Tf 72 700 Td (Plain text) Tj ET", {}, id="plain"),
        pytest.param(b"BT /F1 10 Tf 72 700 Td [(Ker) -120 (ned) 250.5 (text)] TJ ET", {}, id="kerning"),
        pytest.param(b"BT /F1 10 Tf 1.5 Tc 4 Tw 72 700 Td (char and word space) Tj ET", {}, id="spacing"),
        pytest.param(b"BT /F1 10 Tf 150 Tz 72 700 Td (wide) Tj 50 Tz (narrow) Tj ET", {}, id="scaling"),
        pytest.param(b"BT /F1 10 Tf 72 700 Td 3 Ts (raised) Tj -2.5 Ts (lowered) Tj ET", {}, id="rise"),
        pytest.param(b"BT /F1 10 Tf 0 1 -1 0 300 200 Tm (Sideways) Tj ET", {}, id="rotated"),
        pytest.param(b"BT /F1 10 Tf -1 0 0 1 300 200 Tm (Mirrored) Tj ET", {}, id="mirrored"),
        pytest.param(b"BT /F1 10 Tf 1 0 0.3 1 100 400 Tm (Sheared) Tj ET", {}, id="sheared"),
        pytest.param(b"q 2 0 0 2 10 10 cm BT /F1 7 Tf 20 300 Td (Scaled by cm) Tj ET Q", {}, id="cm"),
        pytest.param(b"BT /F1 10 Tf 3 Tr 72 700 Td (hidden) Tj 0 Tr (shown) Tj 7 Tr (clip) Tj ET", {}, id="invisible"),
        pytest.param(
            b"BT /F1 10 Tf 72 700 Td (A) Tj ET q 1 0 0 1 100 500 cm /Fm1 Do Q BT /F1 10 Tf (B) Tj ET", {}, id="form"
        ),
        pytest.param(b"BT /F1 10 Tf 72 700 Td (in\001ctl\037) Tj ET", {}, id="unmapped-codes"),
        pytest.param(b"BT /F4 10 Tf 72 700 Td (A\001B\037A) Tj ET", {}, id="controls-dropped"),
        pytest.param(b"BT /F2 12 Tf 300 700 Td 2 Tc [<00410042> 120 <0043>] TJ ET", {}, id="vertical-font"),
        pytest.param(b"BT /F3 10 Tf 72 600 Td 2 Ts (AAA) Tj ET", {}, id="type3-font"),
        pytest.param(
            b"BT /F1 10 Tf 72 700 Td (kept) Tj 400 0 Td (cropped away) Tj ET",
            {"crop_box": (0, 0, 300, 792)},
            id="crop-box",
        ),
        pytest.param(
            b"BT /F1 10 Tf 72 700 Td (Offset media box) Tj ET", {"media_box": (20, 30, 632, 822)}, id="media-origin"
        ),
    ],
)
def test_glyph_device_places_glyphs_as_ltchar_does(content: bytes, page_box: dict[str, tuple[int, ...]]) -> None:
    [(expected, got)] = pages_both_ways(one_page(content, **page_box))
    assert expected.chars  # the case draws glyphs at all
    assert_same_objects(got, expected)
