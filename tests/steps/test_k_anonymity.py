"""`k_anonymity`: fail writes nothing; suppress and generalize leave classes of at least k."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.privacy.conftest import class_sizes, tables
from tests.steps.conftest import recipe_text

import veil
from veil.errors import PrivacyGateError, RecipeError, StepError

QI = ["q0", "q1", "q2"]
GENERALIZE = (
    "k_anonymity: {quasi_identifiers: [q0, q1, q2], k: %d, on_violation: generalize, "
    "max_suppression: %s, hierarchies: {q0: {bins: [[0, 2]]}, q1: {}, "
    "q2: {bins: [[0, 2]]}}}"
)
# two classes of 1 (a=3, a=4), one of 2, one of 3
FRAME = pl.DataFrame({"a": [1, 1, 2, 2, 2, 3, 4], "b": ["x"] * 7})


def run(frame: pl.DataFrame, step: str) -> veil.RunResult:
    return veil.run(recipe_text(step), frame, output=None, report_dir=None)


def test_k_anonymity_passing_frame_is_unchanged_and_recorded():
    result = run(FRAME.filter(pl.col("a") <= 2), "k_anonymity: {quasi_identifiers: [a, b], k: 2}")
    assert result.frame.height == 5
    (gate,) = result.report.gates
    assert (gate.kind, gate.passed, gate.figures["smallest_class"]) == ("k_anonymity", True, 2)
    assert result.report.risk["prosecutor_risk_highest"] == 0.5


def test_k_anonymity_fail_counts_classes_by_size():
    with pytest.raises(PrivacyGateError, match=r"2 classes of size 1 \(2 of 7 records"):
        run(FRAME, "k_anonymity: {quasi_identifiers: [a, b], k: 2}")


def test_k_anonymity_suppress_drops_small_classes_within_budget():
    result = run(
        FRAME,
        "k_anonymity: {quasi_identifiers: [a], k: 2, on_violation: suppress, max_suppression: 0.3}",
    )
    assert result.frame["a"].to_list() == [1, 1, 2, 2, 2]
    assert result.report.risk["suppressed_rows"] == 2


def test_k_anonymity_suppress_beyond_budget_fails():
    with pytest.raises(PrivacyGateError, match=r"more than `max_suppression` \(10.0%\)"):
        run(
            FRAME,
            "k_anonymity: {quasi_identifiers: [a], k: 2, on_violation: suppress, "
            "max_suppression: 0.1}",
        )


@settings(max_examples=30, deadline=None)
@given(tables(nulls=True), st.integers(2, 5))
def test_k_anonymity_suppress_leaves_classes_of_at_least_k(frame, k):
    step = (f"k_anonymity: {{quasi_identifiers: [q0, q1, q2], k: {k}, on_violation: suppress, "
            f"max_suppression: 1}}")
    out = run(frame, step).frame
    assert all(size >= k for size in class_sizes(out, QI).values())


@settings(max_examples=30, deadline=None)
@given(tables(nulls=True), st.integers(2, 5))
def test_k_anonymity_generalize_leaves_classes_of_at_least_k(frame, k):
    try:
        out = run(frame, GENERALIZE % (k, 0.2)).frame
    except PrivacyGateError:  # no node within the budget: failing is the right answer
        return
    assert all(size >= k for size in class_sizes(out, QI).values())


def test_k_anonymity_generalize_reports_chosen_levels():
    frame = pl.DataFrame({"q0": [0, 1, 2, 3], "q1": [0, 1, 0, 1], "q2": [1, 1, 1, 1]})
    result = run(frame, GENERALIZE % (2, 0))
    assert result.report.risk["chosen_levels"] == {
        "q0": {"level": 2, "of": 2, "setting": "*"},
        "q1": {"level": 0, "of": 1, "setting": "q1"},
        "q2": {"level": 0, "of": 2, "setting": "q2"},
    }
    assert result.frame["q0"].to_list() == ["*"] * 4
    assert result.report.steps[-1].details["chosen_levels"]["q0"]["level"] == 2


# fmt: off
@pytest.mark.parametrize("step, match", [
    ("k_anonymity: {quasi_identifiers: [a], k: 2, on_violation: generalize}",
     "needs `hierarchies`"),
    ("k_anonymity: {quasi_identifiers: [a], k: 2, hierarchies: {b: {}}}",
     "not quasi-identifiers: b"),
    ("k_anonymity: {quasi_identifiers: [a], k: 2, on_violation: generalize, "
     "hierarchies: {a: {widths: [5], bins: [[0]]}}}", "one kind of levels, not widths, bins"),
    ("k_anonymity: {quasi_identifiers: [a], k: 2, on_violation: generalize, "
     "hierarchies: {a: {keep_digits: [1]}}}", "keep_digits"),
    ("k_anonymity: {quasi_identifiers: [a], k: 1}", "greater than or equal to 2"),
])
# fmt: on
def test_k_anonymity_bad_parameters_are_recipe_errors(step, match):
    with pytest.raises(RecipeError, match=match):
        run(FRAME, step)


def test_k_anonymity_hierarchy_that_does_not_fit_the_column_is_a_step_error():
    message = r"step 1 `k_anonymity`: hierarchy of `b`: `widths` needs a numeric"
    with pytest.raises(StepError, match=message):
        run(FRAME, "k_anonymity: {quasi_identifiers: [a, b], k: 2, on_violation: generalize, "
                   "hierarchies: {b: {widths: [5, 10]}}}")


def test_k_anonymity_fail_through_cli_writes_nothing_and_names_no_value(
    veil_cli, tmp_path, recipe_file
):
    canaries = ["ZQ-CANARY-1", "ZQ-CANARY-2"]
    frame = pl.DataFrame({"zip": ["A", "A", "A", *canaries], "age": [40] * 5})
    frame.write_csv(tmp_path / "in.csv")
    recipe = recipe_file("""
        veil: 1
        name: gate
        nlp: none
        input: {path: in.csv}
        output: {path: out.csv}
        report: {dir: reports}
        steps:
          - k_anonymity: {quasi_identifiers: [zip, age], k: 3}
        """)
    result = veil_cli("run", recipe)
    assert result.exit_code == 1
    assert not (tmp_path / "out.csv").exists()
    assert "2 classes of size 1" in result.stderr and "Traceback" not in result.output
    assert not any(canary in result.output for canary in canaries)
