"""What reading every field of a CSV costs a recipe that keeps few of its columns.

    python bench/bench_every_field.py                # 1,000,000 rows x 30 columns (~570 MB)
    python bench/bench_every_field.py --rows 100000  # a quick check

veil reads every field of every row, whichever columns a recipe keeps, so that Polars
refuses a row with more fields than the header (see `veil.io.readers._every_field_read`
and the README's "CSV rows of another width are refused"). A recipe that keeps 2 of 30
text columns pays for parsing the other 28. Each side runs `veil.run` in a child process
of its own, alternating, `--repeat` times; "without" replaces the full read by the plain
scan. The input is generated once per size (seeded) and cached in bench/data/.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = 30

RECIPE = """\
veil: 1
name: keep-two
nlp: none
report: {verify_output: false, dataset_card: false}
steps:
  - select: [id, c0]
"""

CHILD = """\
import sys
import veil
from veil.io import readers

if sys.argv[1] == "without":
    readers._every_field_read = lambda lf: lf
veil.run(sys.argv[2], sys.argv[3], output=sys.argv[4], report_dir=None)
"""


def generate(rows: int, path: Path) -> None:
    """`id` and 29 text columns of 14-20 characters each."""
    import polars as pl

    index = pl.int_range(0, rows, eager=False)
    texts = {f"c{i}": pl.concat_str(pl.lit(f"text value {i} "),
                                    (index * (i + 7) % 100_003).cast(pl.String))
             for i in range(COLUMNS - 1)}
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    pl.LazyFrame().select(id=index, **texts).sink_csv(temp)
    temp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="Runs per side.")
    args = parser.parse_args(argv)

    source = HERE / "data" / f"wide-{args.rows}.csv"
    if not source.exists():
        print(f"generating {source}...", file=sys.stderr)
        generate(args.rows, source)
    work = HERE / "data" / "every-field"
    work.mkdir(exist_ok=True)
    (work / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    (work / "child.py").write_text(CHILD, encoding="utf-8")

    seconds: dict[str, list[float]] = {"with": [], "without": []}
    for round_number in range(args.repeat):
        for side in list(seconds)[:: 1 if round_number % 2 == 0 else -1]:
            started = time.perf_counter()
            subprocess.run([sys.executable, str(work / "child.py"), side,
                            str(work / "recipe.yaml"), str(source), str(work / "out.csv")],
                           check=True)
            seconds[side].append(time.perf_counter() - started)

    size = source.stat().st_size / 2**20
    print(f"every-field benchmark: {args.rows:,} rows x {COLUMNS} columns ({size:,.0f} MB), "
          f"recipe keeps 2; median of {args.repeat} runs, start-up included")
    for side, runs in seconds.items():
        print(f"  {side:<8} every field read: {statistics.median(runs):6.2f} s "
              f"(best {min(runs):.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
