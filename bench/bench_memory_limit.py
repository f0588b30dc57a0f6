"""Run the transforms recipe on an input several times larger than the memory it may use.

    sudo python bench/bench_memory_limit.py                       # 25,000,000 rows (2.3 GB)
    sudo python bench/bench_memory_limit.py --limits 512,400,352  # MiB, largest first
    sudo python bench/bench_memory_limit.py --input-kind gzip     # the same CSV, gzipped
    sudo python bench/bench_memory_limit.py --input-kind latin-1  # the same CSV, in Latin-1
    sudo python bench/bench_memory_limit.py --input-kind gzip --stdin   # piped: `-i -`

Each run gets a memory cgroup of its own (cgroup v2 `memory.max`, or v1
`memory.limit_in_bytes`, swap included where the kernel allows), so the limit
holds the process's memory *and* the file cache it fills, as on a machine with
that much memory. The file cache is dropped before each run (root), so the input
is read from disk and charged to the run. veil and the same transforms in plain
Polars (from `bench_transforms.py`) run under each limit; a run either finishes,
is killed by the kernel for want of memory, or is stopped after `--timeout`
seconds (it spends its time reclaiming memory). Both write CSV.

Polars reads a gzipped CSV itself, in batches (veil hands it over as it is). A Latin-1
input cannot be read in place: veil decodes it in memory while it fits in an eighth of the
memory it may use, and past that through a UTF-8 copy in its spill folder
(`veil.io.text`). Plain Polars reads no Latin-1 (it is left out of that run).
With `--stdin`, veil reads the input from standard input (`-i -`), fed from the file: past
the same share of memory it goes on into a private file in the spill folder, read in
batches. Plain Polars has no streaming read of standard input (it is left out).

Needs root and a memory cgroup controller: it says so and stops otherwise.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import bench_transforms as transforms

HERE = Path(__file__).resolve().parent
V2_ROOT = Path("/sys/fs/cgroup")
V1_ROOT = Path("/sys/fs/cgroup/memory")


class Cgroup:
    """A fresh memory cgroup for one run: created with its limit, removed after."""

    def __init__(self, name: str, limit_bytes: int) -> None:
        if _memory_v2():
            self.path = V2_ROOT / name
            self.path.mkdir()
            (self.path / "memory.max").write_text(str(limit_bytes))
            _try_write(self.path / "memory.swap.max", "0")
        else:
            self.path = V1_ROOT / name
            self.path.mkdir()
            (self.path / "memory.limit_in_bytes").write_text(str(limit_bytes))
            # Swap counted with memory where the kernel accounts it (memsw may not go below
            # the limit, so it is set after it).
            _try_write(self.path / "memory.memsw.limit_in_bytes", str(limit_bytes))

    def enter(self) -> None:
        """Move the calling process into the cgroup (run in the child before exec)."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def remove(self) -> None:
        for _ in range(50):  # the killed process may take a moment to leave
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.1)


def _memory_v2() -> bool:
    """cgroup v2 is mounted with its memory controller (otherwise v1 is tried)."""
    controllers = V2_ROOT / "cgroup.controllers"
    return controllers.exists() and "memory" in controllers.read_text()


def _try_write(path: Path, value: str) -> None:
    try:
        path.write_text(value)
    except OSError:
        pass


