"""The `join` step: other file's columns checked, keys matched, no Python anywhere."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import veil
from veil.errors import RecipeError, StepError


@pytest.fixture
def other_csv(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("pid,name,zip\n1,Ann,02134\n2,Bob,10001\n", encoding="utf-8")
    return path


@pytest.fixture
def frame():
    return pl.DataFrame({"pid": [2, 1, 3], "visit": ["b", "a", "c"]})


def _run(frame, steps: str):
    recipe = f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\nsteps:\n{steps}"
    return veil.run(recipe, frame, output=None, report_dir=None).frame


# fmt: off
@pytest.mark.parametrize("how, expected", [
    ("left",  {"pid": [2, 1, 3], "visit": ["b", "a", "c"], "name": ["Bob", "Ann", None]}),  # keeps unmatched
    ("inner", {"pid": [2, 1], "visit": ["b", "a"], "name": ["Bob", "Ann"]}),               # only matches
    ("semi",  {"pid": [2, 1], "visit": ["b", "a"]}),                                       # filter, no columns
    ("anti",  {"pid": [3], "visit": ["c"]}),                                               # the unmatched
])
# fmt: on
def test_join_how_matches_rows_in_order(frame, other_csv, how, expected):
    """Test that each join kind keeps the current table's row order and adds the chosen column."""
    out = _run(frame, f"  - join: {{path: '{other_csv}', on: [pid], how: {how}, columns: [name]}}\n")
    assert_frame_equal(out, pl.DataFrame(expected))


def test_join_keeps_leading_zeros_of_other_file(frame, other_csv):
    """Test that the other file is read by veil's reader, so ZIP codes stay text."""
    out = _run(frame, f"  - join: {{path: '{other_csv}', on: [pid], how: inner}}\n")
    assert out["zip"].to_list() == ["10001", "02134"]


def test_join_other_on_names_differing_keys(other_csv):
    """Test that `other_on` matches keys whose names differ between the two tables."""
    frame = pl.DataFrame({"patient": [1]})
    out = _run(frame, f"  - join: {{path: '{other_csv}', on: [patient], other_on: [pid], columns: [name]}}\n")
    assert_frame_equal(out, pl.DataFrame({"patient": [1], "name": ["Ann"]}))


def test_join_missing_other_column_suggests_name(frame, other_csv):
    """Test that a misspelt column of the other file fails before running, with a suggestion."""
    with pytest.raises(StepError, match=r"has no column `nmae`\. Did you mean `name`"):
        _run(frame, f"  - join: {{path: '{other_csv}', on: [pid], columns: [nmae]}}\n")


def test_join_missing_key_in_current_table_fails(other_csv):
    """Test that a key missing from the current table is reported as a missing column."""
    with pytest.raises(StepError, match="column `pid` does not exist"):
        _run(pl.DataFrame({"x": [1]}), f"  - join: {{path: '{other_csv}', on: [pid]}}\n")


def test_join_key_type_mismatch_says_how_to_fix(other_csv):
    """Test that keys of different types fail with the `types` setting that fixes it."""
    frame = pl.DataFrame({"pid": ["1"]})
    with pytest.raises(StepError, match=r"types: \{pid: string\}"):
        _run(frame, f"  - join: {{path: '{other_csv}', on: [pid]}}\n")


def test_join_missing_file_fails(frame, tmp_path):
    """Test that a missing file to join is a step error naming the step."""
    with pytest.raises(StepError, match="cannot open the file to join"):
        _run(frame, f"  - join: {{path: '{tmp_path / 'nope.csv'}', on: [pid]}}\n")


def test_join_other_on_length_must_match(frame, other_csv):
    """Test that `other_on` with another number of columns than `on` is a recipe error."""
    with pytest.raises(RecipeError, match="as many columns as `on`"):
        _run(frame, f"  - join: {{path: '{other_csv}', on: [pid], other_on: [pid, name]}}\n")


def test_join_bundled_sample_by_prefix():
    """Test that `veil:samples/...` joins the data shipped with veil."""
    frame = pl.DataFrame({"mrn": ["no-such-mrn"]})
    out = _run(frame, "  - join: {path: 'veil:samples/hospital/patients.csv', on: [mrn], how: anti}\n")
    assert out.height == 1


# -- the other file's own reading settings -------------------------------------------------

GERMAN = "pid;name;limit\n1;Ann;1.500,00\n2;Bob;250,5\n"


def test_join_reads_the_other_file_with_its_own_settings(frame, tmp_path):
    """A `;` file with `1.500,00` amounts: separator and number form are the join's own."""
    path = tmp_path / "people.csv"
    path.write_text(GERMAN, encoding="utf-8")
    step = (f"  - join: {{path: '{path}', on: [pid], how: inner, separator: ';', "
            f"decimal_comma: true, thousands: '.'}}\n")
    out = _run(frame, step)
    assert out.select("pid", "limit").to_dict(as_series=False) == {"pid": [2, 1],
                                                                  "limit": [250.5, 1500.0]}


