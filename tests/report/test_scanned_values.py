"""The residual check's value counts: all paths inside a nested column counted in one read
give what counting each path alone gives."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from veil.report.scanned_values import ROWS, VALUE, distinct_counts, scanned_paths

KEYS = [f"user{i}@example.org" for i in range(30)]
ROWS_N = 60
FRAME = pl.DataFrame({
    "id": list(range(9_990, 9_990 + ROWS_N)),  # 10,000 and up are read, the rest are not
    "note": [f"call {i % 7}" if i % 5 else "  " for i in range(ROWS_N)],
    "addr": [{"city": ["Oslo", "Lyon", None][i % 3], "zip": f"{i % 4:05d}",
              "geo": {"lat": 59.9 + (i % 2), "code": 123_456 + i % 3}} for i in range(ROWS_N)],
    "messages": [[{"role": "user", "content": f"hi {i % 4}", "n": i,
                   "at": dt.date(2024, 1, 1 + i % 9)},
                  {"role": "assistant", "content": "hello", "n": 100_000 + i % 2,
                   "at": dt.date(2024, 2, 1)}] if i % 6 else [] for i in range(ROWS_N)],
    "raw": [f"bytes {i % 3}".encode() for i in range(ROWS_N)],
    "tags": [["a", "b"] if i % 2 else ["a"] for i in range(ROWS_N)],
    # a JSON object used as a map: each row holds three of the 30 keys
    "contacts": pl.Series([{KEYS[(i + j) % 30]: ["primary", "backup"][j % 2] for j in range(3)}
                           for i in range(ROWS_N)],
                          dtype=pl.Struct(dict.fromkeys(KEYS, pl.String))),
})


def counted_alone(frame: pl.DataFrame | pl.LazyFrame, values: pl.Expr) -> pl.DataFrame:
    return (frame.lazy().select(values.alias(VALUE)).drop_nulls()
            .filter(pl.col(VALUE).str.strip_chars() != "")
            .group_by(VALUE, maintain_order=True).len(name=ROWS).collect())


@pytest.mark.parametrize("lazy", [False, True])
def test_scanned_values_counted_together_equal_counted_alone(tmp_path, lazy):
    frame: pl.DataFrame | pl.LazyFrame = FRAME
    if lazy:  # a streamed run counts from its written file
        FRAME.write_parquet(tmp_path / "out.parquet")
        frame = pl.scan_parquet(tmp_path / "out.parquet")
    paths = scanned_paths(FRAME.schema)
    counts = distinct_counts(frame, paths)
    assert set(counts) == set(paths)
    assert len({leaf.group for leaf in paths.values()}) < len(paths)  # some are read together
    for name, leaf in paths.items():
        alone = counted_alone(frame, leaf.values)
        assert counts[name].rows() == alone.rows(), name


def test_scanned_values_of_a_map_count_each_key_by_the_rows_holding_it():
    counts = distinct_counts(FRAME, scanned_paths(FRAME.schema))
    held = {key: 0 for key in KEYS}
    for i in range(ROWS_N):
        for j in range(3):
            held[KEYS[(i + j) % 30]] += 1
    for key in KEYS:
        assert counts[f"contacts.{key}"][ROWS].sum() == held[key]
    assert counts["id"][VALUE].to_list() == [str(n) for n in range(10_000, 9_990 + ROWS_N)]
    assert counts["addr.geo.lat"].height == 0  # fractions are no identifier
    # in the order first seen: row 0 has no messages, row 1 holds 100,001
    assert counts["messages[].n"][VALUE].to_list() == ["100001", "100000"]
