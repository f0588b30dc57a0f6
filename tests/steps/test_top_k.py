"""`top_k`: the k most frequent categories stay; ties broken by text, the rest -> other."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import veil
from veil.errors import RecipeError, StepError

JOBS = ["nurse", "nurse", "nurse", "clerk", "clerk", "baker", "actor", "zoologist", None, "été"]


def run(frame, step: str) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, output=None, report_dir=None)


# fmt: off
@pytest.mark.parametrize("step, expected", [
    ("top_k: {columns: [job], k: 2}",
     ["nurse", "nurse", "nurse", "clerk", "clerk", "other", "other", "other", None, "other"]),
    # one-row ties: `actor` sorts first, so it is the one kept
    ("top_k: {columns: [job], k: 3}",
     ["nurse", "nurse", "nurse", "clerk", "clerk", "other", "actor", "other", None, "other"]),
    ("top_k: {columns: [job], min_count: 2, other: '(rare)'}",
     ["nurse", "nurse", "nurse", "clerk", "clerk", "(rare)", "(rare)", "(rare)", None, "(rare)"]),
    ("top_k: {columns: [job], k: 1, min_count: 2}",
     ["nurse", "nurse", "nurse", "other", "other", "other", "other", "other", None, "other"]),
    ("top_k: {columns: [job], k: 50}", JOBS),
])
# fmt: on
def test_top_k_keeps_frequent_categories(step, expected):
    frame = pl.DataFrame({"job": JOBS})
    assert_frame_equal(run(frame, step).frame, pl.DataFrame({"job": expected}))


def test_top_k_tie_breaking_does_not_depend_on_row_order():
    frame = pl.DataFrame({"job": JOBS})
    for seed in range(5):
        shuffled = frame.sample(fraction=1.0, shuffle=True, seed=seed)
        kept = set(run(shuffled, "top_k: {columns: [job], k: 4}").frame["job"].drop_nulls())
        assert kept == {"nurse", "clerk", "actor", "baker", "other"}


def test_top_k_integer_column_becomes_text():
    out = run(pl.DataFrame({"code": [7, 7, 8, 9]}), "top_k: {columns: [code], k: 1}").frame
    assert out["code"].to_list() == ["7", "7", "other", "other"]


def test_top_k_records_counts():
    details = run(pl.DataFrame({"job": JOBS}), "top_k: {columns: [job], k: 2}").report.steps[0].details
    assert details == {"columns": {"job": {"categories": 6, "kept": 2, "values_replaced": 4}}}


def test_top_k_needs_a_rule():
    with pytest.raises(RecipeError, match="(?i)give `k`, `min_count` or both"):
        run(pl.DataFrame({"job": JOBS}), "top_k: {columns: [job]}")


def test_top_k_refuses_floats():
    with pytest.raises(StepError, match="column `x` is Float64"):
        run(pl.DataFrame({"x": [1.5]}), "top_k: {columns: [x], k: 1}")


def test_top_k_empty_frame():
    empty = pl.DataFrame({"job": []}, schema={"job": pl.String})
    assert_frame_equal(run(empty, "top_k: {columns: [job], k: 1}").frame, empty)


def test_top_k_describe():
    step = veil.load_recipe("veil: 1\nname: t\nsteps:\n  - top_k: {columns: [job], k: 20}\n").steps[0]
    assert step.describe() == "in job keep the 20 most frequent categories; the rest become `other`"
