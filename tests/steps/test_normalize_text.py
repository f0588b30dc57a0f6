"""`normalize_text`: trim, collapse whitespace, Unicode normal form."""

from __future__ import annotations

import unicodedata

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

NFD_JOSE = unicodedata.normalize("NFD", "José")


# fmt: off
@pytest.mark.parametrize("step, value, expected", [
    ("normalize_text: [t]", "  a \t b\n c  ", "a b c"),              # trim + collapse
    ("normalize_text: [t]", NFD_JOSE, "José"),                       # NFD -> NFC
    ("normalize_text: [t]", "José", "José"),                         # NFC unchanged
    ("normalize_text: [t]", "\ufb01le", "\ufb01le"),                 # NFC keeps the ligature
    ("normalize_text: {columns: [t], unicode: NFKC}", "\ufb01le", "file"),
    ("normalize_text: {columns: [t], unicode: none}", NFD_JOSE, NFD_JOSE),
    ("normalize_text: {columns: [t], trim: false}", " a  b ", " a b "),
    ("normalize_text: {columns: [t], collapse_whitespace: false}", " a  b ", "a  b"),
    ("normalize_text: [t]", "a\u00a0\u2003b", "a b"),               # Unicode spaces collapse
    ("normalize_text: [t]", "", ""),
])
# fmt: on
def test_normalize_text_value(run_steps, step, value, expected):
    out = run_steps(pl.DataFrame({"t": [value, None]}), step)
    assert out["t"].to_list() == [expected, None]


def test_normalize_text_default_is_every_text_column(run_steps):
    frame = pl.DataFrame({"a": [" x "], "n": [1], "b": [NFD_JOSE]})
    expected = pl.DataFrame({"a": ["x"], "n": [1], "b": ["José"]})
    assert_frame_equal(run_steps(frame, "normalize_text: {}"), expected)


def test_normalize_text_empty_frame_keeps_schema(run_steps):
    empty = pl.DataFrame(schema={"t": pl.String, "n": pl.Int64})
    assert_frame_equal(run_steps(empty, "normalize_text: [t]"), empty)


def test_normalize_text_refuses_non_text_column(run_steps):
    with pytest.raises(StepError, match=r"step 1 `normalize_text`: column `n` is Int64, not text\. "
                                        r"Remove it from `columns`, or `cast` it to string first\."):
        run_steps(pl.DataFrame({"n": [1]}), "normalize_text: [n]")


def test_normalize_text_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"column `tt` does not exist .* Did you mean `t`\?"):
        run_steps(pl.DataFrame({"t": ["x"]}), "normalize_text: [tt]")


def test_normalize_text_unknown_form_lists_allowed(run_steps):
    with pytest.raises(RecipeError, match=r"`unicode` must be one of 'NFC', 'NFKC' or 'none'; "
                                          r"got `NFD`"):
        run_steps(pl.DataFrame({"t": ["x"]}), "normalize_text: {unicode: NFD}")


def test_normalize_text_on_a_list_says_how_to_make_it_text(run_steps):
    """No cast turns a list into text: the advice is the `sql` step that does."""
    with pytest.raises(StepError, match=r"column `tags` is List\(String\), not text\. Remove it "
                                        r"from `columns`, or join its items into text with a "
                                        r"`sql` step"):
        run_steps(pl.DataFrame({"tags": [["a"]]}), "normalize_text: [tags]")
