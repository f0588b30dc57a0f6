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
from dataclasses import dataclass

import numpy as np
import polars as pl

__all__ = [
    "SIZE",
    "equivalence_classes",
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
        return pl.DataFrame({SIZE: [frame.height]} if frame.height else {SIZE: []},
                            schema={SIZE: pl.UInt32})
    return frame.group_by(list(qi)).agg(pl.len().alias(SIZE))


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
    histogram = size_histogram(equivalence_classes(frame, qi))
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
    parts = [f"{count} {'class' if count == 1 else 'classes'} of {unit} {size}" if i == 0
             else f"{count} of {unit} {size}"
             for i, (size, count) in enumerate((s, c) for s, c in sorted(histogram.items())
                                               if s < below)]
    return ", ".join(parts) if parts else "none"


@dataclass(frozen=True)
class SuppressionPlan:
    """Rows to drop so every remaining class reaches the target; `keep` is a row mask."""

    keep: pl.Series
    rows: int
    share: float


def _class_flag(frame: pl.DataFrame, qi: Sequence[str], flagged: pl.DataFrame) -> pl.Series:
    """Per row: does its class appear in `flagged` (QI columns + any flag)? Nulls match nulls."""
    if not qi:
        return pl.Series("flag", [flagged.height > 0] * frame.height)
    marks = flagged.select(list(qi)).with_columns(pl.lit(True).alias("__flag__"))
    joined = frame.select(list(qi)).join(marks, on=list(qi), how="left", nulls_equal=True,
                                         maintain_order="left")
    return joined["__flag__"].fill_null(False)


def suppression_plan(frame: pl.DataFrame, qi: Sequence[str], k: int) -> SuppressionPlan:
    """Drop the records of every class smaller than `k` (the minimal suppression for k)."""
    if qi:
        small = pl.len().over(list(qi)) < k
        drop = frame.select(small.alias("drop"))["drop"] if frame.height else pl.Series([], dtype=pl.Boolean)
    else:
        drop = pl.Series("drop", [frame.height < k] * frame.height, dtype=pl.Boolean)
    return _plan(~drop, frame.height)


def _plan(keep: pl.Series, height: int) -> SuppressionPlan:
    rows = height - int(keep.sum())
    return SuppressionPlan(keep=keep.alias("keep"), rows=rows, share=rows / height if height else 0.0)


def class_diversity(frame: pl.DataFrame, qi: Sequence[str], sensitive: str) -> pl.DataFrame:
    """Per class: QI columns, SIZE, `distinct` values and `entropy` (natural log) of `sensitive`."""
    keys = list(qi)
    counts = frame.group_by([*keys, sensitive]).len() if keys else frame.group_by(sensitive).len()
    cnt = pl.col("len").cast(pl.Float64)
    aggs = [pl.len().alias("distinct"), cnt.sum().alias(SIZE), (cnt * cnt.log()).sum().alias("_clogc")]
    per_class = counts.group_by(keys).agg(aggs) if keys else counts.select(aggs)
    return per_class.with_columns(
        (pl.col(SIZE).log() - pl.col("_clogc") / pl.col(SIZE)).clip(lower_bound=0.0).alias("entropy"),
        pl.col(SIZE).cast(pl.UInt32),
    ).drop("_clogc")


@dataclass(frozen=True)
class Diversity:
    """l of each sensitive column (the least diverse class) and the classes below a target l."""

    kind: str  # "distinct" | "entropy"
    l: float  # min over sensitive columns and classes (entropy-l = exp(entropy))
    per_column: dict[str, float]
    target_l: float | None
    classes_below: int
    records_below: int
    keep: pl.Series  # row mask: rows of classes that reach the target in every column

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "l": round(self.l, 6), "l_target": self.target_l,
                "l_per_column": {c: round(v, 6) for c, v in self.per_column.items()},
                "classes_below_l": self.classes_below, "records_below_l": self.records_below}


def l_diversity(frame: pl.DataFrame, qi: Sequence[str], sensitive: Sequence[str], *,
                kind: str = "distinct", l: float | None = None) -> Diversity:
    """Distinct or entropy l-diversity of every sensitive column within each class.

    Entropy l of a class is exp(-sum p ln p): a class is entropy-l-diverse when
    its sensitive values are at least as spread out as l equally frequent ones.
    A tolerance of 1e-9 absorbs rounding (two equal halves give exactly l = 2).
    """
    metric = pl.col("distinct").cast(pl.Float64) if kind == "distinct" else pl.col("entropy").exp()
    per_column: dict[str, float] = {}
    below: pl.DataFrame | None = None
    for column in sensitive:
        scored = class_diversity(frame, qi, column).with_columns(metric.alias("l"))
        per_column[column] = float(scored["l"].min()) if scored.height else 0.0
        if l is not None:
            short = scored.filter(pl.col("l") < l - 1e-9).select([*qi, SIZE])
            below = short if below is None else pl.concat([below, short]).unique(list(qi) or None)
    if below is None or below.is_empty():
        keep = pl.Series("keep", [True] * frame.height, dtype=pl.Boolean)
    else:
        keep = ~_class_flag(frame, qi, below)
    return Diversity(
        kind=kind, l=min(per_column.values(), default=0.0), per_column=per_column, target_l=l,
        classes_below=0 if below is None else below.height,
        records_below=frame.height - int(keep.sum()), keep=keep.alias("keep"),
    )


def t_closeness(frame: pl.DataFrame, qi: Sequence[str], sensitive: str, *,
                ordered: bool | None = None) -> float:
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
    values = (frame.group_by(sensitive).len().sort(sensitive, nulls_last=False)
              .with_row_index("_idx").with_columns((pl.col("len") / frame.height).alias("_q")))
    keys = list(qi)
    classes = equivalence_classes(frame, keys).with_row_index(_CLASS)
    cells = (frame.group_by([*keys, sensitive]).len()
             .join(values.select(sensitive, "_idx", "_q"), on=sensitive, nulls_equal=True)
             .join(classes, on=keys, nulls_equal=True) if keys else
             frame.group_by(sensitive).len().join(values.select(sensitive, "_idx", "_q"),
                                                  on=sensitive, nulls_equal=True)
             .with_columns(pl.lit(0, pl.UInt32).alias(_CLASS), pl.lit(frame.height).alias(SIZE)))
    cells = cells.with_columns((pl.col("len") / pl.col(SIZE)).alias("_p")).sort(_CLASS, "_idx")
    if not ordered:
        per_class = cells.group_by(_CLASS).agg(
            (0.5 * ((pl.col("_p") - pl.col("_q")).abs().sum() + 1.0 - pl.col("_q").sum())).alias("d"))
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
    run = (big_p * (cross - start) - (prefix[cross] - prefix[start])
           + (prefix[end] - prefix[cross]) - big_p * (end - cross))
    lead = np.where(first, prefix[idx], 0.0)  # before the class's first value P = 0
    totals = np.bincount(np.cumsum(first) - 1, weights=run + lead)
    return float(totals.max() / (m - 1)) if math.isfinite(totals.max()) else 0.0
