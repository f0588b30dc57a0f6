"""`cast`: change column types."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field

from veil.dtypes import number_as_date, text_advice, type_label
from veil.io.column_types import TYPE_NAMES, convert
from veil.io.numbers import NumberFormat
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
        description="Fail the run when a value cannot be converted (text that is not of the "
        "type, a number with a fraction to `int`, which is never truncated); `false` turns such "
        "values into nulls instead. Numbers are not cast to dates: use a `derive` with "
        "`STRPTIME`.",
    )


@register_step("cast")
class Cast(Step):
    """Convert columns to another type; text dates use ISO 8601 (YYYY-MM-DD)."""

    Params = CastParams
    shorthand = "columns"

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column in self.params.columns:
            dtype = schema[column]
            refused = number_as_date(column, dtype, self.params.columns[column])
            if refused is not None:
                raise self.fail(refused)
            if dtype.is_nested():  # Polars fails only when it computes, naming no step
                target = self.params.columns[column]
                advice = (text_advice(column, dtype) if target == "string" else
                          "take the values you need out of it with a `sql` step first")
                msg = (f"column `{column}` is {type_label(dtype)}: `cast` converts text, "
                       f"numbers, dates and booleans, not lists or objects. Instead, {advice}.")
                raise self.fail(msg)

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
