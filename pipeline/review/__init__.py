"""Review: what changed between two runs, how right a run is against gold, and the naive baseline.

`diff` pairs records of two outputs and `diff_report` renders the result; `evaluate` scores
records against gold facts and `eval_report` renders the scores; `baseline` is the naive
pdfplumber + spaCy + dateparser extractor every score is compared with; `cli` holds the
`diff` and `eval` commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.lazy_api import lazy_attributes

if TYPE_CHECKING:
    from pipeline.review.diff import Diff, DiffInputError, DiffOptions, diff_files, diff_lines, read_jsonl
    from pipeline.review.evaluate import (
        Evaluation,
        GoldFileError,
        Score,
        evaluate,
        evaluate_files,
        read_gold,
        read_predictions,
    )

__all__ = [
    "Diff",
    "DiffInputError",
    "DiffOptions",
    "Evaluation",
    "GoldFileError",
    "Score",
    "diff_files",
    "diff_lines",
    "evaluate",
    "evaluate_files",
    "read_gold",
    "read_jsonl",
    "read_predictions",
]

# `bulletins --help` loads the review commands, and so this package: its API is imported on first
# use, so that the extractors and pydantic behind `evaluate` are not.
_API = {
    "Diff": "pipeline.review.diff",
    "DiffInputError": "pipeline.review.diff",
    "DiffOptions": "pipeline.review.diff",
    "diff_files": "pipeline.review.diff",
    "diff_lines": "pipeline.review.diff",
    "read_jsonl": "pipeline.review.diff",
    "Evaluation": "pipeline.review.evaluate",
    "GoldFileError": "pipeline.review.evaluate",
    "Score": "pipeline.review.evaluate",
    "evaluate": "pipeline.review.evaluate",
    "evaluate_files": "pipeline.review.evaluate",
    "read_gold": "pipeline.review.evaluate",
    "read_predictions": "pipeline.review.evaluate",
}


__getattr__ = lazy_attributes("pipeline.review", _API, globals())
