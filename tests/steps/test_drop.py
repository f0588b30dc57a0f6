"""`drop`: remove columns; a missing one is an error (a typo must not leak a column)."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"id": [1, None], "ssn": ["078-05-1120", None], "note": ["ok", "é"]})


# fmt: off
@pytest.mark.parametrize("step, expected", [
    ("drop: [ssn]", pl.DataFrame({"id": [1, None], "note": ["ok", "é"]})),
    ("drop: [ssn, id]", pl.DataFrame({"note": ["ok", "é"]})),
    ("drop: {columns: [note]}", pl.DataFrame({"id": [1, None], "ssn": ["078-05-1120", None]})),
])
# fmt: on
def test_drop_removes_listed_columns(run_steps, step, expected):
    assert_frame_equal(run_steps(FRAME, step), expected)


def test_drop_every_column_leaves_no_columns(run_steps):
    assert run_steps(FRAME, "drop: [id, ssn, note]").columns == []


def test_drop_empty_frame_keeps_schema(run_steps):
    expected = pl.DataFrame(schema={"id": pl.Int64, "note": pl.String})
    assert_frame_equal(run_steps(FRAME.clear(), "drop: [ssn]"), expected)


def test_drop_unicode_column_name(run_steps):
    frame = pl.DataFrame({"straße": [1], "x": [2]})
    assert_frame_equal(run_steps(frame, "drop: [straße]"), pl.DataFrame({"x": [2]}))


def test_drop_missing_column_fails_with_suggestion(run_steps):
    with pytest.raises(StepError, match=r"step 1 `drop`: column `snn` does not exist at this "
                                        r"point of the recipe\. Did you mean `ssn`\?"):
        run_steps(FRAME, "drop: [snn]")


def test_drop_column_listed_twice_is_a_recipe_error(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `drop`: `columns`: column `ssn` is listed twice"):
        run_steps(FRAME, "drop: [ssn, ssn]")
