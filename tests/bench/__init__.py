"""Benchmarks, run as modules: `python -m tests.bench.<name>`."""
