"""`rename`: give columns new names."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"a": [1, None], "b": ["x", None]})


# fmt: off
@pytest.mark.parametrize("step, expected", [
    # shorthand mapping; column order and values unchanged
    ("rename: {a: id}", pl.DataFrame({"id": [1, None], "b": ["x", None]})),
    # long form with `mapping`
    ("rename: {mapping: {b: name}}", pl.DataFrame({"a": [1, None], "name": ["x", None]})),
    # swapping two names is allowed
    ("rename: {a: b, b: a}", pl.DataFrame({"b": [1, None], "a": ["x", None]})),
    # unicode target name
    ("rename: {b: straße}", pl.DataFrame({"a": [1, None], "straße": ["x", None]})),
])
# fmt: on
def test_rename_renames_columns(run_steps, step, expected):
    assert_frame_equal(run_steps(FRAME, step), expected)


def test_rename_empty_frame_keeps_types(run_steps):
    expected = pl.DataFrame(schema={"id": pl.Int64, "b": pl.String})
    assert_frame_equal(run_steps(FRAME.clear(), "rename: {a: id}"), expected)


def test_rename_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"step 1 `rename`: column `aa` does not exist .* "
                                        r"Did you mean `a`\?"):
        run_steps(FRAME, "rename: {aa: id}")


@pytest.mark.parametrize("step", ["rename: {a: b}", "rename: {a: z, b: z}"])
def test_rename_refuses_duplicate_names(run_steps, step):
    with pytest.raises(StepError, match=r"renaming would create two columns named `[bz]`"):
        run_steps(FRAME, step)


def test_rename_non_text_target_is_a_recipe_error(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `rename`: `mapping\.a`: input should be a "
                                          r"valid string"):
        run_steps(FRAME, "rename: {a: [x]}")
