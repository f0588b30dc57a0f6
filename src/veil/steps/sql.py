"""`sql`: a full Polars SQL query over the current frame, called `self`."""

from __future__ import annotations

from typing import Annotated

import polars as pl
from pydantic import AfterValidator, Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step
from veil.steps.sql_expr import refuse_file_functions


class SqlParams(StepParams):
    query: Annotated[str, AfterValidator(refuse_file_functions)] = Field(
        min_length=1,
        description="A SELECT over the table `self`, e.g. `SELECT dept, count(*) AS n FROM self "
        "GROUP BY dept`. Runs in Polars' SQL engine; no Python.",
    )


@register_step("sql")
class Sql(Step):
    """Reshape the frame with SQL (joins with other files are not available here)."""

    Params = SqlParams
    shorthand = "query"

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        try:
            return lf.sql(self.params.query, table_name="self")
        except pl.exceptions.ColumnNotFoundError:
            raise  # the base names the column and suggests the nearest one
        except pl.exceptions.PolarsError as exc:
            msg = (f"cannot run the SQL query ({type(exc).__name__}: {str(exc).splitlines()[0]}). "
                   f"The current frame is the table `self`: `SELECT ... FROM self`.")
            raise self.fail(msg) from None

    def describe(self) -> str:
        return f"reshape the table with SQL: {self.params.query}"
