"""`derive`: add or replace columns computed from SQL expressions."""

from __future__ import annotations

from typing import Annotated

import polars as pl
from pydantic import AfterValidator, Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step
from veil.steps.sql_expr import parse_sql_expr, refuse_file_functions


class DeriveParams(StepParams):
    columns: dict[str, Annotated[str, AfterValidator(refuse_file_functions)]] = Field(
        min_length=1,
        description="New or replaced column -> SQL expression, e.g. "
        "`{stay_days: \"discharge_date - visit_date\"}`. All are computed from the incoming frame.",
    )


@register_step("derive")
class Derive(Step):
    """Compute columns with SQL expressions, side by side (not one after another)."""

    Params = DeriveParams
    shorthand = "columns"

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.with_columns(
            parse_sql_expr(self, text).alias(name) for name, text in self.params.columns.items()
        )

    def describe(self) -> str:
        return "compute " + "; ".join(f"{n} = {e}" for n, e in self.params.columns.items())
