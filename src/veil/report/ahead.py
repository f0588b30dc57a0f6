"""Work on a run's input file started early, before the run asks for it.

The command line knows its input (`veil run -i FILE`) about half a second before the
run needs it: that long goes on importing Polars, typer, pydantic and veil's modules,
on one core. The report's sha256 of the file is computed meanwhile on the other, then
handed to the run once, and only if the file is the same one, unchanged (device,
inode, size, times) from before it was read until it is collected. Anything unusual
(not a regular file, unreadable, a failed computation) leaves the work to the run,
which then does it itself.

Counting the rows ahead as well was tried: it needs Polars imported first, and the
count then competed with the imports and the hash for the two cores; no faster.
"""

from __future__ import annotations

import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from veil.identity import file_identity

__all__ = ["start", "take"]


def start(kind: str, path: str | Path, compute: Callable[[Path], Any]) -> None:
    """Run `compute(path)` in a background thread, for `take(kind, path)` to collect."""
    try:
        identity = file_identity(path)
    except OSError:
        return
    if not stat.S_ISREG(identity[-1]):  # a pipe would block, and reads only once
        return
    work = _Work(Path(path), identity, compute)
    with _LOCK:
        _STARTED[(kind, *identity[:2])] = work
    work.thread.start()


def take(kind: str, path: str | Path) -> Any | None:
    """What `start(kind, ...)` computed for this very file, unchanged; None otherwise.

    Waits for the computation to finish. Handed over once: a second call returns None.
    """
    if not _STARTED:
        return None
    try:
        identity = file_identity(path)
    except OSError:
        return None
    with _LOCK:
        work = _STARTED.pop((kind, *identity[:2]), None)
    if work is None:
        return None
    work.thread.join()
    return work.value if work.identity == identity else None


class _Work:
    def __init__(self, path: Path, identity: tuple[int, ...],
                 compute: Callable[[Path], Any]) -> None:
        self.path, self.identity, self.compute = path, identity, compute
        self.value: Any = None
        self.thread = threading.Thread(target=self._run, name="veil-read-ahead", daemon=True)

    def _run(self) -> None:
        try:
            value = self.compute(self.path)
            if file_identity(self.path) == self.identity:
                self.value = value
        except Exception:  # noqa: BLE001 - the run computes it again and reports any problem
            pass


_STARTED: dict[tuple[Any, ...], _Work] = {}
_LOCK = threading.Lock()
