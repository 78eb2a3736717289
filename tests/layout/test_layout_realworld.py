"""Layout on real PDFs from other projects: sentences that cross a line or column break come out whole.

The sentences were read off the rendered pages by eye and are written here as they read (curly
quotes as straight ones, as the repair writes them; a built-up fraction as digit, fraction
slash, digit). Each must lie inside one block, or across consecutive blocks of one section.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.blocks import Block
from pipeline.layout.reading_order import document_blocks
from tests.layout.test_layout import whole_sentence_share

pytestmark = pytest.mark.realworld

# Two columns; the first column's last sentence runs on at the top of the second, past a figure.
AMT_HANDBOOK = (
    "Plates must be attached to the structure in a positive manner to eliminate rotation or misalignment when "
    "tightening the bolts or screws.",
    "The two general types of self-locking nuts currently in use are the all-metal type and the fiber lock type.",
    "For the sake of simplicity, only three typical kinds of self-locking nuts are considered in this handbook: "
    "the Boots self-locking and the stainless steel self-locking nuts, representing the all-metal types; and the "
    "elastic stop nut, representing the fiber insert type.",
    "The Boots self-locking nut is of one piece, all-metal construction designed to hold tight despite severe "
    "vibration.",
    "Note in Figure 7-26 that it has two sections and is essentially two nuts in one: a locking nut and a "
    "load-carrying nut.",
    "The two sections are connected with a spring, which is an integral part of the nut.",
    "The spring keeps the locking and load-carrying sections such a distance apart that the two sets of threads "
    "are out of phase or spaced so that a bolt, which has been screwed through the load-carrying section, must "
    "push the locking section outward against the force of the spring to engage the threads of the locking "
    "section properly.",
    "The spring, through the medium of the locking section, exerts a constant locking force on the bolt in the "
    "same direction as a force that would tighten the nut.",
    "In this nut, the load-carrying section has the thread strength of a standard nut of comparable size, while "
    "the locking section presses against the threads of the bolt and locks the nut firmly in position.",
    "Only a wrench applied to the nut loosens it.",
    "The nut can be removed and reused without impairing its efficiency.",
    "Boots self-locking nuts are made with three different spring styles and in various shapes and sizes.",
    "The wing type that is the most common ranges in size for No. 6 up to 1\u20444 inch, the Rol-top ranges from "
    "1\u20444 inch to 1\u20446 inch, and the bellows type ranges in size from No. 8 up to 3\u20448 inch.",
    "Wing-type nuts are made of anodized aluminum alloy, cadmium-plated carbon steel, or stainless steel.",
    "The Rol-top nut is cadmium-plated steel, and the bellows type is made of aluminum alloy only.",
    "The stainless steel self-locking nut may be spun on and off by hand as its locking action takes places only "
    "when the nut is seated against a solid surface and tightened.",
    "The nut consists of two parts: a case with a beveled locking shoulder and key and a thread insert with a "
    "locking shoulder and slotted keyway.",
    "Until the nut is tightened, it spins on the bolt easily, because the threaded insert is the proper size for "
    "the bolt.",
    "However, when the nut is seated against a solid surface and tightened, the locking shoulder of the insert is "
    "pulled downward and wedged against the locking shoulder of the case.",
    "This action compresses the threaded insert and causes it to clench the bolt tightly.",
    "The cross-sectional view in Figure 7-27 shows how the key of the case fits into the slotted keyway of the "
    "insert so that when the case is turned, the threaded insert is turned with it.",
    "Note that the slot is wider than the key.",
    "This permits the slot to be narrowed and the insert to be compressed when the nut is tightened.",
    "The elastic stop nut is a standard nut with the height increased to accommodate a fiber locking collar.",
)

# One column with a running header, a table and a caption; every sentence on the page that
# crosses a line (there are eleven), one of them hyphenated across the line ("Ef-|fects").
PAPER_PAGE = (
    "Inference timing results for all experiments were obtained from the same machine on a single core with AMD "
    "EPYC 7763 CPU @2.45 GHz.",
    "We have chosen the PubTabNet data set to perform HPO, since it includes a highly diverse set of tables.",
    "Also we report TED scores separately for simple and complex tables (tables with cell spans).",
    "It is evident that with OTSL, our model achieves the same TED score and slightly better mAP scores in "
    "comparison to HTML.",
    "However OTSL yields a 2x speed up in the inference runtime over HTML.",
    "Table 1. HPO performed in OTSL and HTML representation on the same transformer-based TableFormer [9] "
    "architecture, trained only on PubTabNet [22].",
    "Effects of reducing the # of layers in encoder and decoder stages of the model show that smaller models "
    "trained on OTSL perform better, especially in recognizing complex table structures, and maintain a much "
    "higher mAP score than the HTML counterpart.",
    "We picked the model parameter configuration that produced the best prediction quality (enc=6, dec=6, "
    "heads=8) with PubTabNet alone, then independently trained and evaluated it on three publicly available data "
    "sets: PubTabNet (395k samples), FinTabNet (113k samples) and PubTables-1M (about 1M samples).",
    "It is clearly evident that the model trained on OTSL outperforms HTML across the board, keeping high TEDs "
    "and mAP scores even on difficult financial tables (FinTabNet) that contain sparse and large tables.",
    "Additionally, the results show that OTSL has an advantage over HTML when applied on a bigger data set like "
    "PubTables-1M and achieves significantly improved scores.",
    "Finally, OTSL achieves faster inference due to fewer decoding steps which is a result of the reduced "
    "sequence representation.",
)

# Five pages of prose with headings, rules and bulleted and numbered lists with bold lead-ins.
MULTI_PAGE = (
    "The concept of the word processor predates modern computers and has evolved through several technological "
    "milestones.",
    "The origins of word processing can be traced back to the invention of the typewriter in the mid-19th century.",
    "Patented in 1868 by Christopher Latham Sholes, the typewriter revolutionized written communication by "
    "enabling people to produce legible, professional documents more efficiently than handwriting.",
    'During this period, the term "word processing" didn\'t exist, but the typewriter laid the groundwork for '
    "future developments.",
    "Over time, advancements such as carbon paper (for copies) and the electric typewriter (introduced by IBM in "
    "1935) improved the speed and convenience of document creation.",
    'The term "word processor" first emerged in the 1960s and referred to any system designed to streamline '
    "written communication and document production.",
    "Early word processors were not software programs but rather standalone machines.",
    "It allowed users to record, edit, and replay typed content\u2014an early example of digital text storage.",
    "These devices, like the Wang 1200, featured small screens and floppy disks, making them revolutionary for "
    "their time.",
    "These machines were primarily used in offices, where secretarial pools benefited from their ability to make "
    "revisions without retyping entire documents.",
    "The advent of personal computers in the late 1970s and early 1980s transformed word processing from a niche "
    "tool to an essential technology for businesses and individuals alike.",
    "WordStar (1978): Developed for the CP/M operating system, WordStar was one of the first widely used word "
    "processing programs.",
    "Other notable software from this era included WordPerfect, which was popular among legal professionals, and "
    "Apple's MacWrite, which leveraged the Macintosh's graphical capabilities.",
    "By the 1990s, word processing software had become more sophisticated, with features like spell check, "
    "grammar check, templates, and collaborative tools.",
    "Microsoft Office Suite: Microsoft continued to dominate with its Office Suite, integrating Word with other "
    "productivity tools like Excel and PowerPoint.",
    "Google Docs enabled real-time editing and sharing, making it a staple for teams and remote work.",
    "They integrate artificial intelligence for grammar and style suggestions (e.g., Grammarly), voice-to-text "
    "features, and advanced layout options.",
    "As AI continues to advance, word processors may evolve into even more intuitive tools that predict user "
    "needs, automate repetitive tasks, and support richer multimedia integration.",
    "From the clunky typewriters of the 19th century to the AI-powered cloud tools of today, the word processor "
    "has come a long way.",
    "It remains an essential tool for communication and creativity, shaping how we write and share ideas.",
    "Unlike traditional word processors, LaTeX focuses on precise formatting, particularly for complex "
    "mathematical equations, scientific papers, and technical documents.",
    "The evolution of word processors wasn't just about hardware or software improvements\u2014it was about the "
    "features that revolutionized how people wrote and edited.",
    "It democratized writing, enabling anyone with access to a computer to produce professional-quality documents.",
    "Tools like Google Docs and Microsoft 365 enabled multiple users to edit the same document simultaneously, "
    "forever changing teamwork dynamics.",
)

CASES = [
    pytest.param("amt_handbook_sample.pdf", AMT_HANDBOOK, id="amt-handbook-two-columns"),
    pytest.param("2305.03393v1-pg9.pdf", PAPER_PAGE, id="paper-page"),
    pytest.param("multi_page.pdf", MULTI_PAGE, id="multi-page"),
]


@functools.cache
def realworld_blocks(path: Path) -> tuple[Block, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(document_blocks(pdf))


@pytest.mark.parametrize(("name", "sentences"), CASES)
def test_layout_realworld_sentences_across_breaks_are_whole(
    realworld: Path, name: str, sentences: tuple[str, ...]
) -> None:
    share, misses = whole_sentence_share(sentences, realworld_blocks(realworld / name))
    assert share == 1.0, f"{share:.0%} whole; missing:\n" + "\n".join(misses)


def test_layout_realworld_running_header_stays_out_of_the_text(realworld: Path) -> None:
    blocks = realworld_blocks(realworld / "2305.03393v1-pg9.pdf")
    headers = [b for b in blocks if b.role == "header"]
    assert [b.text for b in headers] == ["Optimized Table Tokenization for Table Structure Recognition 9"]
    assert not any("Structure Recognition" in b.text for b in blocks if b.role != "header")


def test_layout_realworld_page_number_is_a_footer(realworld: Path) -> None:
    blocks = realworld_blocks(realworld / "amt_handbook_sample.pdf")
    assert [(b.role, b.text) for b in blocks if b.text == "7-45"] == [("footer", "7-45")]


def test_layout_realworld_rotated_page_reads_in_its_own_direction(realworld: Path) -> None:
    blocks = realworld_blocks(realworld / "nics-background-checks-2015-11-rotated.pdf")
    texts = [b.text for b in blocks]
    # The bold title and the date line under it, both read in the page's own direction.
    assert texts[:2] == ["NICS Firearm Background Checks", "November - 2015"]
    assert any(b.text.startswith("These statistics represent the number of firearm background checks") for b in blocks)
    (table,) = [b.table for b in blocks if b.table is not None]
    assert table.rows[2][:3] == ["Alabama", "18,870", "23,022"]  # rows run across the turned page


def test_layout_realworld_transcript_line_numbers_stay_out_of_the_text(realworld: Path) -> None:
    blocks = realworld_blocks(realworld / "scotus-transcript-p1.pdf")
    text = " ".join(b.text for b in blocks if b.role not in ("header", "footer"))
    assert "Deputy Attorney General, Los Angeles, Cal.;" in text
    assert "APPEARANCES: STEVEN E. MERCER" in text
    assert not any(word in {str(n) for n in range(2, 26)} for word in text.split())
