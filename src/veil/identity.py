"""Whether a file is the same file, unchanged: device, inode, size, times and mode.

Kept apart and light (no Polars): the command line uses it before its heavy imports.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["file_identity"]


def file_identity(path: str | Path) -> tuple[int, ...]:
    """What changes when the file is replaced, rewritten or appended to (OSError if gone)."""
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
            info.st_mode)
