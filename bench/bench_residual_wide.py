"""Benchmark: the residual check on a JSON Lines output with a map keyed by data.

A JSON object used as a map (`{"contacts": {"user7@example.org": "primary", ...}}`) is read
as a struct with one field per key. Prints the time the residual check takes on such an
output (all paths of the column counted in one read), next to the time of counting each
path alone (timed on the first `--alone` paths, then scaled to all of them).

    python bench/bench_residual_wide.py                          # 20,000 rows, 500 keys
    python bench/bench_residual_wide.py --rows 200000 --keys 1000
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

RECIPE = """\
veil: 1
name: wide
input: {infer_schema_rows: 0}
nlp: none
steps:
  - select: [id, contacts]
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=500, help="distinct keys of the map")
    parser.add_argument("--per-row", type=int, default=5, help="keys each row holds")
    parser.add_argument("--alone", type=int, default=10, help="paths timed one at a time")
    args = parser.parse_args()

    import polars as pl

    import veil
    from veil.report.scanned_values import ROWS, VALUE, scanned_paths

    rng = random.Random(1)
    keys = [f"user{i}@example.org" for i in range(args.keys)]
    with tempfile.TemporaryDirectory(prefix="veil-bench-wide-") as temp:
        source, output = Path(temp) / "in.jsonl", Path(temp) / "out.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for row in range(args.rows):
                held = rng.sample(keys, args.per_row)
                handle.write(json.dumps({"id": row, "contacts": dict.fromkeys(held, "x")}) + "\n")
        started = time.perf_counter()
        result = veil.run(RECIPE, source, output=output, report_dir=None)
        run_seconds = time.perf_counter() - started
        residual = result.report.residual
        written = pl.scan_ndjson(output, infer_schema_length=None)
        paths = list(scanned_paths(written.collect_schema()).values())[:args.alone]
        started = time.perf_counter()
        for leaf in paths:
            (written.select(leaf.values.alias(VALUE)).drop_nulls()
             .group_by(VALUE, maintain_order=True).len(name=ROWS).collect())
        alone = (time.perf_counter() - started) / max(len(paths), 1)
    print(f"output: {args.rows:,} rows, a map of {args.keys:,} keys ({args.per_row} per row)")
    print(f"veil run:                      {run_seconds:8.1f} s")
    print(f"residual check, paths together: {residual['seconds']:7.1f} s "
          f"({len(residual['columns']) - 1:,} paths, {residual['total']:,} findings)")
    print(f"each path alone:               {alone:8.2f} s per path, about "
          f"{alone * (args.keys + 1):,.0f} s for all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
