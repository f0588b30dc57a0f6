"""k-anonymity, l-diversity and t-closeness as pure functions over a Polars frame.

No I/O, no Presidio, no Python per row: every figure comes from one or two
``group_by`` passes over the quasi-identifiers (QIs).

Nulls. A null in a quasi-identifier is a value of its own: rows that are null
in the same QI columns and agree on the others form one equivalence class
(an attacker who knows "age unknown" can use it as well as "age 34"). A null
in a sensitive column is likewise one sensitive value among the others.

Figures never contain a data value: classes are described by their size only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

__all__ = [
    "SIZE",
    "equivalence_classes",
    "class_key",
    "size_histogram",
    "KAnonymity",
    "k_anonymity",
    "describe_shortfall",
    "SuppressionPlan",
    "suppression_plan",
    "class_diversity",
    "Diversity",
    "l_diversity",
    "t_closeness",
]

#: Name of the class-size column in the frames returned here.
SIZE = "__veil_class_size__"
_CLASS = "__veil_class_id__"


def equivalence_classes(frame: pl.DataFrame, qi: Sequence[str]) -> pl.DataFrame:
    """One row per equivalence class: the QI columns and the class size (`SIZE`)."""
    if not qi:  # no quasi-identifier: the whole table is one class
        return pl.DataFrame(
            {SIZE: [frame.height]} if frame.height else {SIZE: []}, schema={SIZE: pl.UInt32}
        )
    return frame.group_by(list(qi)).agg(pl.len().alias(SIZE))


def _codes(series: pl.Series) -> tuple[pl.Series, int]:
    """Integer codes >= 0 equal exactly when the values are (null: code 0), and their range."""
    dtype = series.dtype
    if dtype == pl.String:
        series = series.cast(pl.Categorical).to_physical()
    elif (
        dtype == pl.Boolean
        or dtype.is_temporal()
        or (dtype.is_integer() and dtype != pl.UInt64)
        or isinstance(dtype, (pl.Categorical, pl.Enum))
    ):
        series = series.to_physical()
    else:  # floats, decimals, UInt64, nested: exact through a sort
        series = series.rank("dense")
    series = series.cast(pl.Int64)
    low = series.min()
    if low is None:  # all null
        return pl.Series([0] * len(series), dtype=pl.Int64), 1
    codes = (series - low + 1).fill_null(0)
    return codes, int(codes.max()) + 1


def _class_key(frame: pl.DataFrame, qi: Sequence[str]) -> tuple[pl.Series, int]:
    key = pl.Series(_CLASS, [0] * frame.height, dtype=pl.Int64)
    span = 1
    for column in qi:
        codes, cardinality = _codes(frame[column])
        key, span = _extend(key, span, codes, cardinality)
    return key.alias(_CLASS), span


def _extend(key: pl.Series, span: int, codes: pl.Series, cardinality: int) -> tuple[pl.Series, int]:
    """key * cardinality + codes, re-densifying `key` first when the product could overflow."""
    if span * cardinality >= 2**62:
        key = key.rank("dense").cast(pl.Int64)
        span = int(key.max() or 0) + 1
    return key * cardinality + codes, span * cardinality


def class_key(frame: pl.DataFrame, qi: Sequence[str]) -> pl.Series:
    """One Int64 per row, equal exactly when the rows agree on every QI (nulls equal nulls).

    Each column becomes integer codes (string dictionary codes, physical ints
    and dates, dense ranks otherwise), combined by mixed radix and
    re-densified when the product would overflow. Classes are then counted by
    sorting this one integer column and measuring its runs, which is several
    times faster than hash-grouping the QI columns when most classes are small.
    """
    return _class_key(frame, qi)[0]


def _runs(keys: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of `keys` (ascending) and how often each occurs."""
    ordered = keys.sort().to_numpy()
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _sizes(key: pl.Series) -> pl.DataFrame:
    values, counts = _runs(key)
    return pl.DataFrame(
        {_CLASS: values, SIZE: counts.astype(np.uint32)}, schema={_CLASS: pl.Int64, SIZE: pl.UInt32}
    )


