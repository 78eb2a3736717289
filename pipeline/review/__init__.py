"""Review: what changed between two runs, how right a run is against gold, and the naive baseline.

`diff` pairs records of two outputs and `diff_report` renders the result; `evaluate` scores
records against gold facts and `eval_report` renders the scores; `baseline` is the naive
pdfplumber + spaCy + dateparser extractor every score is compared with; `cli` holds the
`diff` and `eval` commands.
"""

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
