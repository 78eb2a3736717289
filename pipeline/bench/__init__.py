"""Benchmarks, run as modules: `python -m pipeline.bench.<name>`."""
