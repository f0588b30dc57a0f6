"""`fill_null`: replace missing values with a constant per column."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class FillNullParams(StepParams):
    values: dict[str, str | int | float | bool] = Field(
        min_length=1, description="Column -> value to put where the column is null."
    )


@register_step("fill_null")
class FillNull(Step):
    """Fill nulls per column; the value is cast to the column's type."""

    Params = FillNullParams
    shorthand = "values"

    def columns_used(self) -> set[str]:
        return set(self.params.values)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        schema = lf.collect_schema()
        return lf.with_columns(
            pl.col(column).fill_null(pl.lit(value).cast(schema[column], strict=True))
            for column, value in self.params.values.items()
        )

    def describe(self) -> str:
        return "fill missing values in " + ", ".join(self.params.values)
