"""`suppress`: null the values of some columns on the rows where a SQL condition holds."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step
from veil.steps.sql_expr import parse_sql_expr


class SuppressParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Columns whose values are set to null.")
    where: str = Field(
        min_length=1,
        description="A SQL boolean expression, e.g. `age >= 90` or `zip LIKE '036%'`, parsed by "
        "Polars' SQL parser (never Python). Rows where it is null are left alone, as in SQL WHERE.",
    )


@register_step("suppress")
class Suppress(Step):
    """Set the listed columns to null where the condition is true; other rows are unchanged."""

    Params = SuppressParams
    global_pass = True  # exact counts of suppressed values

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        condition = parse_sql_expr(self, self.params.where).fill_null(False)
        frame = lf.with_columns(condition.alias("__veil_suppress__")).collect()
        hit = pl.col("__veil_suppress__")
        counts = frame.select(
            (hit & pl.col(c).is_not_null()).sum().alias(c) for c in self.params.columns
        ).row(0, named=True)
        ctx.report.step_record(self).details.update(
            {"rows_matching": int(frame.get_column("__veil_suppress__").sum()),
             "values_suppressed": counts})
        return frame.lazy().with_columns(
            pl.when(hit).then(None).otherwise(pl.col(c)).alias(c) for c in self.params.columns
        ).drop("__veil_suppress__")

    def describe(self) -> str:
        return f"blank out {', '.join(self.params.columns)} where {self.params.where}"
