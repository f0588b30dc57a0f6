"""A CSV without a header line, its columns named by `input.column_names`.

Mainframe and database dumps often carry no header. Without a way to name the columns,
the first record became the header: a customer's name and e-mail address as column
names, in every message and report that names a column. Read with `column_names`, the
file must give exactly the table the same file with a header line gives.
"""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import veil
from veil.errors import InputError, RecipeError
from veil.io.readers import open_source
from veil.io.rows import FULL_READ_COLUMNS, csv_rows

from .conftest import READ_WAYS

CANARY = "canary.4471@example.org"
NAMES = ["id", "name", "age", "note"]
ROWS = [
    ["1", CANARY, "34", "plain"],
    ["2", "José Müller", "71", 'a "quoted" note, with a comma'],
    ["3", "Ann Lee", "", "a note\nover two lines"],
    ["4", "Bo Ek", "18", ""],
]


def _csv(rows: list[list[str]], separator: str = ",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _recipe(reading: str = "", steps: str = "[]") -> str:
    return (f"veil: 1\nname: t\nnlp: none\ninput: {{column_names: [{', '.join(NAMES)}]"
            f"{reading}}}\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps: {steps}\n")


def _frame(source) -> pl.DataFrame:
    return source.lf.collect()


@pytest.mark.parametrize("how", READ_WAYS)
def test_a_headerless_file_reads_as_the_same_file_with_its_header(read_csv_text, how):
    body = _csv(ROWS[:2]) + "\n" + _csv(ROWS[2:])  # a blank line, left out either way
    headerless, rows, notes, _ = read_csv_text(how, body, "plain", column_names=NAMES,
                                               infer_schema_rows=2)
    expected, expected_rows, expected_notes, _ = read_csv_text(how, _csv([NAMES]) + body,
                                                               "header", infer_schema_rows=2)
    assert_frame_equal(headerless, expected)
    assert headerless.columns == NAMES and headerless.schema["id"] == pl.Int64
    assert rows == expected_rows == headerless.height == len(ROWS) * (2 if how == "folder" else 1)
    # The blank line is the third line of the headerless file, the fourth of the other: one
    # note per file read (two in a folder).
    files = 2 if how == "folder" else 1
    assert [note.count("(line 3)") for note in notes] == [1] * files
    assert [note.count("(line 4)") for note in expected_notes] == [1] * files


_CELLS = st.text(st.sampled_from(list("ab ,;\"'\n\té1-")), max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(2, 4).flatmap(
    lambda width: st.lists(st.lists(_CELLS, min_size=width, max_size=width), min_size=1,
                           max_size=8)))
def test_any_table_reads_headerless_as_with_its_header(tmp_path, rows):
    names = [f"col {index}" for index in range(len(rows[0]))]
    named = sum(cell.strip().casefold() == name for cell, name in zip(rows[0], names, strict=True))
    if named * 2 > len(names):
        return  # that first line is a header, refused (see below)
    headerless, with_header = tmp_path / "plain.csv", tmp_path / "header.csv"
    headerless.write_text(_csv(rows), encoding="utf-8")
    with_header.write_text(_csv([names, *rows]), encoding="utf-8")
    got = open_source(headerless, column_names=names)  # typed from every row
    expected = open_source(with_header)  # typed from every row
    assert_frame_equal(_frame(got), _frame(expected))
    assert got.rows == {str(headerless): _frame(expected).height}


@pytest.mark.parametrize("header, held", [
    ([name.upper() for name in NAMES], "the names"),
    (["ID", "Full name", " age", "note"], "3 of the 4 names"),  # most of them, in their places
])
def test_a_first_line_holding_the_names_is_refused_as_a_header(tmp_path, veil_cli, header, held):
    (tmp_path / "r.yaml").write_text(_recipe())
    (tmp_path / "dump.csv").write_text(_csv([header, *ROWS]))
    result = veil_cli("run", "r.yaml", "-i", "dump.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert (f"input `dump.csv`, line 1 holds {held} `input.column_names` gives: the file has "
            f"a header line") in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_a_first_record_holding_some_of_the_names_is_read_as_a_record(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(_csv([["7", "name", "age", "x"], *ROWS]))  # two of four: a record
    frame = veil.run(_recipe(), path, output=None, report_dir=None).frame
    assert frame.row(0) == (7, "name", "age", "x")


@pytest.mark.parametrize("first, fields", [(ROWS[0][:3], 3), ([*ROWS[0], "x"], 5)],
                         ids=["fewer", "more"])
def test_a_first_line_of_another_width_is_refused_without_its_data(tmp_path, first, fields):
    path = tmp_path / "dump.csv"
    path.write_text(_csv([first, *ROWS[1:]]))
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(), path, output=None, report_dir=None)
    message = str(caught.value)
    assert f"line 1: the row has {fields} fields but `input.column_names` names 4" in message
    assert CANARY not in message


def test_a_later_row_of_another_width_is_named_by_its_line_in_the_file(tmp_path):
    lines = [*ROWS, ["5", "Doe", " John", "40", "ok"], ROWS[0]]  # an unquoted comma
    path = tmp_path / "dump.csv"
    path.write_text(_csv(lines))
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(), path, output=None, report_dir=None)
    # Lines 1 and 2, the note over lines 3-4, line 5: the broken row is line 6.
    assert "line 6: the row has 5 fields but `input.column_names` names 4" in str(caught.value)
    assert CANARY not in str(caught.value)


