"""Atomic writers: a temporary file beside the target, then a rename.

An interrupted or failed run leaves the previous output (or none) in place,
never a half-written file; the input is never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import polars as pl

from veil.dtypes import TEXT_TYPES
from veil.errors import OutputError, os_error_code
from veil.io.formats import STREAM_FORMATS, read_in_folders

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

__all__ = ["atomic_write", "CommitLock", "refused_by_disk", "refuse_unwritable_columns",
           "require_writable_folder", "write_frame", "write_stdout", "sink_to", "write_to",
           "refuse_overwriting_input", "refuse_folder", "TextLayout", "PLAIN_LAYOUT"]


def refuse_overwriting_input(target: Path, inputs: Sequence[Path],
                             read_from: str | None = None) -> None:
    """Refuse an output that is one of the input files, or (given `read_from`, the input's
    folder or glob) one the input would read on the next run."""
    resolved = target.resolve()
    for source in inputs:
        if source.resolve() == resolved:
            msg = (f"output `{target}` is the input file. veil never overwrites its input: "
                   f"choose another output path (`-o` or `output: {{path: ...}}`).")
            raise OutputError(msg)
    if read_from is not None and _read_by(target, read_from):
        msg = (f"output `{target}` would be one of the files of input `{read_from}`: the next "
               f"run would read it as input, beside the files it was made from. Write it to "
               f"another folder (`-o` or `output: {{path: ...}}`).")
        raise OutputError(msg)


def _read_by(target: Path, read_from: str) -> bool:
    """Whether the input folder or glob `read_from` would read a file at `target`."""
    if any(char in read_from for char in "*?["):  # a glob, as `veil.io.readers` expands it
        return _glob_matches(os.path.abspath(read_from), os.path.abspath(target))
    folder = Path(read_from)
    return (folder.is_dir() and target.resolve().parent == folder.resolve()
            and read_in_folders(target))


def require_writable_folder(folder: Path, role: str) -> None:
    """Refuse, before any data is read, a folder the run could not write its `role` files in.

    The folder is not created here (a run that fails later leaves nothing behind): the
    nearest folder that exists must let this user create entries.
    """
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return
    why = "is not a folder" if existing.exists() and not existing.is_dir() else (
        "is not writable by this user")
    flag = "-o" if role == "output" else "--report-dir"
    msg = (f"the {role} folder `{folder}` cannot be written: `{existing}` {why}. Nothing was "
           f"read or written. Choose another place ({flag}), or fix the folder's permissions.")
    raise OutputError(msg)


def _glob_matches(pattern: str, path: str) -> bool:
    """Whether `glob.glob(pattern, recursive=True)` would list `path` if it existed: each
    part of the path matches its part of the pattern (`*` stops at `/`, and does not take a
    hidden name's leading `.`), and `**` takes any number of parts."""
    return _parts_match(pattern.split(os.sep), path.split(os.sep))


def _parts_match(pattern: list[str], path: list[str]) -> bool:
    if not pattern:
        return not path
    if pattern[0] == "**":
        return any(_parts_match(pattern[1:], path[skip:]) for skip in range(len(path) + 1)
                   if not any(part.startswith(".") for part in path[:skip]))
    return (bool(path) and fnmatch.fnmatchcase(path[0], pattern[0])
            and (not path[0].startswith(".") or pattern[0].startswith("."))
            and _parts_match(pattern[1:], path[1:]))


class CommitLock:
    """Hold the folders a run commits into while it renames its reports and its output.

    Two runs of one recipe onto one output (a scheduler retrying a task while the first
    attempt still runs) each rename their reports, then their output. Interleaved, the
    folders could end with one run's reports beside the other run's output. An exclusive
    lock on each folder (`flock`, taken in a fixed order) from the first rename to the
    last makes the later run replace both. Best effort: a folder that cannot be locked
    (some network file systems, Windows) is left unlocked.

        with CommitLock([output_folder, report_folder]) as lock:
            ...                # write everything to temporary files
            lock.acquire()     # then rename; released when the block ends
    """

    def __init__(self, folders: Sequence[str | Path | None]) -> None:
        self.folders = sorted({Path(f).resolve() for f in folders if f is not None})
        self._held: list[int] = []
        self._made: list[list[Path]] = []  # folders made here, removed if the commit fails

    def __enter__(self) -> CommitLock:
        return self

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows
            return
        for folder in self.folders:
            try:
                made = _missing_folders(folder)
                folder.mkdir(parents=True, exist_ok=True)  # a report folder, made at commit
                self._made.append(made)
                descriptor = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            except OSError:
                os.close(descriptor)
                continue
            self._held.append(descriptor)

    def __exit__(self, *exc_info: object) -> None:
        while self._held:
            os.close(self._held.pop())  # closing the descriptor releases its lock
        if exc_info[0] is not None:  # a failed run leaves no empty report folder behind
            for made in reversed(self._made):  # a folder made later may lie in one made before
                _remove_empty(made)


def refuse_folder(target: str | Path) -> None:
    """Refuse an output that names a folder (`-o exports/`): a file is written, not a tree.
    `-` (standard output) is none."""
    if str(target) == "-":
        return
    if str(target).endswith(("/", os.sep)) or Path(target).is_dir():
        example = Path(target) / "result.parquet"
        msg = f"output `{target}` is a folder. Give a file path, e.g. `{example}`."
        raise OutputError(msg)


@contextlib.contextmanager
def atomic_write(target: str | Path, *, role: str = "output",
                 private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` only on success.

    `role` names the file in errors: "output", "report". A new file gets the mode a plain
    `open` would give it, or, if `private`, stays readable by its owner only (0600). A file
    it replaces keeps its mode either way.
    """
    refuse_folder(target)
    target = Path(target)
    made = _missing_folders(target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.",
                                             suffix=f".tmp{target.suffix}", dir=target.parent)
    except OSError as exc:
        _remove_empty(made)
        msg = (f"cannot write to `{target.parent}` ({exc.strerror}). Check the folder and its "
               f"permissions.")
        raise OutputError(msg) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private (0600); give the output the mode a plain `open`
        # would (or the mode of the file it replaces), so a rerun does not change access.
        os.chmod(temp, _mode_for(target, private=private))
        try:
            yield temp
        except (OSError, pl.exceptions.PolarsError) as exc:
            # Polars' writers raise a plain OSError, or a ComputeError quoting the system's
            # `(os error 28)`, for a full disk, and the run looked like a bug in veil.
            # Other errors here are of reading or computing, named elsewhere.
            full = _disk_full_error(exc, f"{role} `{target}`")
            if full is None:
                raise
            raise full from None
        try:
            with open(temp, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(temp, target)
        except OSError as exc:
            msg = f"cannot write `{target}` ({exc.strerror}). Check the path and its permissions."
            raise _disk_full_error(exc, f"{role} `{target}`") or OutputError(msg) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        _remove_empty(made)
        raise


def _missing_folders(folder: Path) -> list[Path]:
    """The folders `folder.mkdir(parents=True)` would make, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a failed write made (deepest first), so it leaves nothing behind;
    one another run has put a file in meanwhile stays, with the folders above it."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


#: The disk refused more data: not the data's fault, nor veil's.
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def refused_by_disk(exc: BaseException) -> bool:
    """Whether `exc` is the disk refusing more data (full, over quota, file too large)."""
    return os_error_code(exc) in _DISK_FULL


def _disk_full_error(exc: BaseException, what: str) -> OutputError | None:
    """An OutputError naming `what` for a write the disk refused, if `exc` is one."""
    code = os_error_code(exc)
    if code not in _DISK_FULL:
        return None
    msg = (f"{what} could not be written: {os.strerror(code).lower()}. Nothing was written, and "
           f"a previous file there is intact. Free space on that disk, or write elsewhere.")
    return OutputError(msg)


def _mode_for(target: Path, *, private: bool = False) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o600 if private else 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system allows (threads share it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)  # briefly the strictest mask, never a permissive one
    os.umask(mask)
    return mask


#: How a cell a spreadsheet would run as a formula starts (OWASP's list for CSV injection):
#: `=`, `+`, `-`, `@`, a tab or a carriage return.
FORMULA_START = r"^[=+\-@\t\r]"


@dataclass(frozen=True)
class TextLayout:
    """How CSV/TSV output is laid out: the separator (None: the format's), the decimal mark,
    whether text that a spreadsheet would run as a formula is written as text, the byte
    order mark, the line end and which fields are quoted (the recipe's `output` keys)."""

    separator: str | None = None
    decimal_comma: bool = False
    spreadsheet_safe: bool = False
    bom: bool = False
    line_end: str = "\n"
    quote_style: str = "necessary"

    def csv_options(self, fmt: str) -> dict[str, Any]:
        separator = self.separator or ("\t" if fmt == "tsv" else ",")
        return {"separator": separator, "decimal_comma": self.decimal_comma,
                "include_bom": self.bom, "line_terminator": self.line_end,
                "quote_style": self.quote_style}

    def laid_out(self, frame: FrameT) -> FrameT:
        """`frame` as written: with `spreadsheet_safe`, a text cell starting like a formula
        (`=HYPERLINK(...)` in a customer's message) gets a leading `'`, which spreadsheets
        read as "this is text". Numbers are left alone: `-5` in a number column is no formula.
        """
        if not self.spreadsheet_safe:
            return frame
        schema = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
        guarded = [pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text)
                   .otherwise(text).alias(name)
                   for name, dtype in schema.items() if isinstance(dtype, TEXT_TYPES)
                   for text in [pl.col(name).cast(pl.String)]]
        return frame.with_columns(guarded) if guarded else frame


PLAIN_LAYOUT = TextLayout()


def write_frame(frame: pl.DataFrame, target: str | Path, fmt: str, *,
                inputs: Sequence[Path] = (), layout: TextLayout = PLAIN_LAYOUT,
                private: bool = False) -> None:
    """Write `frame` to `target` (or standard output for `-`) atomically (see `atomic_write`)."""
    if str(target) == "-":
        write_stdout(frame, fmt, layout)
        return
    refuse_overwriting_input(Path(target), inputs)
    with atomic_write(target, private=private) as temp:
        write_to(frame, temp, fmt, layout)


def sink_to(lf: pl.LazyFrame, path: Path, fmt: str, layout: TextLayout = PLAIN_LAYOUT) -> None:
    """Stream `lf` into `path` as is (inside `atomic_write`, `path` is the temporary file)."""
    if fmt in ("csv", "tsv"):
        layout.laid_out(lf).sink_csv(path, check_extension=False, **layout.csv_options(fmt))
    elif fmt == "jsonl":
        lf.sink_ndjson(path, check_extension=False)
    elif fmt == "parquet":
        lf.sink_parquet(path)
    else:
        lf.sink_ipc(path)


def write_to(frame: pl.DataFrame, path: Path, fmt: str,
             layout: TextLayout = PLAIN_LAYOUT) -> None:
    """Write `frame` into `path` as is (inside `atomic_write`, `path` is the temporary file)."""
    if fmt in ("csv", "tsv"):
        layout.laid_out(frame).write_csv(path, **layout.csv_options(fmt))
    elif fmt == "jsonl":
        frame.write_ndjson(path)
    elif fmt == "parquet":
        frame.write_parquet(path)
    else:
        frame.write_ipc(path)


def write_stdout(frame: pl.DataFrame, fmt: str, layout: TextLayout = PLAIN_LAYOUT) -> str:
    """Write `frame` to standard output; return the sha256 of the bytes written, which the
    report records as it does an output file's."""
    if fmt not in STREAM_FORMATS:
        msg = f"standard output can be {', '.join(STREAM_FORMATS)}; got `{fmt}`."
        raise OutputError(msg)
    out = _Hashing(sys.stdout.buffer)
    if fmt == "jsonl":
        frame.write_ndjson(out)
    else:
        layout.laid_out(frame).write_csv(out, **layout.csv_options(fmt))
    out.flush()
    return out.digest.hexdigest()


class _Hashing(io.RawIOBase):
    """A binary stream that hashes what it passes on to `target`."""

    def __init__(self, target: BinaryIO) -> None:
        super().__init__()
        self.target = target
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def refuse_unwritable_columns(target: str | Path, fmt: str, schema: pl.Schema) -> None:
    """Refuse an output whose format cannot hold some of the table's columns, naming them,
    before anything is computed.

    Polars would stop at the write, naming no column: CSV and TSV hold no nested, binary
    or duration column (`CSV format does not support nested data`, `datatype duration
    cannot be written to CSV`, which veil reported as a failure to compute); JSON Lines
    holds no binary data, even inside a list or object (a panic: "not yet implemented").
    No column at all is refused in every format (Polars: "cannot sink 0-width DataFrame").
    """
    if not schema:
        msg = (f"output `{target}`: the recipe's steps leave no column to write (every column "
               f"was dropped). Keep at least one: `select` the columns the output needs.")
        raise OutputError(msg)
    if fmt in ("csv", "tsv"):
        name = fmt.upper()
        unwritable = {column: dtype for column, dtype in schema.items()
                      if dtype.is_nested() or isinstance(dtype, (pl.Binary, pl.Object, pl.Duration))}
    elif fmt == "jsonl":
        name = "JSON Lines"
        unwritable = {column: dtype for column, dtype in schema.items() if _holds_binary(dtype)}
    else:
        return
    if not unwritable:
        return
    from veil.nlp.names import data_names  # on this error path only: it builds a detector

    shown = data_names(list(unwritable))  # a pivoted export's e-mail header -> placeholder
    kinds = {shown.get(column, column): _kind(dtype) for column, dtype in unwritable.items()}
    advice = ["Drop them"]
    if "nested object" in kinds.values() or "list" in kinds.values():
        advice.append("pick the fields you need with a `sql` step (`SELECT id, addr.city AS city "
                      "FROM self` takes `city` out of `addr`)")
    durations = [(column, dtype) for column, dtype in unwritable.items()
                 if isinstance(dtype, pl.Duration)]
    if durations:
        column, dtype = durations[0]
        column = shown.get(column, column)
        advice.append(f"turn a duration into a number with a `derive` step (`CAST({column} AS "
                      f"BIGINT)` counts {_UNIT_WORDS[dtype.time_unit]}; the days between two "
                      f"dates are `CAST(b AS INTEGER) - CAST(a AS INTEGER)`)")
    holders = ("`.parquet`, which holds them" if any(_holds_binary(d) for d in unwritable.values())
               or name == "JSON Lines" else "`.jsonl` or `.parquet`, which hold them")
    listed = ", ".join(f"`{column}` ({kind})" for column, kind in kinds.items())
    msg = (f"output `{target}` is {name}, which cannot hold the column(s) {listed}. "
           f"{', '.join(advice)}, or write {holders}.")
    raise OutputError(msg)


_UNIT_WORDS = {"ns": "nanoseconds", "us": "microseconds", "ms": "milliseconds"}


def _holds_binary(dtype: pl.DataType) -> bool:
    """Binary data (or a Python object) in `dtype`, at any depth of its lists and objects."""
    if isinstance(dtype, (pl.Binary, pl.Object)):
        return True
    if isinstance(dtype, pl.Struct):
        return any(_holds_binary(one.dtype) for one in dtype.fields)
    if isinstance(dtype, (pl.List, pl.Array)):
        return _holds_binary(dtype.inner)
    return False


def _kind(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Struct):
        return "nested object"
    if isinstance(dtype, (pl.List, pl.Array)):
        return "list"
    if isinstance(dtype, pl.Duration):
        return "duration"
    return "binary" if isinstance(dtype, pl.Binary) else str(dtype)
