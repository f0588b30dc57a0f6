"""The residual check reads number columns too, and values without letters (or codes of
letters and digits) after their column's name.

veil types a CSV column of digits without leading zeros as a number, so an SSN, phone,
card or record number column left untreated arrives as Int64: the check must not call
such an output clean. Digits with leading zeros stay text, and alone they say as little.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

import veil
from veil.errors import PrivacyGateError
from veil.nlp.types import Finding
from veil.report.residual import _Column, _in_value, _label, _Treatment

FRAME = pl.DataFrame({
    "id": [1, 2, 3],
    "age": [45, 33, 71],
    "ssn": [536224387, 412556789, 623457812],
    "card": [4111111111111111, 5500000000000004, 340000000000009],
    "phone": [2125551234, 4155552671, 3125550198],
    "amount_cents": [1299, 45000, 120],
    "note": ["fine", "ok", "fine"],
})
RECIPE = "veil: 1\nname: numbers\nnlp: none\nsteps:\n{steps}\n{report}"


def residual_of(steps: str = "  - drop: [note]", report: str = "") -> dict:
    result = veil.run(RECIPE.format(steps=steps, report=report), FRAME, output=None,
                      report_dir=None)
    return result.report.residual


def test_residual_numbers_untreated_identifier_columns_are_flagged():
    columns = {c["column"]: c for c in residual_of()["columns"]}
    assert columns["ssn"]["residual"] == {"US_SSN": 3}
    assert columns["card"]["residual"] == {"CREDIT_CARD": 3}
    assert columns["phone"]["residual"] == {"PHONE_NUMBER": 3}
    for plain in ("id", "age", "amount_cents"):
        assert columns[plain]["residual"] == {}, plain
    # Numbers below 5 digits are no identifier the detector knows: not read at all.
    assert [columns[c]["values_scanned"] for c in ("id", "age", "amount_cents")] == [0, 0, 1]


def test_residual_numbers_report_names_columns_never_values():
    residual = residual_of()
    written = json.dumps(residual)
    assert "4111111111111111" not in written and "536224387" not in written
    assert residual["total"] == 9


def test_residual_numbers_from_a_structured_step_are_not_scanned():
    steps = "  - drop: [note, ssn, card]\n  - noise: {columns: [phone], max_abs: 10, seed: 1}"
    columns = {c["column"]: c for c in residual_of(steps)["columns"]}
    assert columns["phone"]["values_scanned"] == 0
    assert columns["phone"]["structured"] == "values produced by step 2 `noise`"


def test_residual_numbers_fail_the_run_with_residual_fail():
    with pytest.raises(PrivacyGateError, match=r"left in `card`: CREDIT_CARD \(3\)") as error:
        residual_of("  - select: [id, card]", report="report: {residual: fail}")
    assert "4111" not in str(error.value)


@pytest.mark.parametrize("column, label", [
    ("ssn", "ssn: "),
    ("patient_phoneNo", "patient phone no: "),
    ("card-number.v2", "card number v2: "),
    ("messages[].n", "messages n: "),
    ("__", ""),
])
def test_residual_numbers_label_is_the_column_name_in_words(column, label):
    assert _label(column) == label


def test_residual_numbers_findings_in_the_label_are_dropped_and_offsets_move():
    """`phone: 2125551234`: a finding over the label alone is not the value's."""
    in_label = Finding(0, 5, "PERSON", 0.9, "spacy")
    in_value = Finding(7, 17, "PHONE_NUMBER", 0.85, "phone")
    across = Finding(5, 17, "PHONE_NUMBER", 0.6, "phone")
    assert _in_value([in_label, in_value, across], len("phone: ")) == [
        Finding(0, 10, "PHONE_NUMBER", 0.85, "phone"), Finding(0, 10, "PHONE_NUMBER", 0.6, "phone")]


def test_residual_numbers_text_digits_are_read_after_the_column_name_too():
    """`02134` alone is no ZIP code to the detector; in a `zip` column it is."""
    frame = pl.DataFrame({"zip": ["02134", "10001"], "mrn": ["00451234", "00451299"],
                          "note": ["fine", "ok"]})
    recipe = "veil: 1\nname: digits\nnlp: none\nsteps:\n  - select: [zip, mrn, note]\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    columns = {c["column"]: c["residual"] for c in residual["columns"]}
    assert columns == {"zip": {"ZIP_CODE": 2}, "mrn": {"MEDICAL_RECORD_NUMBER": 2}, "note": {}}


