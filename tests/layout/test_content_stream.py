"""The content-stream reader gives exactly the objects pdfminer's parser gives, or leaves the streams to it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream, list_value, stream_value
from pdfminer.psparser import PSEOF, PSSyntaxError

from pipeline.layout.content_stream import CHUNK, Unsupported, content_objects
from tests.helpers import FIXTURE_PDFS


def pdfminer_objects(streams: list[bytes]) -> list[Any]:
    """What pdfminer's `PDFContentParser.nextobject` yields for the streams, read one after another."""
    parser = PDFContentParser([PDFStream({}, data) for data in streams])
    objects = []
    while True:
        try:
            objects.append(parser.nextobject()[1])
        except PSEOF:
            return objects


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (an int is not a float, a name is not a keyword)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, PDFStream):
        return same(a.attrs, b.attrs) and a.rawdata == b.rawdata
    return bool(a == b)


def outcome(read: Any, streams: list[bytes]) -> tuple[str, Any]:
    """("objects", list) or ("raises", exception type) of a reader on the streams."""
    try:
        return "objects", read(streams)
    except Unsupported:
        raise
    except Exception as exc:  # the reader's failure is part of what must match
        return "raises", type(exc)


def assert_same_reading(streams: list[bytes]) -> None:
    expected = outcome(pdfminer_objects, streams)
    got = outcome(content_objects, streams)
    assert got[0] == expected[0], (got, expected)
    if expected[0] == "raises":
        assert got[1] is expected[1]
    else:
        assert same(got[1], expected[1]), (got[1], expected[1])


def _ending_chunk(tail: bytes) -> bytes:
    """`tail` placed so that its last byte is the last byte of pdfminer's first chunk."""
    return b"1" * (CHUNK - len(tail) - 1) + b" " + tail


