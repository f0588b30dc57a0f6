"""Column types as shown in messages: a nested field's name only when it reads like a name.

A JSON object used as a map is read as a struct whose field names are its keys (e-mail
addresses, account numbers, dates), and Polars' own spelling of the type names them all.
"""

from __future__ import annotations

import polars as pl
import pytest

import veil
from veil.dtypes import field_names, type_label
from veil.errors import StepError

KEY = "zq.canary@example.org"
MAP = pl.Struct({KEY: pl.String, "Ann Walker": pl.Int64, "2024-01-05": pl.Float64,
                 "role": pl.String})


@pytest.mark.parametrize("dtype, shown", [
    (pl.Int64, "Int64"),
    (pl.String(), "String"),
    (pl.Struct({"city": pl.String, "zip_3": pl.String}), "Struct(city: String, zip_3: String)"),
    (MAP, "Struct(<key>: String, <key>: Int64, <key>: Float64, role: String)"),
    (pl.List(pl.Struct({"role": pl.String, KEY: pl.String})),
     "List(Struct(role: String, <key>: String))"),
    (pl.Array(pl.Struct({"x y": pl.Int8}), 2), "Array(Struct(<key>: Int8), 2)"),
])
def test_type_label_shows_plain_names_and_hides_data_shaped_ones(dtype, shown):
    assert type_label(dtype) == shown


def test_type_label_of_a_wide_map_shows_a_dozen_fields_and_a_count():
    wide = pl.Struct({f"acct_{i}": pl.Int64 for i in range(1_500)})
    shown = type_label(wide)
    assert shown.count("acct_") == 12 and shown.endswith(", ... 1,488 more)")


@pytest.mark.parametrize("step", [
    "redact_text: {columns: [contacts]}",
    "normalize_text: [contacts]",
    "pseudonymize: {columns: [contacts]}",
    "date_shift: {columns: [contacts], max_days: 5}",
    "noise: {columns: [contacts], max_abs: 1}",
])
def test_step_type_errors_never_name_a_map_key(step):
    frame = pl.DataFrame({"id": [1], "contacts": [{KEY: "primary", "Ann Walker": 1,
                                                  "2024-01-05": 0.5, "role": "x"}]})
    with pytest.raises(StepError) as raised:
        veil.run(f"veil: 1\nname: t\nnlp: none\nsteps:\n  - {step}\n", frame, output=None,
                 report_dir=None, key="k" * 32)
    message = str(raised.value)
    assert "`contacts`" in message and "<key>" in message
    assert KEY not in message and "Ann Walker" not in message and "2024-01-05" not in message


def test_field_names_include_nested_fields():
    schema = pl.Schema({"id": pl.Int64, "a": pl.Struct({"b": pl.List(pl.Struct({"c": pl.Int64}))})})
    assert set(field_names(schema)) == {"id", "a", "b", "c"}
