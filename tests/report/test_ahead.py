"""Work on the input started before the run asks for it: handed over once, for the same file."""

from __future__ import annotations

import os
import threading
import time

from veil.report import ahead


def test_take_hands_the_value_over_once(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"a\n1\n")
    ahead.start("size", path, lambda file: file.stat().st_size)
    assert ahead.take("size", tmp_path / "." / "in.csv") == 4  # another spelling, same file
    assert ahead.take("size", path) is None  # already handed over
    assert ahead.take("other-kind", path) is None


def test_a_file_changed_since_the_start_is_not_used(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"a,b\n1,2\n")
    started = threading.Event()
    ahead.start("bytes", path, lambda file: started.set() or file.read_bytes())
    started.wait(5)
    time.sleep(0.01)  # a later modification time, even on coarse clocks
    path.write_bytes(b"a,b\n3,4\n")  # same size, other bytes
    assert ahead.take("bytes", path) is None


def test_a_file_changed_while_computed_is_not_used(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"old\n")

    def compute(file):
        value = file.read_bytes()
        time.sleep(0.01)
        file.write_bytes(b"new, longer\n")  # changes under the computation
        return value

    ahead.start("bytes", path, compute)
    assert ahead.take("bytes", path) is None


def test_a_failed_computation_leaves_the_work_to_the_run(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"x\n")
    ahead.start("broken", path, lambda file: 1 / 0)
    assert ahead.take("broken", path) is None


def test_pipes_and_missing_files_are_left_alone(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    ahead.start("bytes", fifo, lambda file: file.read_bytes())  # would block: nobody writes
    ahead.start("bytes", tmp_path / "missing.csv", lambda file: file.read_bytes())
    assert ahead.take("bytes", fifo) is None
    assert ahead.take("bytes", tmp_path / "missing.csv") is None
