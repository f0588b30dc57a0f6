"""The pruned lattice search finds the exhaustive search's node, and its node reaches k."""

from __future__ import annotations

import itertools

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.privacy.conftest import class_sizes, tables

from veil.privacy import kanon, lattice
from veil.privacy.generalization import hierarchy_from_spec

QI = ["q0", "q1", "q2"]
HIERARCHIES = [  # levels: q0 0..2, q1 0..1, q2 0..3 (the top level is "*")
    hierarchy_from_spec("q0", {"bins": [[0, 2]]}, dtype=pl.Int64),
    hierarchy_from_spec("q1", {}, dtype=pl.Int64),
    hierarchy_from_spec("q2", {"bins": [[1, 2, 3], [1, 3]]}, dtype=pl.Int64),
]
budgets = st.sampled_from([0.0, 0.1, 0.3])
FOUR = [*HIERARCHIES, hierarchy_from_spec("q3", {"widths": [2]}, dtype=pl.Int64)]


@settings(max_examples=80, deadline=None)
@given(tables(nulls=True), st.integers(1, 6), budgets)
def test_lattice_search_finds_the_exhaustive_optimum(frame, k, budget):
    pruned = lattice.search(frame, HIERARCHIES, k=k, max_suppression=budget)
    full = lattice.exhaustive_search(frame, HIERARCHIES, k=k, max_suppression=budget)
    assert pruned.best == full.best
    assert pruned.nodes_evaluated <= full.nodes_evaluated == 3 * 2 * 4


@settings(max_examples=60, deadline=None)
@given(tables(qi=4, rows=(1, 120), nulls=True), st.integers(1, 6), budgets)
def test_lattice_search_with_four_qis_finds_the_exhaustive_optimum(frame, k, budget):
    """Four QIs: the pruning also uses projections on three of them."""
    pruned = lattice.search(frame, FOUR, k=k, max_suppression=budget)
    full = lattice.exhaustive_search(frame, FOUR, k=k, max_suppression=budget)
    assert pruned.best == full.best


@settings(max_examples=40, deadline=None)
@given(tables(nulls=True), st.integers(1, 6))
def test_lattice_suppression_never_grows_up_the_lattice(frame, k):
    """The monotonicity the pruning relies on, checked on every pair of comparable nodes."""
    nodes = lattice.exhaustive_search(frame, HIERARCHIES, k=k).evaluated
    for low, high in itertools.permutations(nodes, 2):
        if all(a <= b for a, b in zip(low, high, strict=True)):
            assert nodes[high].suppressed <= nodes[low].suppressed


@settings(max_examples=60, deadline=None)
@given(tables(nulls=True), st.integers(1, 6), budgets)
def test_lattice_chosen_node_reaches_k_within_budget(frame, k, budget):
    result = lattice.search(frame, HIERARCHIES, k=k, max_suppression=budget)
    if result.best is None:
        return
    generalised = frame.with_columns(result.expressions())
    kept = generalised.filter(kanon.suppression_plan(generalised, QI, k).keep)
    assert all(size >= k for size in class_sizes(kept, QI).values())
    assert frame.height - kept.height == result.best.suppressed <= frame.height * budget


def test_lattice_reports_the_chosen_levels():
    frame = pl.DataFrame({"q0": [0, 1, 2, 3], "q1": [0, 1, 0, 1], "q2": [1, 1, 1, 1]})
    result = lattice.search(frame, HIERARCHIES, k=2)
    # q0 starred leaves two classes of 2 at loss (2/2) / 3; q0 in bins 0-1 / 2+ needs q1
    # starred as well, at loss (1/2 + 1/1) / 3
    assert result.best.node == (2, 0, 0)
    assert result.as_dict()["chosen_levels"] == {
        "q0": {"level": 2, "of": 2, "setting": "*"},
        "q1": {"level": 0, "of": 1, "setting": "q1"},
        "q2": {"level": 0, "of": 3, "setting": "q2"},
    }
    assert result.as_dict()["information_loss"] == pytest.approx(1 / 3)


def test_lattice_without_a_reachable_node_returns_none():
    frame = pl.DataFrame({"q0": [0], "q1": [0], "q2": [0]})
    assert lattice.search(frame, HIERARCHIES, k=2).best is None
