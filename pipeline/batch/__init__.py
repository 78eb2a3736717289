"""Batch runs: many documents through isolated worker processes into one ordered, resumable output.

`runner` plans the jobs and writes the output in source order, `pool` runs each document in a
worker with a time and a memory limit, `shards` keeps finished documents for `--resume`, and
`progress` is what a person sees on stderr.
"""

from pipeline.batch.progress import BatchSummary, stderr_is_terminal
from pipeline.batch.runner import Job, plan_jobs, run_batch

__all__ = ["BatchSummary", "Job", "plan_jobs", "run_batch", "stderr_is_terminal"]
