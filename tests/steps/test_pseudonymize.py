"""`pseudonymize`: keyed HMAC-SHA256 tokens, stable per key, different across keys."""

from __future__ import annotations

import hashlib
import hmac

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from tests.conftest import TEST_KEY

import veil
from veil.errors import KeyMissingError, RecipeError, StepError, UsageError


def run(frame, step: str, *, key: str | None = TEST_KEY, environ=None) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, key=key, output=None, report_dir=None, environ=environ)


def oracle(value: str, *, key: str = TEST_KEY, purpose: str = "pseudonymize:default",
           length: int = 16) -> str:
    """The token computed straight from the definition: HMAC(HMAC(key, purpose), value)."""
    sub = hmac.new(key.encode(), b"veil/v1/" + purpose.encode(), hashlib.sha256).digest()
    return hmac.new(sub, value.encode(), hashlib.sha256).hexdigest()[:length]


FRAME = pl.DataFrame({"id": ["p1", "p2", "p1", None, "José"], "n": [1, 2, 1, None, 5]})


def test_pseudonymize_tokens_match_the_hmac_definition():
    out = run(FRAME, "pseudonymize: {columns: [id], prefix: 'P-'}").frame
    expected = ["P-" + oracle("p1"), "P-" + oracle("p2"), "P-" + oracle("p1"), None,
                "P-" + oracle("José")]
    assert_frame_equal(out, FRAME.with_columns(pl.Series("id", expected)))


@pytest.mark.parametrize("length", [8, 16, 64])
def test_pseudonymize_length(length):
    out = run(FRAME, f"pseudonymize: {{columns: [id], length: {length}}}").frame
    assert out["id"][0] == oracle("p1", length=length)


def test_pseudonymize_integer_column_becomes_text_tokens():
    out = run(FRAME, "pseudonymize: [n]").frame
    assert out["n"].to_list() == [oracle("1"), oracle("2"), oracle("1"), None, oracle("5")]


def test_pseudonymize_same_value_same_token_across_columns_and_frames():
    first = run(pl.DataFrame({"a": ["x", "y"]}), "pseudonymize: [a]").frame
    second = run(pl.DataFrame({"b": ["q", "y", "x"]}), "pseudonymize: [b]").frame
    assert first["a"].to_list() == second["b"].to_list()[:0:-1]


def test_pseudonymize_stable_across_runs():
    assert_frame_equal(run(FRAME, "pseudonymize: [id]").frame, run(FRAME, "pseudonymize: [id]").frame)


def test_pseudonymize_differs_across_keys_and_domains():
    base = run(FRAME, "pseudonymize: [id]").frame["id"]
    other_key = run(FRAME, "pseudonymize: [id]", key="another-key-0123456789").frame["id"]
    other_domain = run(FRAME, "pseudonymize: {columns: [id], domain: staff}").frame["id"]
    for other in (other_key, other_domain):
        assert not (base.drop_nulls() == other.drop_nulls()).any()


def test_pseudonymize_empty_frame():
    empty = pl.DataFrame({"id": []}, schema={"id": pl.String})
    assert_frame_equal(run(empty, "pseudonymize: [id]").frame, empty)


def test_pseudonymize_records_counts_only():
    details = run(FRAME, "pseudonymize: [id]").report.steps[0].details
    assert details == {"columns": {"id": {"values": 4, "distinct": 3, "nulls": 1}},
                       "token_hex_chars": 16, "keyed": True}


def test_pseudonymize_missing_key_fails_before_reading(tmp_path):
    with pytest.raises(KeyMissingError, match="VEIL_KEY"):
        run(tmp_path / "does-not-exist.csv", "pseudonymize: [id]", key=None, environ={})


@pytest.mark.parametrize(("key", "environ", "given"), [
    ("", {}, "the key given is 0 byte(s) long"),  # HMAC pads it: the same as a key of zeros
    ("Qz7kPq", {}, "the key given is 6 byte(s) long"),
    (None, {"VEIL_KEY": "Xv9wDev"}, "the key in `VEIL_KEY` is 7 byte(s) long"),
])
def test_pseudonymize_short_key_is_refused_before_reading(tmp_path, key, environ, given):
    """An empty or short key made guessable pseudonyms with exit 0."""
    with pytest.raises(KeyMissingError) as refused:
        run(tmp_path / "does-not-exist.csv", "pseudonymize: [id]", key=key, environ=environ)
    assert given in str(refused.value) and "at least 16 random characters" in str(refused.value)
    assert "Qz7kPq" not in str(refused.value) and "Xv9wDev" not in str(refused.value)


def test_a_short_key_no_step_uses_leaves_no_fingerprint():
    """The fingerprint of `dev` is an offline test of guesses of it."""
    transforms = "veil: 1\nname: t\nnlp: none\nsteps:\n  - filter: \"id IS NOT NULL\"\n"
    short = veil.run(transforms, FRAME, output=None, report_dir=None, environ={"VEIL_KEY": "dev"})
    assert short.report.key_fingerprint is None
    assert run(FRAME, "pseudonymize: [id]").report.key_fingerprint is not None


def test_pseudonymize_key_of_another_type_is_refused():
    with pytest.raises(UsageError, match=r"^`key` is text or bytes .* got int\.$"):
        run(FRAME, "pseudonymize: [id]", key=12345)


def test_pseudonymize_missing_key_exits_2_and_writes_nothing(tmp_path, recipe_file, veil_cli):
    (tmp_path / "in.csv").write_text("id\np1\n", encoding="utf-8")
    recipe = recipe_file("""
        veil: 1
        name: t
        nlp: none
        input: {path: in.csv}
        output: {path: out.csv}
        steps:
          - pseudonymize: [id]
        """)
    result = veil_cli("run", recipe, key=False)
    assert result.exit_code == 2
    assert "VEIL_KEY" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_pseudonymize_float_column_is_refused():
    with pytest.raises(StepError, match="column `x` is Float64; `pseudonymize` takes text or "
                                        "integer columns: `cast` it to string first"):
        run(pl.DataFrame({"x": [1.5]}), "pseudonymize: [x]")


def test_pseudonymize_list_column_is_refused_with_the_sql_that_makes_it_text():
    """No cast makes a list text; the advice used to be a cast."""
    with pytest.raises(StepError, match=r"column `ids` is List\(Int64\); `pseudonymize` takes "
                                        r"text or integer columns: join its items into text"):
        run(pl.DataFrame({"ids": [[1, 2]]}), "pseudonymize: [ids]")


@pytest.mark.parametrize("step, message", [
    ("pseudonymize: {columns: [id], length: 4}", "length"),
    ("pseudonymize: {columns: []}", "columns"),
    ("pseudonymize: {columns: [id], salt: x}", "salt"),
])
def test_pseudonymize_bad_params(step, message):
    with pytest.raises(RecipeError, match=message):
        run(FRAME, step)


def test_pseudonymize_describe():
    step = veil.load_recipe("veil: 1\nname: t\nsteps:\n  - pseudonymize: {columns: [id], prefix: P-}\n").steps[0]
    assert step.describe() == "replace id by keyed tokens starting `P-` (16 hex characters of HMAC-SHA256)"
