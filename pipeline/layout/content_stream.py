"""A page's content streams read in one pass: the operands and operators pdfminer's parser yields, faster.

pdfminer tokenises a content stream one state-machine step at a time, with a debug-log call per
token; on our bulletins that is a third of all the pipeline's time. `content_objects` reads the
same streams with one regular expression match per token (the whitespace before it included) and
gives exactly the objects pdfminer's `PDFContentParser.nextobject` would give, in the same order:
numbers, strings, names, arrays, dictionaries, inline images and operators (pdfminer's interned
`PSKeyword`s).

pdfminer reads a stream in 4096-byte chunks and one construct reads differently when a chunk
ends inside it (a backslash-CR escape whose LF starts the next chunk); where streams meet,
pdfminer reads on from one into the next in several ways. This reader emulates the first and
raises `Unsupported` for the others (a token left open at the end of a stream other than the
last) so that pdfminer's own parser reads those streams instead. tests/layout/test_content_stream.py
checks the objects against pdfminer's on hard cases, random streams and every page of the
fixtures and the real PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, PDFStream, resolve1
from pdfminer.psparser import KWD, LIT, PSBaseParser, PSLiteral, PSSyntaxError, literal_name

CHUNK = PSBaseParser.BUFSIZ
"""pdfminer's read size: where its tokeniser's lookahead stops."""

_TOKEN = re.compile(
    rb"[ \t\n\r\x0b\x0c]*"  # whitespace before a token (pdfminer's \s; NUL is skipped on its own below)
    rb"(?:(?P<comment>%[^\r\n]*)"
    rb"|(?P<number>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)"
    rb"|(?P<name>/[^#/%\[\]()<>{}\s]*)"
    rb"|(?P<keyword>[A-Za-z][^#/%\[\]()<>{}\s]*)"
    rb"|(?P<string>\()"
    rb"|(?P<open><)"
    rb"|(?P<close>>)"
    rb"|(?P<nul>\x00)"
    rb"|(?P<other>[\s\S]))?"  # none at all: whitespace that ends the stream
)
_NAME_REST = re.compile(rb"(?:[^#/%\[\]()<>{}\s]|#[0-9a-fA-F]{0,2})*")
_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
_NAME_ESCAPE_AT_END = re.compile(rb"#[0-9a-fA-F]{0,2}\Z")
_HEX_BODY = re.compile(rb"[\s0-9a-fA-F]*")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.")
_SPACE = re.compile(rb"\s")
_STRING_STOP = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]+")
_ESCAPES = {b"b": b"\x08", b"t": b"\t", b"n": b"\n", b"f": b"\x0c", b"r": b"\r", b"(": b"(", b")": b")", b"\\": b"\\"}

KEYWORD_BI = KWD(b"BI")
KEYWORD_ID = KWD(b"ID")
KEYWORD_EI = KWD(b"EI")
_SPECIAL = {
    b"[": ("open", "a"),
    b"]": ("close", "a"),
    b"{": ("open", "p"),
    b"}": ("close", "p"),
}


class Unsupported(Exception):
    """The streams hold a construct this reader leaves to pdfminer's own parser."""


def _number(token: bytes) -> int | float | None:
    try:
        return float(token) if b"." in token else int(token)
    except ValueError:
        return None  # "-", "+" or ".": pdfminer drops them


def _name(data: bytes, start: int, end: int) -> tuple[PSLiteral, int]:
    """A name from its `/` at `start`; `end` is where the run without `#` stops."""
    if end < len(data) and data[end : end + 1] == b"#":
        match = _NAME_REST.match(data, end)
        assert match is not None
        end = match.end()
        body = _NAME_HEX.sub(lambda m: bytes((int(m[1], 16),)) if m[1] else b"", data[start + 1 : end])
    else:
        body = data[start + 1 : end]
    try:
        return LIT(str(body, "utf-8")), end
    except UnicodeDecodeError:
        return LIT(body), end


