"""`pseudonymize`: replace identifiers by keyed tokens (HMAC-SHA256), stable for one key."""

from __future__ import annotations

import hmac
from collections.abc import Callable

import polars as pl
from pydantic import Field

from veil.dtypes import text_advice, type_label
from veil.privacy.keyed import map_distinct, subkey
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class PseudonymizeParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Columns whose values become tokens.")
    prefix: str = Field("", max_length=20, description="Text put before every token, e.g. `P-`.")
    length: int = Field(
        16, ge=8, le=64,
        description="Hex characters of the HMAC-SHA256 digest kept in the token (8-64). Short "
        "tokens can collide: 16 characters (64 bits) make a collision unlikely below a billion "
        "distinct values.",
    )
    domain: str = Field(
        "default", min_length=1, max_length=40,
        description="Token namespace: the same value gets the same token in every column, file "
        "and run with the same key and domain, so tables still join; another domain gives "
        "unrelated tokens.",
    )


def token_function(key: bytes, purpose: str, *, length: int, prefix: str = ""
                   ) -> Callable[[str], str]:
    """`prefix` + the first `length` hex characters of HMAC-SHA256(subkey(key, purpose), value).

    The same token as :func:`veil.privacy.keyed.keyed_token`, with the sub-key
    derived once instead of once per value.
    """
    sub = subkey(key, purpose)

    def token(value: str) -> str:
        return prefix + hmac.digest(sub, value.encode("utf-8"), "sha256").hex()[:length]

    return token


def require_text_or_integer(step: Step, schema: pl.Schema) -> None:
    """StepError unless every column of the step holds text or integers (checked before reading)."""
    for column in step.params.columns:
        dtype = schema[column]
        if not (dtype == pl.String or dtype.is_integer() or dtype in (pl.Categorical, pl.Enum)):
            msg = (f"column `{column}` is {type_label(dtype)}; `{step.name}` takes text or "
                   f"integer columns: {text_advice(column, dtype)}.")
            raise step.fail(msg)


def replace_distinct(step: Step, frame: pl.DataFrame, function: Callable[[str], str]
                     ) -> tuple[pl.DataFrame, dict[str, dict[str, int]]]:
    """Replace each of the step's columns by `function(value)`, once per distinct value.

    Returns the new frame and, per column, how many values were replaced.
    """
    details = {}
    replaced = []
    for column in step.params.columns:
        values = frame.get_column(column)
        replaced.append(map_distinct(values, function))
        details[column] = {"values": values.len() - values.null_count(),
                           "distinct": values.drop_nulls().n_unique(), "nulls": values.null_count()}
    return frame.with_columns(replaced), details


@register_step("pseudonymize")
class Pseudonymize(Step):
    """Keyed pseudonyms: the same value and key give the same token everywhere; nulls stay null."""

    Params = PseudonymizeParams
    shorthand = "columns"
    global_pass = True  # exact counts of tokenised values for the report
    keyed = True

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        require_text_or_integer(self, schema)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        key = ctx.require_key(self.label)
        token = token_function(key, f"pseudonymize:{self.params.domain}",
                               length=self.params.length, prefix=self.params.prefix)
        frame, counts = replace_distinct(self, lf.collect(), token)
        ctx.report.step_record(self).details.update(
            {"columns": counts, "token_hex_chars": self.params.length, "keyed": True})
        return frame.lazy()

    def describe(self) -> str:
        prefix = f" starting `{self.params.prefix}`" if self.params.prefix else ""
        return (f"replace {', '.join(self.params.columns)} by keyed tokens{prefix} "
                f"({self.params.length} hex characters of HMAC-SHA256)")
