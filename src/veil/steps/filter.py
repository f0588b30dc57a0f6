"""`filter`: keep the rows for which a Polars SQL expression is true."""

from __future__ import annotations

from typing import Annotated

import polars as pl
from pydantic import AfterValidator, Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step
from veil.steps.sql_expr import parse_sql_expr, refuse_file_functions


class FilterParams(StepParams):
    where: Annotated[str, AfterValidator(refuse_file_functions)] = Field(
        min_length=1,
        description="A SQL boolean expression, e.g. `visit_date >= '2020-01-01' AND age < 90`. "
        "Parsed by Polars' SQL parser, never evaluated as Python.",
    )


@register_step("filter")
class Filter(Step):
    """Keep rows where the expression holds; rows where it is null are dropped."""

    Params = FilterParams
    shorthand = "where"

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.filter(parse_sql_expr(self, self.params.where))

    def describe(self) -> str:
        return f"keep only rows where {self.params.where}"
