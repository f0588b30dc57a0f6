"""`generalize`: the recipe syntax of PRODUCT.md, both HIPAA lists, mappings and hierarchy files."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import veil
from veil.errors import RecipeError, StepError

PATIENTS = pl.DataFrame({
    "age": [4, 34, 89, 90, 104, None],
    "zip": ["03601", "02134", "06390", "20512", None, "x1234"],
    "visit": [dt.date(2020, 1, 31), dt.date(2020, 5, 1), None, dt.date(2021, 12, 1),
              dt.date(2019, 7, 4), dt.date(2019, 7, 5)],
    "dx": ["flu", "cold", "fracture", "grippe", None, "flu"],
})


def run(frame, step: str) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, output=None, report_dir=None)


# fmt: off
@pytest.mark.parametrize("step, column, expected", [
    ("generalize: {column: age, bins: [0, 18, 30, 45, 65, 90], top_code: 90}", "age",
     ["0-17", "30-44", "65-89", "90+", "90+", None]),
    ("generalize: {column: age, width: 10, top_code: 90}", "age",
     ["0-9", "30-39", "80-89", "90+", "90+", None]),
    ("generalize: {column: age, width: 20, bottom_code: 18, top_code: 90}", "age",
     ["<18", "20-39", "80-89", "90+", "90+", None]),
    ("generalize: {column: zip, keep_digits: 3, hipaa_restricted: true}", "zip",
     ["000", "021", "000", "205", None, None]),
    ("generalize: {column: zip, keep_digits: 3, hipaa_restricted: true, hipaa_list: census-2010}", "zip",
     ["000", "021", "063", "000", None, None]),
    ("generalize: {column: zip, keep_digits: 2}", "zip", ["03", "02", "06", "20", None, None]),
    ("generalize: {column: visit, date: year}", "visit", ["2020", "2020", None, "2021", "2019", "2019"]),
    ("generalize: {column: visit, date: quarter}", "visit",
     ["2020-Q1", "2020-Q2", None, "2021-Q4", "2019-Q3", "2019-Q3"]),
    ("generalize: {column: visit, date: month}", "visit",
     ["2020-01", "2020-05", None, "2021-12", "2019-07", "2019-07"]),
    ("generalize: {column: dx, mapping: {flu: respiratory, cold: respiratory, grippe: respiratory}}", "dx",
     ["respiratory", "respiratory", "*", "respiratory", None, "respiratory"]),
    ("generalize: {column: dx, mapping: {flu: respiratory}, default: other}", "dx",
     ["respiratory", "other", "other", "other", None, "respiratory"]),
])
# fmt: on
def test_generalize_column(step, column, expected):
    out = run(PATIENTS, step).frame
    assert_frame_equal(out, PATIENTS.with_columns(pl.Series(column, expected, dtype=pl.String)))


def test_generalize_dates_written_as_eight_digits():
    frame = pl.DataFrame({"dob": ["19620415", "2020-03-02", "202403021014", "12345678"]})
    out = run(frame, "generalize: {column: dob, date: month}").frame
    assert out["dob"].to_list() == ["1962-04", "2020-03", "2024-03", None]


def test_generalize_records_hipaa_list_and_counts():
    details = run(PATIENTS, "generalize: {column: zip, keep_digits: 3, hipaa_restricted: true}"
                  ).report.steps[0].details
    assert details == {"kind": "keep_digits", "values": 5, "nulled_invalid": 1, "distinct_before": 5,
                       "distinct_after": 3, "hipaa_list": "hhs-2000", "hipaa_restricted_rows": 2}


def test_generalize_records_top_coded_rows():
    details = run(PATIENTS, "generalize: {column: age, bins: [0, 18, 30, 45, 65, 90], top_code: 90}"
                  ).report.steps[0].details
    assert details["top_coded"] == 2 and details["kind"] == "bins"


def test_generalize_hierarchy_file_relative_to_recipe(tmp_path, recipe_file):
    (tmp_path / "dx.csv").write_text("value,level1,level2\nflu,respiratory,*\ncold,respiratory,*\n"
                                     "fracture,injury,*\n", encoding="utf-8")
    recipe = recipe_file("""
        veil: 1
        name: t
        nlp: none
        report: {verify_output: false, dataset_card: false}
        steps:
          - generalize: {column: dx, hierarchy: dx.csv, level: 1}
        """)
    out = veil.run(recipe, PATIENTS, output=None, report_dir=None).frame
    assert out["dx"].to_list() == ["respiratory", "respiratory", "injury", "*", None, "respiratory"]


def test_generalize_missing_hierarchy_file(recipe_file):
    recipe = recipe_file("veil: 1\nname: t\nnlp: none\nsteps:\n  - generalize: {column: dx, hierarchy: no.csv}\n")
    with pytest.raises(StepError, match="hierarchy file .*no.csv` does not exist"):
        veil.run(recipe, PATIENTS, output=None, report_dir=None)


def test_generalize_hierarchy_level_beyond_file(tmp_path, recipe_file):
    (tmp_path / "dx.csv").write_text("flu,respiratory\n", encoding="utf-8")
    recipe = recipe_file("veil: 1\nname: t\nnlp: none\nsteps:\n"
                         "  - generalize: {column: dx, hierarchy: dx.csv, level: 3}\n")
    with pytest.raises(StepError, match="beyond the 1 level"):
        veil.run(recipe, PATIENTS, output=None, report_dir=None)


@pytest.mark.parametrize("step, message", [
    ("generalize: {column: age}", "exactly one of"),
    ("generalize: {column: age, width: 5, bins: [0, 10]}", "exactly one of"),
    ("generalize: {column: zip, keep_digits: 5, hipaa_restricted: true}", "at most 3 ZIP digits"),
    ("generalize: {column: zip, hipaa_restricted: true, date: year}", "keep_digits: 3"),
    ("generalize: {column: zip, keep_digits: 3, hipaa_list: census-2020}", "hipaa_list"),
    ("generalize: {column: visit, date: week}", "date"),
    ("generalize: {column: dx, mapping: {a: b}, top_code: 3}", "go with `bins` or `width`"),
])
def test_generalize_bad_params(step, message):
    with pytest.raises(RecipeError, match=message):
        run(PATIENTS, step)


@pytest.mark.parametrize("step, message", [
    ("generalize: {column: dx, width: 5}", "column `dx` is String; `width` needs a numeric column"),
    ("generalize: {column: age, date: year}", "`date` needs a date, datetime or date text"),
    ("generalize: {column: visit, keep_digits: 3}", "`keep_digits` needs text or integers"),
    ("generalize: {column: agee, width: 5}", "column `agee` does not exist.*Did you mean `age`"),
])
def test_generalize_type_errors(step, message):
    with pytest.raises(StepError, match=message):
        run(PATIENTS, step)


def test_generalize_empty_frame():
    empty = PATIENTS.clear()
    out = run(empty, "generalize: {column: age, bins: [0, 90], top_code: 90}").frame
    assert_frame_equal(out, empty.with_columns(pl.col("age").cast(pl.String)))


@pytest.mark.parametrize("step, sentence", [
    ("generalize: {column: age, bins: [0, 18, 30, 45, 65, 90], top_code: 90}",
     "generalise age into bins at 0, 18, 30, 45, 65, 90, 90 and over as one class"),
    ("generalize: {column: zip, keep_digits: 3, hipaa_restricted: true}",
     "generalise zip to its first 3 digits, sparse HIPAA prefixes (hhs-2000) as 000"),
])
def test_generalize_describe(step, sentence):
    assert veil.load_recipe(f"veil: 1\nname: t\nsteps:\n  - {step}\n").steps[0].describe() == sentence


def test_generalize_report_holds_no_data_value(tmp_path):
    """Counts only: no ZIP code, age or category from the data reaches the report."""
    canary = pl.DataFrame({"zip": ["97531", "03699"], "dx": ["CANARY-Dx", "flu"]})
    text = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false, dataset_card: false}\n"
            "steps:\n  - generalize: {column: zip, keep_digits: 3, hipaa_restricted: true}\n"
            "  - generalize: {column: dx, mapping: {flu: resp}}\n")
    result = veil.run(text, canary, output=None, report_dir=tmp_path)
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir() if p.is_file())
    assert "CANARY" not in written  # digits could occur by chance in the report's hex hashes
    details = str([s.details for s in result.report.steps])
    for value in ("97531", "03699", "975", "036", "CANARY"):
        assert value not in details


def test_generalize_warns_of_dates_it_made_null():
    frame = pl.DataFrame({"visit": ["2020-01-31", "31/01/2020", None]})
    result = run(frame, "generalize: {column: visit, date: year}")
    assert result.frame["visit"].to_list() == ["2020", None, None]
    assert len(result.report.warnings) == 1
    assert "1 value(s) of `visit` are not dates" in result.report.warnings[0]
    assert run(PATIENTS, "generalize: {column: visit, date: year}").report.warnings == []


def test_generalize_warns_of_numbers_it_made_null():
    frame = pl.DataFrame({"x": [1.0, float("nan"), float("inf"), None]})
    result = run(frame, "generalize: {column: x, width: 10}")
    assert result.frame["x"].to_list() == ["0-<10", None, None, None]
    assert [w.split(": ", 1)[1] for w in result.report.warnings] == [
        "2 value(s) of `x` are not finite numbers (NaN, or infinite with no `top_code` or "
        "`bottom_code` to band them) and became null."]
