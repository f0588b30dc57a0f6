"""`fill_null`: replace missing values with a constant per column."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({
    "n": [1, None], "x": [1.5, None], "s": ["a", None], "b": [True, None],
    "d": [dt.date(2020, 1, 1), None],
})


# fmt: off
@pytest.mark.parametrize("step, column, expected", [
    ("fill_null: {n: 0}", "n", [1, 0]),
    ("fill_null: {x: 2}", "x", [1.5, 2.0]),                     # int value cast to float column
    ("fill_null: {s: 'unknown'}", "s", ["a", "unknown"]),
    ("fill_null: {s: 'café'}", "s", ["a", "café"]),
    ("fill_null: {s: 5}", "s", ["a", "5"]),                      # number cast to the text column
    ("fill_null: {b: false}", "b", [True, False]),
    ("fill_null: {d: '1970-01-01'}", "d", [dt.date(2020, 1, 1), dt.date(1970, 1, 1)]),
])
# fmt: on
def test_fill_null_fills_with_value_of_column_type(run_steps, step, column, expected):
    out = run_steps(FRAME, step)
    assert out[column].to_list() == expected
    assert out.schema == FRAME.schema


def test_fill_null_leaves_other_columns_alone(run_steps):
    out = run_steps(FRAME, "fill_null: {values: {n: 0}}")
    assert_frame_equal(out.drop("n"), FRAME.drop("n"))


def test_fill_null_empty_frame_keeps_schema(run_steps):
    assert_frame_equal(run_steps(FRAME.clear(), "fill_null: {n: 0}"), FRAME.clear())


def test_fill_null_value_of_wrong_type_names_column(run_steps):
    with pytest.raises(StepError, match=r"step 1 `fill_null`: the fill value for `n` cannot be "
                                        r"converted to the column's type Int64"):
        run_steps(FRAME, "fill_null: {n: abc}")


def test_fill_null_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"column `ss` does not exist .* Did you mean `s`\?"):
        run_steps(FRAME, "fill_null: {ss: x}")


def test_fill_null_needs_a_scalar(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `fill_null`: `values\.n"):
        run_steps(FRAME, "fill_null: {n: [1]}")
