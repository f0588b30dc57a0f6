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
    parser.add_argument("--workdir", default=None, help="folder for data and output (default: temp)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="veil-bench-hospital-") as temp:
        work = Path(args.workdir or temp)
        started = time.perf_counter()
        files = generate("hospital", rows=args.encounters, seed=args.seed, out_dir=work / "data")
        generated = time.perf_counter() - started
        # The bundled recipe joins the bundled patients file; point it at the generated one.
        recipe_text = bundled_recipes()["hospital-safe-harbor"].read_text(encoding="utf-8")
        recipe = work / "hospital-safe-harbor.yaml"
        recipe.write_text(recipe_text.replace(BUNDLED_PATIENTS, str(files["hospital/patients"])),
                          encoding="utf-8")
        command = [sys.executable, "-m", "veil", "run", str(recipe), "-i",
                   str(files["hospital/encounters"]), "-o", str(work / "out" / "safe-harbor.parquet"),
                   "--report-dir", str(work / "out" / "reports"), "--quiet"]
        env = {**os.environ, "VEIL_KEY": os.environ.get("VEIL_KEY", "bench-key-not-secret")}
        started = time.perf_counter()
        child = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB

    print(f"encounters          {args.encounters:,}")
    print(f"generation          {generated:.1f} s")
    print(f"veil run            {seconds:.1f} s, exit {child.returncode}")
    print(f"throughput          {args.encounters / seconds:,.0f} rows/s")
    print(f"peak memory (child) {peak / 1024**2:,.0f} MiB "
          f"({'under' if peak < LIMIT_BYTES else 'OVER'} the 4 GiB target)")
    if child.returncode != 0:
        print(child.stderr.strip().splitlines()[-1] if child.stderr.strip() else "", file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    raise SystemExit(main())
