"""OCR misreadings put right by the shape of the ink: bullets read as letters, a capital I or a one read as a bar.

Tesseract's English model reads a round bullet as "¢", "©" or "e", and a sans-serif capital I,
which is a plain bar, as "|" (a one, too, when its flag is faint). The ink's box tells them apart
where the text cannot: a bullet floats above the baseline, a bar reaches below it, a one is wider
than an I.
"""

from __future__ import annotations

import dataclasses

from pipeline.ocr.hocr import OcrLine, OcrWord

BULLET = "\u2022"
BAR = "|"


def is_bullet_mark(word: OcrWord, line: OcrLine) -> bool:
    """Whether a line's first word is a bullet, whatever Tesseract read it as.

    A bullet is a lone round mark, about as wide as tall, at most half the line's height, that
    floats above the baseline (a letter or a full stop sits on it), with a gap after it.
    """
    if len(word.text) != 1 or len(line.words) < 2 or word is not line.words[0]:
        return False
    x0, top, x1, bottom = word.box
    width, height = x1 - x0, bottom - top
    baseline = line.baseline_at((x0 + x1) / 2)
    return (
        0 < height <= 0.5 * line.size
        and 0.6 <= width / height <= 1.6
        and bottom <= baseline - 0.06 * line.size
        and line.words[1].box[0] - x1 >= 0.4 * line.size
    )


def bar_to_letter(word: OcrWord, line: OcrLine) -> str:
    """What a lone "|" really is: "|" when it reaches below the baseline as a bar does, else "1" when
    it is as wide as a one with its flag (a fifth of the type size), else "I"."""
    x0, _, x1, bottom = word.box
    if bottom > line.baseline_at((x0 + x1) / 2) + 0.08 * line.size:
        return BAR
    return "1" if x1 - x0 > 0.19 * line.size else "I"


def correct_line(line: OcrLine) -> OcrLine:
    """The line with bullets read as "•" and lone bars as the letter or digit they are."""
    words = []
    for word in line.words:
        text = word.text
        if is_bullet_mark(word, line):
            text = BULLET
        elif text == BAR:
            text = bar_to_letter(word, line)
        words.append(word if text == word.text else dataclasses.replace(word, text=text, chars=()))
    return dataclasses.replace(line, words=tuple(words))
