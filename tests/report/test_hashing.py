"""sha256 of files: the hash that ties a report to its input and output bytes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import time

import pytest

from veil.report.hashing import CHUNK, WINDOW, sha256_file


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 17, WINDOW, 2 * WINDOW + 5])
def test_sha256_file_equals_hashlib_of_the_bytes(tmp_path, size):
    data = os.urandom(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_sha256_file_of_a_pipe_reads_it(tmp_path):
    """A named pipe has no size and cannot seek: it is hashed as it is read."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = b"row,1\n" * 1000
    writer = threading.Thread(target=lambda: fifo.write_bytes(data))
    writer.start()
    assert sha256_file(fifo) == hashlib.sha256(data).hexdigest()
    writer.join()


def _write_in_pieces(path, pieces, *, rewrite_head: bytes | None = None):
    with open(path, "wb") as handle:
        for piece in pieces:
            handle.write(piece)
            handle.flush()
            time.sleep(0.002)
        if rewrite_head is not None:  # a writer that patches its header at the end
            handle.seek(0)
            handle.write(rewrite_head)


def test_following_hash_equals_the_hash_of_the_finished_file(tmp_path):
    from veil.report.hashing import FollowingHash

    path = tmp_path / "out.csv"
    path.touch()
    pieces = [os.urandom(size) for size in (10, CHUNK + 3, 0, 5000, 2 * CHUNK)]
    with FollowingHash(path) as follower:
        _write_in_pieces(path, pieces)
    assert follower.result() == hashlib.sha256(b"".join(pieces)).hexdigest()


@pytest.mark.parametrize("rewrite", [b"HEAD", None])
def test_following_hash_notices_a_rewrite_or_a_missing_file(tmp_path, rewrite):
    from veil.report.hashing import FollowingHash

    path = tmp_path / "out.bin"
    if rewrite is not None:
        path.touch()
    with FollowingHash(path) as follower:  # without the file, the follower cannot open it
        _write_in_pieces(path, [b"x" * 100, b"y" * 100], rewrite_head=rewrite)
    assert follower.result() == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("refuse", [False, True])
def test_following_hash_flushes_the_file_to_disk_as_it_grows(tmp_path, monkeypatch, refuse):
    """So the fsync before the rename has little left; a refused flush never costs the hash."""
    from veil.report import hashing

    flushed: list[int] = []

    def fake_flush(fd: int) -> None:
        flushed.append(fd)
        if refuse:
            raise OSError(22, "Invalid argument")

    monkeypatch.setattr(hashing.FollowingHash, "SYNC_BYTES", 1000)
    monkeypatch.setattr(hashing.os, "fdatasync", fake_flush, raising=False)
    path = tmp_path / "out.bin"
    path.touch()
    pieces = [os.urandom(3000) for _ in range(6)]
    with hashing.FollowingHash(path) as follower, open(path, "wb") as handle:
        for piece in pieces:  # slower than the follower polls: it sees the file grow
            handle.write(piece)
            handle.flush()
            time.sleep(0.05)
    assert follower.result() == hashlib.sha256(b"".join(pieces)).hexdigest()
    if refuse:
        assert len(flushed) == 1  # asked once, then left alone
    else:
        assert len(flushed) >= 2


def test_hash_ahead_hands_its_digest_to_sha256_file_once(tmp_path, monkeypatch):
    from veil.report import hashing

    path = tmp_path / "in.csv"
    data = os.urandom(3 * CHUNK + 5)
    path.write_bytes(data)
    reads: list[str] = []
    real_hash = hashing._sha256_of
    monkeypatch.setattr(hashing, "_sha256_of", lambda p: reads.append(str(p)) or real_hash(p))
    hashing.hash_ahead(path)
    assert hashing.sha256_file(tmp_path / "." / "in.csv") == hashlib.sha256(data).hexdigest()
    assert reads == [str(path)]  # the early read, not a second one
    assert hashing.sha256_file(path) == hashlib.sha256(data).hexdigest()
    assert len(reads) == 2  # handed over once: a later call reads the file itself


@pytest.mark.parametrize("fails", [False, True])
def test_following_hash_flushes_the_end_of_a_clean_write_only(tmp_path, monkeypatch, fails):
    """The last flush runs in the follower after a clean write, while the caller goes on; a
    write that failed is not worth flushing (its file is deleted)."""
    from veil.report import hashing

    flushed: list[int] = []
    monkeypatch.setattr(hashing.FollowingHash, "SYNC_BYTES", 1 << 40)  # no flush while growing
    monkeypatch.setattr(hashing.os, "fdatasync", flushed.append, raising=False)
    path = tmp_path / "out.bin"
    path.touch()
    with pytest.raises(RuntimeError) if fails else contextlib.nullcontext():
        with hashing.FollowingHash(path) as follower:
            path.write_bytes(b"x" * 5000)
            if fails:
                msg = "step failed"
                raise RuntimeError(msg)
    if not fails:
        assert follower.result() == hashlib.sha256(b"x" * 5000).hexdigest()
    assert len(flushed) == (0 if fails else 1)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_sha256_of_standard_input_and_output_tie_the_report_to_the_bytes(tmp_path, fmt):
    """A run in a shell pipeline is audited as a run on files is: the report held no hash
    of either stream."""
    import gzip
    import json
    import subprocess
    import sys

    (tmp_path / "recipe.yaml").write_text(
        "veil: 1\nname: piped\nnlp: none\nsteps:\n  - derive: {n2: \"n * 2\"}\n", encoding="utf-8")
    text = "n,t\n1,a\n2,b\n" if fmt == "csv" else '{"n":1,"t":"a"}\n{"n":2,"t":"b"}\n'
    given = gzip.compress(text.encode())  # the hash is of the bytes as given
    completed = subprocess.run(
        [sys.executable, "-m", "veil", "run", "recipe.yaml", "-i", "-", "-o", "-", "--format", fmt,
         "--report-dir", "reports", "-q"],
        input=given, capture_output=True, cwd=tmp_path, timeout=300, check=True)
    assert completed.stdout.count(b"\n") == (3 if fmt == "csv" else 2)
    report = json.loads((tmp_path / "reports" / "piped.report.json").read_text(encoding="utf-8"))
    assert report["inputs"][0]["sha256"] == hashlib.sha256(given).hexdigest()
    assert report["output"]["sha256"] == hashlib.sha256(completed.stdout).hexdigest()