def _chunk_end(position: int, base: int) -> int:
    """Where pdfminer's chunk holding `position` ends (chunks start at `base`)."""
    return base + ((position - base) // CHUNK + 1) * CHUNK


def _string(data: bytes, start: int, base: int) -> tuple[bytes, int] | None:
    """A literal string from its `(` at `start`, and where reading goes on; None when the data ends first."""
    parts: list[bytes] = []
    depth = 1
    position = start + 1
    while True:
        stop = _STRING_STOP.search(data, position)
        if stop is None:
            return None
        at = stop.start()
        parts.append(data[position:at])
        char = data[at : at + 1]
        if char == b"\\":
            position = _escape(data, at, parts, base)
            continue
        position = at + 1
        if char == b"(":
            depth += 1
            parts.append(char)
            continue
        depth -= 1
        if depth == 0:
            return b"".join(parts), position
        parts.append(char)


def _escape(data: bytes, backslash: int, parts: list[bytes], base: int) -> int:
    """Read the escape after a backslash as pdfminer does; return where the string goes on.

    pdfminer checks for the LF of a backslash-CR-LF in the chunk it is reading: when the CR ends
    the chunk, only the CR is dropped and the LF is read as part of the string.
    """
    position = backslash + 1
    octal = _OCTAL.match(data, position, position + 3)
    if octal is not None:
        code = int(octal[0], 8)
        assert code < 256, f"Invalid octal {octal[0]!r} ({code})"  # pdfminer's own check, same failure
        parts.append(bytes((code,)))
        return octal.end()
    char = data[position : position + 1]
    if char in _ESCAPES:
        parts.append(_ESCAPES[char])
    elif char == b"\r" and position + 1 < _chunk_end(position, base) and data[position + 1 : position + 2] == b"\n":
        position += 1
    return position + 1  # any other escaped byte is dropped, with its backslash


def _hex_string(data: bytes, start: int) -> tuple[bytes, int]:
    """A hex string from the byte after its `<`; the byte that ends it is read as a token of its own."""
    match = _HEX_BODY.match(data, start)
    assert match is not None
    digits = _SPACE.sub(b"", match[0])
    return _HEX_PAIR.sub(lambda m: bytes((int(m[0], 16),)), digits), match.end()


class _Stack:
    """pdfminer's `PSStackParser` stack: arrays, dictionaries and procedures under construction."""

    def __init__(self) -> None:
        self.results: list[Any] = []
        self.context: list[tuple[str | None, list[Any]]] = []
        self.kind: str | None = None
        self.items: list[Any] = []

    def push(self, obj: Any) -> None:
        if self.context:
            self.items.append(obj)
        else:
            self.results.append(obj)

    def start(self, kind: str) -> None:
        self.context.append((self.kind, self.items))
        self.kind, self.items = kind, []

    def end(self, kind: str) -> list[Any] | None:
        """The finished container's items; None when it is not the one open (pdfminer ignores the token)."""
        if self.kind != kind:
            return None
        items = self.items
        self.kind, self.items = self.context.pop()
        return items

    def end_dictionary(self) -> None:
        items = self.end("d")
        if items is None:
            return
        if len(items) % 2 != 0:
            raise PSSyntaxError(f"Invalid dictionary construct: {items!r}")
        self.push({literal_name(k): v for k, v in zip(items[::2], items[1::2], strict=True) if v is not None})


class _StreamReader:
    """Tokens of one stream pushed onto the stack, as pdfminer's tokeniser reads them."""

    def __init__(self, data: bytes, stack: _Stack, last: bool) -> None:
        self.data = data
        self.stack = stack
        self.last = last  # the last stream: what is left unfinished at its end is dropped
        self.base = 0  # where pdfminer's current run of chunks started (moves after an inline image)

    def read(self) -> None:
        data, stack, position, size = self.data, self.stack, 0, len(self.data)
        match_token, push, number = _TOKEN.match, stack.push, _number
        while position < size:
            match = match_token(data, position)
            assert match is not None  # every alternative is optional
            kind = match.lastgroup
            end = match.end()
            if kind == "number":  # the commonest token first
                value = number(match[kind])
                if value is not None:
                    push(value)
                position = end
            elif kind is None or kind == "comment" or kind == "nul":
                position = end
            elif kind == "keyword":
                position = self._keyword(match[kind], end)
            elif kind == "name":
                start = match.start(kind)
                name, position = _name(data, start, end)
                if position < size or not self._ends_open(data, start, name):
                    push(name)
            else:
                position = self._delimiter(kind, match.start(kind))

    def _ends_open(self, data: bytes, start: int, name: PSLiteral) -> bool:
        """Whether a name that runs to the end of the stream is left open there, and so dropped.

        pdfminer ends a name at the end of the last stream unless it ends in a `#` escape (then
        the name is lost); at the end of another stream an empty name or one ending in an escape
        reads on into the next stream.
        """
        escaped = _NAME_ESCAPE_AT_END.search(data, start) is not None
        if self.last:
            return escaped
        if escaped or not name.name:
            raise Unsupported("a name reading on into the next stream")
        return False

    def _keyword(self, token: bytes, end: int) -> int:
        if token == b"true":
            self.stack.push(True)
        elif token == b"false":
            self.stack.push(False)
        else:
            keyword = KWD(token)
            if keyword is KEYWORD_BI:
                self.stack.start("inline")
            elif keyword is KEYWORD_ID:
                return self._inline_image(end)
            else:
                self.stack.push(keyword)
        return end

    def _delimiter(self, kind: str | None, position: int) -> int:
        data, stack = self.data, self.stack
        if kind == "string":
            found = _string(data, position, self.base)
            if found is None:
                return self._unfinished("a string")
            stack.push(found[0])
            return found[1]
        if kind == "open":
            if position + 1 >= len(data):
                return self._unfinished("a '<'")
            if data[position + 1 : position + 2] == b"<":
                stack.start("d")
                return position + 2
            value, end = _hex_string(data, position + 1)
            if end >= len(data):
                return self._unfinished("a hex string")
            stack.push(value)
            return end
        if kind == "close":
            if position + 1 >= len(data) and not self.last:
                raise Unsupported("a '>' at the end of a stream")  # pdfminer looks into the next one
            if data[position + 1 : position + 2] == b">":
                stack.end_dictionary()
                return position + 2
            return position + 1
        char = data[position : position + 1]
        special = _SPECIAL.get(char)
        if special is None:
            stack.push(KWD(char))
        elif special[0] == "open":
            stack.start(special[1])
        else:
            items = stack.end(special[1])
            if items is not None:
                stack.push(items)
        return position + 1

    def _unfinished(self, what: str) -> int:
        """A token the stream ends inside: pdfminer drops it at the end of the last stream and
        reads it on into the next stream otherwise."""
        if not self.last:
            raise Unsupported(f"{what} running on into the next stream")
        return len(self.data)

    def _inline_image(self, end: int) -> int:
        """`ID`: the inline image's dictionary and data, as `PDFContentParser.do_keyword` reads them."""
        stack = self.stack
        items = stack.end("inline")
        if items is None or len(items) % 2 != 0:
            return end  # pdfminer ignores it (its PSTypeError is caught) and reads on after ID
        if stack.context:
            raise Unsupported("an inline image inside an array or dictionary")
        attrs = {literal_name(k): resolve1(v) for k, v in zip(items[::2], items[1::2], strict=True)}
        eos = b"EI"
        image_filter = attrs.get("F")
        if image_filter is not None:
            if isinstance(image_filter, PSLiteral):
                image_filter = [image_filter]
            if image_filter[0] in LITERALS_ASCII85_DECODE:
                eos = b"~>"
        start = end - 2 + len(b"ID ")  # pdfminer assumes one byte between ID and the data
        image_data, resume = _inline_data(self.data, start, eos)
        if eos != b"EI":
            image_data += eos
        stack.push(PDFStream(attrs, image_data))
        if eos == b"EI":
            stack.push(KEYWORD_EI)
        self.base = start
        return resume


def _inline_data(data: bytes, start: int, target: bytes) -> tuple[bytes, int]:
    """pdfminer's `get_inline_data`: the bytes up to `target` and one whitespace byte, and where reading resumes.

    Its matching is kept as it is (a mismatch starts the search again after the mismatched byte).
    """
    position = start
    matched = 0
    while matched <= len(target):
        if position >= len(data):
            raise Unsupported("an inline image whose data runs past its stream")
        if matched:
            char = data[position : position + 1]
            position += 1
            if (len(target) <= matched and char.isspace()) or (
                matched < len(target) and char == target[matched : matched + 1]
            ):
                matched += 1
            else:
                matched = 0
        else:
            found = data.find(target[:1], position)
            if found < 0:
                raise Unsupported("an inline image whose data runs past its stream")
            position = found + 1
            matched = 1
    image = data[start:position][: -(len(target) + 1)]
    return re.sub(rb"(\x0d\x0a|[\x0d\x0a])$", b"", image), position


def content_objects(streams: Sequence[bytes]) -> list[Any]:
    """The objects pdfminer's `PDFContentParser` gives for these streams, read one after another.

    Raises:
        Unsupported: A construct pdfminer reads differently at the end of one of its chunks or
            of a stream; read the streams with pdfminer's parser instead.
        PSSyntaxError: A dictionary with an odd number of items (pdfminer raises it too).
        AssertionError: An octal escape above 255 (pdfminer's own check).
    """
    stack = _Stack()
    for index, data in enumerate(streams):
        _StreamReader(data, stack, last=index == len(streams) - 1).read()
    return stack.results
