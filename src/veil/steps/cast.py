"""`cast`: change column types."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

import polars as pl
from pydantic import Field, field_validator, model_validator

from veil.dtypes import number_as_date, text_advice, type_label
from veil.io.column_types import TYPE_NAMES, convert
from veil.io.numbers import NumberFormat
from veil.recipe.schema import NumberForm
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

TypeName = Literal["string", "int", "float", "bool", "date", "datetime"]
#: The parts a date format must hold: a year, a month and a day, in strftime codes.
_DATE_PARTS = {"a year": r"%[YyG]", "a month": r"%[mbBh]", "a day": r"%-?[dej]"}
#: A date and time the format must write and read back, to prove Polars takes it.
_PROBE = datetime(2024, 1, 31, 14, 5, 9)


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
    date_format: str | None = Field(
        None,
        description="How the text of the columns cast to date or datetime writes them, in "
        "strftime codes: `%d/%m/%Y` for 31/01/2024, `%m/%d/%Y` for 01/31/2024, `%d.%m.%Y "
        "%H:%M` for 31.01.2024 14:05. Default: ISO 8601 (2024-01-31, 2024-01-31T14:05:00). "
        "The columns become dates, which output files write in ISO 8601.",
    )

    @field_validator("date_format")
    @classmethod
    def _readable_date_format(cls, value: str | None) -> str | None:
        if value is None:
            return None
        missing = [part for part, code in _DATE_PARTS.items() if not re.search(code, value)]
        if missing:
            msg = (f"`{value}` has no code for {' or '.join(missing)}: write every part in "
                   f"strftime codes, e.g. `%d/%m/%Y` for 31/01/2024")
            raise ValueError(msg)
        # Polars reads what this writes back only if it knows every code (an unknown one
        # would turn every value into null, silently)
        try:
            written = pl.Series([_PROBE]).dt.strftime(value)
        except pl.exceptions.PolarsError:  # a code Polars does not know (`%Q`, a lone `%`)
            written = None
        if (written is None
                or written.str.to_datetime(value, strict=False).dt.date().item() != _PROBE.date()):
            msg = (f"`{value}` cannot write 2024-01-31 and read it back: use the strftime "
                   f"codes %Y, %m, %d, %H, %M, %S, %b, %B")
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _format_with_a_date(self) -> CastParams:
        if self.date_format is not None and not any(
                name in ("date", "datetime") for name in self.columns.values()):
            msg = ("`date_format` says how text dates are written, and no column is cast to "
                   "`date` or `datetime`: remove it, or cast a column to one")
            raise ValueError(msg)
        return self


@register_step("cast")
class Cast(Step):
    """Convert columns to another type; text dates use ISO 8601 (YYYY-MM-DD) unless
    `date_format` says otherwise."""

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
                    numbers=numbers, date_format=p.date_format).alias(column)
            for column, name in p.columns.items()
        )

    def describe(self) -> str:
        written = (f" (text dates read as `{self.params.date_format}`)"
                   if self.params.date_format else "")
        return ("convert " + ", ".join(f"{c} to {t}" for c, t in self.params.columns.items())
                + written)
