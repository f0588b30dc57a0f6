"""Generalisation hierarchies for the lattice search: level i of a column as a Polars expression.

A hierarchy lists coarser and coarser versions of one quasi-identifier.
Level 0 is always the column as it is; each listed setting adds one level:

    age:   {bins: [[0, 18, 30, 45, 65, 90], [0, 45, 90], [0, 90]]}  # "[18, 30)", "90+"
    age:   {width: [5, 10, 20], top_code: 90}                       # "[30, 35)", "90+"
    zip:   {keep_digits: [4, 3, 2, 0]}                               # "0213*" ... "*"
    visit: {truncate: [month, quarter, year]}
    dx:    {hierarchy: dx_levels.csv}   # CSV: value, level1, level2, ...

These mirror the vocabulary of the `generalize` step. Every level is a pure
expression (no Python per row) so the chosen node is applied lazily.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from veil.errors import RecipeError

__all__ = ["Hierarchy", "hierarchy_from_spec", "bins_level", "keep_digits_level",
           "truncate_level", "mapping_level", "SUPPRESSED"]

#: What the coarsest level of a digit or mapping hierarchy shows.
SUPPRESSED = "*"

Level = Callable[[pl.Expr], pl.Expr]


@dataclass(frozen=True)
class Hierarchy:
    """Levels 0..height of one quasi-identifier; `level(i)` is the column at level i."""

    column: str
    levels: tuple[Level, ...]
    names: tuple[str, ...] = ()  # how each level reads in the report, e.g. "keep_digits=3"

    @property
    def height(self) -> int:
        return len(self.levels)

    def level(self, i: int) -> pl.Expr:
        source = pl.col(self.column)
        return source if i == 0 else self.levels[i - 1](source).alias(self.column)

    def level_name(self, i: int) -> str:
        return "original" if i == 0 else (self.names[i - 1] if self.names else f"level {i}")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def bins_level(edges: Sequence[float], top_code: float | None = None) -> Level:
    """Numeric bins [lo, hi) labelled "[18, 30)"; below the first edge "<0"; from the last "90+"."""
    cuts = sorted(set(edges) | ({top_code} if top_code is not None else set()))
    if top_code is not None:
        cuts = [c for c in cuts if c <= top_code]
    labels = [f"<{_fmt(cuts[0])}"]
    labels += [f"[{_fmt(lo)}, {_fmt(hi)})" for lo, hi in zip(cuts, cuts[1:], strict=False)]
    labels.append(f"{_fmt(cuts[-1])}+")

    def level(col: pl.Expr) -> pl.Expr:
        return col.bin_intervals(cuts, labels=labels).cast(pl.String)

    return level


def keep_digits_level(n: int) -> Level:
    """Keep the first n characters and star the rest ("02134" -> "021**"); n = 0 gives "*"."""
    if n == 0:
        # tied to the column so it keeps its length in a select, not only in with_columns
        return lambda col: pl.when(col.is_null()).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(SUPPRESSED))

    def level(col: pl.Expr) -> pl.Expr:
        text = col.cast(pl.String)
        return text.str.slice(0, n) + pl.lit("*").repeat_by(
            (text.str.len_chars() - n).clip(lower_bound=0)).list.join("")

    return level


_UNITS = {"day": "1d", "month": "1mo", "quarter": "1q", "year": "1y"}


def truncate_level(unit: str) -> Level:
    """Dates truncated to the first day of their month, quarter or year."""
    every = _UNITS[unit]
    return lambda col: col.dt.truncate(every)


def mapping_level(mapping: dict[str, str]) -> Level:
    """Categories through a mapping; a value the mapping lacks becomes "*" (fail safe)."""
    return lambda col: col.cast(pl.String).replace_strict(
        mapping, default=pl.lit(SUPPRESSED), return_dtype=pl.String)


def _csv_levels(path: Path, column: str) -> tuple[list[Level], list[str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.reader(handle) if row]
    except OSError as exc:
        msg = f"hierarchy file `{path}` for `{column}` cannot be read ({exc.strerror})."
        raise RecipeError(msg) from exc
    width = len(rows[0]) if rows else 0
    if width < 2 or any(len(row) != width for row in rows):
        msg = (f"hierarchy file `{path}` for `{column}` must have the same number (at least 2) "
               f"of columns on every line: value, level1, level2, ...")
        raise RecipeError(msg)
    levels = [mapping_level({row[0]: row[i] for row in rows}) for i in range(1, width)]
    return levels, [f"{path.name} column {i}" for i in range(1, width)]


def hierarchy_from_spec(column: str, spec: dict, *, base: Path | None = None) -> Hierarchy:
    """Build a hierarchy from its recipe form (see the module docstring)."""
    if "bins" in spec:
        top = spec.get("top_code")
        levels = [bins_level(edges, top) for edges in spec["bins"]]
        names = ["bins=[" + ", ".join(map(_fmt, edges)) + "]" for edges in spec["bins"]]
    elif "width" in spec:
        top = spec.get("top_code")
        if top is None:
            msg = f"hierarchy for `{column}`: `width` needs `top_code` (e.g. width: [5, 10], top_code: 90)."
            raise RecipeError(msg)
        bottom = spec.get("bottom_code", 0)
        levels = [bins_level([bottom + i * w for i in range(int((top - bottom) // w) + 1)], top)
                  for w in spec["width"]]
        names = [f"width={_fmt(w)}" for w in spec["width"]]
    elif "keep_digits" in spec:
        levels = [keep_digits_level(int(n)) for n in spec["keep_digits"]]
        names = [f"keep_digits={n}" for n in spec["keep_digits"]]
    elif "truncate" in spec:
        levels = [truncate_level(unit) for unit in spec["truncate"]]
        names = [f"truncate={unit}" for unit in spec["truncate"]]
    elif "hierarchy" in spec:
        path = Path(spec["hierarchy"])
        levels, names = _csv_levels(path if path.is_absolute() or base is None else base / path, column)
    else:
        msg = f"hierarchy for `{column}` needs one of: bins, width, keep_digits, truncate, hierarchy."
        raise RecipeError(msg)
    return Hierarchy(column=column, levels=tuple(levels), names=tuple(names))
