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


PHONES = [f"call 617-555-{n:04d}" for n in range(1, 1003)]


def _coded_run(values: list[str], coded: str) -> tuple[dict, list[str]]:
    frame = pl.DataFrame({"code": values})
    recipe = (f"veil: 1\nname: r\nnlp: none\nsteps:\n  - select: [code]\n"
              f"report: {{coded_columns: [{coded}]}}\n")
    result = veil.run(recipe, frame, key=TEST_KEY, output=None, report_dir=None)
    return result.report.residual, result.report.warnings


def test_residual_coded_column_findings_are_expected_not_residual():
    """A code list the detector misreads is not a leak; the counts stay visible as expected."""
    residual, warnings = _coded_run(PHONES[:30], "code")
    column = residual["columns"][0]
    assert residual["total"] == 0 and column["coded"] is True
    assert column["expected"] == {"PHONE_NUMBER": 30} and column["values_scanned"] == 30
    assert "coded column" in column["expected_reasons"]["PHONE_NUMBER"]
    assert not warnings


def test_residual_coded_column_with_too_many_values_is_free_text():
    """Declaring a free-text column coded cannot hide identifiers in it."""
    residual, warnings = _coded_run(PHONES, "code")
    assert residual["columns"][0]["coded"] is False
    assert residual["by_entity"] == {"PHONE_NUMBER": 1002}
    assert any("1,002 distinct values" in w and "`code`" in w for w in warnings)


def test_residual_coded_column_not_in_output_is_a_warning():
    residual, warnings = _coded_run(PHONES[:5], "diagnosis")
    assert residual["total"] == 5
    assert any("`diagnosis`" in w and "not a text, number or date column" in w for w in warnings)
