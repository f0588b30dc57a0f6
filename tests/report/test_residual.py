"""The residual check: what it counts as left, what it counts as expected, and why."""

from __future__ import annotations

import polars as pl
import pytest
from tests.conftest import TEST_KEY

import veil
from veil.errors import PrivacyGateError
from veil.report.residual import PLACEHOLDER_REASON, _is_placeholder

FRAME = pl.DataFrame({
    "note": ["write to ann.fake@example.org today", "mail bob.fake@example.net", None, ""],
    "contact": ["carl.fake@example.com", "dora.fake@example.com", "x", "y"],
    "id": ["a", "b", "c", "d"],
})


def residual_of(steps: str, *, report: str = "") -> dict:
    recipe = f"veil: 1\nname: r\nnlp: none\nsteps:\n{steps}\n{report}"
    result = veil.run(recipe, FRAME, key=TEST_KEY, output=None, report_dir=None)
    return {c["column"]: c for c in result.report.residual["columns"]} | {
        "_": result.report.residual}


# fmt: off
@pytest.mark.parametrize("operator, left, expected", [
    ("{replace: '<{entity}>'}",       {},                     {}),                    # nothing left to find
    ("keep",                          {},                     {"EMAIL_ADDRESS": 2}),  # kept on purpose
    ("surrogate",                     {},                     {"EMAIL_ADDRESS": 2}),  # fake, by design
    ("{mask: {char: '*', count: 3}}", {"EMAIL_ADDRESS": 2},   {}),                    # ***.fake@... still is one
])
# fmt: on
def test_residual_treated_column_classifies_by_operator(operator, left, expected):
    """In a redact_text column, keep and surrogate are expected; what still reads as PII is left."""
    columns = residual_of(f"  - redact_text: {{columns: [note], operators: {{EMAIL_ADDRESS: {operator}}}}}")
    assert columns["note"]["residual"] == left
    assert columns["note"]["treated_by_steps"] == [1]
    assert {k: v for k, v in columns["note"]["expected"].items()} == expected


def test_residual_untreated_column_is_flagged():
    """A text column no step treated is scanned with every entity: its emails are left."""
    columns = residual_of("  - redact_text: {columns: [note]}")
    assert columns["contact"]["residual"] == {"EMAIL_ADDRESS": 2}
    assert columns["contact"]["rows_with_residual"] == 2
    assert columns["_"]["total"] == 2 and columns["_"]["by_entity"] == {"EMAIL_ADDRESS": 2}


def test_residual_structured_column_is_not_scanned():
    """A column a structured step produced (here pseudonymize) is recorded, not scanned."""
    columns = residual_of("  - pseudonymize: {columns: [contact]}\n  - redact_text: {columns: [note]}")
    assert columns["contact"]["values_scanned"] == 0
    assert columns["contact"]["structured"] == "values produced by step 1 `pseudonymize`"
    assert columns["_"]["total"] == 0


def test_residual_follows_renames():
    """A treated column renamed afterwards keeps its treatment under the new name."""
    columns = residual_of("  - redact_text: {columns: [note]}\n  - rename: {note: text}\n"
                          "  - drop: [contact]")
    assert columns["text"]["treated_by_steps"] == [1] and columns["_"]["total"] == 0


def test_residual_fail_raises_privacy_gate_error():
    """`residual: fail` with a finding left raises PrivacyGateError naming column and entity only."""
    with pytest.raises(PrivacyGateError, match=r"left in `contact`: EMAIL_ADDRESS \(2\)") as error:
        residual_of("  - redact_text: {columns: [note]}", report="report: {residual: fail}")
    assert "example.com" not in str(error.value)


# fmt: off
@pytest.mark.parametrize("text, start, end, expected", [
    ("call <PHONE_NUMBER> now", 6, 18, True),    # NER span inside the brackets
    ("call <PHONE_NUMBER> now", 5, 19, True),    # the whole placeholder
    ("Dr <PERSON> Smith", 4, 17, False),         # a real name beside a placeholder
    ("[EMAIL_ADDRESS]", 1, 14, True),            # square-bracket templates too
    ("PHONE_NUMBER", 0, 12, False),              # the bare word is not veil's placeholder
])
# fmt: on
def test_residual_placeholder_spans(text, start, end, expected):
    assert _is_placeholder(text, start, end) is expected


def test_residual_placeholder_reason_is_plain_words():
    assert "placeholder" in PLACEHOLDER_REASON
