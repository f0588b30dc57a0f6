"""sha256 of files: the hash that ties a report to its input and output bytes."""

from __future__ import annotations

import hashlib
import os

import pytest

from veil.report.hashing import CHUNK, sha256_file


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 17])
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
    import time

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