def test_residual_numbers_codes_are_read_after_the_column_name_too():
    """A passport or member number kept as it was: `X12345678` alone is nothing to the
    detector; in a `passport_no` column it is a passport number."""
    frame = pl.DataFrame({"passport_no": ["X12345678", "Y23456789"],
                          "member_id": ["XXE3972976556", "MLE68552279"],
                          "ward": ["B2", "C14"], "note": ["room B2", "fine"]})
    recipe = "veil: 1\nname: codes\nnlp: none\nsteps: []\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    columns = {c["column"]: c["residual"] for c in residual["columns"]}
    assert columns == {"passport_no": {"PASSPORT": 2}, "member_id": {"HEALTH_PLAN_ID": 2},
                       "ward": {}, "note": {}}


def test_residual_numbers_only_values_without_words_get_the_label():
    column = _Column("zip", _Treatment(), ["02134", "-1.5", "Oslo 0150", "", "SW1A1AA", "ward"],
                     [1] * 6, 6, "zip", label=_label("zip"))
    assert column.shown() == ["zip: 02134", "zip: -1.5", "Oslo 0150", "zip: ", "zip: SW1A1AA",
                              "ward"]


def test_residual_numbers_a_date_typed_column_is_read_like_its_text():
    """A birth date typed as a date is the same identifier as `1985-03-02` in text."""
    frame = pl.DataFrame({"dob": ["1985-03-02", "1990-11-30"]}).with_columns(
        born=pl.col("dob").str.to_date(), seen=pl.col("dob").str.to_datetime())
    recipe = "veil: 1\nname: dates\nnlp: none\nsteps:\n  - select: [dob, born, seen]\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    columns = {c["column"]: c["residual"] for c in residual["columns"]}
    assert columns["born"] == columns["dob"] == {"DATE_TIME": 2}
    assert columns["seen"] == {"DATE_TIME": 2}


def test_residual_numbers_decimal_and_float_columns_are_read_too():
    """Databases export account numbers as decimals, spreadsheets phones as floats."""
    frame = pl.DataFrame({"card": [4111111111111111, 5500000000000004],
                          "phone": [2125551234.0, 4155552671.0], "weight": [72.5, 80.0]}
                         ).with_columns(pl.col("card").cast(pl.Decimal(20, 0)))
    recipe = "veil: 1\nname: decimals\nnlp: none\nsteps:\n  - select: [card, phone, weight]\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    columns = {c["column"]: c["residual"] for c in residual["columns"]}
    assert columns == {"card": {"CREDIT_CARD": 2}, "phone": {"PHONE_NUMBER": 2}, "weight": {}}


def test_residual_numbers_only_whole_numbers_of_five_digits_or_more_are_read():
    """Ages, counts and measurements are left out, which keeps wide numeric tables cheap."""
    frame = pl.DataFrame({"n": [9_999, -10_000, 10_000, 123_456, 123_456],
                          "f": [72.5, 12_345.0, 12_345.5, -99_999.0, None]}).with_columns(
        d=pl.col("n").cast(pl.Decimal(20, 0)), small=pl.col("n").cast(pl.Int16, strict=False))
    recipe = "veil: 1\nname: sizes\nnlp: none\nsteps:\n  - select: [n, f, d, small]\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    scanned = {c["column"]: (c["distinct_values"], c["values_scanned"])
               for c in residual["columns"]}
    assert scanned == {"n": (3, 3), "f": (2, 2), "d": (3, 3), "small": (2, 2)}


def test_residual_numbers_binary_columns_are_read_as_text():
    """Some Parquet writers store text as binary: its identifiers are found all the same,
    and bytes that are not UTF-8 do not stop the check."""
    frame = pl.DataFrame({"raw": [b"write to ann.fake@example.org", b"\xff\xfe", None]},
                         schema={"raw": pl.Binary})
    recipe = "veil: 1\nname: binary\nnlp: none\nsteps:\n  - select: [raw]\n"
    residual = veil.run(recipe, frame, output=None, report_dir=None).report.residual
    assert residual["columns"][0]["residual"] == {"EMAIL_ADDRESS": 1}
    assert residual["columns"][0]["values_scanned"] == 2
