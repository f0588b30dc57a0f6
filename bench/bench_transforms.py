"""Time `veil run` of a transforms-only recipe against the same transforms in plain Polars.

    python bench/bench_transforms.py                 # 5,000,000 rows (the figure in the README)
    python bench/bench_transforms.py --rows 200000   # a quick check

The input CSV is generated once per size (seeded) and cached in bench/data/
(git-ignored). Each side runs in its own child process, so both pay for starting
Python and importing their libraries; peak memory is the child's maximum RSS,
read from the rusage the kernel reports for that child (``os.wait4``, the
per-child form of ``getrusage(RUSAGE_CHILDREN)``), and CPU is its user + system
time: what the run costs the machine beyond the wall clock. Each side runs `--repeat`
times, alternating, and the fastest run counts. Both write CSV, and the two
outputs are compared so the figures are for the same work.

The benchmark process itself stays small: the kernel starts a child's peak RSS at its
parent's size when it forks, so the input is generated in a child process of its own,
and the outputs are compared by hash, not read into memory.

Before each run the disk is given what earlier runs left unwritten (`os.sync`, not
timed): plain Polars leaves its 230 MB output to the kernel to write later, which
otherwise happens during whichever run comes next and slows its own writes (veil
flushes its output before renaming it). Which side goes first alternates between
rounds, so neither always follows the other.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROWS = 5_000_000
#: A tiny input: its run time is each side's fixed cost (Python, imports, set-up).
STARTUP_ROWS = 1_000

RECIPE = """\
veil: 1
name: bench-transforms
description: Transforms only, for the overhead benchmark.
nlp: none
input: {types: {zip: string}}
report: {dir: REPORTS, formats: [json], verify_output: false, dataset_card: false}
steps:
  - select: [id, name, age, zip, city, amount, visit]
  - filter: "age >= 18 AND city <> 'Nowhere'"
  - derive: {amount_eur: "amount * 0.92", decade: "age - age % 10"}
  - rename: {visit: visit_date}
  - cast: {amount_eur: float, decade: string}
  - normalize_text: [name, city]
  - fill_null: {amount: 0}
"""

# The same transforms written directly in Polars: lazy scan -> sink, same output format.
POLARS_SCRIPT = """\
import sys
import polars as pl