def test_join_other_file_in_latin_1_reads_with_its_encoding(frame, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("pid,name\n1,Jürgen\n2,Zoë\n".encode("latin-1"))
    out = _run(frame, f"  - join: {{path: '{path}', on: [pid], how: inner, encoding: latin-1}}\n")
    assert out["name"].to_list() == ["Zoë", "Jürgen"]
    expected = r"not UTF-8.*set `encoding: latin-1` in the `join` step, or convert the file"
    with pytest.raises(StepError, match=expected):
        _run(frame, f"  - join: {{path: '{path}', on: [pid]}}\n")


def test_join_separator_hint_points_at_the_join_step(frame, tmp_path):
    """The fix is in the join step: `input: {separator}` would change the wrong file."""
    path = tmp_path / "people.csv"
    path.write_text(GERMAN, encoding="utf-8")
    with pytest.raises(StepError) as caught:
        _run(frame, f"  - join: {{path: '{path}', on: [pid]}}\n")
    message = caught.value.message
    assert message.endswith("the fields look separated by `;`, not `,`. Set `separator: ';'` in "
                            "the `join` step.")
    assert "input:" not in message


def test_join_does_not_take_the_inputs_settings(tmp_path):
    """The input is a `;` decimal-comma export; the joined file is plain CSV, read as such."""
    (tmp_path / "tx.csv").write_text("pid;amount\n1;12,5\n", encoding="utf-8")
    (tmp_path / "people.csv").write_text("pid,limit\n1,1.5\n", encoding="utf-8")
    recipe = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\n"
              f"input: {{separator: ';', decimal_comma: true}}\nsteps:\n"
              f"  - join: {{path: '{tmp_path / 'people.csv'}', on: [pid]}}\n")
    out = veil.run(recipe, tmp_path / "tx.csv", output=None, report_dir=None).frame
    assert out.row(0, named=True) == {"pid": 1, "amount": 12.5, "limit": 1.5}


def test_join_thousands_equal_to_decimal_mark_is_a_recipe_error(other_csv):
    with pytest.raises(RecipeError, match=r"line 7.*`thousands: '\.'` is also the decimal mark"):
        veil.load_recipe(f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\n"
                         f"steps:\n  - select: [pid]\n"
                         f"  - join: {{path: '{other_csv}', on: [pid], thousands: '.'}}\n")


def test_join_late_value_of_another_type_names_the_joined_file_and_line(tmp_path):
    """The joined file is typed from its first rows; a later value is located, never shown."""
    canary = "CANARY-8812-JN"
    other = tmp_path / "people.csv"
    other.write_text("pid,score\n" + "".join(f"{i},{i % 90}\n" for i in range(12_000))
                     + f"12000,{canary}\n", encoding="utf-8")
    frame = pl.DataFrame({"pid": list(range(12_001))})
    with pytest.raises(StepError) as caught:
        _run(frame, f"  - join: {{path: '{other}', on: [pid]}}\n")
    message = caught.value.message
    assert "the file to join: input `" in message and "people.csv`, line 12002: column `score` " \
        "was read as Int64 from its first 10,000 rows" in message
    assert "Set `types: {score: string}` in the `join` step" in message
    assert canary not in message
    out = _run(frame, f"  - join: {{path: '{other}', on: [pid], types: {{score: string}}}}\n")
    assert out["score"][-1] == canary


def test_join_report_records_the_joined_file_read_with_its_own_settings(tmp_path):
    """The report ties the joined file to the run too: hashed and counted as the step read it."""
    import hashlib

    other = tmp_path / "people.csv"
    other.write_bytes(GERMAN.replace("Bob", "Zoë").encode("latin-1"))
    frame = pl.DataFrame({"pid": [1, 2]})
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false}\nsteps:\n"
              f"  - join: {{path: '{other}', on: [pid], separator: ';', encoding: latin-1}}\n")
    report = veil.run(recipe, frame, output=None, report_dir=None).report
    joined = [record for record in report.inputs if record.role == "joined by step 1"]
    assert [(r.path, r.rows, r.sha256) for r in joined] == [
        (str(other), 2, hashlib.sha256(other.read_bytes()).hexdigest())]
    assert joined[0].columns == ["pid", "name", "limit"]


def test_join_report_counts_the_joined_files_records_not_its_blank_lines(tmp_path):
    """The join leaves a blank line out, as the input's read does; so does the report's count."""
    other = tmp_path / "people.csv"
    other.write_text("pid,name\n1,Ann\n\n2,Bob\n\n", encoding="utf-8")
    frame = pl.DataFrame({"pid": [1, 2]})
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false}\nsteps:\n"
              f"  - join: {{path: '{other}', on: [pid], how: full}}\n")
    result = veil.run(recipe, frame, output=None, report_dir=None)
    assert result.frame.height == 2  # no row of nulls joined from a blank line
    joined = [record for record in result.report.inputs if record.role == "joined by step 1"]
    assert [record.rows for record in joined] == [2]
