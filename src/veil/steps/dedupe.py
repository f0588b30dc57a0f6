"""`dedupe`: remove duplicate rows, optionally judged on a subset of columns."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field

from veil.recipe.schema import ColumnList
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class DedupeParams(StepParams):
    columns: ColumnList | None = Field(
        None, description="Columns that define a duplicate; default: all columns."
    )
    keep: Literal["first", "last"] = Field("first", description="Which of the duplicates to keep.")


@register_step("dedupe")
class Dedupe(Step):
    """Drop repeated rows, keeping the first (or last) one in input order."""

    Params = DedupeParams
    shorthand = "columns"
    global_pass = True  # exact row counts in the report; order kept for reproducible output

    def columns_used(self) -> set[str]:
        return set(self.params.columns or ())

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.unique(subset=self.params.columns, keep=self.params.keep, maintain_order=True)

    def describe(self) -> str:
        on = f" on {', '.join(self.params.columns)}" if self.params.columns else ""
        return f"remove duplicate rows{on}, keeping the {self.params.keep}"