HARD_CASES = [
    pytest.param([b"1 -2 +3 4.5 -.5 +.5 . - + 1.2.3 --5 5. 007 12abc 1.a"], id="numbers"),
    pytest.param([b"/A /B#20C /D#4 /E#G /F# /#41 / /\xe9t\xe9 /a/b /x%c\n"], id="names"),
    pytest.param([b"BT ET Tf T* ' \" true false nul\x00l f* # \x80 ) =\x00"], id="keywords"),
    pytest.param(
        [b"(a(b)c) (\\(x\\)) (\\101\\1012\\7) (\\n\\t\\b\\f\\r\\\\) (\\q) (line\\\ncont) (cr\\\r\nlf)"], id="strings"
    ),
    pytest.param([b"(unbalanced ( paren) (\\0) (\\) ) ()"], id="strings-odd"),
    pytest.param([b"<41 42> <4> <> <4g> <<41>> <</A 1>> <41>> < 4 1 >"], id="hex-and-dictionaries"),
    pytest.param([b"[1 [2 3] (x) /N] << /K [1 2] /D << /E 1 >> >> { 1 { 2 } } ] >> } ["], id="containers"),
    pytest.param([b"<< /A 1 /B >>"], id="odd-dictionary-raises"),
    pytest.param([b"(\\777)"], id="octal-above-255-raises"),
    pytest.param([b"1 % comment\r2\n%x"], id="comments"),
    pytest.param([b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\x01E\x02EI\x03 EI Q 1 2"], id="inline-image"),
    pytest.param([b"BI /W 1 /H 1 /F /A85 ID abc~> EI 5"], id="inline-image-ascii85"),
    pytest.param([b"BI /W 1 /H 1 /F [/AHx] ID 4142 EEI EI\r\n 7"], id="inline-image-retried-match"),
    pytest.param([b"ID 1 2 Tj"], id="ID-without-BI"),
    pytest.param([b"BI /W ID xyz EI 3"], id="inline-image-odd-dictionary"),
    pytest.param([b"BT /F1 12 Tf", b" (a) Tj ET", b"1 2", b"3 m"], id="tokens-end-with-their-stream"),
    pytest.param([b"/F1 12", b"", b"Tf 1"], id="empty-streams"),
    pytest.param([_ending_chunk(b"(a\\\r") + b"\nb)"], id="escaped-CR-ending-a-chunk"),
    pytest.param([_ending_chunk(b"(a\\") + b"101)"], id="backslash-ending-a-chunk"),
    pytest.param([_ending_chunk(b"(a\\10") + b"1)"], id="octal-across-chunks"),
    pytest.param([_ending_chunk(b"<") + b"<" + b" /A 1 >> <" + b"4" * CHUNK + b">"], id="lookahead-across-chunks"),
    pytest.param([_ending_chunk(b"/A#4") + b"1 /B#42"], id="name-escape-across-chunks"),
    pytest.param([b"1 (never closed"], id="string-open-at-the-end"),
    pytest.param([b"1 <4142"], id="hex-open-at-the-end"),
    pytest.param([b"1 <"], id="open-bracket-at-the-end"),
]


@pytest.mark.parametrize("streams", HARD_CASES)
def test_content_stream_reads_hard_cases_as_pdfminer(streams: list[bytes]) -> None:
    assert_same_reading(streams)


@pytest.mark.parametrize(
    "streams",
    [
        pytest.param([b"(open", b"string)"], id="string-across-streams"),
        pytest.param([b"1 <41", b"42> Tj"], id="hex-across-streams"),
        pytest.param([b"1 <", b"< /A 1 >>"], id="lookahead-across-streams"),
        pytest.param([b"1 >", b"> Tj"], id="close-across-streams"),
        pytest.param([b"1 /", b"F1 Tf"], id="empty-name-at-a-stream-end"),
        pytest.param([b"BI /W 1 /H 1 ID abc", b" EI"], id="inline-image-across-streams"),
        pytest.param([b"[ BI /W 1 /H 1 ID a EI ]"], id="inline-image-inside-an-array"),
    ],
)
def test_content_stream_leaves_to_pdfminer_what_runs_across_streams(streams: list[bytes]) -> None:
    with pytest.raises(Unsupported):
        content_objects(streams)


FUZZ_PIECES = [
    *(b" ", b"\n", b"\r", b"\t", b"\x00", b"\r\n", b"(", b")", b"\\", b"<", b">", b"<<", b">>"),
    *(b"[", b"]", b"{", b"}", b"/", b"#", b"%", b"1", b"2.5", b"-", b"+", b".", b"0", b"7", b"41"),
    *(b"Tj", b"BT", b"true", b"false", b"BI", b"ID", b"EI", b"A", b"f", b"\xe9", b"'", b'"', b"\\101", b"#41"),
]


@pytest.mark.parametrize("seed", range(80))
def test_content_stream_reads_random_streams_as_pdfminer(seed: int) -> None:
    """Random token soup, some of it long enough to cross pdfminer's chunks, mostly in one stream."""
    rng = random.Random(seed)
    length = rng.choice((20, 200, 2000, 9000))
    count = 1 if rng.random() < 0.75 else rng.randint(2, 3)
    streams = [b"".join(rng.choice(FUZZ_PIECES) for _ in range(length)) for _ in range(count)]
    try:
        assert_same_reading(streams)
    except Unsupported:
        pytest.skip("left to pdfminer's parser")  # that path is pdfminer itself


def page_streams(path: Path) -> list[list[bytes]]:
    """The content streams of every page of a PDF."""
    with pdfplumber.open(path) as pdf:
        return [[stream_value(s).get_data() for s in list_value(page.page_obj.contents)] for page in pdf.pages]


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_content_stream_reads_fixture_pages_as_pdfminer(path: Path) -> None:
    for streams in page_streams(path):
        assert_same_reading(streams)


@pytest.mark.realworld
def test_content_stream_reads_real_pages_as_pdfminer(realworld: Path) -> None:
    for path in sorted(realworld.rglob("*.pdf")):
        try:
            pages = page_streams(path)
        except Exception:  # encrypted, empty or broken beyond reading: nothing to compare
            continue
        for streams in pages:
            assert_same_reading(streams)


def test_content_stream_raises_what_pdfminer_raises_on_an_odd_dictionary() -> None:
    with pytest.raises(PSSyntaxError):
        content_objects([b"<< /A >>"])
