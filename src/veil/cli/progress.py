"""A rich progress bar on stderr: rows done, rows/s, ETA. Off when not a terminal or --quiet."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress


class RichProgress:
    """Implements veil.api.ProgressSink. Thread-safe: Polars calls back from its own threads."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._progress: Progress | None = None
        self._task: Any = None
        self._lock = threading.Lock()

    def start(self, total_rows: int | None) -> None:
        # rich is imported here, not at module level: `veil run` without a terminal never needs it.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
            MofNCompleteColumn(), TextColumn("rows"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.description, total=total_rows, rate="")

    def advance(self, rows: int) -> None:
        if self._progress is None:
            return
        with self._lock:
            self._progress.advance(self._task, rows)
            task = self._progress.tasks[0]
            if task.speed:
                self._progress.update(self._task, rate=f"{task.speed:,.0f} rows/s")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def progress_for(description: str, *, quiet: bool) -> RichProgress | None:
    if quiet or not sys.stderr.isatty():
        return None
    return RichProgress(description)
