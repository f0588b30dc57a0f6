"""`mask`: hide all but the first/last few characters; a `card` preset for payment card numbers.

The card preset follows PCI DSS v4.0 requirement 3.4.1: when a PAN is
displayed, at most the BIN (first six digits, or first eight for PANs of 16
digits or more) and the last four digits may show. It keeps digits only
(separators are dropped), masks everything when the number has fewer than 12
digits (not a PAN, so nothing is safe to show), and refuses settings that
would reveal more.
"""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from veil.steps.base import Step, StepParams
from veil.steps.pseudonymize import require_text_or_integer
from veil.steps.registry import register_step

CARD_MAX_FIRST = 8  # an 8-digit BIN, PANs of 16+ digits only
CARD_MAX_FIRST_SHORT = 6  # PANs of 12-15 digits
CARD_MAX_LAST = 4
CARD_MIN_DIGITS = 12


class MaskParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Columns to mask.")
    keep_first: int | None = Field(
        None, ge=0, le=64,
        description="Characters kept at the start (default 0; `card`: 6, at most 8).")
    keep_last: int | None = Field(
        None, ge=0, le=64,
        description="Characters kept at the end (default 0; `card`: 4, at most 4).")
    char: str = Field("*", min_length=1, max_length=1, description="The masking character.")
    preset: Literal["card"] | None = Field(
        None,
        description="`card`: payment card numbers per PCI DSS v4.0 req. 3.4.1, digits only, at "
        "most the BIN (first 6, or 8 for PANs of 16+ digits) and the last 4 shown.",
    )

    @model_validator(mode="after")
    def _card_limits(self):
        if self.preset == "card":
            if (self.keep_first or 0) > CARD_MAX_FIRST or (self.keep_last or 0) > CARD_MAX_LAST:
                msg = ("PCI DSS v4.0 req. 3.4.1 allows at most the BIN (first 6 or 8 digits) and "
                       "the last 4 digits of a card number; e.g. `mask: {columns: [pan], "
                       "preset: card, keep_first: 6, keep_last: 4}`")
                raise ValueError(msg)
        return self

    @property
    def first(self) -> int:
        return self.keep_first if self.keep_first is not None else (6 if self.preset else 0)

    @property
    def last(self) -> int:
        return self.keep_last if self.keep_last is not None else (4 if self.preset else 0)


def mask_text(text: pl.Expr, first: int | pl.Expr, last: int | pl.Expr, char: str) -> pl.Expr:
    """Keep `first` and `last` characters and mask the rest one for one.

    A value no longer than `first + last` is masked whole.
    """
    length = text.str.len_chars()
    first, last = pl.lit(first) if isinstance(first, int) else first, \
        pl.lit(last) if isinstance(last, int) else last
    middle = (length - first - last).clip(lower_bound=0)
    masked = pl.concat_str([text.str.slice(0, first), pl.lit("").str.pad_end(middle, char),
                            text.str.slice(length - last, last)])
    # A value no longer than what would be kept is masked whole: nothing of it is revealed.
    all_masked = pl.lit("").str.pad_end(length, char)
    return pl.when(length <= first + last).then(all_masked).otherwise(masked)


def card_mask(column: str, first: int, last: int, char: str) -> pl.Expr:
    """The card preset: digits only; BIN capped at 6 below 16 digits; under 12 digits all masked."""
    digits = pl.col(column).cast(pl.String).str.replace_all(r"[^0-9]", "")
    count = digits.str.len_chars()
    allowed_first = pl.when(count >= 16).then(pl.lit(first)).otherwise(
        pl.lit(min(first, CARD_MAX_FIRST_SHORT)))
    shown_first = pl.when(count < CARD_MIN_DIGITS).then(pl.lit(0)).otherwise(allowed_first)
    shown_last = pl.when(count < CARD_MIN_DIGITS).then(pl.lit(0)).otherwise(pl.lit(last))
    return mask_text(digits, shown_first, shown_last, char)


@register_step("mask")
class Mask(Step):
    """Replace all but the first/last characters by a mask character, keeping the length."""

    Params = MaskParams
    shorthand = "columns"
    global_pass = True  # counts for the report

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        require_text_or_integer(self, schema)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p = self.params
        if p.preset == "card":
            exprs = [card_mask(c, p.first, p.last, p.char).alias(c) for c in p.columns]
        else:
            exprs = [mask_text(pl.col(c).cast(pl.String), p.first, p.last, p.char).alias(c)
                     for c in p.columns]
        frame = lf.collect()
        counts = frame.select(pl.col(c).is_not_null().sum().alias(c) for c in p.columns).row(
            0, named=True)
        ctx.report.step_record(self).details.update(
            {"masked_values": counts, "keep_first": p.first, "keep_last": p.last,
             "preset": p.preset})
        return frame.lazy().with_columns(exprs)

    def describe(self) -> str:
        p = self.params
        what = "card numbers (PCI DSS 3.4.1) " if p.preset == "card" else ""
        return (f"mask {what}in {', '.join(p.columns)} with `{p.char}`, keeping the first "
                f"{p.first} and last {p.last} characters")
