"""Lines over a CSV's table, left unread with `input.skip_lines`.

Bank statements and report exports put a title, the period and the account holder above
the table. Those lines are not read, and the file must give exactly the table the same
file without them gives, while every message numbers lines as in the file itself.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import veil
from veil.errors import InputError
from veil.io.readers import open_source
from veil.io.rows import FULL_READ_COLUMNS, csv_rows

from .conftest import CSV_ROWS, READ_WAYS, csv_table

CANARY = "Maria Canary-Gonzalez"
#: A title with an unpaired quote and commas, a blank line: lines no CSV reading survives.
OVER_TABLE = f'Statement for "{CANARY}, account 4471\nPeriod: 2026-01-01 to 2026-01-31\n\n'
SKIPPED = OVER_TABLE.count("\n")
TABLE = 'id,name,amount\n1,Ann Lee,12.5\n2,"Bo\nEk",7\n\n3,Cy Do,40\n'


def _recipe(reading: str = "", steps: str = "[]") -> str:
    return (f"veil: 1\nname: t\nnlp: none\ninput: {{skip_lines: {SKIPPED}{reading}}}\n"
            f"report: {{verify_output: false, dataset_card: false}}\nsteps: {steps}\n")


@pytest.mark.parametrize("how", READ_WAYS)
@pytest.mark.parametrize("short_rows", ["refuse", "fill"])
def test_a_file_with_lines_over_its_table_reads_as_the_table_alone(read_csv_text, how,
                                                                   short_rows):
    reading = {"infer_schema_rows": 2, "short_rows": short_rows}
    skipped, rows, notes, folder = read_csv_text(how, OVER_TABLE + TABLE, "skipped",
                                                 skip_lines=SKIPPED, **reading)
    alone, alone_rows, alone_notes, alone_folder = read_csv_text(how, TABLE, "alone", **reading)
    assert_frame_equal(skipped, alone)
    assert skipped.schema["amount"] == pl.Float64 and skipped.height == (6 if how == "folder"
                                                                         else 3)
    assert rows == alone_rows == skipped.height
    # The blank line of the table is its line 5, the file's line 5 + 3.
    assert notes == [note.replace("(line 5)", f"(line {5 + SKIPPED})").replace(
        alone_folder, folder) for note in alone_notes]
    assert len(notes) == (2 if how == "folder" else 1)
    assert all(CANARY not in note for note in notes)


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(over=st.lists(st.text(st.sampled_from(list('xy ,;"')), max_size=8), max_size=4),
       rows=CSV_ROWS,
       short_rows=st.sampled_from(["refuse", "fill"]))
def test_any_lines_over_any_table_are_left_out(tmp_path, over, rows, short_rows):
    table = csv_table(rows)
    skipped = tmp_path / "skipped.csv"
    skipped.write_text("".join(f"{line}\n" for line in over) + table, encoding="utf-8")
    alone = tmp_path / "alone.csv"
    alone.write_text(table, encoding="utf-8")
    got = open_source(skipped, skip_lines=len(over), short_rows=short_rows)  # typed: every row
    expected = open_source(alone, short_rows=short_rows)  # typed from every row
    assert_frame_equal(got.lf.collect(), expected.lf.collect())
    assert got.rows[str(skipped)] == expected.rows[str(alone)]
    assert csv_rows(skipped, ",", skip_lines=len(over)) == csv_rows(alone, ",")


@pytest.mark.parametrize("table, line, says", [
    ("id,name,amount\n1,Ann,3\n2,Doe, John,4\n", 3, "the row has 4 fields but the header has 3"),
    ("id,name,amount\n1,Ann,3\n2,Bo\n", 3, "the row has 2 fields but the header has 3"),
    ('id,name,amount\n1,Ann,3\n2,"Bo,4\n', 3, "a quoted field starts on this line and is never"),
    ("id,name,amount\n1,Ann,3\n2,Bo,\xff\n", 3, "byte 6: the file is not UTF-8"),
], ids=["long", "short", "unclosed-quote", "not-utf-8"])
def test_a_broken_row_under_skipped_lines_is_named_by_its_line_in_the_file(tmp_path, table,
                                                                           line, says):
    path = tmp_path / "statement.csv"
    path.write_bytes(OVER_TABLE.encode("utf-8") + table.encode("latin-1"))
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(), path, output=None, report_dir=None)
    message = str(caught.value)
    assert f"line {line + SKIPPED}" in message and says in message
    assert CANARY not in message


def test_a_value_past_the_typing_rows_is_named_by_its_line_in_the_file(tmp_path):
    rows = "".join(f"{i},Ann,{i % 50}\n" for i in range(300))
    path = tmp_path / "statement.csv"
    path.write_text(OVER_TABLE + "id,name,amount\n" + rows + "300,Bo,n/a\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(", infer_schema_rows: 100"), path, output=None, report_dir=None)
    assert f"line {302 + SKIPPED}: column `amount` was read as Int64" in str(caught.value)


def test_a_wide_file_has_its_long_rows_found_under_skipped_lines(tmp_path):
    width = FULL_READ_COLUMNS + 6
    lines = [",".join(f"c{i}" for i in range(width))] + [",".join(["x"] * width)] * 40
    lines[20] = ",".join(["Doe", " John", *["x"] * (width - 1)])
    path = tmp_path / "wide.csv"
    path.write_text(OVER_TABLE + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(_recipe(", short_rows: fill", "[{select: [c0]}]"), path, output=None,
                 report_dir=None)
    assert f"line {21 + SKIPPED}: the row has {width + 1} fields but the header has {width}" in (
        str(caught.value))


def test_skip_lines_and_column_names_read_a_headerless_table_under_a_title(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(OVER_TABLE + "1,Ann Lee,12.5\n2,Bo Ek,7\n", encoding="utf-8")
    recipe = _recipe(", column_names: [id, name, amount]")
    result = veil.run(recipe, path, output=None, report_dir=None)
    assert result.frame.to_dict(as_series=False) == {"id": [1, 2], "name": ["Ann Lee", "Bo Ek"],
                                                     "amount": [12.5, 7.0]}
    assert [record.rows for record in result.report.inputs] == [2]


def test_the_lines_over_a_table_are_named_in_the_advice_for_them(tmp_path, veil_cli):
    """Without `skip_lines`, the title is read as a header of one field, and the table's
    header as its first, wider row: the message gives the setting that reads the file."""
    # A title without quotes: an unpaired one is named as a quoted field never closed.
    (tmp_path / "statement.csv").write_text(OVER_TABLE.replace('"', "") + TABLE,
                                            encoding="utf-8")
    (tmp_path / "r.yaml").write_text(_recipe().replace(f"skip_lines: {SKIPPED}", "quote: '\"'"))
    result = veil_cli("run", "r.yaml", "-i", "statement.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert "line 2: the row has 1 field but the header has 2. The lines above line 4" in (
        result.stderr)
    assert f"set `input: {{skip_lines: {SKIPPED}}}` in the recipe" in result.stderr
    assert CANARY not in result.output and "Traceback" not in result.output
    (tmp_path / "r.yaml").write_text(_recipe())
    assert veil_cli("run", "r.yaml", "-i", "statement.csv", "-o", "out.csv").exit_code == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,name,amount\n")


def test_skipping_every_line_says_so(tmp_path):
    path = tmp_path / "title.csv"
    path.write_text(OVER_TABLE, encoding="utf-8")
    with pytest.raises(InputError, match=f"holds no data past the {SKIPPED} lines "
                                         f"`input.skip_lines` leaves out"):
        open_source(path, skip_lines=SKIPPED)


def test_skip_lines_is_refused_for_formats_without_lines_over_a_table(tmp_path):
    pl.DataFrame({"id": [1]}).write_parquet(tmp_path / "data.parquet")
    with pytest.raises(InputError, match="`input.skip_lines` leaves out lines over the table"):
        open_source(tmp_path / "data.parquet", skip_lines=2)


def test_scan_skips_the_lines_over_a_table_and_its_starter_recipe_too(tmp_path, veil_cli):
    (tmp_path / "statement.csv").write_text(OVER_TABLE.replace('"', "") + TABLE.replace(",", ";"),
                                            encoding="utf-8")
    refused = veil_cli("scan", "statement.csv", "--model", "none", "--separator", ";")
    assert refused.exit_code == 2 and CANARY not in refused.output
    assert f"set `--skip-lines {SKIPPED}` on the command line" in refused.stderr
    result = veil_cli("scan", "statement.csv", "--model", "none", "--skip-lines", str(SKIPPED),
                      "--json", "--emit-recipe", "starter.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"column": ') == 3 and CANARY not in result.output
    recipe = (tmp_path / "starter.yaml").read_text(encoding="utf-8")
    assert f'separator: ";", skip_lines: {SKIPPED}' in recipe  # the header's separator


def test_a_spreadsheet_separator_hint_is_read_past_as_its_message_says(tmp_path):
    """Excel's `sep=;` first line: the refusal's setting reads the table under it."""
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\nid;name\n1;Ann Lee\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_source(path)
    setting = "`input: {skip_lines: 1, separator: ';'}`"
    assert setting in str(caught.value)
    frame = open_source(path, skip_lines=1, separator=";").lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1], "name": ["Ann Lee"]}
