"""sha256 of files and texts: the hashes that tie report, recipe, input and output together."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

CHUNK = 1 << 20


def sha256_file(path: str | Path) -> str:
    # Read, not memory-mapped: a mapped input shows up whole in the process's resident
    # memory, which alarms anyone watching a run over a file larger than memory.
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        while read := handle.readinto(buffer):
            digest.update(view[:read])
    return digest.hexdigest()


class FollowingHash:
    """sha256 of a file computed while another writer appends to it.

    Started before a writer (Polars' sink) fills `path`, it hashes the bytes as they
    land, so the hash is ready moments after the write ends instead of costing a
    second full read afterwards. `result()` checks that every byte of the finished
    file was hashed and falls back to hashing the file again if not (a writer that
    rewrote a region it had already written would otherwise go unnoticed).

        with FollowingHash(temp) as follower:
            write(temp)
        digest = follower.result()
    """

    POLL_SECONDS = 0.01

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._done = threading.Event()
        self._digest = hashlib.sha256()
        self._hashed = 0
        self._head = b""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._follow, name="veil-output-hash", daemon=True)

    def __enter__(self) -> FollowingHash:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._done.set()
        self._thread.join()

    def result(self) -> str:
        """The hex digest of the finished file (call after the `with` block)."""
        size = self.path.stat().st_size
        if self._error is not None or self._hashed != size:
            return sha256_file(self.path)
        with open(self.path, "rb") as handle:  # the first block: rewritten headers show here
            head = handle.read(min(size, CHUNK))
        if head != self._head:
            return sha256_file(self.path)
        return self._digest.hexdigest()

    def _follow(self) -> None:
        lower_thread_priority()
        try:
            with open(self.path, "rb") as handle:
                while True:
                    finished = self._done.is_set()  # read before the last pass, not after
                    while chunk := handle.read(CHUNK):
                        if len(self._head) < CHUNK:
                            self._head += chunk[: CHUNK - len(self._head)]
                        self._digest.update(chunk)
                        self._hashed += len(chunk)
                    if finished:
                        return
                    self._done.wait(self.POLL_SECONDS)
        except BaseException as exc:  # noqa: BLE001 - result() falls back to a full read
            self._error = exc


def lower_thread_priority() -> None:
    """Let the calling thread run only on cycles the run leaves idle (Linux: per-thread nice).

    Audit hashing beside a Polars run that keeps most cores busy otherwise takes its CPU
    time from the run; at the lowest priority it fills the gaps instead. Best effort:
    elsewhere, or when not allowed, the thread keeps its priority.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
