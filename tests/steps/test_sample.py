"""`sample`: a seeded random subset, by fraction or count, in input order."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError

FRAME = pl.DataFrame({"i": list(range(1000)), "s": [f"r{i}" for i in range(1000)]})


@pytest.mark.parametrize("step, rows", [
    ("sample: {n: 10}", 10),
    ("sample: {n: 0}", 0),
    ("sample: {n: 5000}", 1000),        # asking for more than there is keeps everything
    ("sample: {fraction: 0.1}", 100),
    ("sample: {fraction: 1}", 1000),
])
def test_sample_size(run_steps, step, rows):
    assert run_steps(FRAME, step).height == rows


@pytest.mark.parametrize("step", ["sample: {n: 50}", "sample: {fraction: 0.05}"])
def test_sample_is_reproducible_for_a_seed(run_steps, step):
    assert_frame_equal(run_steps(FRAME, step, seed=7), run_steps(FRAME, step, seed=7))


@pytest.mark.parametrize("step", ["sample: {n: 50}", "sample: {fraction: 0.05}"])
def test_sample_differs_between_seeds(run_steps, step):
    assert not run_steps(FRAME, step, seed=1).equals(run_steps(FRAME, step, seed=2))


def test_sample_own_seed_overrides_recipe_seed(run_steps):
    own = run_steps(FRAME, "sample: {n: 50, seed: 3}", seed=9)
    assert_frame_equal(own, run_steps(FRAME, "sample: {n: 50}", seed=3))


@pytest.mark.parametrize("step", ["sample: {n: 100}", "sample: {fraction: 0.2}"])
def test_sample_keeps_input_order_and_whole_rows(run_steps, step):
    out = run_steps(FRAME, step, seed=11)
    assert out["i"].to_list() == sorted(out["i"].to_list())
    assert out["s"].to_list() == [f"r{i}" for i in out["i"]]
    assert out["i"].n_unique() == out.height


def test_sample_empty_frame_keeps_schema(run_steps):
    assert_frame_equal(run_steps(FRAME.clear(), "sample: {n: 3}"), FRAME.clear())


@pytest.mark.parametrize("step, message", [
    ("sample: {n: 1, fraction: 0.5}", r"Give exactly one of `fraction` or `n`"),
    ("sample: {}", r"Give exactly one of `fraction` or `n`"),
    ("sample: {fraction: 1.5}", r"`fraction`: input should be less than or equal to 1"),
    ("sample: {fraction: 0}", r"`fraction`: input should be greater than 0"),
    ("sample: {n: -1}", r"`n`: input should be greater than or equal to 0"),
    ("sample: {n: many}", r"`n`: input should be a valid integer"),
])
def test_sample_bad_parameters_are_recipe_errors(run_steps, step, message):
    with pytest.raises(RecipeError, match=rf"line 7, step 1 `sample`: {message}"):
        run_steps(FRAME, step)


def test_sample_of_more_rows_than_there_are_says_so_in_the_report():
    """Keeping every row is not sampling: an auditor reading `n: 5000` would think it was."""
    import veil
    from tests.steps.conftest import recipe_text

    report = veil.run(recipe_text("sample: {n: 5000}"), FRAME, output=None,
                      report_dir=None).report
    assert [warning.split(", ", 2)[-1] for warning in report.warnings] == [
        "step 1 `sample`: 5,000 rows asked for, but the table had 1,000 at this step: all were "
        "kept, none left out."]
    assert veil.run(recipe_text("sample: {n: 1000}"), FRAME, output=None,
                    report_dir=None).report.warnings == []