source, target = sys.argv[1], sys.argv[2]
lf = pl.scan_csv(source, schema_overrides={"zip": pl.String})
lf = lf.select("id", "name", "age", "zip", "city", "amount", "visit")
lf = lf.filter((pl.col("age") >= 18) & (pl.col("city") != "Nowhere"))
lf = lf.with_columns(amount_eur=pl.col("amount") * 0.92, decade=pl.col("age") - pl.col("age") % 10)
lf = lf.rename({"visit": "visit_date"})
lf = lf.with_columns(pl.col("amount_eur").cast(pl.Float64), pl.col("decade").cast(pl.String))
lf = lf.with_columns(
    pl.col(c).str.normalize("NFC").str.replace_all(r"\\s+", " ").str.strip_chars()
    for c in ("name", "city")
)
lf = lf.with_columns(pl.col("amount").fill_null(0))
lf.sink_csv(target)
"""


def generate(rows: int, path: Path) -> None:
    """A seeded CSV with nulls, leading-zero ZIPs, messy whitespace and NFD text."""
    import polars as pl

    index = pl.int_range(0, rows, eager=False)
    mixed = (index * 2_654_435_761) % 4_294_967_296  # Knuth's multiplicative hash: stable
    first = ["Ann", "José", "Zoë", "Bob", "Mei", "Jose\u0301", "Øyvind", "Chloé"]
    cities = ["Zürich", "  Oslo ", "Nowhere", "São  Paulo", "Lyon", "Kraków"]
    frame = pl.LazyFrame().select(
        id=index,
        name=pl.concat_str(
            pl.lit("  "),
            pl.lit(pl.Series(first)).get(mixed % len(first)),
            pl.lit("   "),
            (mixed % 9973).cast(pl.String),
        ),
        age=pl.when(mixed % 50 == 0).then(None).otherwise(mixed % 95),
        zip=(mixed % 99_999).cast(pl.String).str.zfill(5),
        city=pl.lit(pl.Series(cities)).get((mixed // 7) % len(cities)),
        amount=pl.when(mixed % 20 == 0).then(None).otherwise((mixed % 100_000) / 100),
        visit=pl.concat_str(pl.lit("20"), (10 + mixed % 15).cast(pl.String), pl.lit("-0"),
                            (1 + mixed % 9).cast(pl.String), pl.lit("-1"),
                            (mixed % 10).cast(pl.String)),
        note=pl.lit("free text that the recipe drops"),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    frame.sink_csv(temp)
    temp.replace(path)


def generate_apart(rows: int, path: Path) -> None:
    """`generate` in a child process, so this one never holds Polars' frames (see above)."""
    code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_transforms; "
            f"bench_transforms.generate({rows}, bench_transforms.Path({str(path)!r}))")
    subprocess.run([sys.executable, "-c", code], check=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def timed(command: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (bytes) and CPU seconds (user + system) of one child process."""
    if hasattr(os, "sync"):
        os.sync()  # see the module's docstring
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"command failed ({child.returncode}): {' '.join(command)}\n{stderr}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is KiB on Linux
    return seconds, usage.ru_maxrss * scale, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="Rows of the input CSV.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per side; the fastest counts.")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data",
                        help="Where the generated input is cached.")
    args = parser.parse_args(argv)

    sources = {}
    for rows in (args.rows, STARTUP_ROWS):
        sources[rows] = args.data_dir / f"transforms-{rows}.csv"
        if not sources[rows].exists():
            print(f"generating {sources[rows]} ({rows:,} rows)...", file=sys.stderr)
            generate_apart(rows, sources[rows])

    with tempfile.TemporaryDirectory(prefix="veil-bench-") as folder:
        work = Path(folder)
        recipe = work / "recipe.yaml"
        recipe.write_text(RECIPE.replace("REPORTS", str(work / "reports")), encoding="utf-8")
        script = work / "plain_polars.py"
        script.write_text(textwrap.dedent(POLARS_SCRIPT), encoding="utf-8")
        outputs = {"veil": work / "veil.csv", "polars": work / "polars.csv"}

        def command(name: str, source: Path) -> list[str]:
            if name == "veil":
                return [sys.executable, "-m", "veil", "run", str(recipe), "-i", str(source),
                        "-o", str(outputs[name]), "--quiet"]
            return [sys.executable, str(script), str(source), str(outputs[name])]

        startup = {name: min(timed(command(name, sources[STARTUP_ROWS]))[0]
                             for _ in range(args.repeat)) for name in outputs}
        best: dict[str, tuple[float, int, float]] = {}
        every: dict[str, list[float]] = {name: [] for name in outputs}
        for round_number in range(args.repeat):
            for name in list(outputs)[:: 1 if round_number % 2 == 0 else -1]:
                seconds, rss, cpu = timed(command(name, sources[args.rows]))
                every[name].append(seconds)
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, max(rss, best.get(name, (0, 0, 0))[1]), cpu)
        same = file_sha256(outputs["veil"]) == file_sha256(outputs["polars"])

    print(f"transforms benchmark: {args.rows:,} input rows, CSV in and out, best of {args.repeat}")
    for name, (seconds, rss, cpu) in best.items():
        print(f"  {name:<7} {seconds:8.2f} s  {args.rows / seconds:>12,.0f} rows/s  "
              f"CPU {cpu:6.2f} s  peak RSS {rss / 2**20:8.1f} MiB  "
              f"(start-up on {STARTUP_ROWS:,} rows: {startup[name]:.2f} s)")
    veil_s, polars_s = best["veil"][0], best["polars"][0]
    overhead = (veil_s - polars_s) / polars_s * 100
    print(f"  veil overhead over plain Polars: {overhead:+.1f}% (target < 10%)")
    medians = {name: statistics.median(runs) for name, runs in every.items()}
    print(f"  medians: veil {medians['veil']:.2f} s, polars {medians['polars']:.2f} s, "
          f"{(medians['veil'] - medians['polars']) / medians['polars'] * 100:+.1f}% "
          f"(the spread between runs shows how noisy the machine is)")
    # Each veil run against the Polars run of the same round (just before or after it): a
    # machine whose speed drifts over minutes affects both runs of a pair alike.
    paired = [v / p for v, p in zip(every["veil"], every["polars"], strict=True)]
    print(f"  paired runs: median overhead {(statistics.median(paired) - 1) * 100:+.1f}% "
          f"(range {(min(paired) - 1) * 100:+.0f}% to {(max(paired) - 1) * 100:+.0f}%)")
    work_veil, work_polars = veil_s - startup["veil"], polars_s - startup["polars"]
    if work_polars > 0:
        print(f"  overhead without start-up:       "
              f"{(work_veil - work_polars) / work_polars * 100:+.1f}%")
    print(f"  outputs identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
