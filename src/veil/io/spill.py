"""Where Polars may write rows to disk while a run needs more memory than it has.

Polars 2 spills on its own. When a step that needs the whole table (`dedupe`, a join,
a sort, the k-anonymity checks) outgrows its memory budget (80 % of the machine's
memory), its streaming engine writes batches of the frame to disk as Arrow IPC files,
with the input's identifiers readable, and deletes each file when it reads it back.
By default these files go under /var/tmp/polars-$USER/spill/<pid>/. If the process is
killed (out of memory, SIGKILL, power loss), the files stay in that folder, which
survives reboots, until the same user's next Polars process spills.

A privacy tool should not leave that to chance. Before each run, veil:

- points Polars at a folder veil owns: `VEIL_SPILL_DIR` or `--spill-dir`, by default
  /var/tmp/veil-<uid>. The default folder is created for this user only and is
  refused when it is a link or belongs to anyone else; the run then keeps the rows in
  memory and warns;
- removes what killed runs left there: the folders of processes that have ended (with
  `--no-spill` too);
- caps what Polars may spill at 80 % of that folder's free space. On a full disk Polars
  2.1 hangs, with its spill files left on disk. Over its budget it stops the query with
  an error, and the run stops with exit 2;
- with `VEIL_SPILL=never` (`--no-spill`), lifts Polars' budget so that nothing spills.
  A run that does not fit in memory then stops for lack of memory, and no rows are
  written to disk;
- removes this process's spill folder when the process exits (and those of its ended
  workers).

The same folder takes, under `<pid>-input/`, the UTF-8 copy of a bzip2, xz or non-UTF-8
input too large to decode in memory (`veil.io.text`), under the same setting: removed when
the run ends, and by the clean-up of ended processes' folders when a run is killed.

The report records the setting and whether this process spilled.

Polars fixes its spill folder at its first spill. The setting is therefore
per-process: the first run that spills decides the folder for later runs in the same
process. That run's Polars queries, and the caller's own, spill there. The budget is
read again at each run.

Live processes are recognised by their process id. Two hosts or containers with
separate process ids that share one spill folder could remove each other's files, and
the run that owns them would then fail. Polars' own clean-up has the same limit. Give
each host its own folder.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.errors import UsageError

__all__ = ["Spill", "prepare_spill", "default_spill_dir", "DIR_ENV", "POLICY_ENV"]

DIR_ENV = "VEIL_SPILL_DIR"
POLICY_ENV = "VEIL_SPILL"  # `never`: keep every row in memory

_POLARS_DIR = "POLARS_OOC_SPILL_DIR"
# Polars spills past min(fraction x memory, megabytes); both lifted, nothing spills.
_POLARS_BUDGET = {"POLARS_OOC_MEMORY_BUDGET_FRACTION": "1000000",
                  "POLARS_OOC_MEMORY_BUDGET_MB": "1000000000000"}
_POLARS_DISK = "POLARS_OOC_DISK_BUDGET_MB"
#: Share of the spill folder's free space (when the run starts) Polars may fill; the rest is
#: left for the output and the reports, which may be on the same disk.
DISK_SHARE = 0.8
#: What veil set is marked in the environment, not in this module: a process started by
#: this one inherits the settings, and must not take them for the caller's own.
_SET_DISK = "VEIL_SET_POLARS_OOC_DISK_BUDGET_MB"
_SAVED_BUDGET = "VEIL_SAVED_POLARS_OOC_MEMORY_BUDGET"  # the caller's, while veil lifts it
#: Polars 2.1 names them `spill-<node>-<uuid>.ipc`; later versions `<uuid>.<ext>`.
_SPILL_FILE = re.compile(r"(spill-[a-z0-9-]+|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})\.[a-z]+")
_cleaned_at_exit: set[Path] = set()
#: The folder of a process's input copies is named `<pid>-input`.
_COPIES = "-input"
_PROCESS_FOLDER = re.compile(rf"(\d+)(?:{_COPIES})?")


@dataclass
class Spill:
    """This run's spill setting; `record()` is what the report says of it."""

    directory: Path | None  # None: nothing may spill
    started_ns: int
    why_not: str | None = None  # why spilling is off when nobody asked for it

    def spilled(self) -> bool:
        """Whether this process spilled since the run started.

        Polars creates the process's folder at its first spill and adds and removes
        files in it, so the folder's modification time moves with every spill.
        """
        if self.directory is None:
            return False
        try:
            return (self.directory / str(os.getpid())).stat().st_mtime_ns >= self.started_ns
        except OSError:
            return False

    def copies_folder(self) -> Path | None:
        """Where this process may write a UTF-8 copy of an input too large to decode in memory
        (see `veil.io.text`); None when nothing may spill. Apart from Polars' own folder,
        whose changes tell whether Polars spilled."""
        return None if self.directory is None else self.directory / f"{os.getpid()}{_COPIES}"

    def record(self) -> dict[str, Any]:
        return {"allowed": self.directory is not None,
                "directory": None if self.directory is None else str(self.directory),
                "spilled": self.spilled()}


