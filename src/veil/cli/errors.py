"""The ONE place mapping exceptions to messages and exit codes.

No traceback unless --debug. Unexpected exceptions are reported by type only:
their text may quote data (a failed cast lists values), which veil never prints.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import sys
from collections.abc import Iterator

import typer

from veil.cli import imports_done
from veil.errors import EXIT_USAGE, VeilError, os_error_code


def _echo(message: str) -> None:
    with unread_messages_dropped():  # the exit code still tells what happened
        typer.echo(f"error: {message}", err=True)


@contextlib.contextmanager
def unread_messages_dropped() -> Iterator[None]:
    """Drop messages to standard error once its reader has gone (`veil run ... 2>&1 | head
    -1`), instead of failing on them: the run's exit code then stays its own (0, or 1 for a
    failed gate), not that of a crash, and its files stay written."""
    try:
        yield
    except OSError as exc:
        if not (_broken_pipe(exc) and _stderr_reader_gone()):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())  # no later flush


def _stderr_reader_gone() -> bool:
    """Whether standard error is a pipe nobody reads any more: poll reports an error on a
    pipe's write end once its read end is closed."""
    try:
        import select

        poller = select.poll()
        poller.register(sys.stderr.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # no poll (Windows), or no real stderr
        return False


@contextlib.contextmanager
def handled(debug: bool = False) -> Iterator[None]:
    """Translate VeilError (and anything unexpected) into a message and an exit code.

    Every command enters it once its own imports are done: garbage collection, paused
    for the start-up imports, resumes here.
    """
    imports_done()
    try:
        yield
    except VeilError as exc:
        if debug:
            raise
        _echo(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)  # veil.cli.Terminated: SIGTERM, SIGHUP
        how = ("interrupted" if signum == signal.SIGINT
               else f"stopped by {signal.Signals(signum).name}")
        _echo(f"{how}; nothing was written.")
        raise typer.Exit(128 + signum) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except BaseException as exc:
        if _broken_pipe(exc):
            # The reader of standard output (`veil run ... -o - | head`), or of standard error,
            # stopped early; an unread error message is dropped (see `_echo`).
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no later flush
            _echo("standard output was closed before the whole output was written (the "
                  "command reading it stopped early); what it read is incomplete, and no report "
                  "was written.")
            raise typer.Exit(128 + SIGPIPE) from None
        if isinstance(exc, OSError) and not debug:
            # The system refused a file (permissions, a vanished path); not a bug in veil.
            where = f" (`{exc.filename}`)" if exc.filename else ""
            reason = exc.strerror or str(exc).strip().splitlines()[0]
            _echo(f"a file could not be read or written{where}: {reason}. Check the paths and "
                  f"their permissions, then run again; nothing was written.")
            raise typer.Exit(EXIT_USAGE) from None
        # A Rust panic in Polars is a BaseException (pyo3's PanicException): uncaught, it
        # printed a traceback and ended with exit 1, the code of a failed privacy gate.
        if debug or not (isinstance(exc, Exception) or type(exc).__name__ == "PanicException"):
            raise
        _echo(f"veil failed unexpectedly ({type(exc).__name__}); nothing was written. This is a "
              f"bug in veil: rerun with --debug to see the traceback (it may show data values, "
              f"so check it before sharing it).")
        raise typer.Exit(EXIT_USAGE) from None


SIGPIPE = 13  # the shell's code for a writer whose reader went away is 128 + 13


def _broken_pipe(exc: BaseException) -> bool:
    """EPIPE on standard output: from Python, or from Polars as `Broken pipe (os error 32)`."""
    return isinstance(exc, OSError) and os_error_code(exc) == errno.EPIPE


def configure_logging(*, debug: bool, quiet: bool) -> None:
    """Library loggers stay silent unless asked; Presidio is chatty about recognizers."""
    level = logging.DEBUG if debug else (logging.ERROR if quiet else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    veil_logger = logging.getLogger("veil")
    veil_logger.handlers = [h for h in veil_logger.handlers if isinstance(h, logging.NullHandler)]
    veil_logger.addHandler(handler)
    veil_logger.setLevel(level)
    for noisy in ("presidio-analyzer", "presidio-anonymizer", "presidio_analyzer", "tldextract",
                  "filelock"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.ERROR)
