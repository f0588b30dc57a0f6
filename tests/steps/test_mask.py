"""`mask`: keep first/last characters; the card preset never shows more than BIN + last 4."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import veil
from veil.errors import RecipeError, StepError


def run(frame, step: str) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, output=None, report_dir=None)


# fmt: off
@pytest.mark.parametrize("step, values, expected", [
    ("mask: [s]", ["secret", "", None], ["******", "", None]),                       # all masked
    ("mask: {columns: [s], keep_last: 4}", ["123456789", "abc"], ["*****6789", "***"]),  # short: all masked
    ("mask: {columns: [s], keep_first: 2, keep_last: 2, char: '#'}", ["abcdefg", "abcd"], ["ab###fg", "####"]),
    ("mask: {columns: [s], keep_first: 1}", ["Ωmega", "日本語"], ["Ω****", "日**"]),   # characters, not bytes
    ("mask: {columns: [s], keep_last: 1, char: '$'}", ["abc"], ["$$c"]),           # regex-special char
])
# fmt: on
def test_mask_keeps_first_and_last(step, values, expected):
    out = run(pl.DataFrame({"s": values}, schema={"s": pl.String}), step).frame
    assert_frame_equal(out, pl.DataFrame({"s": expected}, schema={"s": pl.String}))


def test_mask_integer_column_becomes_text():
    out = run(pl.DataFrame({"n": [123456, None]}), "mask: {columns: [n], keep_last: 2}").frame
    assert out["n"].to_list() == ["****56", None]


# fmt: off
@pytest.mark.parametrize("step, pan, expected", [
    ("mask: {columns: [pan], preset: card}", "4111 1111 1111 1111", "411111******1111"),
    ("mask: {columns: [pan], preset: card, keep_first: 8}", "4111-1111-1111-1111", "41111111****1111"),
    # 15-digit PAN: an 8-digit BIN is only allowed from 16 digits, so 6 show
    ("mask: {columns: [pan], preset: card, keep_first: 8}", "378282246310005", "378282*****0005"),
    ("mask: {columns: [pan], preset: card, keep_first: 0}", "4111111111111111", "************1111"),
    ("mask: {columns: [pan], preset: card}", "12345678901", "***********"),          # < 12 digits: not a PAN
    ("mask: {columns: [pan], preset: card}", "no digits", ""),
])
# fmt: on
def test_mask_card_preset(step, pan, expected):
    assert run(pl.DataFrame({"pan": [pan]}), step).frame["pan"].to_list() == [expected]


@pytest.mark.parametrize("step", [
    "mask: {columns: [pan], preset: card, keep_first: 9}",
    "mask: {columns: [pan], preset: card, keep_last: 5}",
])
def test_mask_card_refuses_revealing_more(step):
    with pytest.raises(RecipeError, match="PCI DSS v4.0 req. 3.4.1"):
        run(pl.DataFrame({"pan": ["4111111111111111"]}), step)


@settings(max_examples=200, deadline=None)
@given(digits=st.text("0123456789", min_size=0, max_size=22),
       separators=st.lists(st.sampled_from(["", " ", "-"]), min_size=22, max_size=22),
       first=st.integers(0, 8), last=st.integers(0, 4))
def test_mask_card_never_reveals_more_than_bin_and_last_four(digits, separators, first, last):
    pan = "".join(d + s for d, s in zip(digits, separators, strict=False))
    step = f"mask: {{columns: [pan], preset: card, keep_first: {first}, keep_last: {last}}}"
    out = run(pl.DataFrame({"pan": [pan]}), step).frame["pan"][0]
    assert len(out) == len(digits)
    shown = [i for i, c in enumerate(out) if c != "*"]
    bin_size = 0 if len(digits) < 12 else (min(first, 6) if len(digits) < 16 else first)
    allowed = set(range(bin_size)) | set(range(len(digits) - (last if len(digits) >= 12 else 0),
                                               len(digits)))
    assert set(shown) <= allowed
    assert all(out[i] == digits[i] for i in shown)


def test_mask_records_counts():
    details = run(pl.DataFrame({"s": ["a", None]}), "mask: [s]").report.steps[0].details
    assert details == {"masked_values": {"s": 1}, "keep_first": 0, "keep_last": 0, "preset": None}


def test_mask_date_column_is_refused():
    with pytest.raises(StepError, match="column `d` is Date; `mask` takes text or integer"):
        run(pl.DataFrame({"d": [pl.Series([0]).cast(pl.Date)[0]]}), "mask: [d]")


def test_mask_describe():
    step = veil.load_recipe("veil: 1\nname: t\nsteps:\n  - mask: {columns: [pan], preset: card}\n").steps[0]
    assert step.describe() == ("mask card numbers (PCI DSS 3.4.1) in pan with `*`, keeping the "
                               "first 6 and last 4 characters")
