"""The evaluation suite's sets by name, and where their gold and PDFs are.

Apart from the suite (`suite`), so that `bulletins eval --help` shows them without loading the
batch runner, the baseline and the extractors.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_ROOT / "fixtures"
REAL_GOLD = FIXTURES / "realworld" / "bulletins"
REAL_PDFS = PROJECT_ROOT.parent / "shared" / "realworld" / "bulletins"
SET_NAMES = ("fixtures", "dev", "blind")
