"""Time the search for JSON Lines keys past the typing rows, against reading the file.

    python bench/bench_json_keys.py                  # 2,000,000 lines (the README's figure)
    python bench/bench_json_keys.py --rows 200000    # a quick check

The input is the transforms benchmark's seeded table written as JSON Lines, cached in
bench/data/ (git-ignored). Printed, best of `--repeat` each: reading every line with
Polars (every value parsed, its nulls counted), veil's key search over the lines past the
first 10,000, and the remedy the error message names, Polars inferring the columns from
every line (`infer_schema_rows: 0`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl
from bench_transforms import generate

from veil.io.json_keys import column_names, first_unread_key

HERE = Path(__file__).resolve().parent
TYPING_ROWS = 10_000


def best_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="Lines of the input.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the fastest counts.")
    args = parser.parse_args(argv)

    path = HERE / "data" / f"keys-{args.rows}.jsonl"
    if not path.exists():
        table = HERE / "data" / f"keys-{args.rows}.csv"
        generate(args.rows, table)
        pl.scan_csv(table).sink_ndjson(path)
        table.unlink()
    schema = pl.scan_ndjson(path, infer_schema_length=TYPING_ROWS).collect_schema()
    names = column_names(schema)

    def search() -> None:
        assert first_unread_key(path, names, skip_lines=TYPING_ROWS) is None

    figures = {
        "read every line (Polars)": lambda: pl.scan_ndjson(path, schema=schema)
        .select(pl.all().null_count()).collect(engine="streaming"),
        "veil's key search": search,
        "infer columns from every line": lambda: pl.scan_ndjson(
            path, infer_schema_length=None).collect_schema(),
    }
    size = path.stat().st_size / 1e6
    print(f"JSON Lines keys: {args.rows:,} lines, {size:,.0f} MB, best of {args.repeat}")
    for label, action in figures.items():
        seconds = best_seconds(action, args.repeat)
        print(f"  {label:<31} {seconds:6.2f} s  {seconds / args.rows * 1e6:5.2f} µs per line")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
