"""Stopping a run: Ctrl-C, SIGTERM (a service manager, `timeout`) and SIGHUP (a closed
terminal) all leave the previous output intact and nothing half-written beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from tests.conftest import TEST_KEY

ROWS = 1_500_000
RECIPE = """\
veil: 1
name: stop
nlp: none
report: {dir: reports, formats: [json], verify_output: false, dataset_card: false}
steps:
  - filter: "age >= 18"
  - normalize_text: [name]
"""
PREVIOUS = b"id,name,age\n1,previous output,40\n"


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """Large enough that the write takes a few seconds: there is time to stop it."""
    path = tmp_path_factory.mktemp("stop") / "big.csv"
    pl.DataFrame({"id": range(ROWS), "name": [f"  person  {i}" for i in range(ROWS)],
                  "age": [i % 90 for i in range(ROWS)]}).write_csv(path)
    return path


def _start(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    environment = {**os.environ, "VEIL_KEY": TEST_KEY, **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "veil", *args], cwd=cwd, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, child: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert child.poll() is None, "the run ended before it could be stopped"
        assert time.monotonic() < deadline, "the run never reached the point to stop it at"
        time.sleep(0.01)


@pytest.mark.parametrize(("signum", "words"), [
    (signal.SIGTERM, "stopped by SIGTERM"), (signal.SIGHUP, "stopped by SIGHUP"),
    (signal.SIGINT, "interrupted"),
], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_run_stopped_mid_write_leaves_the_previous_output(tmp_path, big_csv, signum, words):
    (tmp_path / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    (tmp_path / "out.csv").write_bytes(PREVIOUS)
    spill = tmp_path / "spill"
    child = _start(["run", "recipe.yaml", "-i", str(big_csv), "-o", "out.csv"], tmp_path,
                   env={"VEIL_SPILL_DIR": str(spill)})

    def writing() -> bool:
        return any(p.name.startswith(".out.") for p in tmp_path.iterdir())

    _wait_for(writing, child)
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 128 + signum, stderr
    assert stderr == f"error: {words}; nothing was written.\n"
    assert (tmp_path / "out.csv").read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "recipe.yaml", "spill"]
    assert list(spill.iterdir()) == []


def test_detection_workers_end_with_the_run_they_served(tmp_path):
    """SIGTERM while the pool of detection workers runs: no worker outlives the run, and
    none prints a traceback (the pool ends workers with SIGTERM too)."""
    child = _start(["run", "hospital-safe-harbor", "-o", "out.parquet", "--report-dir", "r"],
                   tmp_path)
    workers: list[int] = []

    def pool_started() -> bool:
        children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
        workers[:] = [int(pid) for pid in children.read_text().split()]
        return len(workers) >= 1

    _wait_for(pool_started, child, seconds=120)
    time.sleep(0.5)  # the workers are detecting
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 128 + signal.SIGTERM, stderr
    assert stderr == "error: stopped by SIGTERM; nothing was written.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_reader_that_stops_early_is_told_apart_from_a_bug(tmp_path, big_csv, fmt):
    """`veil run ... -o - | head`: the shell's code for a closed pipe, and one line saying
    what happened, not "a bug in veil"."""
    (tmp_path / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "veil", "run", "recipe.yaml", "-i",
                              str(big_csv), "-o", "-", "--format", fmt], cwd=tmp_path,
                             env={**os.environ, "VEIL_KEY": TEST_KEY}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout.read(100)
    child.stdout.close()  # as `head` does once it has its lines
    assert child.wait(timeout=300) == 128 + signal.SIGPIPE
    assert child.stderr.read() == (
        "error: standard output was closed before the whole output was written (the command "
        "reading it stopped early); what it read is incomplete, and no report was written.\n")
    assert not (tmp_path / "reports").exists()


def _run_unread(args: list[str], cwd: Path) -> int:
    """Run veil with its standard error a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `veil ... 2>&1 | head -1` once head has its line
    try:
        child = subprocess.Popen([sys.executable, "-m", "veil", *args], cwd=cwd,
                                 env={**os.environ, "VEIL_KEY": TEST_KEY},
                                 stdout=subprocess.DEVNULL, stderr=write_end)
    finally:
        os.close(write_end)
    return child.wait(timeout=300)


def test_messages_nobody_reads_do_not_change_the_exit_code(tmp_path):
    """The run's summary and error lines cannot be written: the run still ends with its own
    code (0 with its files written, 1 for a failed gate, 2 for a bad recipe), not a crash's."""
    (tmp_path / "in.csv").write_text("id,name,age\n1,a,40\n2,b,12\n", encoding="utf-8")
    (tmp_path / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    assert _run_unread(["run", "recipe.yaml", "-i", "in.csv", "-o", "out.csv"], tmp_path) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "id,name,age\n1,a,40\n"
    assert (tmp_path / "reports" / "out.report.json").is_file()
    gated = RECIPE + "  - k_anonymity: {quasi_identifiers: [age], k: 5}\n"
    (tmp_path / "gated.yaml").write_text(gated, encoding="utf-8")
    assert _run_unread(["run", "gated.yaml", "-i", "in.csv", "-o", "gated.csv"], tmp_path) == 1
    broken = RECIPE.replace("normalize_text: [name]", "normalize_text: [nmae]")
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    assert _run_unread(["run", "broken.yaml", "-i", "in.csv", "-o", "b.csv"], tmp_path) == 2
    assert not (tmp_path / "b.csv").exists()
