"""`top_k`: keep the most frequent categories of a column; the rare ones become `other`.

Ties are broken by the category's text (ascending), so the same data always
keeps the same categories. Nulls stay null and are not a category.
"""

from __future__ import annotations

import polars as pl
from pydantic import Field, model_validator

from veil.steps.base import Step, StepParams
from veil.steps.pseudonymize import require_text_or_integer
from veil.steps.registry import register_step


class TopKParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Category columns to reduce.")
    k: int | None = Field(None, ge=1, description="Keep this many most frequent categories.")
    min_count: int | None = Field(
        None, ge=1, description="Keep the categories with at least this many rows.")
    other: str = Field("other", description="What the other categories become.")

    @model_validator(mode="after")
    def _one_rule(self):
        if self.k is None and self.min_count is None:
            msg = "give `k`, `min_count` or both, e.g. `top_k: {columns: [job], k: 20}`"
            raise ValueError(msg)
        return self


@register_step("top_k")
class TopK(Step):
    """Replace rare categories by one `other` label (the result is text)."""

    Params = TopKParams
    global_pass = True  # frequencies are counted over the whole column

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        require_text_or_integer(self, schema)

    def kept(self, values: pl.Series) -> pl.Series:
        """The categories kept: by count (descending), ties by text (ascending)."""
        counts = (values.drop_nulls().value_counts(name="n")
                  .sort(["n", values.name], descending=[True, False]))
        if self.params.min_count is not None:
            counts = counts.filter(pl.col("n") >= self.params.min_count)
        if self.params.k is not None:
            counts = counts.head(self.params.k)
        return counts.get_column(values.name)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        frame = lf.collect().with_columns(pl.col(c).cast(pl.String) for c in self.params.columns)
        details, exprs = {}, []
        for column in self.params.columns:
            values = frame.get_column(column)
            kept = self.kept(values)
            rare = values.is_not_null() & ~values.is_in(kept.implode())
            details[column] = {"categories": values.drop_nulls().n_unique(), "kept": kept.len(),
                               "values_replaced": int(rare.sum())}
            exprs.append(pl.when(pl.col(column).is_in(kept.implode()) | pl.col(column).is_null())
                         .then(pl.col(column)).otherwise(pl.lit(self.params.other)).alias(column))
        ctx.report.step_record(self).details.update({"columns": details})
        return frame.lazy().with_columns(exprs)

    def describe(self) -> str:
        p = self.params
        rules = (f"the {p.k} most frequent" if p.k else "",
                 f"those with {p.min_count}+ rows" if p.min_count else "")
        rule = " and ".join(r for r in rules if r)
        return f"in {', '.join(p.columns)} keep {rule} categories; the rest become `{p.other}`"