def size_histogram(classes: pl.DataFrame) -> dict[int, int]:
    """Class size -> number of classes of that size, smallest size first."""
    counts = classes.group_by(SIZE).len().sort(SIZE)
    return dict(zip(counts[SIZE].to_list(), counts["len"].to_list(), strict=True))


@dataclass(frozen=True)
class KAnonymity:
    """Re-identification figures of one table under one set of quasi-identifiers.

    ``prosecutor_highest`` is 1 / smallest class (the chance of picking out the
    most exposed record); ``prosecutor_average`` is classes / records (the mean
    of 1 / class size over records).
    """

    records: int
    classes: int
    k: int  # smallest class size; 0 for an empty table
    histogram: dict[int, int]
    target_k: int | None = None
    records_at_risk: int = 0  # records in classes smaller than target_k
    classes_at_risk: int = 0

    @property
    def prosecutor_highest(self) -> float:
        return 1.0 / self.k if self.k else 0.0

    @property
    def prosecutor_average(self) -> float:
        return self.classes / self.records if self.records else 0.0

    @property
    def passed(self) -> bool:
        return self.records_at_risk == 0

    def as_dict(self) -> dict[str, object]:
        """JSON-safe figures (histogram as a list of {size, classes}); no data values."""
        return {
            "records": self.records,
            "classes": self.classes,
            "smallest_class": self.k,
            "k_target": self.target_k,
            "class_size_histogram": [{"size": s, "classes": c} for s, c in self.histogram.items()],
            "records_at_risk": self.records_at_risk,
            "classes_at_risk": self.classes_at_risk,
            "prosecutor_risk_highest": round(self.prosecutor_highest, 6),
            "prosecutor_risk_average": round(self.prosecutor_average, 6),
        }


def k_anonymity(frame: pl.DataFrame, qi: Sequence[str], k: int | None = None) -> KAnonymity:
    """k (the smallest class), the size histogram and, given a target `k`, the records at risk."""
    histogram = size_histogram(_sizes(class_key(frame, qi)))
    at_risk = {s: c for s, c in histogram.items() if k is not None and s < k}
    return KAnonymity(
        records=sum(s * c for s, c in histogram.items()),
        classes=sum(histogram.values()),
        k=min(histogram, default=0),
        histogram=histogram,
        target_k=k,
        records_at_risk=sum(s * c for s, c in at_risk.items()),
        classes_at_risk=sum(at_risk.values()),
    )


def describe_shortfall(histogram: dict[int, int], below: float, *, unit: str = "size") -> str:
    """'3 classes of size 1, 2 of size 2': the classes under `below`, by size and count only."""
    parts = [
        f"{count} {'class' if count == 1 else 'classes'} of {unit} {size}"
        if i == 0
        else f"{count} of {unit} {size}"
        for i, (size, count) in enumerate((s, c) for s, c in sorted(histogram.items()) if s < below)
    ]
    return ", ".join(parts) if parts else "none"


@dataclass(frozen=True)
class SuppressionPlan:
    """Rows to drop so every remaining class reaches the target; `keep` is a row mask."""

    keep: pl.Series
    rows: int
    share: float


def suppression_plan(frame: pl.DataFrame, qi: Sequence[str], k: int) -> SuppressionPlan:
    """Drop the records of every class smaller than `k` (the minimal suppression for k)."""
    keep = class_key(frame, qi).to_frame().select(pl.len().over(_CLASS) >= k)
    return _plan(
        keep.to_series() if frame.height else pl.Series([], dtype=pl.Boolean), frame.height
    )


def _plan(keep: pl.Series, height: int) -> SuppressionPlan:
    rows = height - int(keep.sum())
    return SuppressionPlan(
        keep=keep.alias("keep"), rows=rows, share=rows / height if height else 0.0
    )


