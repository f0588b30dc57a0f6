"""`hash`: one-way digests, keyed by default so guesses cannot be hashed and compared."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from tests.conftest import TEST_KEY

import veil
from veil.errors import KeyMissingError, StepError

FRAME = pl.DataFrame({"phone": ["555-0100", None, "555-0100", "☎ 1"]})


def run(frame, step: str, *, key: str | None = TEST_KEY, environ=None) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, key=key, output=None, report_dir=None, environ=environ)


def keyed(value: str, key: str = TEST_KEY) -> str:
    sub = hmac.new(key.encode(), b"veil/v1/hash:default", hashlib.sha256).digest()
    return hmac.new(sub, value.encode(), hashlib.sha256).hexdigest()


def test_hash_is_keyed_hmac_by_default():
    out = run(FRAME, "hash: [phone]").frame
    expected = [keyed("555-0100"), None, keyed("555-0100"), keyed("☎ 1")]
    assert_frame_equal(out, pl.DataFrame({"phone": expected}))


def test_hash_is_not_the_plain_sha256_nor_the_pseudonym():
    out = run(FRAME, "hash: [phone]").frame["phone"][0]
    assert out != hashlib.sha256(b"555-0100").hexdigest()
    assert out[:16] != run(FRAME, "pseudonymize: [phone]").frame["phone"][0]


def test_hash_differs_across_keys():
    other = run(FRAME, "hash: [phone]", key="k2-another-key-0123456789").frame["phone"][0]
    assert other != keyed("555-0100")


def test_hash_unkeyed_is_plain_sha256_with_a_warning():
    result = run(FRAME, "hash: {columns: [phone], keyed: false, length: 12}", key=None, environ={})
    assert result.frame["phone"].to_list() == [
        hashlib.sha256(b"555-0100").hexdigest()[:12], None,
        hashlib.sha256(b"555-0100").hexdigest()[:12], hashlib.sha256("☎ 1".encode()).hexdigest()[:12]]
    assert any("reversed by hashing guesses" in w for w in result.report.warnings)
    assert result.report.steps[0].details["keyed"] is False


def test_hash_missing_key_fails_before_reading(tmp_path):
    with pytest.raises(KeyMissingError, match="VEIL_KEY"):
        run(tmp_path / "nope.csv", "hash: [phone]", key=None, environ={})


def test_hash_date_column_is_refused():
    with pytest.raises(StepError, match="column `d` is Date"):
        run(pl.DataFrame({"d": [dt.date(2020, 1, 1)]}), "hash: [d]")


def test_hash_missing_key_exits_2(tmp_path, recipe_file, veil_cli):
    (tmp_path / "in.csv").write_text("phone\n555-0100\n", encoding="utf-8")
    recipe = recipe_file("veil: 1\nname: t\nnlp: none\ninput: {path: in.csv}\n"
                         "output: {path: out.csv}\nsteps:\n  - hash: [phone]\n")
    result = veil_cli("run", recipe, key=False)
    assert result.exit_code == 2 and "VEIL_KEY" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out.csv").exists()
