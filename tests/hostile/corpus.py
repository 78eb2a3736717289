"""The hostile corpus: inputs an old, damaged or malicious archive holds, built in code.

Each case is a file (or a FIFO, or something unreadable) and the outcome `bulletins` must give
it: a failed `document` line of a given type, or a document read whole or in part. The tests in
this folder build the cases they need at test time; `python -m tests.hostile.corpus DIR` writes
the whole corpus to DIR for a manual run (`bulletins extract DIR -o out.jsonl`).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from tests.hostile.pdfs import (
    HEADER,
    HELVETICA,
    build_pdf,
    control_character_pdf,
    pages_pdf,
    stream,
    text_content,
    text_pdf,
    zero_bomb,
)

FileKind = Literal["file", "fifo", "unreadable_file", "unreadable_folder"]

GOOD_TEXT = ["On 5 April 2018 UNODC trained 25 prosecutors in Bishkek, Kyrgyzstan."]
PAGE_TEXTS = [
    ["Page one: on 2 March 2019 the office opened in Osh."],
    ["Page two: 40 officers were trained in Almaty in May 2019."],
    ["Page three: the European Union gave 2 million euros."],
]
# Control characters a ToUnicode map can hand the text layer: NUL, ESC, RIGHT-TO-LEFT OVERRIDE,
# NEXT LINE (a line break for str.splitlines), a lone surrogate, LINE SEPARATOR.
CONTROL_MAP = {0x41: "\x00", 0x42: "\x1b", 0x43: "\u202e", 0x44: "\x85", 0x45: "\u2028", 0x46: "\x9b"}
CONTROL_SHOWN = b"BishkekA BB CKyrgyzstan DE FOsh"
MUTANTS = 50
MUTANT_SEED = 11


@dataclasses.dataclass(frozen=True)
class HostileCase:
    """One input of the corpus.

    Attributes:
        name: File name, as bytes so that names which are not UTF-8 can be made.
        build: The file's bytes (None for a FIFO).
        kind: A plain file, a FIFO, or a file or folder nobody may read.
        expect: What the document line must say: "ok", or the error type.
        item: Which kind of breakage it exercises (see docs/reliability.md).
    """

    name: bytes
    build: Callable[[], bytes] | None
    kind: FileKind = "file"
    expect: str = "ok"
    item: str = ""


def good_pdf() -> bytes:
    return text_pdf([GOOD_TEXT])


def three_pages() -> bytes:
    return text_pdf(PAGE_TEXTS)


def no_header() -> bytes:
    """A sound file whose `%PDF-` header line was lost (as when a mail gateway strips it)."""
    return three_pages().removeprefix(HEADER)


def broken_xref() -> bytes:
    """Every xref offset points at the wrong byte, and startxref past the end."""
    data = three_pages()
    xref = data.rindex(b"xref\n")
    head, table = data[:xref], data[xref:]
    lines = table.split(b"\n")
    damaged = [b"%010d 00000 n " % (int(line[:10]) + 7) if line.endswith(b" n ") else line for line in lines]
    return head + b"\n".join(damaged).replace(b"startxref\n%d" % xref, b"startxref\n%d" % (len(data) * 3))


def truncated() -> bytes:
    """A three-page file cut inside its last page's content: no xref, no trailer, page 3 gone."""
    data = three_pages()
    return data[: data.index(b"Page three") + 4]


def flate_bomb(megabytes: int = 4096) -> bytes:
    """One page whose content stream inflates to `megabytes` MiB of zeros."""
    return pages_pdf([b""]).replace(stream(b""), stream(zero_bomb(megabytes), b"/Filter /FlateDecode "))


