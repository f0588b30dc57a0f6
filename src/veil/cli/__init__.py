"""The command line: a thin layer over ``veil.api``. One module per command.

This module stays light: `main` starts hashing the input of a `veil run` (see
`veil.report.ahead`) before the commands, and with them Polars, pydantic and typer,
are imported: the report's sha256 of the input is computed on the core the imports
leave idle. Garbage collection is paused meanwhile (see `main`).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main", "imports_done", "no_core_dumps", "stop_cleanly_on_termination",
           "Terminated"]

_collection_paused = False


def main() -> None:
    # The start-up imports (Polars, pydantic, typer and veil's modules) allocate some
    # hundred thousand objects and free almost none, so the collections they set off
    # find nothing: 15 ms of CPU per start here. Each command resumes collection once
    # its imports are done (`imports_done`, called by `veil.cli.errors.handled`).
    global _collection_paused
    gc.disable()
    _collection_paused = True
    no_core_dumps()
    stop_cleanly_on_termination()
    if "--debug" not in sys.argv:
        # A Rust panic in Polars prints its message; with RUST_BACKTRACE set it adds a
        # backtrace too. Without --debug, veil shows no traceback, Python's or Rust's.
        os.environ["RUST_BACKTRACE"] = "0"
    named = run_input(sys.argv[1:])
    if named is not None:
        from veil.report.hashing import hash_ahead

        hash_ahead(named)
    from veil.cli.commands import app

    try:
        app()
    finally:
        # Python's last garbage collections at exit walk every object Polars, pydantic and
        # typer created: 0.1-0.2 s after the work is done. Nothing is left for them to do:
        # outputs and reports are closed and renamed by now, and exit handlers still run.
        gc.freeze()


def no_core_dumps() -> None:
    """Stop a crash from writing this process's memory, rows of the input, to a core file.

    A segmentation fault in a native library (Polars, spaCy) would otherwise leave a core
    file wherever the system keeps them (the working folder, or systemd-coredump's store,
    kept for days), holding whatever rows were in memory. The soft limit is set to 0; the
    kernel, systemd-coredump and apport all honour it. Detection workers inherit it. The
    hard limit is left alone, so a developer can raise it again.
    """
    try:
        import resource
    except ImportError:  # Windows has no core files
        return
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, hard))


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that the run stops the same way."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_cleanly_on_termination() -> None:
    """Stop on SIGTERM and SIGHUP as on Ctrl-C: temporary output removed, exit 128 + signal.

    By default these signals end Python at once. A service manager, a scheduler's time-out
    or `timeout` send SIGTERM, and a closed terminal sends SIGHUP. Either left the half-written
    temporary output beside its target, and the spill folder behind.
    """

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):  # Windows has no SIGHUP
            signal.signal(getattr(signal, name), stop)


def imports_done() -> None:
    """Resume the garbage collection `main` paused for the start-up imports.

    What the imports created is moved out of the collector's sight first (`gc.freeze`):
    module objects live as long as the process, and later collections need not walk them.
    Does nothing when `main` did not pause it (typer's test runner, the Python API).
    """
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.freeze()
        gc.enable()


def run_input(args: list[str]) -> str | None:
    """The `-i/--input` of a `veil run` command line, read before typer parses it.

    A guess is harmless: the early hash is used only for the very file the run then
    records, unchanged; anything else is read again. `-` and globs are left alone.
    """
    if not args or args[0] != "run":
        return None
    for position, arg in enumerate(args[1:], start=1):
        if arg == "--":
            return None
        if arg in ("-i", "--input") and position + 1 < len(args):
            named = args[position + 1]
        elif arg.startswith("--input="):
            named = arg.partition("=")[2]
        elif arg.startswith("-i") and not arg.startswith("--") and len(arg) > 2:
            named = arg[2:]
        else:
            continue
        return None if named == "-" or any(char in named for char in "*?[") else named
    return None


def __getattr__(name: str) -> Any:
    if name == "app":  # `from veil.cli import app`, e.g. for typer's test runner
        from veil.cli.commands import app

        return app
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


if TYPE_CHECKING:
    app: typer.Typer
