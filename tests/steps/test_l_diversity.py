"""`l_diversity`: distinct/entropy l per class, t-closeness, and the QIs of the k step before."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.privacy.conftest import tables
from tests.steps.conftest import recipe_text

import veil
from veil.errors import PrivacyGateError, StepError

# class a=1: {x, y} (l=2); class a=2: {x, x} (l=1)
FRAME = pl.DataFrame({"a": [1, 1, 2, 2, 3, 3, 3], "s": ["x", "y", "x", "x", "x", "y", "z"]})
K_STEP = "k_anonymity: {quasi_identifiers: [a], k: 2}"


def run(frame: pl.DataFrame, *steps: str) -> veil.RunResult:
    return veil.run(recipe_text(*steps), frame, output=None, report_dir=None)


def test_l_diversity_takes_quasi_identifiers_of_the_k_step_before():
    result = run(FRAME.filter(pl.col("a") != 2), K_STEP, "l_diversity: {sensitive: [s], l: 2}")
    gate = result.report.gates[-1]
    assert gate.passed and gate.figures["quasi_identifiers"] == ["a"]
    assert result.report.risk["l_diversity"]["l"] == 2


def test_l_diversity_fail_counts_classes_by_size():
    with pytest.raises(
        PrivacyGateError, match=r"not reached in 1 class: 1 class of size 2 \(2 records\)"
    ):
        run(FRAME, K_STEP, "l_diversity: {sensitive: [s], l: 2}")


def test_l_diversity_without_quasi_identifiers_is_a_step_error():
    with pytest.raises(StepError, match="no quasi-identifiers"):
        run(FRAME, "l_diversity: {sensitive: [s], l: 2}")


@pytest.mark.parametrize(
    "kind, l, rows",
    [
        ("distinct", 2, 5),  # drops the {x, x} class
        ("distinct", 3, 3),  # keeps only {x, y, z}
        ("entropy", 2, 5),  # {x, y} is exactly entropy-2
        ("entropy", 2.5, 3),  # {x, y, z} is entropy-3
    ],
)
def test_l_diversity_suppress_drops_short_classes(kind, l, rows):  # noqa: E741
    step = (
        f"l_diversity: {{sensitive: [s], l: {l}, kind: {kind}, quasi_identifiers: [a], "
        f"on_violation: suppress, max_suppression: 0.6}}"
    )
    assert run(FRAME, step).frame.height == rows


@settings(max_examples=30, deadline=None)
@given(tables(nulls=True), st.integers(1, 3))
def test_l_diversity_suppress_leaves_l_distinct_values_per_class(frame, l):  # noqa: E741
    step = (
        f"l_diversity: {{sensitive: [s0], l: {l}, quasi_identifiers: [q0, q1, q2], "
        f"on_violation: suppress, max_suppression: 1}}"
    )
    out = run(frame, step).frame
    groups: dict[tuple, set] = {}
    for row in out.iter_rows(named=True):
        groups.setdefault((row["q0"], row["q1"], row["q2"]), set()).add(row["s0"])
    assert all(len(values) >= l for values in groups.values())


def test_l_diversity_t_closeness_fails_with_the_distance():
    frame = pl.DataFrame(
        {"g": ["A"] * 3 + ["B"] * 3 + ["C"] * 3, "salary": [3, 4, 5, 6, 8, 11, 7, 9, 10]}
    )
    step = "l_diversity: {sensitive: [salary], l: 3, quasi_identifiers: [g], t_closeness: {t: 0.3}}"
    with pytest.raises(
        PrivacyGateError, match=r"t-closeness with t=0.3 is not reached: `salary` at 0.375"
    ):
        run(frame, step)


def test_l_diversity_t_closeness_figures_are_recorded():
    frame = pl.DataFrame(
        {"g": ["A"] * 3 + ["B"] * 3 + ["C"] * 3, "salary": [3, 4, 5, 6, 8, 11, 7, 9, 10]}
    )
    step = "l_diversity: {sensitive: [salary], l: 3, quasi_identifiers: [g], t_closeness: {t: 0.4}}"
    figures = run(frame, step).report.gates[-1].figures
    assert (figures["t_target"], figures["t_per_column"]) == (0.4, {"salary": 0.375})


def test_l_diversity_fail_through_cli_writes_nothing_and_names_no_value(
    veil_cli, tmp_path, recipe_file
):
    canaries = ["ZQ-CANARY-7", "DX-CANARY-8"]
    frame = pl.DataFrame({"zip": [canaries[0]] * 2 + ["B"] * 2,
                          "dx": [canaries[1]] * 2 + ["x", "y"]})
    frame.write_csv(tmp_path / "in.csv")
    recipe = recipe_file("""
        veil: 1
        name: gate
        nlp: none
        input: {path: in.csv}
        output: {path: out.csv}
        steps:
          - k_anonymity: {quasi_identifiers: [zip], k: 2}
          - l_diversity: {sensitive: [dx], l: 2}
        """)
    result = veil_cli("run", recipe)
    assert result.exit_code == 1
    assert not (tmp_path / "out.csv").exists()
    assert "not reached in 1 class: 1 class of size 2" in result.stderr
    assert "Traceback" not in result.output
    assert not any(canary in result.output for canary in canaries)