def default_spill_dir() -> Path:
    """/var/tmp/veil-<uid> on Linux (a disk, not memory-backed /tmp); elsewhere the temp folder."""
    uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    base = Path("/var/tmp") if sys.platform.startswith("linux") else Path(tempfile.gettempdir())
    return base / f"veil-{uid}"


def prepare_spill(directory: str | Path | None = None, *, allowed: bool | None = None,
                  environ: Mapping[str, str] | None = None) -> Spill:
    """Set where (and whether) Polars may spill for the run about to start.

    `directory` and `allowed` default to `VEIL_SPILL_DIR` and `VEIL_SPILL` in `environ`
    (default: the process environment), then to /var/tmp/veil-<uid>.

    Raises UsageError when a folder the caller named cannot hold the spill.
    """
    env = os.environ if environ is None else environ
    started = time.time_ns()
    if allowed is None:
        allowed = _allowed_by(env.get(POLICY_ENV))
    named = directory if directory is not None else env.get(DIR_ENV) or None
    if not allowed:
        # What killed runs left goes all the same, when the folder is there and is ours.
        leftovers = Path(named).expanduser() if named is not None else default_spill_dir()
        if leftovers.is_dir() and (named is not None or _private_dir_problem(leftovers) is None):
            _remove_ended(leftovers)
        _lift_budget()
        return Spill(None, started)
    if named is not None:
        base = Path(named).expanduser()
        _check_named(base)
    else:
        base = default_spill_dir()
        problem = _private_dir_problem(base)
        if problem is not None:
            _lift_budget()
            return Spill(None, started, why_not=(
                f"the rows were kept in memory: {problem}. Set {DIR_ENV} (or --spill-dir) to a "
                f"folder on a local disk that only you can read, or {POLICY_ENV}=never to "
                f"silence this."))
    _restore_budget()
    _remove_ended(base)
    os.environ[_POLARS_DIR] = str(base)
    _limit_to_free_space(base)
    _remove_own_at_exit(base)
    return Spill(base, started)


def _allowed_by(value: str | None) -> bool:
    if value is None or value.strip().lower() in ("", "allow", "yes", "1", "true"):
        return True
    if value.strip().lower() in ("never", "no", "0", "false"):
        return False
    msg = (f"the environment variable `{POLICY_ENV}` is `{value}`; it takes `never` (keep every "
           f"row in memory) or `allow` (the default). Fix or unset it.")
    raise UsageError(msg)


