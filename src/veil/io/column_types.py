"""Column types: what `input.types` and the `cast` step name, how text becomes each type,
and which numeric type a CSV column's sample supports.

CSV columns are read as text and typed by veil, not by Polars' inference: a column is
numeric only when every sampled value is a number *and* none has a leading zero, so ZIP
codes, MRNs and account numbers keep their zeros. Dates stay ISO text unless
`input.types` says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from veil.dtypes import number_as_date
from veil.errors import InputError
from veil.io.numbers import PLAIN, NumberFormat
from veil.listing import column_listing

__all__ = ["SAMPLED_TYPES", "TYPE_NAMES", "TYPE_WORDS", "convert", "inferred_numbers", "typed"]

TYPE_NAMES: dict[str, pl.DataType] = {
    "string": pl.String(), "str": pl.String(), "text": pl.String(),
    "int": pl.Int64(), "integer": pl.Int64(), "float": pl.Float64(), "number": pl.Float64(),
    "bool": pl.Boolean(), "boolean": pl.Boolean(),
    "date": pl.Date(), "datetime": pl.Datetime("us"),
}
#: How a value of each type is named in messages.
TYPE_WORDS = {pl.String(): "text", pl.Int64(): "a whole number", pl.Float64(): "a number",
              pl.Boolean(): "a boolean (true/false, yes/no, t/f, y/n or 1/0)",
              pl.Date(): "an ISO date (2020-01-31)",
              pl.Datetime("us"): "an ISO datetime (2020-01-31T14:05:00)"}
#: The types CSV columns are given from their sample, as `Source.sampled_types` names them.
SAMPLED_TYPES = {"Int64": pl.Int64(), "Float64": pl.Float64()}
_BOOLEAN_TEXT = {"true": True, "false": False, "t": True, "f": False, "yes": True, "no": False,
                 "y": True, "n": False, "1": True, "0": False}


def convert(expr: pl.Expr, from_type: pl.DataType, to_type: pl.DataType, *,
            strict: bool = True, numbers: NumberFormat = PLAIN,
            date_format: str | None = None) -> pl.Expr:
    """`expr` converted to `to_type`; text is parsed (ISO dates, or dates in `date_format`;
    true/false/yes/no/1/0).

    Polars does not cast text to booleans or dates; the CSV reader (`input.types`)
    and the `cast` step both go through here. `numbers` says how the text writes
    numbers (`1.234,50`): text in another form is refused, not guessed.
    """
    if from_type.is_float() and to_type.is_integer():
        return _whole_numbers(expr, to_type, strict=strict)
    if from_type != pl.String:
        return expr.cast(to_type, strict=strict)
    if to_type == pl.String:
        return expr
    text = expr.str.strip_chars()  # CSV typing ignores surrounding spaces; so does parsing
    text = pl.when(text != "").then(text)  # a blank value is none, as an empty field is
    if to_type in (pl.Int64, pl.Float64):
        text = numbers.normalised(text)
    if to_type == pl.Boolean:
        lowered = text.str.to_lowercase()
        if strict:
            return lowered.replace_strict(_BOOLEAN_TEXT, return_dtype=pl.Boolean)
        return lowered.replace_strict(_BOOLEAN_TEXT, default=None, return_dtype=pl.Boolean)
    if to_type == pl.Date:
        if date_format is not None:  # a format with a time: the day of the datetime it reads
            return text.str.to_datetime(date_format, strict=strict).dt.date()
        return text.str.to_date("%Y-%m-%d", strict=strict)
    if isinstance(to_type, pl.Datetime):
        return text.str.to_datetime(date_format, strict=strict,
                                    time_unit=to_type.time_unit or "us")
    return text.cast(to_type, strict=strict)


def _whole_numbers(expr: pl.Expr, to_type: pl.DataType, *, strict: bool) -> pl.Expr:
    """Floats as integers, when whole: Polars truncates (12.99 -> 12, without a word).

    Not strict, a fraction becomes null. Strict, it fails the cast: Polars casts no fraction
    strictly, but it refuses NaN, so a fraction is made NaN (keeping the column's name) and
    fails as a float no integer holds fails, a failure veil traces to the `cast` step.
    """
    whole = expr == expr.floor()
    if not strict:
        return pl.when(whole).then(expr).cast(to_type, strict=False)
    fraction = pl.when(~whole).then(expr * float("nan")).cast(to_type, strict=True)
    return pl.coalesce(pl.when(whole).then(expr).cast(to_type, strict=True), fraction)


def typed(lf: pl.LazyFrame, sample: pl.LazyFrame | None, types: Mapping[str, str] | None, *,
          record: dict[str, str] | None = None,
          inferred: Mapping[str, pl.DataType] | None = None,
          numbers: NumberFormat = PLAIN) -> pl.LazyFrame:
    """Cast text columns to the types their sample (or `inferred`) supports; `types`
    overrides per column."""
    schema = lf.collect_schema()
    casts: dict[str, pl.DataType] = dict(inferred or {})
    if sample is not None:
        texts = [n for n, t in schema.items() if t == pl.String]
        casts.update(inferred_numbers(sample, texts, numbers=numbers)[0])
    if record is not None:
        record.update({c: str(t) for c, t in casts.items() if c not in (types or {})})
    for column, name in (types or {}).items():
        if column not in schema:
            msg = (f"`input.types` names column `{column}`, which the input does not have. "
                   f"Columns: {column_listing(schema.names())[0]}.")
            raise InputError(msg)
        if name.lower() not in TYPE_NAMES:
            msg = f"`input.types.{column}`: unknown type `{name}`; use one of {', '.join(TYPE_NAMES)}."
            raise InputError(msg)
        refused = number_as_date(column, schema[column], name.lower())
        if refused is not None:
            msg = f"`input.types.{column}`: {refused}"
            raise InputError(msg)
        casts[column] = TYPE_NAMES[name.lower()]
    if not casts:
        return lf
    return lf.with_columns(convert(pl.col(c), schema[c], t, numbers=numbers).alias(c)
                           for c, t in casts.items())


def inferred_numbers(sample: pl.LazyFrame, columns: list[str], *, numbers: NumberFormat = PLAIN
                     ) -> tuple[dict[str, pl.DataType], set[str]]:
    """Numeric types the sample supports, and the columns with values in surrounding
    spaces (which Polars' own CSV parser cannot read as numbers)."""
    whole, number = numbers.typing_patterns()
    if not columns:
        return {}, set()
    checks = []
    for column in columns:
        value = pl.col(column).str.strip_chars()
        present = value.is_not_null() & (value != "")
        checks.append((pl.col(column) != value).sum().alias(f"{column}\x00padded"))
        # Dates stay text (ISO text compares correctly in SQL filters); date steps parse them.
        for kind, pattern in (("int", whole), ("float", number)):
            checks.append((present & ~value.str.contains(pattern)).sum().alias(f"{column}\x00{kind}"))
        checks.append(present.sum().alias(f"{column}\x00n"))
    row = sample.select(checks).collect().row(0, named=True)
    out: dict[str, pl.DataType] = {}
    for column in columns:
        if not row[f"{column}\x00n"]:
            continue
        if row[f"{column}\x00int"] == 0:
            out[column] = pl.Int64()
        elif row[f"{column}\x00float"] == 0:
            out[column] = pl.Float64()
    return out, {column for column in columns if row[f"{column}\x00padded"]}