def class_diversity(
    frame: pl.DataFrame,
    qi: Sequence[str],
    sensitive: str,
    *,
    keyed: tuple[pl.Series, int] | None = None,
) -> pl.DataFrame:
    """Per class (its `class_key`): SIZE, `distinct` values and `entropy` (ln) of `sensitive`.

    One sort of (class key, sensitive code) gives the count of every pair; the
    pairs of one class are adjacent, so per-class sums are `reduceat` over runs.
    """
    key, span = _class_key(frame, qi) if keyed is None else keyed
    codes, cardinality = _codes(frame[sensitive])
    pair_key, _ = _extend(key, span, codes, cardinality)
    pairs, counts = _runs(pair_key)
    if not len(pairs):
        return pl.DataFrame(
            schema={_CLASS: pl.Int64, SIZE: pl.UInt32, "distinct": pl.UInt32, "entropy": pl.Float64}
        )
    owner = pairs // cardinality
    starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    size = np.add.reduceat(counts, starts).astype(np.float64)
    clogc = np.add.reduceat(counts * np.log(counts), starts)
    return pl.DataFrame(
        {
            _CLASS: owner[starts],
            SIZE: size.astype(np.uint32),
            "distinct": np.diff(np.append(starts, len(owner))).astype(np.uint32),
            "entropy": np.clip(np.log(size) - clogc / size, 0.0, None),
        }
    )


@dataclass(frozen=True)
class Diversity:
    """l of each sensitive column (the least diverse class) and the classes below a target l."""

    kind: str  # "distinct" | "entropy"
    l: float  # noqa: E741  min over sensitive columns and classes (entropy-l = exp(entropy))
    per_column: dict[str, float]
    target_l: float | None
    classes_below: int
    records_below: int
    #: both measures per column, whichever `kind` the target applies to
    distinct_per_column: dict[str, int] = field(default_factory=dict)
    entropy_per_column: dict[str, float] = field(default_factory=dict)
    _key: pl.Series = field(default=None, repr=False)
    _short: pl.Series = field(default=None, repr=False)  # class keys below the target

    @property
    def keep(self) -> pl.Series:
        """Row mask: the rows of classes that reach the target in every sensitive column."""
        if not self._short.len():
            return pl.Series("keep", [True] * self._key.len(), dtype=pl.Boolean)
        return (~self._key.is_in(self._short.implode())).alias("keep")

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "l": round(self.l, 6),
            "l_target": self.target_l,
            "l_per_column": {c: round(v, 6) for c, v in self.per_column.items()},
            "classes_below_l": self.classes_below,
            "records_below_l": self.records_below,
        }


def l_diversity(
    frame: pl.DataFrame,
    qi: Sequence[str],
    sensitive: Sequence[str],
    *,
    kind: str = "distinct",
    l: float | None = None,  # noqa: E741  (the standard name)
) -> Diversity:
    """Distinct or entropy l-diversity of every sensitive column within each class.

    Entropy l of a class is exp(-sum p ln p): a class is entropy-l-diverse when
    its sensitive values are at least as spread out as l equally frequent ones.
    A tolerance of 1e-9 absorbs rounding (two equal halves give exactly l = 2).
    """
    keyed = _class_key(frame, qi)
    per_column: dict[str, float] = {}
    distinct_l: dict[str, int] = {}
    entropy_l: dict[str, float] = {}
    short = np.zeros(0, dtype=bool)
    for column in sensitive:
        scored = class_diversity(frame, qi, column, keyed=keyed)
        distinct = scored["distinct"].to_numpy().astype(np.float64)
        entropy = np.exp(scored["entropy"].to_numpy())
        distinct_l[column] = int(distinct.min()) if len(distinct) else 0
        entropy_l[column] = float(entropy.min()) if len(entropy) else 0.0
        values = distinct if kind == "distinct" else entropy
        per_column[column] = float(values.min()) if len(values) else 0.0
        if l is not None:  # every column lists the same classes in the same (key) order
            below = values < l - 1e-9
            short = below if not short.size else short | below
    if not short.any():
        short_keys, records = pl.Series(_CLASS, [], dtype=pl.Int64), 0
    else:
        short_keys = pl.Series(_CLASS, scored[_CLASS].to_numpy()[short])
        records = int(scored[SIZE].to_numpy()[short].sum())
    return Diversity(
        kind=kind,
        l=min(per_column.values(), default=0.0),
        per_column=per_column,
        target_l=l,
        classes_below=short_keys.len(),
        records_below=records,
        distinct_per_column=distinct_l,
        entropy_per_column=entropy_l,
        _key=keyed[0],
        _short=short_keys,
    )


