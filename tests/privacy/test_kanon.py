"""k-anonymity, l-diversity and t-closeness against pycanon, a Python oracle and literals."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pycanon import anonymity
from tests.privacy.conftest import class_sizes, tables, to_pandas

from veil.privacy import kanon

QI = ["q0", "q1", "q2"]


@settings(max_examples=60, deadline=None)
@given(tables())
def test_kanon_k_equals_pycanon(frame):
    assert kanon.k_anonymity(frame, QI).k == anonymity.k_anonymity(to_pandas(frame), QI)


@settings(max_examples=60, deadline=None)
@given(tables(sensitive=2))
def test_kanon_distinct_l_equals_pycanon(frame):
    ours = kanon.l_diversity(frame, QI, ["s0", "s1"], kind="distinct").l
    assert ours == anonymity.l_diversity(to_pandas(frame), QI, ["s0", "s1"])


@settings(max_examples=60, deadline=None)
@given(tables(sensitive=2))
def test_kanon_entropy_l_equals_pycanon(frame):
    """pycanon truncates exp(entropy) to an int; a float just below an integer may lose one."""
    ours = kanon.l_diversity(frame, QI, ["s0", "s1"], kind="entropy").l
    theirs = anonymity.entropy_l_diversity(to_pandas(frame), QI, ["s0", "s1"])
    assert theirs in {math.floor(ours + 1e-9), math.floor(ours - 1e-9)}


@settings(max_examples=60, deadline=None)
@given(tables(nulls=True))
def test_kanon_classes_match_row_by_row_oracle_with_nulls(frame):
    """Nulls form their own class: the same sizes as counting tuples (None == None) in Python."""
    oracle = class_sizes(frame, QI)
    figures = kanon.k_anonymity(frame, QI)
    assert figures.classes == len(oracle)
    assert figures.k == min(oracle.values())
    assert figures.histogram == dict(
        sorted({s: list(oracle.values()).count(s) for s in set(oracle.values())}.items())
    )


@settings(max_examples=60, deadline=None)
@given(tables(nulls=True), st.integers(1, 6))
def test_kanon_suppression_plan_leaves_classes_of_at_least_k(frame, k):
    plan = kanon.suppression_plan(frame, QI, k)
    kept = frame.filter(plan.keep)
    assert all(size >= k for size in class_sizes(kept, QI).values())
    dropped = sum(s for s in class_sizes(frame, QI).values() if s < k)  # only what must go
    assert plan.rows == dropped == frame.height - kept.height


def test_kanon_figures_literal():
    frame = pl.DataFrame({"a": [1, 1, 2, 2, 2, None, 3], "b": ["x"] * 7})
    figures = kanon.k_anonymity(frame, ["a", "b"], k=2)
    assert figures.as_dict() == {
        "records": 7,
        "classes": 4,
        "smallest_class": 1,
        "k_target": 2,
        "class_size_histogram": [
            {"size": 1, "classes": 2},
            {"size": 2, "classes": 1},
            {"size": 3, "classes": 1},
        ],
        "records_at_risk": 2,
        "classes_at_risk": 2,
        "prosecutor_risk_highest": 1.0,
        "prosecutor_risk_average": round(4 / 7, 6),
    }


# fmt: off
@pytest.mark.parametrize("histogram, below, expected", [
    ({1: 3, 2: 2, 5: 4}, 5, "3 classes of size 1, 2 of size 2"),
    ({1: 1, 4: 2}, 5, "1 class of size 1, 2 of size 4"),
    ({6: 2}, 5, "none"),                                    # nothing short
])
# fmt: on
def test_kanon_describe_shortfall_counts_by_size(histogram, below, expected):
    assert kanon.describe_shortfall(histogram, below) == expected


def test_kanon_entropy_l_of_even_halves_is_two():
    frame = pl.DataFrame({"q": [1, 1, 2, 2], "s": ["a", "b", "c", "d"]})
    result = kanon.l_diversity(frame, ["q"], ["s"], kind="entropy", l=2)
    assert result.l == pytest.approx(2.0) and result.classes_below == 0


def test_kanon_l_diversity_keep_drops_only_short_classes():
    frame = pl.DataFrame({"q": [1, 1, 2, 2, 2], "s": ["a", "a", "a", "b", "c"]})
    result = kanon.l_diversity(frame, ["q"], ["s"], kind="distinct", l=2)
    assert result.keep.to_list() == [False, False, True, True, True]
    assert (result.classes_below, result.records_below) == (1, 2)


@settings(max_examples=40, deadline=None)
@given(tables())
def test_kanon_t_closeness_equal_distance_equals_pycanon(frame):
    ours = kanon.t_closeness(frame, QI, "s0")
    assert ours == pytest.approx(anonymity.t_closeness(to_pandas(frame), QI, ["s0"]), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(tables(), st.data())
def test_kanon_t_closeness_ordered_distance_equals_pycanon(frame, data):
    values = data.draw(st.lists(st.integers(0, 9), min_size=frame.height, max_size=frame.height))
    frame = frame.with_columns(pl.Series("n", values))
    assume(frame["n"].n_unique() >= 2)  # pycanon divides by m - 1
    ours = kanon.t_closeness(frame, QI, "n")
    assert ours == pytest.approx(anonymity.t_closeness(to_pandas(frame), QI, ["n"]), abs=1e-9)


# Li, Li & Venkatasubramanian (2007), salaries 3k..11k: {3k,4k,5k} is at 0.375, {6k,8k,11k} at 1/6.
SALARY = [3, 4, 5, 6, 8, 11, 7, 9, 10]


# fmt: off
@pytest.mark.parametrize("groups, expected", [
    (["A"] * 3 + ["B"] * 3 + ["C"] * 3, 0.375),     # the worst class is {3, 4, 5}
    (["Y"] * 3 + ["X"] * 3 + ["Y"] * 3, 1 / 6),     # {6, 8, 11} at 1/6; the rest at 1/12
    (["A"] * 9, 0.0),                               # one class: the table itself
])
# fmt: on
def test_kanon_t_closeness_ordered_distance_literals(groups, expected):
    frame = pl.DataFrame({"g": groups, "salary": SALARY})
    assert kanon.t_closeness(frame, ["g"], "salary") == pytest.approx(expected)


# fmt: off
@pytest.mark.parametrize("groups, values, expected", [
    ([1, 1, 2, 2], ["a", "a", "b", "b"], 0.5),      # each class holds half the values
    ([1, 1, 2, 2], ["a", "b", "a", "c"], 0.25),     # class 1: |.5-.5| + |.5-.25| + |0-.25|, halved
    ([1, 2, 3, 4], ["a", "a", "a", "a"], 0.0),      # one value everywhere
])
# fmt: on
def test_kanon_t_closeness_equal_distance_literals(groups, values, expected):
    frame = pl.DataFrame({"g": groups, "dx": values})
    assert kanon.t_closeness(frame, ["g"], "dx") == pytest.approx(expected)
