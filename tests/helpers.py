"""Helpers shared by the tests: project paths, and builders of small PDFs and passages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "fixtures"
REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"
FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))


def make_text_pdf(path: Path, lines: list[str], *, encrypt: Any = None) -> Path:
    """A small one-column PDF with the given lines, optionally password-protected."""
    path.write_bytes(make_text_pdf_bytes(lines, encrypt=encrypt))
    return path


def make_text_pdf_bytes(lines: list[str], *, encrypt: Any = None) -> bytes:
    """The bytes of `make_text_pdf`: `encrypt` is a user password or a reportlab StandardEncryption."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setFont("Helvetica", 10)
    y = A4[1] - 200
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_passages(nlp, texts, section: str | None = None) -> list:
    """Passages parsed by `nlp` from plain texts, for extractor tests that need no PDF.

    Each item of `texts` is one block: a string (a body paragraph) or a (text, role) pair, such
    as ("MENTORSHIP PROGRAMMES IN 2017", "heading"). Blocks are joined into passages exactly as
    the pipeline joins them (consecutive body blocks of one section read as one passage).

    Args:
        nlp: A spaCy pipeline (the `nlp` or `blank_nlp` fixture).
        texts: The blocks' texts, in reading order.
        section: The section every block belongs to.

    Returns:
        The passages, in order.
    """
    from pipeline.layout.blocks import Block
    from pipeline.layout.textmap import TextMap
    from pipeline.passages import iter_passages

    blocks = []
    for number, item in enumerate(texts, start=1):
        text, role = (item, "body") if isinstance(item, str) else item
        top = 20.0 * number
        boxes = tuple((72.0 + 5 * i, top, 77.0 + 5 * i, top + 10) for i in range(len(text)))
        bbox = (72.0, top, 72.0 + 5 * max(len(text), 1), top + 10)
        blocks.append(Block(f"p1-b{number}", 1, bbox, role, section, TextMap(text, boxes)))
    return list(iter_passages(blocks, nlp))


class DaskCluster:
    """A real Dask cluster on this machine: a `dask scheduler` and `dask worker` processes (each under
    a nanny that restarts it when it dies), all listening on the loopback address only.

    Workers import the project from its root (PYTHONPATH), so test plugins reach them.

    Args:
        folder: Where the scheduler file and the logs go.
        workers: Worker processes, one thread each.
    """

    HOST = "127.0.0.1"

    def __init__(self, folder: Path, workers: int = 2) -> None:
        import os
        import subprocess
        import sys

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.workers = workers
        scheduler_file = folder / "scheduler.json"
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
        )
        common = ["--host", self.HOST, "--scheduler-file", str(scheduler_file), "--no-dashboard"]
        scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0", *common]
        worker = [sys.executable, "-m", "distributed.cli.dask_worker", "--nworkers", str(workers), "--nthreads", "1"]
        self._processes: list[subprocess.Popen[bytes]] = []
        with (folder / "scheduler.log").open("wb") as log:
            self._processes.append(subprocess.Popen(scheduler, cwd=folder, env=env, stdout=log, stderr=log))
        self.address = self._read_address(scheduler_file)
        with (folder / "workers.log").open("wb") as log:
            self._processes.append(subprocess.Popen([*worker, *common], cwd=folder, env=env, stdout=log, stderr=log))
        self.wait_for_workers(workers)

    def _read_address(self, scheduler_file: Path, seconds: float = 120.0) -> str:
        import json
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if scheduler_file.exists():
                try:
                    return json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
                except (ValueError, KeyError):
                    pass
            if self._processes[0].poll() is not None:
                break
            time.sleep(0.1)
        self.close()
        raise RuntimeError(f"the Dask scheduler did not start; see {self.folder / 'scheduler.log'}")

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=60, set_as_default=False)

    def wait_for_workers(self, count: int, seconds: float = 180.0) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=seconds)

    def worker_pids(self) -> dict[str, int]:
        """Process id of each worker process, by worker address."""
        import os

        with self.client() as client:
            return client.run(os.getpid)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the cluster's live processes: scheduler, nannies, workers and their children."""
        import psutil

        total = 0.0
        for process in self._processes:
            tree = psutil.Process(process.pid)
            for member in [tree, *tree.children(recursive=True)]:
                try:
                    times = member.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                total += times.user + times.system
        return total

    def close(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self._processes):
            try:
                process.wait(timeout=30)
            except Exception:
                process.kill()
                process.wait()
