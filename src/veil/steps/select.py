"""`select`: keep only the listed columns, in that order."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.recipe.schema import ColumnList
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class SelectParams(StepParams):
    columns: ColumnList = Field(min_length=1, description="Columns to keep, in output order.")


@register_step("select")
class Select(Step):
    """Keep the listed columns; an allow-list is the safest way to ship a table."""

    Params = SelectParams
    shorthand = "columns"

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.select(self.params.columns)

    def describe(self) -> str:
        return f"keep only columns {', '.join(self.params.columns)}; every other column is dropped"
