"""Benchmark: `veil run hospital-safe-harbor.yaml` on a generated hospital extract.

Generates N encounters with clinical notes (and N/2 patients) with
`veil.samples`, runs the bundled Safe Harbor recipe on them in a child process
(`python -m veil run`), and prints rows/s and the child's peak memory.

    python bench/bench_hospital.py                 # 200,000 encounters (the issue's size)
    python bench/bench_hospital.py --encounters 2000

Target (issue 6): 200,000 encounters complete with peak memory under 4 GB on
a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from veil.recipe.bundled import bundled_recipes
from veil.samples import generate

BUNDLED_PATIENTS = "veil:samples/hospital/patients.csv"
LIMIT_BYTES = 4 * 1024**3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encounters", type=int, default=200_000, help="encounters to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated extract")
    parser.add_argument(
        "--workdir", default=None, help="folder for data and output (default: temp)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="veil-bench-hospital-") as temp:
        work = Path(args.workdir or temp)
        started = time.perf_counter()
        files = generate("hospital", rows=args.encounters, seed=args.seed, out_dir=work / "data")
        generated = time.perf_counter() - started
        # The bundled recipe joins the bundled patients file; point it at the generated one.
        recipe_text = bundled_recipes()["hospital-safe-harbor"].read_text(encoding="utf-8")
        recipe = work / "hospital-safe-harbor.yaml"
        recipe.write_text(
            recipe_text.replace(BUNDLED_PATIENTS, str(files["hospital/patients"])), encoding="utf-8"
        )
        command = [
            sys.executable,
            "-m",
            "veil",
            "run",
            str(recipe),
            "-i",
            str(files["hospital/encounters"]),
            "-o",
            str(work / "out" / "safe-harbor.parquet"),
            "--report-dir",
            str(work / "out" / "reports"),
            "--quiet",
        ]
        env = {**os.environ, "VEIL_KEY": os.environ.get("VEIL_KEY", "bench-key-not-secret")}
        started = time.perf_counter()
        child, summed_rss, summed_pss = _run_measured(command, env)
        seconds = time.perf_counter() - started
        single_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB
        peak = max(summed_pss, single_peak)

    print(f"encounters          {args.encounters:,}")
    print(f"generation          {generated:.1f} s")
    print(f"veil run            {seconds:.1f} s, exit {child.returncode}")
    print(f"throughput          {args.encounters / seconds:,.0f} rows/s")
    print(
        f"peak memory         {peak / 1024**2:,.0f} MiB PSS, the run's processes together "
        f"({'under' if peak < LIMIT_BYTES else 'OVER'} the 4 GiB target); summed RSS "
        f"{summed_rss / 1024**2:,.0f} MiB counts the pages forked workers share once per worker"
    )
    if child.returncode != 0:
        print(
            child.stderr.strip().splitlines()[-1] if child.stderr.strip() else "", file=sys.stderr
        )
    return child.returncode


def _run_measured(
    command: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess, int, int]:
    """Run `command`, sampling the memory of it and its worker processes together.

    Returns the peaks of the summed RSS (pages shared by forked workers counted in each)
    and of the summed PSS (each shared page split between the processes sharing it).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        peak_rss = peak_pss = 0
        while process.poll() is None:
            rss, pss = _tree_memory(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        completed = subprocess.CompletedProcess(
            command, process.returncode, out.read().decode(), err.read().decode()
        )
    return completed, peak_rss, peak_pss


def _tree_memory(root: int) -> tuple[int, int]:
    """Summed resident and proportional bytes of `root` and its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, changed = {root}, True
    while changed:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        changed, tree = grown != tree, grown
    rss = pss = 0
    for pid in tree:
        try:
            rollup = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
        except OSError:
            continue
        values = dict(line.split(":", 1) for line in rollup.splitlines()[1:] if ":" in line)
        rss += int(values.get("Rss", "0 kB").split()[0]) * 1024
        pss += int(values.get("Pss", "0 kB").split()[0]) * 1024
    return rss, pss


if __name__ == "__main__":
    raise SystemExit(main())