def _check_named(base: Path) -> None:
    """A folder the caller named: it must exist or be creatable, and be writable."""
    advice = (f"Name a folder on a local disk that only you can read, or use {POLICY_ENV}=never "
              f"(--no-spill) to keep every row in memory.")
    where = f"the spill folder `{base}` ({DIR_ENV} or --spill-dir)"
    if base.exists() and not base.is_dir():
        msg = f"{where} is a file, not a folder. {advice}"
        raise UsageError(msg)
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{where} cannot be created: {exc.strerror or exc}. {advice}"
        raise UsageError(msg) from None
    if not os.access(base, os.W_OK | os.X_OK):
        msg = f"{where} is not writable by this user. {advice}"
        raise UsageError(msg)


def _private_dir_problem(base: Path) -> str | None:
    """Make `base` a folder of this user's only; say what is wrong when it cannot be.

    In a shared folder such as /var/tmp anyone can create `veil-<uid>` first, as a link to
    a folder of their own, so the folder is checked without following links.
    """
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(base)
    except OSError as exc:
        return f"`{base}` cannot be created ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return f"`{base}` is not a folder but a link or a file"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"`{base}` belongs to another user"
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(base, 0o700)
        except OSError as exc:
            return f"`{base}` is readable by others and cannot be closed ({exc.strerror or exc})"
    return None


def _remove_ended(base: Path) -> None:
    """Remove the folders that processes which have ended left under `base`."""
    if not hasattr(os, "getuid"):  # os.kill(pid, 0) would end the process on Windows
        return
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        owner = _PROCESS_FOLDER.fullmatch(entry.name)
        if (owner and int(owner[1]) != os.getpid() and not _alive(int(owner[1]))
                and _holds_only_spill(entry.path)):
            shutil.rmtree(entry.path, ignore_errors=True)


def _holds_only_spill(folder: str) -> bool:
    """Whether `folder` holds nothing but Polars' spill files: a folder the caller named can
    have other folders named by a number (`2024`), which are not veil's to remove."""
    try:
        return all(entry.is_file(follow_symlinks=False) and _SPILL_FILE.fullmatch(entry.name)
                   for entry in os.scandir(folder))
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a process id: leave it alone
    return True


def _remove_own_at_exit(base: Path) -> None:
    if base not in _cleaned_at_exit:
        _cleaned_at_exit.add(base)
        pid = os.getpid()

        def remove() -> None:
            if os.getpid() == pid:  # not in a forked worker, whose parent still runs
                shutil.rmtree(base / str(pid), ignore_errors=True)
                shutil.rmtree(base / f"{pid}{_COPIES}", ignore_errors=True)
                _remove_ended(base)  # what detection workers, now ended, left

        atexit.register(remove)


def _limit_to_free_space(base: Path) -> None:
    """Cap what Polars may spill at most of the folder's free space, unless the caller did.

    When the disk fills during a spill, Polars 2.1 panics in the task that writes it, and
    the run hangs for good, its spill files still on disk. Past its own disk budget it
    stops the query with an error instead, and removes them.
    """
    if os.environ.get(_POLARS_DISK) not in (None, os.environ.get(_SET_DISK)):
        return  # the caller's own budget
    try:
        free = shutil.disk_usage(base).free
    except OSError:
        return
    budget = str(int(free * DISK_SHARE) // 1_000_000)  # 0: nothing may spill
    os.environ[_POLARS_DISK] = os.environ[_SET_DISK] = budget
    _reload_polars()


def _lift_budget() -> None:
    if _SAVED_BUDGET not in os.environ:
        os.environ[_SAVED_BUDGET] = json.dumps({name: os.environ.get(name)
                                                for name in _POLARS_BUDGET})
    os.environ.update(_POLARS_BUDGET)
    _reload_polars()


def _restore_budget() -> None:
    saved = os.environ.pop(_SAVED_BUDGET, None)
    if saved is None:
        return
    for name, value in json.loads(saved).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _reload_polars()


def _reload_polars() -> None:
    # Polars reads its budget from the environment once, when it starts.
    import polars as pl

    pl.Config.reload_env_vars()
