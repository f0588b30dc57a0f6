"""Polars' own error messages, as veil shows them: no data value may come through.

Each case makes Polars fail for real on a frame holding a value that must not be printed,
and checks veil's version of the message hides it and keeps what helps (the types).
"""

from __future__ import annotations

import io

import polars as pl
import pytest

from veil.steps.base import polars_error_message

EMAIL = "ann.smith@example.org"
ACCOUNT = 12345678901
IBAN = "DE89370400440532013000"


def _frame(value: object) -> pl.DataFrame:
    return pl.DataFrame({"x": [value]})


def _json_lines(*lines: str) -> pl.DataFrame:
    return pl.read_ndjson(io.BytesIO("\n".join(lines).encode()))


FAILURES = [
    pytest.param(lambda: _frame(ACCOUNT).with_columns(pl.col("x").cast(pl.Int8, strict=True)),
                 str(ACCOUNT), "`i8`", id="cast-overflow"),
    pytest.param(lambda: _frame(IBAN).with_columns(pl.col("x").cast(pl.Decimal(5, 2))),
                 IBAN, "`decimal[5,2]`", id="cast-to-decimal"),
    pytest.param(lambda: _frame(EMAIL).with_columns(pl.col("x").cast(pl.Int64, strict=True)),
                 EMAIL, "`i64`", id="cast-text"),
    # The value is quoted inside quotes: `error deserializing value "String("...")"`.
    pytest.param(lambda: _frame(f'{{"a": "{EMAIL}"}}').with_columns(
        pl.col("x").str.json_decode(pl.Struct({"a": pl.Int64}))), EMAIL, "numeric",
        id="json-decode-nested-quotes"),
    # Polars writes this value bare: `found value of type UInt64: 12345678901`.
    pytest.param(lambda: _json_lines('{"x": {"n": 1}}', f'{{"x": {ACCOUNT}}}'),
                 str(ACCOUNT), "UInt64", id="json-object-then-number"),
    pytest.param(lambda: _frame(ACCOUNT).select(pl.sql_expr("CAST(x AS DATE)")),
                 str(ACCOUNT), "`date`", id="sql-cast"),
    # `column 'x'` then a value with an apostrophe: the column's closing quote was taken
    # for the opening of a value, which ended at the apostrophe and left the rest shown.
    pytest.param(lambda: pl.DataFrame({"x": ["Zed O'Brien-Smith", "Ann"]}).select(
        pl.sql_expr("CAST(x AS INTEGER)")), "Brien-Smith", "column 'x'", id="sql-cast-apostrophe"),
]


@pytest.mark.parametrize(("fail", "value", "kept"), FAILURES)
def test_polars_messages_hide_the_values_they_quote(fail, value, kept):
    with pytest.raises(pl.exceptions.PolarsError) as raised:
        fail()
    assert value in str(raised.value)  # Polars' own message carries it
    message = polars_error_message(raised.value)
    assert value not in message
    assert "<value hidden>" in message
    assert kept in message


def test_an_apostrophe_inside_a_quoted_value_does_not_end_it():
    # Polars' JSON reader quotes the value it cannot parse in single quotes.
    exc = pl.exceptions.ComputeError("cannot parse 'O'Brien-Smith' (str) as Int64")
    message = polars_error_message(exc)
    assert "Brien" not in message and "Smith" not in message
    assert "(str) as Int64" in message


def test_a_column_name_polars_quotes_stays():
    with pytest.raises(pl.exceptions.PolarsError) as raised:
        pl.DataFrame({"score": [EMAIL]}).with_columns(pl.col("score").cast(pl.Int64))
    message = polars_error_message(raised.value)
    assert "column 'score'" in message and EMAIL not in message
