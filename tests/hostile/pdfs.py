"""Raw PDF bytes built object by object, so a test can break exactly the part it means to break.

reportlab writes only well-formed files; a hostile input needs a wrong xref, a stream that
refers to itself, a font whose ToUnicode map yields control characters, or a Flate bomb. The
builder here writes the objects it is given, numbers them from 1 and computes a correct xref
table, which a caller may then damage on purpose.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body: dictionary with /Length, then the data."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def build_pdf(objects: Sequence[bytes], root: int = 1, header: bytes = HEADER) -> bytes:
    """A PDF of the given object bodies (object i+1 is objects[i]) with a correct xref and trailer."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def text_content(lines: Sequence[str], font: bytes = b"/F1", size: int = 11) -> bytes:
    """A content stream that shows each line at the left margin, top down."""
    parts = [b"BT %s %d Tf 72 760 Td 14 TL" % (font, size)]
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        parts.append(b"(%s) Tj T*" % escaped)
    parts.append(b"ET")
    return b"\n".join(parts)


def pages_pdf(contents: Sequence[bytes], font: bytes = HELVETICA, media_box: bytes = b"[0 0 612 792]") -> bytes:
    """A PDF with one page per content stream, all using font /F1."""
    count = len(contents)
    page_numbers = [4 + 2 * i for i in range(count)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % n for n in page_numbers), count),
        font,
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (media_box, page_numbers[index] + 1)
        )
        objects.append(stream(content))
    return build_pdf(objects)


def text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A plain PDF with the given lines on each page (Helvetica, one column)."""
    return pages_pdf([text_content(lines) for lines in pages])


def zero_bomb(megabytes: int) -> bytes:
    """A zlib stream that inflates to `megabytes` MiB of zeros from about 1 KiB per MiB.

    Each MiB is one fully flushed deflate chunk (identical after the first, since a full flush
    resets the window), so the bomb is assembled in milliseconds instead of compressed for seconds.
    """
    chunk = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    total = megabytes << 20
    adler = ((total % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b counts the bytes
    return first + repeat * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def control_character_pdf(mapping: dict[int, str], shown: bytes) -> bytes:
    """A one-page PDF whose Helvetica font maps byte codes to the given text through a ToUnicode CMap.

    `shown` is the string of byte codes the page shows; a code in `mapping` extracts as its text
    (a control character, a bidi override), any other as Helvetica's own letter.
    """
    entries = b"".join(
        b"<%02X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode()) for code, text in mapping.items()
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n%sendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
        % (len(mapping), entries)
    )
    content = b"BT /F1 11 Tf 72 700 Td (%s) Tj ET" % shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
        b")", b"\\)"
    )
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            stream(content),
            stream(cmap),
        ]
    )
