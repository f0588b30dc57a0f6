"""Benchmark veil's privacy gates against pycanon, and the generalisation lattice search.

Prints, in one run:
  * veil's k-anonymity + l-diversity (distinct and entropy) evaluation on generated
    tables with 4 quasi-identifiers (default 1,000,000 and 10,000,000 rows): seconds
    and peak memory;
  * pycanon's k-anonymity + l-diversity on 100,000 rows, and the per-row speed ratio;
  * the lattice search over 4 quasi-identifiers with 4-5 levels each on 1,000,000 rows.

Every measurement runs in a child process of its own, and its peak memory is that
child's maximum resident set size from ``os.wait4`` (its own rusage, not the largest
of all children). The peak includes the generated table; the RSS right after
generation is printed beside it so the evaluation's own share can be read off.

    python bench/bench_privacy.py                          # the issue's sizes
    python bench/bench_privacy.py --sizes 100000 --pycanon-rows 5000 --lattice-rows 100000

Targets (issue 4): 10M rows < 10 s; >= 100x faster per row than pycanon; lattice < 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

QI = ["age", "zip", "visit", "income"]
SENSITIVE = ["dx"]
K, L = 5, 2
HIERARCHIES = {  # levels include the column as it is and the top "*"
    "age": {"widths": [5, 10, 20], "top_code": 90},  # 5 levels
    "zip": {"zip_digits": [3, 2, 1]},  # 5 levels
    "visit": {"date_units": ["month", "year"]},  # 4 levels
    "income": {"widths": [5000, 20000], "top_code": 200000},  # 4 levels
}


def generate(rows: int, seed: int = 7):
    """A seeded table: age 0-99, 2,000 ZIP codes, visit dates over 3 years, income, diagnosis."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    zips = np.array([f"{z:05d}" for z in rng.choice(np.arange(1000, 99999), 2000, replace=False)])
    return pl.DataFrame(
        {
            "age": rng.integers(0, 100, rows, dtype=np.int16),
            "zip": pl.Series(zips[rng.integers(0, len(zips), rows)]),
            "visit": pl.Series(rng.integers(18262, 18262 + 3 * 365, rows, dtype=np.int32)).cast(
                pl.Date
            ),
            "income": (rng.integers(0, 2000, rows, dtype=np.int32) * 100),
            "dx": pl.Series(
                rng.choice(["flu", "asthma", "diabetes", "copd", "gout", "migraine"], rows)
            ),
        }
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(task: str, rows: int) -> dict:
    frame = generate(rows)
    rss_data = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    if task == "veil":
        from veil.privacy import kanon

        k = kanon.k_anonymity(frame, QI, K)
        diversity = kanon.l_diversity(frame, QI, SENSITIVE, kind="entropy", l=L)  # gives both l
        result = {
            "k": k.k,
            "classes": k.classes,
            "distinct_l": diversity.distinct_per_column["dx"],
            "entropy_l": round(diversity.l, 4),
        }
    elif task == "pycanon":
        import pandas as pd
        from pycanon import anonymity

        data = pd.DataFrame(frame.to_dict(as_series=False))
        started, cpu = time.perf_counter(), time.process_time()  # the copy is not pycanon's cost
        result = {
            "k": int(anonymity.k_anonymity(data, QI)),
            "distinct_l": int(anonymity.l_diversity(data, QI, SENSITIVE)),
            "entropy_l": int(anonymity.entropy_l_diversity(data, QI, SENSITIVE)),
        }
    else:
        from veil.privacy import lattice
        from veil.privacy.generalization import hierarchy_from_spec

        hierarchies = [hierarchy_from_spec(c, HIERARCHIES[c], dtype=frame.schema[c]) for c in QI]
        found = lattice.search(frame, hierarchies, k=K, max_suppression=0.02)
        result = {**found.as_dict(), "levels_per_qi": [h.top + 1 for h in hierarchies]}
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "rss_after_data_mb": rss_data,
        **result,
    }


def measure(task: str, rows: int) -> dict:
    """Run one task in a child process; its own peak RSS comes from wait4."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", task, "--rows", str(rows)],
        stdout=subprocess.PIPE,
        text=True,
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        msg = f"child `{task}` on {rows:,} rows failed (exit {proc.returncode})"
        raise SystemExit(msg)
    return {**json.loads(out), "rows": rows, "peak_rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1_000_000, 10_000_000],
        help="rows for veil's evaluation (default: 1M and 10M)",
    )
    parser.add_argument(
        "--pycanon-rows", type=int, default=100_000, help="rows for pycanon (default 100k)"
    )
    parser.add_argument(
        "--lattice-rows",
        type=int,
        default=1_000_000,
        help="rows for the lattice search (default 1M)",
    )
    parser.add_argument("--child", choices=["veil", "pycanon", "lattice"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rows)))
        return

    print(
        f"k-anonymity (k={K}) + distinct and entropy l-diversity (l={L}); QIs: {', '.join(QI)}; "
        f"sensitive: {', '.join(SENSITIVE)}; {os.cpu_count()} cores"
    )
    print(
        "seconds: wall clock of the evaluation; cpu: its CPU time over all threads "
        "(a shared machine inflates the first, not the second)"
    )
    print(
        f"{'engine':<8} {'rows':>12} {'seconds':>9} {'cpu':>8} {'us/row':>8} {'peak RSS':>10} "
        f"{'RSS data':>10}  result"
    )
    veil_runs = []
    for rows in args.sizes:
        veil_runs.append(r := measure("veil", rows))
        _line(
            "veil",
            r,
            f"k={r['k']} classes={r['classes']:,} l={r['distinct_l']:g} entropy-l={r['entropy_l']}",
        )
    theirs = measure("pycanon", args.pycanon_rows)
    _line(
        "pycanon",
        theirs,
        f"k={theirs['k']} l={theirs['distinct_l']} entropy-l={theirs['entropy_l']}",
    )
    their_per_row = theirs["seconds"] / theirs["rows"]
    for r in veil_runs:
        ratio = their_per_row / (r["seconds"] / r["rows"])
        print(
            f"per-row speed-up of veil on {r['rows']:,} rows over pycanon on "
            f"{theirs['rows']:,}: {ratio:,.0f}x (target >= 100x)"
        )
    big = max(veil_runs, key=lambda r: r["rows"])
    print(f"veil on {big['rows']:,} rows: {big['seconds']:.2f} s (target < 10 s at 10,000,000)")

    found = measure("lattice", args.lattice_rows)
    print(
        f"lattice search, {len(QI)} QIs with {found['levels_per_qi']} levels "
        f"({found['nodes_total']} nodes) on {found['rows']:,} rows: {found['seconds']:.2f} s "
        f"({found['cpu_seconds']:.2f} s CPU), "
        f"{found['nodes_evaluated']} nodes evaluated, peak RSS {found['peak_rss_mb']:.0f} MB "
        f"(target < 60 s)"
    )
    levels = {c: v["setting"] for c, v in (found["chosen_levels"] or {}).items()}
    print(
        f"  chosen: {levels or 'none within the budget'}; information loss "
        f"{found['information_loss']}; suppressed rows {found['suppressed_rows']}"
    )


def _line(engine: str, r: dict, result: str) -> None:
    print(
        f"{engine:<8} {r['rows']:>12,} {r['seconds']:>9.3f} {r['cpu_seconds']:>8.3f} "
        f"{r['seconds'] / r['rows'] * 1e6:>8.3f} "
        f"{r['peak_rss_mb']:>8.0f}MB {r['rss_after_data_mb']:>8.0f}MB  {result}"
    )


if __name__ == "__main__":
    main()
