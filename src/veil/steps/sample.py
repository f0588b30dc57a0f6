"""`sample`: a seeded random subset of rows, by fraction or count."""

from __future__ import annotations

import polars as pl
from pydantic import Field, model_validator

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class SampleParams(StepParams):
    fraction: float | None = Field(None, gt=0, le=1, description="Share of rows to keep (0-1].")
    n: int | None = Field(
        None, ge=0, description="Number of rows to keep (all if fewer, which the report warns of).")
    seed: int | None = Field(None, ge=0, description="Random seed; default: the recipe's `seed`.")

    @model_validator(mode="after")
    def _one_of(self):
        if (self.fraction is None) == (self.n is None):
            msg = "give exactly one of `fraction` or `n`, e.g. `sample: {fraction: 0.1}`"
            raise ValueError(msg)
        return self


@register_step("sample")
class Sample(Step):
    """Keep a reproducible random subset; rows stay in input order."""

    Params = SampleParams
    global_pass = True

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        frame = lf.collect()
        seed = self.params.seed if self.params.seed is not None else ctx.seed
        # Sample row positions, then take them in input order: Polars does not promise
        # that `shuffle=False` keeps the order, and the output must not depend on it.
        positions = pl.int_range(0, frame.height, dtype=pl.UInt32, eager=True)
        if self.params.n is not None:
            picked = positions.sample(n=min(self.params.n, frame.height), seed=seed)
            if self.params.n > frame.height:  # a recipe written for a larger extract
                ctx.report.warnings.append(
                    f"{self.label}: {self.params.n:,} rows asked for, but the table had "
                    f"{frame.height:,} at this step: all were kept, none left out.")
        else:
            picked = positions.sample(fraction=self.params.fraction, seed=seed)
        return frame[picked.sort()].lazy()

    def describe(self) -> str:
        how = f"{self.params.n} rows" if self.params.n is not None else f"{self.params.fraction:.0%} of rows"
        return f"keep a seeded random sample of {how}"
