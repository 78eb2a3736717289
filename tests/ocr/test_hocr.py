"""Tesseract's hOCR read into lines, words and characters."""

from __future__ import annotations

import pytest

from pipeline.ocr.hocr import hocr_to_lines

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <body>
  <div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508; ppageno 0'>
   <div class='ocr_carea' id='block_1_1' title="bbox 100 200 900 300">
    <p class='ocr_par' id='par_1_1' lang='eng' title="bbox 100 200 900 300">
     <span class='ocr_line' id='line_1_1' title="bbox 100 200 900 250; baseline 0.01 -10; x_size 40; x_descenders 9">
      <span class='ocrx_word' id='word_1_1' title='bbox 100 205 300 240; x_wconf 96'>
       <span class='ocrx_cinfo' title='x_bboxes 100 205 150 240; x_conf 99.5'>O</span>
       <span class='ocrx_cinfo' title='x_bboxes 152 210 200 240; x_conf 99.1'>n</span>
       <span class='ocrx_cinfo' title='x_bboxes 205 210 300 240; x_conf 98.0'>e</span>
      </span>
      <span class='ocrx_word' id='word_1_2' title='bbox 330 205 500 250; x_wconf 41'>O&#39;Neil</span>
     </span>
     <span class='ocr_header' id='line_1_2' title="bbox 100 260 900 300; textangle 90; x_size 30">
      <span class='ocrx_word' id='word_1_3' title='bbox 100 260 200 300; x_wconf 90'>turned</span>
     </span>
     <span class='ocr_line' id='line_1_3' title="bbox 100 310 900 350; baseline 0 -5; x_size 30">
     </span>
    </p>
   </div>
  </div>
 </body>
</html>
"""


def test_hocr_lines_words_and_characters() -> None:
    first, second = hocr_to_lines(HOCR)
    assert first.box == (100.0, 200.0, 900.0, 250.0)
    assert (first.slope, first.offset, first.size, first.descent, first.angle) == (0.01, -10.0, 40.0, 9.0, 0)
    one, neil = first.words
    assert (one.text, one.confidence, [c.text for c in one.chars]) == ("One", 0.96, ["O", "n", "e"])
    assert one.chars[2].box == (205.0, 210.0, 300.0, 240.0)
    assert (neil.text, neil.confidence, neil.chars) == ("O'Neil", 0.41, ())
    assert (second.angle, second.words[0].text, second.slope) == (90, "turned", 0.0)


def test_hocr_baseline() -> None:
    line = hocr_to_lines(HOCR)[0]
    assert line.baseline_at(100.0) == pytest.approx(240.0)
    assert line.baseline_at(300.0) == pytest.approx(242.0)


def test_hocr_not_hocr() -> None:
    with pytest.raises(ValueError, match="hOCR cannot be parsed"):
        hocr_to_lines("<html><body><span></body></html>")