def can_limit_memory() -> str | None:
    """Why memory cannot be limited here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root (it creates memory cgroups and drops the file cache)"
    if _memory_v2() or (V1_ROOT / "memory.limit_in_bytes").exists():
        return None
    return "no memory cgroup controller is mounted under /sys/fs/cgroup"


def drop_file_cache() -> None:
    os.sync()
    _try_write(Path("/proc/sys/vm/drop_caches"), "1")


def limited_run(command: list[str], limit_mib: int, timeout: float,
                stdin: Path | None = None) -> tuple[str, float]:
    """('finished' | 'killed (out of memory)' | 'stopped after N s' | 'failed (rc)', seconds)."""
    group = Cgroup(f"veil-bench-{os.getpid()}-{time.monotonic_ns()}", limit_mib << 20)
    try:
        drop_file_cache()
        started = time.perf_counter()
        with open(stdin or os.devnull, "rb") as given:
            child = subprocess.Popen(command, stdin=given, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, preexec_fn=group.enter,
                                     start_new_session=True)
        try:
            _, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            return f"stopped after {timeout:.0f} s", time.perf_counter() - started
        seconds = time.perf_counter() - started
    finally:
        group.remove()
    if child.returncode == 0:
        return "finished", seconds
    if child.returncode == -signal.SIGKILL:
        return "killed (out of memory)", seconds
    tail = stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return f"failed ({child.returncode}: {tail[0][:80]})", seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000_000, help="Rows of the input CSV.")
    parser.add_argument("--limits", default="512,448,400,368,352,320",
                        help="Memory limits to try, in MiB, comma-separated.")
    parser.add_argument("--timeout", type=float, default=120, help="Seconds before a run is "
                        "stopped (a run near its limit can spend minutes reclaiming memory).")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data",
                        help="Where the generated input is cached.")
    parser.add_argument("--input-kind", choices=("csv", "gzip", "latin-1"), default="csv",
                        help="The input as plain UTF-8 CSV, gzipped, or in Latin-1.")
    parser.add_argument("--stdin", action="store_true",
                        help="veil reads the input from standard input (`-i -`).")
    args = parser.parse_args(argv)
    why_not = can_limit_memory()
    if why_not is not None:
        print(f"bench_memory_limit: cannot limit memory here: {why_not}.", file=sys.stderr)
        return 2

    source = args.data_dir / f"transforms-{args.rows}.csv"
    if not source.exists():
        print(f"generating {source} ({args.rows:,} rows)...", file=sys.stderr)
        transforms.generate_apart(args.rows, source)
    size_mib = source.stat().st_size / 2**20  # of the CSV text, whatever form it takes
    source = _as_kind(source, args.input_kind)
    stored = "" if args.input_kind == "csv" else \
        f" ({source.stat().st_size / 2**20:,.0f} MiB as {args.input_kind})"

    with tempfile.TemporaryDirectory(prefix="veil-bench-") as folder:
        work = Path(folder)
        recipe = work / "recipe.yaml"
        text = transforms.RECIPE.replace("REPORTS", str(work / "reports"))
        if args.input_kind == "latin-1":
            text = text.replace("input: {types: {zip: string}}",
                                "input: {types: {zip: string}, encoding: latin-1}")
        recipe.write_text(text, encoding="utf-8")
        script = work / "plain_polars.py"
        script.write_text(textwrap.dedent(transforms.POLARS_SCRIPT), encoding="utf-8")
        given = ["-", "--format", "csv"] if args.stdin else [str(source)]
        commands = {
            "veil": [sys.executable, "-m", "veil", "run", str(recipe), "-i", *given,
                     "-o", str(work / "veil.csv"), "--quiet"],
            "polars": [sys.executable, str(script), str(source), str(work / "polars.csv")],
        }
        if args.input_kind == "latin-1" or args.stdin:  # Polars reads UTF-8 files only
            del commands["polars"]
        piped = " on standard input" if args.stdin else ""
        print(f"memory-limit benchmark: {args.rows:,} rows, {size_mib:,.0f} MiB of CSV"
              f"{stored}{piped}, transforms recipe, CSV out; each run in its own memory "
              f"cgroup, file cache dropped before it")
        for limit in (int(text) for text in args.limits.split(",")):
            cells = []
            for name, command in commands.items():
                outcome, seconds = limited_run(command, limit, args.timeout,
                                               stdin=source if args.stdin else None)
                shown = f"{outcome} in {seconds:.1f} s" if outcome == "finished" else outcome
                cells.append(f"{name}: {shown}")
            print(f"  limit {limit:>5} MiB (the input is {size_mib / limit:.1f}x that): "
                  + "; ".join(cells), flush=True)
    return 0


def _as_kind(source: Path, kind: str) -> Path:
    """The generated CSV gzipped or re-encoded in Latin-1, made once beside it."""
    if kind == "csv":
        return source
    made = source.with_name(source.name + (".gz" if kind == "gzip" else ".latin-1.csv"))
    if not made.exists():
        print(f"writing {made}...", file=sys.stderr)
        temp = made.with_name(made.name + ".tmp")
        with open(source, "rb") as plain:
            if kind == "gzip":
                with gzip.open(temp, "wb", compresslevel=1) as packed:
                    shutil.copyfileobj(plain, packed, 1 << 20)
            else:  # a combining accent (José written `e` + U+0301) has no Latin-1 form: `?`
                decoder = codecs.getincrementaldecoder("utf-8")()
                with open(temp, "wb") as out:
                    while block := plain.read(1 << 20):
                        out.write(decoder.decode(block).encode("latin-1", errors="replace"))
        temp.replace(made)
    return made


if __name__ == "__main__":
    raise SystemExit(main())
