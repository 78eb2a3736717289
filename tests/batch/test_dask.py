"""The Dask engine on a real local cluster: the same bytes as a local run, lost workers, retries, resume."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from pipeline.batch import dask_engine
from pipeline.batch.progress import BatchSummary
from pipeline.batch.runner import run_batch
from pipeline.cli import main
from pipeline.settings import Settings
from tests.batch.test_batch import documents_by_name, read_lines, write_good
from tests.helpers import DaskCluster, make_text_pdf

TIMEOUT = 30.0  # seconds a document may take: a hanging one costs this much per run


@pytest.mark.slow
def test_dask_output_equals_a_local_two_worker_run_byte_for_byte(
    dask_cluster: DaskCluster, bad_inputs: dict[str, Path], plugin_path: str, tmp_path: Path
) -> None:
    folder = bad_inputs["ok"].parent
    good = write_good(folder)
    (folder / "z_copy.pdf").write_bytes(good["a_bishkek.pdf"].read_bytes())
    make_text_pdf(folder / "crashes.pdf", ["CRASHNOW on 3 May 2018 in Osh."])
    make_text_pdf(folder / "hangs.pdf", ["HANGFOREVER on 3 May 2018 in Osh."])
    local = tmp_path / "local.jsonl"
    settings = Settings(workers=2, timeout=TIMEOUT, plugins=(plugin_path,))
    assert run_batch([folder], str(local), settings).exit_status == 1

    on_cluster = tmp_path / "dask.jsonl"
    argv = ["extract", str(folder), "-o", str(on_cluster), "--timeout", str(TIMEOUT), "--plugin", plugin_path, "-q"]
    assert main([*argv, "--scheduler", dask_cluster.address]) == 1

    assert on_cluster.read_bytes() == local.read_bytes()
    docs = documents_by_name(read_lines(on_cluster))
    assert docs["hangs.pdf"]["error"]["type"] == "timeout"
    assert docs["crashes.pdf"]["error"]["type"] == "crashed"
    assert docs["z_copy.pdf"]["duplicate_of"] == docs["a_bishkek.pdf"]["source"]
    assert all(docs[name]["status"] == "ok" for name in good)


@pytest.mark.slow
def test_dask_blocks_equal_a_local_run(dask_cluster: DaskCluster, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_good(folder)
    local, on_cluster = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert run_batch([folder], str(local), Settings(workers=2), work="blocks").exit_status == 0
    assert main(["blocks", str(folder), "-o", str(on_cluster), "-q", "--scheduler", dask_cluster.address]) == 0
    assert on_cluster.read_bytes() == local.read_bytes()


def _slow_corpus(folder: Path, documents: int) -> None:
    folder.mkdir()
    for number in range(documents):
        make_text_pdf(
            folder / f"doc{number:02d}.pdf",
            [f"GOSLOW: on {number + 1} May 2018 UNODC met {number + 10} judges in Osh."],
        )


@pytest.mark.slow
def test_dask_worker_killed_mid_run_costs_nothing(
    dask_cluster: DaskCluster, plugin_path: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "in"
    _slow_corpus(folder, 10)
    settings = Settings(scheduler=dask_cluster.address, timeout=TIMEOUT, plugins=(plugin_path,))
    expected = tmp_path / "expected.jsonl"  # a run on the cluster equals a local run (tested above)
    assert run_batch([folder], str(expected), settings).exit_status == 0

    target = tmp_path / "dask" / "records.jsonl"
    shards = target.parent / f".{target.name}.parts"
    summaries: list[BatchSummary] = []
    run = threading.Thread(target=lambda: summaries.append(run_batch([folder], str(target), settings)))
    caplog.set_level(logging.WARNING, logger="bulletins")
    run.start()
    deadline = time.monotonic() + 240
    while len(list(shards.glob("*.jsonl"))) < 3 and time.monotonic() < deadline and run.is_alive():
        time.sleep(0.05)
    assert run.is_alive(), "the run finished before a worker could be killed"
    address, pid = sorted(dask_cluster.worker_pids().items())[0]
    os.kill(pid, signal.SIGKILL)
    run.join(timeout=300)
    assert not run.is_alive()

    assert summaries and summaries[0].exit_status == 0
    assert target.read_bytes() == expected.read_bytes()
    assert f"Dask worker {address} was lost while running" in caplog.text
    dask_cluster.wait_for_workers(2)  # its nanny starts it again, for the next tests


@pytest.mark.slow
def test_dask_document_that_kills_its_workers_is_retried_once_then_failed(
    dask_cluster: DaskCluster, plugin_path: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "in"
    good = write_good(folder)
    make_text_pdf(folder / "kills.pdf", ["KILLMYHOST on 3 May 2018 in Osh."])
    target = tmp_path / "records.jsonl"
    caplog.set_level(logging.WARNING, logger="bulletins")
    settings = Settings(scheduler=dask_cluster.address, timeout=TIMEOUT, plugins=(plugin_path,))
    summary = run_batch([folder], str(target), settings)

    assert summary.exit_status == 1
    assert summary.failed == {"crashed": 1}
    docs = documents_by_name(read_lines(target))
    assert "2 Dask workers were lost while running it" in docs["kills.pdf"]["error"]["message"]
    assert caplog.text.count("was lost while running") == 1  # the one retry
    for name in good:
        assert docs[name]["status"] == "ok" and sum(docs[name]["counts"].values()) > 0
    dask_cluster.wait_for_workers(2)


@pytest.mark.slow
def test_dask_resume_sends_only_the_unfinished_documents(dask_cluster: DaskCluster, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_good(folder)
    settings = Settings(scheduler=dask_cluster.address)
    target = tmp_path / "records.jsonl"
    run_batch([folder / "a_bishkek.pdf", folder / "b_almaty.pdf"], str(target), settings)
    expected = tmp_path / "expected.jsonl"
    run_batch([folder], str(expected), settings)

    summary = run_batch([folder], str(target), settings, resume=True)
    assert summary.resumed == 2
    assert len(summary.worker_peak_mb) >= 1  # the third ran on the cluster
    assert target.read_bytes() == expected.read_bytes()


def test_dask_scheduler_without_the_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import pipeline.batch.dask_engine

    # The command line imports the engine when --scheduler is used: patch it where it lives.
    monkeypatch.setattr(pipeline.batch.dask_engine, "dask_available", lambda: False)
    pdf = make_text_pdf(tmp_path / "one.pdf", ["Osh, 3 May 2018."])
    assert main(["extract", str(pdf), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert 'pip install "bulletins[dask]"' in capsys.readouterr().err


def test_dask_scheduler_address_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:8786")
    pdf = make_text_pdf(tmp_path / "one.pdf", ["Osh, 3 May 2018."])
    assert main(["extract", str(pdf), "--workers", "2"]) == 2  # the cluster's workers run, not local ones
    assert "--workers" in capsys.readouterr().err


def test_dask_unreachable_scheduler_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("distributed", reason="the `dask` extra is not installed")
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1.0)
    pdf = make_text_pdf(tmp_path / "one.pdf", ["Osh, 3 May 2018."])
    status = main(["extract", str(pdf), "-q", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