def self_referencing_contents() -> bytes:
    """A page whose /Contents is an array that holds itself."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"[5 0 R 5 0 R]",
        ]
    )


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
            HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            stream(text_content(GOOD_TEXT)),
        ]
    )


def many_text_objects(count: int = 200_000) -> bytes:
    """One page with `count` separate text objects of one glyph each."""
    body = b"\n".join(
        b"BT /F1 4 Tf %d %d Td (x) Tj ET" % (20 + (i % 280) * 2, 20 + (i // 280) % 370 * 2) for i in range(count)
    )
    return pages_pdf([body])


def nested_forms(text_pages: int = 0, depth: int = 40) -> bytes:
    """A parser that never finishes: `text_pages` plain pages, then a page of forms that each draw the next twice.

    The last page draws form 1, which draws form 2 twice, and so on `depth` levels down: 2**40
    drawings of an empty form, with no loop and no deep recursion for a parser to notice. Only a
    time limit stops it (it holds about 1 MB more each second, far below a memory limit).
    """
    form_flags = b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", HELVETICA]
    kids = []
    for number in range(text_pages):
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(stream(text_content([f"Page {number + 1}: on 2 March 2019 the office opened in Osh."])))
    kids.append(len(objects) + 1)
    first_form = len(objects) + 3
    objects.append(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> >> "
        b"/Contents %d 0 R >>" % (first_form, first_form - 1)
    )
    objects.append(stream(b"/X Do"))
    for level in range(depth - 1):
        resources = b"/Resources << /XObject << /X %d 0 R >> >> " % (first_form + level + 1)
        objects.append(stream(b"/X Do /X Do", form_flags + resources))
    objects.append(stream(b"", form_flags))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    return build_pdf(objects)


def huge_page() -> bytes:
    """A page 14,400 inches square (PDF's largest) with a line of text."""
    return pages_pdf([text_content(GOOD_TEXT)], media_box=b"[0 0 1036800 1036800]")


def control_characters() -> bytes:
    """A page whose font maps letters to NUL, ESC, U+202E, U+0085, U+2028 and CSI."""
    return control_character_pdf(CONTROL_MAP, CONTROL_SHOWN)


def encrypted_user_password() -> bytes:
    from tests.helpers import make_text_pdf_bytes

    return make_text_pdf_bytes(GOOD_TEXT, encrypt="s3cret")


def encrypted_empty_password() -> bytes:
    """Encrypted with an owner password only: readers open it with the empty user password."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from tests.helpers import make_text_pdf_bytes

    return make_text_pdf_bytes(GOOD_TEXT, encrypt=StandardEncryption("", ownerPassword="owner"))


def mutant(seed: int) -> Callable[[], bytes]:
    """A good three-page file with 1 to 20 random bytes flipped (seeded, so the same every run)."""

    def build() -> bytes:
        rng = random.Random(seed)
        data = bytearray(three_pages())
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)

    return build


def iter_cases(bomb_megabytes: int = 4096) -> Iterator[HostileCase]:
    """Every case of the corpus (mutants last; their outcome is any document line)."""
    yield HostileCase(b"good.pdf", good_pdf)
    yield HostileCase(b"caf\xe9.pdf", good_pdf, item="file name not UTF-8")
    yield HostileCase(b"line\nbreak\x85.pdf", good_pdf, item="file name with control characters")
    yield HostileCase(b"bomb.pdf", lambda: flate_bomb(bomb_megabytes), expect="memory", item="Flate bomb")
    yield HostileCase(b"fifo.pdf", None, kind="fifo", expect="unreadable", item="FIFO")
    yield HostileCase(b"self_contents.pdf", self_referencing_contents, expect="no_text_layer", item="reference loop")
    yield HostileCase(b"page_tree_loop.pdf", page_tree_loop, item="reference loop")
    yield HostileCase(b"unreadable.pdf", good_pdf, kind="unreadable_file", expect="unreadable", item="unreadable")
    yield HostileCase(b"locked", good_pdf, kind="unreadable_folder", expect="unreadable", item="unreadable folder")
    yield HostileCase(b"control_chars.pdf", control_characters, item="control characters")
    yield HostileCase(b"no_header.pdf", no_header, item="damaged, repairable")
    yield HostileCase(b"broken_xref.pdf", broken_xref, item="damaged, repairable")
    yield HostileCase(b"truncated.pdf", truncated, item="damaged, repairable")
    yield HostileCase(b"encrypted_user.pdf", encrypted_user_password, expect="encrypted", item="encryption")
    yield HostileCase(b"encrypted_empty.pdf", encrypted_empty_password, item="encryption")
    yield HostileCase(b"huge_page.pdf", huge_page, item="huge page")
    yield HostileCase(b"text_objects.pdf", many_text_objects, expect="any", item="200,000 text objects")
    yield HostileCase(b"nested_forms.pdf", nested_forms, expect="timeout", item="a parser that never finishes")
    for seed in range(MUTANTS):
        yield HostileCase(b"mutant_%02d.pdf" % seed, mutant(MUTANT_SEED * 1000 + seed), expect="any", item="mutant")


def write_case(folder: Path, case: HostileCase) -> Path:
    """Write one case into `folder` and return its path (for a folder case, the folder)."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), case.name)))
    if case.kind == "fifo":
        os.mkfifo(path)
        return path
    if case.kind == "unreadable_folder":
        path.mkdir()
        assert case.build is not None
        (path / "inside.pdf").write_bytes(case.build())
        path.chmod(0)
        return path
    assert case.build is not None
    path.write_bytes(case.build())
    if case.kind == "unreadable_file":
        path.chmod(0)
    return path


def write_corpus(folder: Path, bomb_megabytes: int = 4096) -> list[Path]:
    """Write every case into `folder` (created) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_case(folder, case) for case in iter_cases(bomb_megabytes)]


def restore_permissions(folder: Path) -> None:
    """Make the corpus's unreadable files and folders removable again."""
    for path in folder.iterdir():
        if not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) == 0:
            path.chmod(0o700 if path.is_dir() else 0o600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="Where to write the corpus (created).")
    parser.add_argument("--bomb-mb", type=int, default=4096, help="What the Flate bomb inflates to, in MiB.")
    args = parser.parse_args()
    paths = write_corpus(args.folder, args.bomb_mb)
    print(f"{len(paths)} hostile inputs written to {args.folder}")


if __name__ == "__main__":
    main()
