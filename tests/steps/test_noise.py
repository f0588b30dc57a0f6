"""`noise`: bounded, seeded, reproducible; integers stay integers."""

from __future__ import annotations

import hashlib
import hmac

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from tests.conftest import TEST_KEY

import veil
from veil.errors import KeyMissingError, RecipeError, StepError

FRAME = pl.DataFrame({"id": ["r1", "r2", "r3", None], "n": [10, 20, None, 40],
                      "x": [1.0, -2.5, 3.25, 100.0]})


def run(frame, step: str, *, seed: int = 0, key: str | None = None, environ=None) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nseed: {seed}\n"
            f"report: {{verify_output: false, dataset_card: false}}\nsteps:\n  - {step}\n")
    return veil.run(text, frame, key=key, output=None, report_dir=None, environ=environ or {})


def unit(value: str, seed: int, column: str) -> float:
    """The documented per-key draw: HMAC(SHA-256(seed, column), value) -> [0, 1)."""
    material = hashlib.sha256(f"veil/noise/v1/{seed}/{column}".encode()).digest()
    return int.from_bytes(hmac.new(material, value.encode(), hashlib.sha256).digest()[:8], "big") / 2**64


def test_noise_by_key_matches_the_documented_draw():
    out = run(FRAME, "noise: {columns: [x], max_abs: 2, by: id}", seed=3).frame
    pairs = zip(["r1", "r2", "r3"], [1.0, -2.5, 3.25], strict=True)
    expected = [v + (2 * unit(k, 3, "x") - 1) * 2 for k, v in pairs]
    assert out["x"].to_list()[:3] == pytest.approx(expected)
    assert out["x"][3] is None  # no key: no consistent noise, so no value


def test_noise_by_key_ignores_row_order():
    step = "noise: {columns: [x, n], max_abs: 3, by: id}"
    forward = run(FRAME, step).frame
    backward = run(FRAME.reverse(), step).frame.reverse()
    assert_frame_equal(forward, backward)


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=40),
       bound=st.floats(0.5, 50), seed=st.integers(0, 2**32))
def test_noise_integers_stay_within_bound(values, bound, seed):
    frame = pl.DataFrame({"n": values})
    out = run(frame, f"noise: {{columns: [n], max_abs: {bound}}}", seed=seed).frame
    assert out.schema == frame.schema
    assert ((out["n"] - frame["n"]).abs() <= bound).all()


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40), share=st.floats(0.01, 1))
def test_noise_relative_bound_on_floats(values, share):
    frame = pl.DataFrame({"x": values})
    out = run(frame, f"noise: {{columns: [x], max_relative: {share}}}").frame
    assert ((out["x"] - frame["x"]).abs() <= frame["x"].abs() * share + 1e-9).all()


def test_noise_is_reproducible_and_seed_dependent():
    step = "noise: {columns: [x], max_abs: 1}"
    assert_frame_equal(run(FRAME, step, seed=1).frame, run(FRAME, step, seed=1).frame)
    assert not (run(FRAME, step, seed=1).frame["x"] == run(FRAME, step, seed=2).frame["x"]).any()
    step_seed = run(FRAME, "noise: {columns: [x], max_abs: 1, seed: 2}", seed=1).frame
    assert_frame_equal(step_seed, run(FRAME, step, seed=2).frame)


def test_noise_keyed_differs_from_unkeyed_and_needs_the_key():
    plain = run(FRAME, "noise: {columns: [x], max_abs: 1}").frame
    keyed = run(FRAME, "noise: {columns: [x], max_abs: 1, keyed: true}", key=TEST_KEY).frame
    assert not (plain["x"] == keyed["x"]).any()
    with pytest.raises(KeyMissingError, match="VEIL_KEY"):
        run(FRAME, "noise: {columns: [x], max_abs: 1, keyed: true}")


def test_noise_nulls_stay_null_and_decimals_round():
    out = run(FRAME, "noise: {columns: [n, x], max_abs: 0.5, decimals: 1}").frame
    assert out["n"].to_list() == [10, 20, None, 40]  # integer noise within 0.5 is 0
    assert all(round(v, 1) == v for v in out["x"])


def test_noise_records_counts():
    details = run(FRAME, "noise: {columns: [n], max_abs: 1, by: id}").report.steps[0].details
    assert details == {"columns": {"n": {"perturbed": 2, "nulled_no_key": 1}},
                       "derived_from": "column id", "keyed": False}


def test_noise_on_text_column_is_refused():
    with pytest.raises(StepError, match="column `id` is String; `noise` takes numeric columns"):
        run(FRAME, "noise: {columns: [id], max_abs: 1}")


@pytest.mark.parametrize("step", ["noise: {columns: [x]}", "noise: {columns: [x], max_abs: 1, max_relative: 0.1}",
                                  "noise: {columns: [x], max_abs: -1}"])
def test_noise_needs_one_positive_bound(step):
    with pytest.raises(RecipeError):
        run(FRAME, step)


def test_noise_empty_frame():
    assert_frame_equal(run(FRAME.clear(), "noise: {columns: [n, x], max_abs: 1}").frame, FRAME.clear())


def test_noise_describe():
    step = veil.load_recipe("veil: 1\nname: t\nsteps:\n  - noise: {columns: [x], max_relative: 0.05}\n").steps[0]
    assert step.describe() == ("add seeded uniform noise of at most 5% to x, derived from the row "
                               "position")


@pytest.mark.parametrize("dtype", [pl.UInt8, pl.Int8, pl.UInt64, pl.Float32, pl.Decimal(10, 2)])
def test_noise_keeps_the_column_type_even_at_its_ends(dtype):
    values = [0, 1, 127] if dtype != pl.UInt8 else [0, 1, 255]
    frame = pl.DataFrame({"v": values}, schema={"v": dtype})
    out = run(frame, "noise: {columns: [v], max_abs: 3}").frame
    assert out.schema == frame.schema
