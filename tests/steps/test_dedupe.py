"""`dedupe`: drop repeated rows, keeping the first or last one, in input order."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import StepError

FRAME = pl.DataFrame({
    "k": ["a", "b", "a", None, "b", None],
    "v": [1, 2, 3, 4, 5, 6],
})


# fmt: off
@pytest.mark.parametrize("step, kept_v", [
    ("dedupe: [k]", [1, 2, 4]),                     # first of each k; nulls are equal to each other
    ("dedupe: {columns: [k], keep: last}", [3, 5, 6]),  # last of each, still in input order
    ("dedupe: {}", [1, 2, 3, 4, 5, 6]),             # all columns: no row repeats
])
# fmt: on
def test_dedupe_keeps_first_or_last_in_input_order(run_steps, step, kept_v):
    assert run_steps(FRAME, step)["v"].to_list() == kept_v


def test_dedupe_all_columns_removes_exact_repeats(run_steps):
    frame = pl.DataFrame({"a": [1, 1, 2, 1], "b": ["x", "x", "y", "z"]})
    expected = pl.DataFrame({"a": [1, 2, 1], "b": ["x", "y", "z"]})
    assert_frame_equal(run_steps(frame, "dedupe: {}"), expected)


def test_dedupe_nfc_and_nfd_are_different_until_normalised(run_steps):
    frame = pl.DataFrame({"name": ["Jos\u00e9", "Jose\u0301"]})
    assert run_steps(frame, "dedupe: [name]").height == 2
    assert run_steps(frame, "normalize_text: [name]", "dedupe: [name]").height == 1


def test_dedupe_empty_frame_keeps_schema(run_steps):
    assert_frame_equal(run_steps(FRAME.clear(), "dedupe: [k]"), FRAME.clear())


def test_dedupe_records_rows_in_and_out():
    import veil

    from .conftest import recipe_text

    result = veil.run(recipe_text("dedupe: [k]"), FRAME, output=None, report_dir=None)
    record = result.report.steps[0]
    assert (record.rows_in, record.rows_out) == (6, 3)


def test_dedupe_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"step 1 `dedupe`: column `kk` does not exist .* "
                                        r"Did you mean `k`\?"):
        run_steps(FRAME, "dedupe: [kk]")
