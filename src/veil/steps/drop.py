"""`drop`: remove columns."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.recipe.schema import ColumnList
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class DropParams(StepParams):
    columns: ColumnList = Field(min_length=1, description="Columns to remove.")


@register_step("drop")
class Drop(Step):
    """Remove columns; fails if one is missing (a typo must not leak a column)."""

    Params = DropParams
    shorthand = "columns"

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.drop(self.params.columns)

    def describe(self) -> str:
        return f"remove columns {', '.join(self.params.columns)}"