def t_closeness(
    frame: pl.DataFrame, qi: Sequence[str], sensitive: str, *, ordered: bool | None = None
) -> float:
    """Largest earth mover's distance between a class's and the table's distribution of `sensitive`.

    Categorical columns use the equal ground distance (EMD = half the L1
    distance); numeric and temporal columns (or ``ordered=True``) the ordered
    distance over the m distinct values, sum_i |sum_{j<=i} (p_j - q_j)| / (m - 1)
    (Li, Li and Venkatasubramanian 2007). Nulls count as one value, ordered first.
    """
    if frame.height == 0:
        return 0.0
    dtype = frame.schema[sensitive]
    if ordered is None:
        ordered = dtype.is_numeric() or dtype.is_temporal()
    values = (
        frame.group_by(sensitive)
        .len()
        .sort(sensitive, nulls_last=False)
        .with_row_index("_idx")
        .with_columns((pl.col("len") / frame.height).alias("_q"))
    )
    key = class_key(frame, qi)
    cells = (
        pl.DataFrame([key, frame[sensitive]])
        .group_by(_CLASS, sensitive)
        .len()
        .join(values.select(sensitive, "_idx", "_q"), on=sensitive, nulls_equal=True)
        .join(_sizes(key), on=_CLASS)
    )
    cells = cells.with_columns((pl.col("len") / pl.col(SIZE)).alias("_p")).sort(_CLASS, "_idx")
    if not ordered:
        per_class = cells.group_by(_CLASS).agg(
            (0.5 * ((pl.col("_p") - pl.col("_q")).abs().sum() + 1.0 - pl.col("_q").sum())).alias(
                "d"
            )
        )
        return float(per_class["d"].max())
    return _ordered_emd(cells, values["_q"].to_numpy())


def _ordered_emd(cells: pl.DataFrame, q: np.ndarray) -> float:
    """Ordered EMD per class in O(cells log m), without a classes x values grid.

    Between two values present in a class its cumulative share P is constant
    while the table's cumulative share Q rises, so sum |P - Q_i| over such a
    run splits where Q crosses P (found by binary search on Q).
    """
    m = len(q)
    if m < 2:
        return 0.0
    big_q = np.cumsum(q)
    prefix = np.concatenate([[0.0], np.cumsum(big_q)])  # prefix[i] = sum of Q_0..Q_{i-1}
    cid = cells[_CLASS].to_numpy()
    idx = cells["_idx"].to_numpy().astype(np.int64)
    big_p = cells.select(pl.col("_p").cum_sum().over(_CLASS))["_p"].to_numpy()
    last = np.append(cid[1:] != cid[:-1], True)
    first = np.insert(cid[1:] != cid[:-1], 0, True)
    start, end = idx, np.where(last, m, np.roll(idx, -1))
    cross = np.clip(np.searchsorted(big_q, big_p, side="left"), start, end)
    run = (
        big_p * (cross - start)
        - (prefix[cross] - prefix[start])
        + (prefix[end] - prefix[cross])
        - big_p * (end - cross)
    )
    lead = np.where(first, prefix[idx], 0.0)  # before the class's first value P = 0
    totals = np.bincount(np.cumsum(first) - 1, weights=run + lead)
    return float(totals.max() / (m - 1)) if math.isfinite(totals.max()) else 0.0
