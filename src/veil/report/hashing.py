"""sha256 of files and texts: the hashes that tie report, recipe, input and output together."""

from __future__ import annotations

import hashlib
import mmap
import os
import stat
import threading
from pathlib import Path

from veil.report import ahead

CHUNK = 1 << 20
#: Bytes of a file mapped at a time. One window is one hand-over of the interpreter lock
#: (a hash beside busy Python code, such as the start-up imports, waits up to 5 ms for
#: each), and only a window of the file is resident at once: a whole mapped input shows
#: up in the process's memory, which alarms anyone watching a run over a large file.
WINDOW = 32 << 20


def sha256_file(path: str | Path) -> str:
    early = ahead.take("sha256", path)
    return early if early is not None else _sha256_of(path)


def _sha256_of(path: str | Path) -> str:
    """The file's sha256, mapped window by window (no copy); pipes and empty files are read.

    A file truncated while it is mapped stops the process (SIGBUS), as it would stop
    Polars, whose readers map the input too.
    """
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size == 0 or not stat.S_ISREG(info.st_mode):
            buffer = bytearray(CHUNK)
            view = memoryview(buffer)
            while read := handle.readinto(buffer):
                digest.update(view[:read])
            return digest.hexdigest()
        for offset in range(0, info.st_size, WINDOW):
            size = min(WINDOW, info.st_size - offset)
            with mmap.mmap(handle.fileno(), size, offset=offset, access=mmap.ACCESS_READ) as window:
                digest.update(window)
    return digest.hexdigest()


def hash_ahead(path: str | Path) -> None:
    """Start hashing `path` in the background; `sha256_file(path)` collects it (see `ahead`)."""
    ahead.start("sha256", path, _sha256_of)


class FollowingHash:
    """sha256 of a file computed while another writer appends to it.

    Started before a writer (Polars' sink) fills `path`, it hashes the bytes as they
    land, so the hash is ready moments after the write ends instead of costing a
    second full read afterwards. `result()` checks that every byte of the finished
    file was hashed and falls back to hashing the file again if not (a writer that
    rewrote a region it had already written would otherwise go unnoticed).

    Every `SYNC_BYTES`, and once more at the end while the caller checks the written
    file, it also has the kernel write the file to disk, so the fsync before the atomic
    rename finds little left to do: flushing a 340 MB output at the end took 0.5 s here,
    as long as a tenth of the whole run; flushed as it grows, 0.03 s.

        with FollowingHash(temp) as follower:
            write(temp)
        digest = follower.result()
    """

    POLL_SECONDS = 0.01
    SYNC_BYTES = 64 << 20  # 16 MB was slower in paired runs: more forced writeback

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._done = threading.Event()
        self._digest = hashlib.sha256()
        self._hashed = 0
        self._head = b""
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._follow, name="veil-output-hash", daemon=True)

    def __enter__(self) -> FollowingHash:
        self._thread.start()
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        # After a clean write the last pass and the last flush run while the caller checks
        # what was written; `result()` waits for them.
        self._abandoned = exc_type is not None
        self._done.set()
        if self._abandoned:
            self._thread.join()

    def result(self) -> str:
        """The hex digest of the finished file (call after the `with` block)."""
        self._thread.join()
        size = self.path.stat().st_size
        if self._error is not None or self._hashed != size:
            return sha256_file(self.path)
        with open(self.path, "rb") as handle:  # the first block: rewritten headers show here
            head = handle.read(min(size, CHUNK))
        if head != self._head:
            return sha256_file(self.path)
        return self._digest.hexdigest()

    def _follow(self) -> None:
        # At normal priority: at the lowest (nice 19) it starved beside Polars' busy cores
        # and hashed most of the file after the write had ended, on one core, while sharing
        # the cores during the write costs half that.
        try:
            with open(self.path, "rb") as handle:
                synced = 0
                while True:
                    finished = self._done.is_set()  # read before the last pass, not after
                    while chunk := handle.read(CHUNK):
                        if len(self._head) < CHUNK:
                            self._head += chunk[: CHUNK - len(self._head)]
                        self._digest.update(chunk)
                        self._hashed += len(chunk)
                    if finished:
                        if synced is not None and not self._abandoned:
                            _flush_to_disk(handle.fileno())
                        return
                    if synced is not None and self._hashed - synced >= self.SYNC_BYTES:
                        synced = self._hashed if _flush_to_disk(handle.fileno()) else None
                    self._done.wait(self.POLL_SECONDS)
        except BaseException as exc:  # noqa: BLE001 - result() falls back to a full read
            self._error = exc


def _flush_to_disk(fd: int) -> bool:
    """Write the file's data to disk now; False where the system refuses (then stop asking)."""
    try:
        getattr(os, "fdatasync", os.fsync)(fd)
    except OSError:  # e.g. a file system that cannot sync through a read-only descriptor
        return False
    return True


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
