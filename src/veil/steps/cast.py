"""`cast`: change column types."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field

from veil.io.numbers import NumberFormat
from veil.io.readers import TYPE_NAMES, convert
from veil.recipe.schema import NumberForm
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

TypeName = Literal["string", "int", "float", "bool", "date", "datetime"]


class CastParams(StepParams, NumberForm):
    columns: dict[str, TypeName] = Field(
        min_length=1, description="Column -> type (string, int, float, bool, date, datetime)."
    )
    strict: bool = Field(
        True,
        description="Fail the run when a value cannot be converted; `false` turns such values "
        "into nulls instead.",
    )


@register_step("cast")
class Cast(Step):
    """Convert columns to another type; text dates use ISO 8601 (YYYY-MM-DD)."""

    Params = CastParams
    shorthand = "columns"

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p, schema = self.params, lf.collect_schema()
        numbers = NumberFormat.of(decimal_comma=p.decimal_comma, thousands=p.thousands)
        return lf.with_columns(
            convert(pl.col(column), schema[column], TYPE_NAMES[name], strict=p.strict,
                    numbers=numbers).alias(column)
            for column, name in p.columns.items()
        )

    def describe(self) -> str:
        return "convert " + ", ".join(f"{c} to {t}" for c, t in self.params.columns.items())
