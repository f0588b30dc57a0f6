"""`fill_null`: replace missing values with a constant per column."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.dtypes import type_label
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

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column, value in self.params.values.items():
            try:
                _converted(value, schema[column])
            except pl.exceptions.PolarsError:
                msg = (f"the fill value for `{column}` cannot be converted to the column's type "
                       f"{type_label(schema[column])}. Give a value of that type, or `cast` the "
                       f"column first.")
                raise self.fail(msg) from None

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        schema = lf.collect_schema()
        return lf.with_columns(
            pl.col(c).fill_null(pl.lit(_converted(value, schema[c]), dtype=schema[c]))
            for c, value in self.params.values.items()
        )

    def describe(self) -> str:
        return "fill missing values in " + ", ".join(self.params.values)


def _converted(value: str | int | float | bool, dtype: pl.DataType) -> object:
    """`value` as a Python value of `dtype`; ISO text fills date and datetime columns."""
    series = pl.Series([value])
    if series.dtype == pl.String and dtype == pl.Date:
        series = series.str.to_date()
    elif series.dtype == pl.String and isinstance(dtype, pl.Datetime):
        series = series.str.to_datetime(time_unit=dtype.time_unit or "us")
    return series.cast(dtype, strict=True).item()
