"""Parquet and IPC files of one input whose column types differ: widened when no value
changes, refused with the setting that reads them as one type otherwise."""

from __future__ import annotations

import re

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import InputError
from veil.io.file_types import _integer_holding
from veil.io.readers import open_source
from veil.io.writers import write_frame

BINARY_FORMATS = ["parquet", "ipc"]


def write_parts(folder, fmt, *parts: pl.DataFrame) -> None:
    for index, part in enumerate(parts):
        write_frame(part, folder / f"part-{index}.{fmt}", fmt)


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
@pytest.mark.parametrize(("first", "second", "read_as"), [
    (pl.Series("v", [1], pl.Int32), pl.Series("v", [2**40], pl.Int64), pl.Int64),
    (pl.Series("v", [2**40], pl.Int64), pl.Series("v", [7], pl.Int16), pl.Int64),
    (pl.Series("v", [200], pl.UInt8), pl.Series("v", [-5], pl.Int8), pl.Int16),
    (pl.Series("v", [1.5], pl.Float32), pl.Series("v", [0.1], pl.Float64), pl.Float64),
    (pl.Series("v", [None], pl.Null), pl.Series("v", ["x"], pl.String), pl.String),
    (pl.Series("v", ["x"], pl.String), pl.Series("v", [None], pl.Null), pl.String),
    (pl.Series("v", ["x"], pl.Categorical), pl.Series("v", ["y"], pl.String), pl.String),
])
def test_file_types_that_hold_both_are_read_without_changing_a_value(tmp_path, fmt, first,
                                                                      second, read_as):
    write_parts(tmp_path, fmt, pl.DataFrame([pl.Series("n", [1]), first]),
                pl.DataFrame([second, pl.Series("n", [2])]))  # and in another column order
    back = open_source(tmp_path).lf.collect()
    expected = pl.DataFrame([pl.Series("n", [1, 2]),
                             pl.concat([first.cast(read_as), second.cast(read_as)])])
    assert_frame_equal(back, expected)


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
def test_file_types_no_type_holds_are_refused_with_the_setting_that_reads_them(tmp_path, fmt):
    """Polars fails mid-run (`SchemaError: data type mismatch`) naming neither file."""
    first = pl.DataFrame({"id": [1], "amount": [1.5], "note": ["a"]})
    second = pl.DataFrame({"id": ["B-7"], "amount": [3], "note": ["b"]})
    write_parts(tmp_path, fmt, first, second)
    with pytest.raises(InputError) as refused:
        open_source(tmp_path)
    message = str(refused.value)
    assert re.search(rf"column `id` is Int64 in `.*part-0\.{fmt}` but String in "
                     rf"`.*part-1\.{fmt}`; column `amount` is Float64 in `.*part-0\.{fmt}` but "
                     rf"Int64 in `.*part-1\.{fmt}`", message)
    assert "note" not in message
    # The advice, taken as it is written, reads the files.
    setting = re.search(r"`input: \{types: \{(.*?)\}\}`", message)[1]
    types = dict(pair.split(": ") for pair in setting.split(", "))
    assert types == {"id": "string", "amount": "float"}
    back = open_source(tmp_path, types=types).lf.collect()
    assert back.to_dict(as_series=False) == {"id": ["1", "B-7"], "amount": [1.5, 3.0],
                                             "note": ["a", "b"]}


@pytest.mark.parametrize(("first", "second", "advice"), [
    (pl.Int64, pl.UInt64, "string"),  # no integer holds both, and a float would round
    (pl.Datetime("ns"), pl.Datetime("us"), "datetime"),
    (pl.Date, pl.Datetime("us"), "string"),
    (pl.Decimal(10, 2), pl.Decimal(12, 4), "string"),  # text keeps every digit
])
def test_file_types_advice_for_each_kind_of_difference(tmp_path, first, second, advice):
    write_parts(tmp_path, "parquet", pl.DataFrame(schema={"v": first}),
                pl.DataFrame(schema={"v": second}))
    with pytest.raises(InputError, match=rf"`input: \{{types: \{{v: {advice}\}}\}}`"):
        open_source(tmp_path)


def test_file_types_given_in_the_recipe_are_not_widened(tmp_path):
    write_parts(tmp_path, "parquet", pl.DataFrame({"v": pl.Series([1], dtype=pl.Int32)}),
                pl.DataFrame({"v": pl.Series([2], dtype=pl.Int64)}))
    back = open_source(tmp_path, types={"v": "string"}).lf.collect()
    assert back.to_dict(as_series=False) == {"v": ["1", "2"]}


@pytest.mark.parametrize(("one", "other", "holding"), [
    (pl.Int8, pl.UInt8, pl.Int16),
    (pl.UInt16, pl.UInt32, pl.UInt32),
    (pl.Int32, pl.UInt32, pl.Int64),
    (pl.Int64, pl.UInt32, pl.Int64),
    (pl.Int64, pl.UInt64, None),
])
def test_file_types_integer_holding_both(one, other, holding):
    assert _integer_holding(one(), other()) == (holding() if holding else None)
    assert _integer_holding(other(), one()) == (holding() if holding else None)


def test_file_types_refusal_through_the_cli(tmp_path, veil_cli, recipe_file):
    write_parts(tmp_path, "parquet", pl.DataFrame({"id": [1]}), pl.DataFrame({"id": ["x"]}))
    recipe = recipe_file("""
        veil: 1
        name: parts
        nlp: none
        steps:
          - select: [id]
        """)
    result = veil_cli("run", recipe, "-i", tmp_path, "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "SchemaError" not in result.output
    assert "column `id` is Int64 in" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


def test_file_types_refusal_shows_a_name_holding_an_identifier_by_its_placeholder(tmp_path):
    """A pivoted export has a column per customer, named by the customer's e-mail address."""
    email = "maria.gonzalez@example.org"
    write_parts(tmp_path, "parquet", pl.DataFrame({"id": [1], email: [1.5]}),
                pl.DataFrame({"id": [2], email: ["n/a"]}))
    with pytest.raises(InputError) as refused:
        open_source(tmp_path)
    message = str(refused.value)
    assert "column <EMAIL_ADDRESS 1> is Float64 in" in message
    assert "naming it in the recipe would put the identifier in the recipe" in message
    assert "input: {types:" not in message
    assert email not in message and "maria" not in message
