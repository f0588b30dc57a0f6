"""Parse a recipe's SQL expression with Polars' SQL parser (recipes never run Python)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from veil.steps.base import Step


# Polars SQL has table functions that read files (`read_csv('/any/path')`); a recipe is
# data, and must not pull other files into the output behind the `join` step's checks.
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_FILE_FUNCTION = re.compile(r"\b(read_[a-z_]+|scan_[a-z_]+)\s*\(", re.IGNORECASE)


def file_function(text: str) -> str | None:
    """The name of a file-reading SQL function used in `text` (outside quotes), or None."""
    found = _FILE_FUNCTION.search(_QUOTED.sub("''", text))
    return found[1] if found else None


def refuse_file_functions(text: str) -> str:
    """A pydantic validator: SQL in a recipe may not read files."""
    name = file_function(text)
    if name is not None:
        msg = (f"`{name}(...)` reads a file; SQL in a recipe works on the current frame only. "
               f"Use the `join` step to bring in another file")
        raise ValueError(msg)
    return text


def parse_sql_expr(step: Step, text: str) -> pl.Expr:
    if file_function(text) is not None:  # also for steps whose params do not validate it
        try:
            refuse_file_functions(text)
        except ValueError as exc:
            raise step.fail(f"{exc}.") from None
    try:
        return pl.sql_expr(text)
    except pl.exceptions.PolarsError as exc:
        msg = (f"cannot parse the SQL expression `{text}` ({type(exc).__name__}). Write a SQL "
               f"expression such as `age >= 18 AND sex = 'F'`; quote text with single quotes.")
        raise step.fail(msg) from None