def test_a_value_past_the_typing_rows_is_named_by_its_column_and_line(tmp_path):
    rows = [[str(i), "Ann", str(20 + i % 50), "ok"] for i in range(300)]
    rows.append(["300", "Bo", CANARY, "ok"])
    path = tmp_path / "dump.csv"
    path.write_text(_csv(rows))
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(", infer_schema_rows: 100"), path, output=None, report_dir=None)
    message = str(caught.value)
    assert f"input `{path}`, line 301: column `age` was read as Int64" in message
    assert CANARY not in message


def test_a_wide_headerless_file_has_its_long_rows_found(tmp_path):
    width = FULL_READ_COLUMNS + 6
    names = [f"c{index}" for index in range(width)]
    lines = [",".join(["x"] * width)] * 50
    lines[20] = ",".join(["Doe", " John", *["x"] * (width - 1)])
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n")
    recipe = (f"veil: 1\nname: t\nnlp: none\ninput: {{column_names: [{', '.join(names)}], "
              f"short_rows: fill}}\nsteps: [{{select: [c0]}}]\n")
    with pytest.raises(InputError) as caught:
        veil.run(recipe, path, output=None, report_dir=None)
    assert f"line 21: the row has {width + 1} fields but `input.column_names` names {width}" in str(
        caught.value)


@pytest.mark.parametrize("given, fmt", [("data.parquet", None), ("-", None)],
                         ids=["parquet", "standard-input-json-lines"])
def test_column_names_are_refused_for_formats_that_name_their_columns(tmp_path, given, fmt):
    if given != "-":
        pl.DataFrame({"id": [1]}).write_parquet(tmp_path / given)
        given = tmp_path / given
    with pytest.raises(InputError, match="`input.column_names` names those of a CSV or TSV"):
        open_source(given, format=fmt, column_names=["id"])


@pytest.mark.parametrize("names, says, line", [
    ("[]", "at least 1 item", 4),
    ("[id, name, id]", "column `id` is listed twice", 4),
    ("[id, ' ']", "a column needs a name", 4),
])
def test_column_names_are_checked_in_the_recipe(names, says, line):
    recipe = f"veil: 1\nname: t\ninput:\n  column_names: {names}\nsteps: []\n"
    with pytest.raises(RecipeError) as caught:
        veil.load_recipe(recipe)
    assert says in str(caught.value) and f"line {line}" in str(caught.value)


def test_the_report_counts_every_line_of_a_headerless_file_as_a_record(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(_csv(ROWS))
    result = veil.run(_recipe(), path, output=None, report_dir=None)
    assert [record.rows for record in result.report.inputs] == [len(ROWS)]
    # Unchecked (a count only): every row still counts, none taken for a header.
    assert csv_rows(path, ",", header=False) == len(ROWS) == csv_rows(path, ",") + 1


def test_join_reads_a_headerless_lookup_file(tmp_path):
    lookup = tmp_path / "people.csv"
    lookup.write_text("1,Ann,02134\n2,Bob,10001\n")
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false}\nsteps:\n"
              f"  - join: {{path: '{lookup}', on: [pid], column_names: [pid, name, zip], "
              f"columns: [name, zip]}}\n")
    frame = pl.DataFrame({"pid": [2, 1, 3]})
    out = veil.run(recipe, frame, output=None, report_dir=None).frame
    assert out.to_dict(as_series=False) == {"pid": [2, 1, 3], "name": ["Bob", "Ann", None],
                                            "zip": ["10001", "02134", None]}
