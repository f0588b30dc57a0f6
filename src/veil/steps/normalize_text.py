"""`normalize_text`: trim, collapse whitespace and apply Unicode normalisation."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field

from veil.dtypes import text_advice, type_label
from veil.recipe.schema import ColumnList
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class NormalizeTextParams(StepParams):
    columns: ColumnList | None = Field(None, description="Text columns; default: every text column.")
    trim: bool = Field(True, description="Remove leading and trailing whitespace.")
    collapse_whitespace: bool = Field(True, description="Turn each run of whitespace into one space.")
    unicode: Literal["NFC", "NFKC", "none"] = Field(
        "NFC", description="Unicode normal form; NFKC also folds look-alike characters."
    )


@register_step("normalize_text")
class NormalizeText(Step):
    """Normalise text so detection and de-duplication see one spelling of each value."""

    Params = NormalizeTextParams
    shorthand = "columns"

    def columns_used(self) -> set[str]:
        return set(self.params.columns or ())

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column in self.params.columns or ():
            if schema[column] != pl.String:
                raise self.fail(f"column `{column}` is {type_label(schema[column])}, not text. "
                                f"Remove it from `columns`, or "
                                f"{text_advice(column, schema[column])}.")

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        schema = lf.collect_schema()
        columns = self.params.columns or [n for n, t in schema.items() if t == pl.String]
        return lf.with_columns(self._normalized(pl.col(c)).alias(c) for c in columns)

    def _normalized(self, expr: pl.Expr) -> pl.Expr:
        form = self.params.unicode
        if form != "none":
            # Native, so the plan stays streamable (a Python UDF would run row batches in Python).
            expr = expr.str.normalize(form)
        if self.params.collapse_whitespace:
            expr = expr.str.replace_all(r"\s+", " ")
        if self.params.trim:
            expr = expr.str.strip_chars()
        return expr

    def describe(self) -> str:
        on = ", ".join(self.params.columns) if self.params.columns else "every text column"
        return f"normalise text in {on} (trim, collapse whitespace, Unicode {self.params.unicode})"

