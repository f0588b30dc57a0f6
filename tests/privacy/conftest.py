"""Shared helpers for privacy tests: random small tables and a brute-force class oracle."""

from __future__ import annotations

from collections import Counter

import polars as pl
from hypothesis import strategies as st


def class_sizes(frame: pl.DataFrame, qi: list[str]) -> Counter:
    """Class sizes counted row by row in Python: an oracle independent of Polars' group_by."""
    return Counter(tuple(row[c] for c in qi) for row in frame.iter_rows(named=True))


@st.composite
def tables(
    draw, *, qi: int = 3, sensitive: int = 1, rows: tuple[int, int] = (1, 60), nulls: bool = False
) -> pl.DataFrame:
    """Random tables: small integer QIs `q0..`, categorical sensitive columns `s0..`."""
    n = draw(st.integers(*rows))
    values = st.one_of(st.none(), st.integers(0, 3)) if nulls else st.integers(0, 3)
    data = {f"q{i}": draw(st.lists(values, min_size=n, max_size=n)) for i in range(qi)}
    for i in range(sensitive):
        data[f"s{i}"] = draw(st.lists(st.sampled_from("abcde"), min_size=n, max_size=n))
    return pl.DataFrame(
        data,
        schema={
            **{f"q{i}": pl.Int64 for i in range(qi)},
            **{f"s{i}": pl.String for i in range(sensitive)},
        },
    )


def to_pandas(frame: pl.DataFrame):
    """A pandas copy for pycanon, without needing pyarrow."""
    import pandas as pd

    return pd.DataFrame(frame.to_dict(as_series=False))
