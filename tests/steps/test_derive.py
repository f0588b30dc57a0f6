"""`derive`: new or replaced columns from SQL expressions, computed side by side."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"a": [1, 2, None], "b": [10, None, 30], "s": ["x", "é", None]})


# fmt: off
@pytest.mark.parametrize("step, column, values", [
    ('derive: {c: "a + b"}', "c", [11, None, None]),                 # null propagates
    ('derive: {c: "coalesce(a, 0) * 2"}', "c", [2, 4, 0]),
    ("derive: {c: \"upper(s) || '!'\"}", "c", ["X!", "É!", None]),     # unicode upper-casing
    ("derive: {c: \"CASE WHEN a > 1 THEN 'big' ELSE 'small' END\"}", "c", ["small", "big", "small"]),
    ('derive: {a: "a * 10"}', "a", [10, 20, None]),                  # replaces in place
])
# fmt: on
def test_derive_computes_column(run_steps, step, column, values):
    out = run_steps(FRAME, step)
    assert out[column].to_list() == values


def test_derive_replaced_column_keeps_its_position(run_steps):
    assert run_steps(FRAME, 'derive: {a: "a * 10"}').columns == ["a", "b", "s"]


def test_derive_new_columns_are_appended_in_recipe_order(run_steps):
    out = run_steps(FRAME, 'derive: {z: "a", y: "b"}')
    assert_frame_equal(out, FRAME.with_columns(z=pl.col("a"), y=pl.col("b")))


def test_derive_expressions_see_the_incoming_frame(run_steps):
    """Side by side: `b` uses the old `a`, not the one replaced in the same step."""
    out = run_steps(FRAME, 'derive: {a: "a * 10", c: "a"}')
    assert out["c"].to_list() == [1, 2, None]


def test_derive_empty_frame_keeps_schema(run_steps):
    out = run_steps(FRAME.clear(), 'derive: {c: "a + b"}')
    assert_frame_equal(out, pl.DataFrame(schema={**FRAME.schema, "c": pl.Int64}))


def test_derive_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"step 1 `derive`: column `bb` does not exist .* "
                                        r"Did you mean `b`\?"):
        run_steps(FRAME, 'derive: {c: "bb + 1"}')


def test_derive_bad_expression_names_the_step(run_steps):
    with pytest.raises(StepError, match=r"step 1 `derive`: cannot parse the SQL expression"):
        run_steps(FRAME, 'derive: {c: "a +* b"}')


def test_derive_needs_at_least_one_column(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `derive`: missing required key `columns`"):
        run_steps(FRAME, "derive: {}")


def test_derive_failed_conversion_names_the_steps_using_the_column_not_the_value():
    """A CAST inside SQL fails only on real rows: the steps using the column are named."""
    import veil
    from veil.errors import VeilError

    frame = pl.DataFrame({"id": [1, 2], "name": ["CANARY-6120", "Bob"]})
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false}\nsteps:\n"
              "  - derive: {n: \"CAST(name AS INTEGER)\"}\n  - select: [id, n]\n")
    with pytest.raises(VeilError) as caught:
        veil.run(recipe, frame, output=None, report_dir=None)
    message = caught.value.message
    assert "in column 'name'" in message
    assert message.endswith("Steps that use `name`: step 1 `derive` (line 6).")
    assert "CANARY" not in message
