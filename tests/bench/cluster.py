"""Cluster benchmark: the Dask engine with 1 and 2 workers against local --workers 1 and 2, on one corpus, in one run.

Run it as `python -m tests.bench.cluster [--pages 100]`. The corpus is the batch benchmark's
(copies of the fixture bulletins, each distinct). Each run is timed around a fresh interpreter,
as a user's run is: the local runs start their workers and load the model; for the Dask runs a
cluster (a `dask scheduler` and N `dask worker` processes of one thread each, on 127.0.0.1) is
started first and not timed, but its workers load the model inside the timed run, at their first
document, as local workers do. The four outputs must be the same bytes. The engine's overhead per
document is (Dask wall time - local wall time) / documents, at the same number of workers, and
the same in CPU time, which depends much less on what else the machine runs: for a local run the
client's and its workers' CPU, for a Dask run the client's and every cluster process's (scheduler,
nannies, workers, sandboxes) during the run.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.bench.batch import Measurement, build_corpus, measure, measurement_to_text, source_pdfs
from tests.helpers import DaskCluster


def overhead_to_text(workers: int, local: Measurement, dask: Measurement) -> str:
    """The Dask engine's cost at one number of workers: per document in wall and CPU time, and the rate ratio."""
    documents = max(local.documents, 1)
    wall = (dask.wall_seconds - local.wall_seconds) / documents
    cpu = (dask.cpu_seconds - local.cpu_seconds) / documents
    ratio = dask.pages_per_second / local.pages_per_second if local.pages_per_second else 0.0
    return (
        f"x{workers}: dask {dask.pages_per_second:.2f} pages/s vs local {local.pages_per_second:.2f} "
        f"({ratio:.2f} of local); overhead per document {wall * 1000:+.0f} ms wall, {cpu * 1000:+.0f} ms CPU"
    )


def measure_on_cluster(corpus: Path, pages: int, workers: int, scratch: Path) -> Measurement:
    """Time a Dask run on a fresh cluster of `workers` one-thread workers; count the whole cluster's CPU."""
    cluster = DaskCluster(scratch / f"cluster{workers}", workers=workers)
    try:
        before = cluster.cpu_seconds()
        measured = measure("pipeline", corpus, pages, workers, scratch, cluster.address)
        cluster_cpu = cluster.cpu_seconds() - before
    finally:
        cluster.close()
    client_cpu = measured.cpu_seconds - measured.worker_cpu_seconds
    return dataclasses.replace(measured, cpu_seconds=client_cpu + cluster_cpu, worker_cpu_seconds=cluster_cpu)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, time local x1 and x2 and Dask x1 and x2, check the outputs agree, print figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="pages in the generated corpus, at least (default 100)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bulletins-cluster-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        documents, pages = build_corpus(corpus, args.pages, source_pdfs())
        print(f"corpus: {documents} documents, {pages} pages (fixture bulletins, each copy distinct)", flush=True)
        results: dict[tuple[str, int], Measurement] = {}
        for workers in (1, 2):
            results["local", workers] = measure("pipeline", corpus, pages, workers, scratch)
            print(measurement_to_text(results["local", workers]), flush=True)
            results["dask", workers] = measure_on_cluster(corpus, pages, workers, scratch)
            print(measurement_to_text(results["dask", workers]), flush=True)
        outputs = {(scratch / f"{m.label.replace(' ', '_')}.jsonl").read_bytes() for m in results.values()}
        print(f"outputs identical across the four runs: {'yes' if len(outputs) == 1 else 'NO'}")
        for workers in (1, 2):
            print(overhead_to_text(workers, results["local", workers], results["dask", workers]))
            dask = results["dask", workers]
            print(f"  dask x{workers}: {dask.pages_per_second / workers:.2f} pages/s per worker core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
