"""`noise`: add bounded, seeded random noise to numeric columns.

Each value moves by at most `max_abs` (or `max_relative` x |value|), drawn
uniformly; integer columns get whole-number noise and stay integers. The draw
for a row is deterministic, so reruns give identical output:

- with `by` (a row key column such as a record id), from SHA-256 of the seed,
  the column name and the key value: a row gets the same noise wherever it
  sits in the file, and rows sharing a key value share their noise; rows whose
  key is null get a null value (counted in the report);
- without `by`, from NumPy's PCG64 generator seeded with the seed and the
  column name (its raw 64-bit stream, stable across NumPy versions), in row
  order at this step: reordering rows changes the noise.

The seed is the step's `seed` or the recipe's. Anyone holding the recipe can
recompute seeded noise and subtract it; `keyed: true` mixes in the secret key
(HMAC) so only the key holder can.
"""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import polars as pl
from pydantic import Field, model_validator

from veil.dtypes import type_label
from veil.privacy.keyed import map_distinct, subkey
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

_UNIT = "__veil_noise_unit__"


class NoiseParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Numeric columns to perturb.")
    max_abs: float | None = Field(None, gt=0, description="Largest change, in the column's units.")
    max_relative: float | None = Field(
        None, gt=0, le=1, description="Largest change as a share of the value, e.g. 0.1 for 10%.")
    by: str | None = Field(
        None, description="Row key column the noise is derived from; default: the row position.")
    seed: int | None = Field(None, ge=0, description="Seed; default: the recipe's `seed`.")
    keyed: bool = Field(False, description="Mix the secret key into the noise (needs the key).")
    decimals: int | None = Field(
        None, ge=0, le=12, description="Round float results to this many decimals.")

    @model_validator(mode="after")
    def _one_bound(self):
        if (self.max_abs is None) == (self.max_relative is None):
            msg = ("give exactly one of `max_abs` or `max_relative`, e.g. "
                   "`noise: {columns: [income], max_relative: 0.05}`")
            raise ValueError(msg)
        return self


def _material(seed: int, column: str, key: bytes | None) -> bytes:
    base = f"veil/noise/v1/{seed}/{column}".encode()
    return hmac.new(subkey(key, "noise"), base, hashlib.sha256).digest() if key else \
        hashlib.sha256(base).digest()


def unit_draws(n: int, *, seed: int, column: str, key: bytes | None) -> pl.Series:
    """`n` uniform draws in [0, 1) in row order, from PCG64 seeded by seed, column (and key)."""
    state = int.from_bytes(_material(seed, column, key), "big")
    # The raw PCG64 stream is stable across NumPy versions (Generator methods need not be);
    # its top 53 bits make a double in [0, 1).
    raw = np.random.PCG64(state).random_raw(n)
    return pl.Series(_UNIT, (raw >> np.uint64(11)).astype(np.float64) * 2.0**-53)


def keyed_draws(values: pl.Series, *, seed: int, column: str, key: bytes | None) -> pl.Series:
    """One uniform draw in [0, 1) per distinct row key (nulls stay null)."""
    material = _material(seed, column, key)

    def draw(value: str) -> float:
        digest = hmac.new(material, value.encode("utf-8"), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big") / 2.0**64

    return map_distinct(values, draw, return_dtype=pl.Float64).alias(_UNIT)


@register_step("noise")
class Noise(Step):
    """Perturb numbers by a bounded, reproducible uniform amount."""

    Params = NoiseParams
    shorthand = "columns"
    global_pass = True

    def columns_used(self) -> set[str]:
        return set(self.params.columns) | ({self.params.by} if self.params.by else set())

    def prepare(self, ctx) -> None:
        if self.params.keyed:
            ctx.require_key(self.label)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column in self.params.columns:
            if not schema[column].is_numeric():
                msg = (f"column `{column}` is {type_label(schema[column])}; `noise` takes numeric "
                       f"columns (add a `cast` step to int or float first).")
                raise self.fail(msg)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p, frame = self.params, lf.collect()
        seed = p.seed if p.seed is not None else ctx.seed
        key = ctx.require_key(self.label) if p.keyed else None
        counts = {}
        for column in p.columns:
            if p.by is None:
                unit = unit_draws(frame.height, seed=seed, column=column, key=key)
            else:
                unit = keyed_draws(frame.get_column(p.by), seed=seed, column=column, key=key)
            perturbed = self._perturb(column, frame.schema[column])
            frame = frame.with_columns(unit).with_columns(perturbed)
            counts[column] = {"perturbed": int(frame.get_column(column).is_not_null().sum()),
                              "nulled_no_key": int((frame.get_column(_UNIT).is_null()).sum())
                              if p.by else 0}
            frame = frame.drop(_UNIT)
        ctx.report.step_record(self).details.update(
            {"columns": counts, "derived_from": f"column {p.by}" if p.by else "row position",
             "keyed": p.keyed})
        return frame.lazy()

    def _perturb(self, column: str, dtype: pl.DataType) -> pl.Expr:
        p, value, unit = self.params, pl.col(column), pl.col(_UNIT)
        if p.max_abs is not None:
            bound = pl.lit(p.max_abs)
        else:
            bound = value.cast(pl.Float64).abs() * p.max_relative
        if dtype.is_integer():
            whole = bound.floor()
            change = (unit * (2 * whole + 1)).floor() - whole  # uniform over -whole..whole
            # Stay inside the column's type (a UInt8 0 cannot go to -1); rare, and only at the ends.
            bits = {pl.Int8: 8, pl.Int16: 16, pl.Int32: 32, pl.UInt8: 8, pl.UInt16: 16,
                    pl.UInt32: 32}.get(type(dtype), 64)
            if dtype.is_unsigned_integer():
                low, high = 0, min(2**bits - 1, 2**63 - 1)
            else:
                low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
            out = (value.cast(pl.Int64) + change.cast(pl.Int64)).clip(low, high).cast(dtype)
        else:
            out = value.cast(pl.Float64) + (2 * unit - 1) * bound
            out = (out.round(p.decimals) if p.decimals is not None else out).cast(dtype)
        return pl.when(unit.is_null()).then(None).otherwise(out).alias(column)

    def describe(self) -> str:
        p = self.params
        size = (f"at most {p.max_abs:g}" if p.max_abs is not None
                else f"at most {p.max_relative:.0%}")
        return (f"add seeded uniform noise of {size} to {', '.join(p.columns)}, derived from "
                f"{'column ' + p.by if p.by else 'the row position'}")
