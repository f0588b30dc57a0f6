"""Re-identification risk of any table: the figures `veil risk` prints and runs record.

``assess`` works on a frame; ``assess_path`` opens a file (reading only the
named columns) and calls it. Nothing is written, and no data value appears
in the result: classes are described by their size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import polars as pl

from veil.errors import InputError, UsageError
from veil.listing import column_listing
from veil.privacy import kanon
from veil.recipe.suggest import suggestion_sentence

__all__ = ["RiskReport", "assess", "assess_path"]


@dataclass(frozen=True)
class RiskReport:
    """k-anonymity figures, and l-diversity / t-closeness per sensitive column when asked."""

    quasi_identifiers: list[str]
    k: kanon.KAnonymity
    sensitive: list[str] = field(default_factory=list)
    distinct_l: dict[str, int] = field(default_factory=dict)
    entropy_l: dict[str, float] = field(default_factory=dict)
    t_closeness: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        figures: dict[str, Any] = {"quasi_identifiers": self.quasi_identifiers, **self.k.as_dict()}
        if self.sensitive:
            figures["sensitive"] = {
                column: {
                    "distinct_l": self.distinct_l[column],
                    "entropy_l": round(self.entropy_l[column], 6),
                    "t_closeness": round(self.t_closeness[column], 6),
                }
                for column in self.sensitive
            }
        return figures


def _require(columns: Sequence[str], available: Sequence[str], option: str) -> None:
    for column in columns:
        if column not in available:
            shown, suggestable = column_listing(available)
            msg = (
                f"`{option}` names column `{column}`, which the input does not have."
                f"{suggestion_sentence(column, suggestable)} Columns: {shown}."
            )
            raise UsageError(msg)


def assess(
    frame: pl.DataFrame, qi: Sequence[str], sensitive: Sequence[str] = (), *, k: int | None = None
) -> RiskReport:
    """Equivalence classes of `qi` in `frame`, with l and t for each `sensitive` column."""
    if not qi:
        msg = "name at least one quasi-identifier, e.g. `--qi age,sex,zip`."
        raise UsageError(msg)
    _require(qi, frame.columns, "--qi")
    _require(sensitive, frame.columns, "--sensitive")
    diversity = kanon.l_diversity(frame, qi, sensitive)
    return RiskReport(
        quasi_identifiers=list(qi),
        k=kanon.k_anonymity(frame, qi, k),
        sensitive=list(sensitive),
        distinct_l=diversity.distinct_per_column,
        entropy_l=diversity.entropy_per_column,
        t_closeness={c: kanon.t_closeness(frame, qi, c) for c in sensitive},
    )


def assess_path(
    path: str | Path,
    qi: Sequence[str],
    sensitive: Sequence[str] = (),
    *,
    k: int | None = None,
    format: Literal["csv", "tsv", "parquet", "jsonl", "ipc"] | None = None,
    encoding: str = "utf-8",
) -> RiskReport:
    """`assess` on a file; only the named columns are read.

    Its group-bys can outgrow memory like a run's: Polars then spills to veil's folder
    (`VEIL_SPILL_DIR`, `VEIL_SPILL`), not its own.
    """
    from veil.io.readers import open_source
    from veil.io.spill import prepare_spill

    prepare_spill()
    source = open_source(path, format=format, encoding=encoding)
    available = source.lf.collect_schema().names()
    _require(qi, available, "--qi")
    _require(sensitive, available, "--sensitive")
    try:
        frame = source.lf.select(list(dict.fromkeys([*qi, *sensitive]))).collect()
    except pl.exceptions.PolarsError as exc:
        raise (
            source.diagnose(exc, reading=True)
            or InputError(f"input `{path}` cannot be read ({type(exc).__name__}).")
        ) from exc
    return assess(frame, qi, sensitive, k=k)
