"""Parse a recipe's SQL expression with Polars' SQL parser (recipes never run Python)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from veil.steps.base import Step


def parse_sql_expr(step: Step, text: str) -> pl.Expr:
    try:
        return pl.sql_expr(text)
    except pl.exceptions.PolarsError as exc:
        msg = (f"cannot parse the SQL expression `{text}` ({type(exc).__name__}). Write a SQL "
               f"expression such as `age >= 18 AND sex = 'F'`; quote text with single quotes.")
        raise step.fail(msg) from None
