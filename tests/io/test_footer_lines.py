"""`input.footer_lines`: the lines under a CSV's table (totals, a closing balance, an end of
report line) are left unread, on every path a CSV is read by, and the table reads as the
same file without them."""

from __future__ import annotations

import json

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import veil
from veil.errors import InputError
from veil.explain import explain, render
from veil.io.readers import open_source
from veil.scan import scan, starter_recipe

from .conftest import CSV_ROWS, READ_WAYS, csv_table

CANARY = "Maria Canary-Gonzalez"
TABLE = 'id,name,amount\n1,Ann Lee,12.5\n2,"Bo\nEk",7\n\n3,Cy Do,40\n'
#: Lines no table survives: a short row, a total in the `id` column (no integer), an
#: unpaired quote, a blank line and a row longer than the header.
FOOTER = f'Total,,59.5\n"Closing balance for {CANARY}\n\nEnd,of,the,report\n'
CUT = FOOTER.count("\n")


def refusal(tmp_path, text: str, **settings) -> str:
    """The message `open_source` refuses `text` with, written as `statement.csv`."""
    path = tmp_path / "statement.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_source(path, **settings)
    return str(caught.value)


@pytest.mark.parametrize("how", READ_WAYS)
@pytest.mark.parametrize("short_rows", ["refuse", "fill"])
def test_a_file_with_lines_under_its_table_reads_as_the_table_alone(read_csv_text, how,
                                                                    short_rows):
    reading = {"short_rows": short_rows}
    cut, rows, notes, folder = read_csv_text(how, TABLE + FOOTER, "cut", footer_lines=CUT,
                                             **reading)
    alone, alone_rows, alone_notes, alone_folder = read_csv_text(how, TABLE, "alone", **reading)
    assert_frame_equal(cut, alone)
    assert cut.schema["id"] == pl.Int64  # `Total` was never typed
    assert rows == alone_rows == cut.height == (6 if how == "folder" else 3)
    # The blank line inside the table is noted at the same line; the footer's is not.
    assert notes == [note.replace(alone_folder, folder) for note in alone_notes]
    assert all(CANARY not in note for note in notes)


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(under=st.lists(st.text(st.sampled_from(list('xy ,;"\r')), max_size=8), max_size=4),
       rows=CSV_ROWS,
       ended=st.booleans(), short_rows=st.sampled_from(["refuse", "fill"]))
def test_any_lines_under_any_table_are_left_out(tmp_path, under, rows, ended, short_rows):
    """Whole lines from the end, whatever they hold, with or without a last line end."""
    table = csv_table(rows)
    footer = "".join(f"{line}\n" for line in under)
    if under and under[-1] and not ended:  # a last line without a line end (an empty one
        footer = footer[:-1]  # would be no line at all)
    cut = tmp_path / "cut.csv"
    cut.write_text(table + footer, encoding="utf-8")
    alone = tmp_path / "alone.csv"
    alone.write_text(table, encoding="utf-8")
    got = open_source(cut, footer_lines=len(under), short_rows=short_rows)
    expected = open_source(alone, short_rows=short_rows)
    assert_frame_equal(got.lf.collect(), expected.lf.collect())
    assert got.rows[str(cut)] == expected.rows[str(alone)]


def test_a_copy_is_cut_when_the_footer_is_longer_than_the_end_first_read(tmp_path):
    """A large file is read through a copy whose end is cut: a footer line longer than the
    block first read from the end is found all the same, and the copy goes with the run."""
    path = tmp_path / "statement.csv"
    path.write_text(TABLE + "Total," + "9" * 200_000 + "\nEnd\n", encoding="utf-8")
    copies = tmp_path / "copies"
    copies.mkdir()
    source = open_source(path, footer_lines=2, copies_folder=copies, in_memory_limit=0)
    try:
        assert list(source.copies) == [path]
        assert source.lf.collect()["id"].to_list() == [1, 2, 3]
    finally:
        source.remove_copies()
    assert not any(copies.iterdir())


@pytest.mark.parametrize("text", ["id,name\n1,Ann\n", "\n \nTotal: 0\nEnd\n"],
                         ids=["every-line", "blank-lines-left"])
@pytest.mark.parametrize("limit", [None, 0], ids=["in-memory", "through-a-copy"])
def test_leaving_out_every_line_says_so(tmp_path, text, limit):
    path = tmp_path / "short.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="holds no data above the 2 last lines "
                                         "`input.footer_lines` leaves out"):
        open_source(path, footer_lines=2, copies_folder=tmp_path, in_memory_limit=limit)


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_footer_lines_is_refused_for_formats_without_lines_under_a_table(tmp_path, fmt):
    frame = pl.DataFrame({"id": [1]})
    path = tmp_path / f"data.{fmt}"
    frame.write_parquet(path) if fmt == "parquet" else frame.write_ndjson(path)
    with pytest.raises(InputError, match="`input.footer_lines` leaves out lines under the table"):
        open_source(path, footer_lines=2)


def test_a_broken_row_in_the_table_is_named_by_its_line_and_not_the_footer(tmp_path):
    message = refusal(tmp_path, "id,name,amount\n1,Ann,3\n2,Doe, John,4\n3,Bo,5\n" + FOOTER,
                      footer_lines=CUT)
    assert "line 3: the row has 4 fields but the header has 3" in message
    assert CANARY not in message


def test_a_run_reads_a_statement_between_its_title_and_its_totals(tmp_path, veil_cli):
    """`skip_lines` and `footer_lines` together, through the CLI; the report counts the
    table's rows, and `veil explain` says how the input is read."""
    (tmp_path / "statement.csv").write_text(
        f"Statement for {CANARY}, account 4471\n" + TABLE + FOOTER, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(
        "veil: 1\nname: s\nnlp: none\n"
        f"input: {{skip_lines: 1, footer_lines: {CUT}}}\n"
        "report: {dir: reports, formats: [json], dataset_card: false}\n"
        "steps:\n  - filter: \"amount > 10\"\n", encoding="utf-8")
    done = veil_cli("run", "r.yaml", "-i", "statement.csv", "-o", "out.csv")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == (
        "id,name,amount\n1,Ann Lee,12.5\n3,Cy Do,40.0\n")
    assert '"rows": 3' in (tmp_path / "reports" / "out.report.json").read_text(encoding="utf-8")
    assert CANARY not in done.output
    reads = render(explain(tmp_path / "r.yaml")).split("Reads:", 1)[1].split("Writes:", 1)[0]
    assert f"        its last {CUT} lines left unread (`footer_lines`)" in reads.splitlines()


def test_a_join_reads_its_file_without_the_footer(tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,note\n1,a\n3,c\nTotal: 2 notes\n", encoding="utf-8")
    recipe = ("veil: 1\nname: j\nnlp: none\nreport: {verify_output: false, dataset_card: false}\n"
              f"steps:\n  - join: {{path: '{notes}', on: [id], footer_lines: 1}}\n")
    result = veil.run(recipe, pl.DataFrame({"id": [1, 2, 3]}), output=None, report_dir=None)
    assert result.frame.sort("id")["note"].to_list() == ["a", None, "c"]


def test_scan_leaves_the_footer_out_and_its_starter_recipe_too(tmp_path, veil_cli):
    (tmp_path / "statement.csv").write_text(TABLE + f"Total: 59.5\nEnd of report for {CANARY}\n",
                                            encoding="utf-8")
    refused = veil_cli("scan", "statement.csv", "--model", "none")
    assert refused.exit_code == 2 and CANARY not in refused.output
    assert "set `--footer-lines 2` on the command line" in refused.stderr
    result = scan(tmp_path / "statement.csv", model=None, footer_lines=2)
    assert result.rows == 3
    recipe = starter_recipe(result, input_path="statement.csv")
    assert "footer_lines: 2" in recipe
    assert veil.load_recipe(recipe).input.footer_lines == 2
    done = veil_cli("scan", "statement.csv", "--model", "none", "--footer-lines", "2", "--json")
    assert done.exit_code == 0, done.stderr
    assert '"rows": 3' in done.stdout and CANARY not in done.output


def test_a_footer_whose_quote_never_closes_gets_the_footer_lines_that_leave_it_out(tmp_path):
    """The quotes of the whole text do not pair up, so the rows are never read: the line the
    quote opens on, among the last, is named with the setting that leaves it unread."""
    text = f'id,name,amount\n1,Ann,3\n2,Bo,4\n"Closing balance for {CANARY}\nEnd\n'
    message = refusal(tmp_path, text)
    assert message.startswith(f"input `{tmp_path / 'statement.csv'}`, line 4: a quoted field "
                              f"starts on this line and is never closed.")
    assert ("If that line and those under it are a footer under the table (totals, an "
            "end-of-report line), set `input: {footer_lines: 2}` in the recipe instead, which "
            "leaves the last 2 lines unread.") in message
    assert CANARY not in message
    # Counted with the line already left out; and the advice, followed, reads the table.
    assert "set `input: {footer_lines: 2}`" in refusal(tmp_path, text, footer_lines=1)
    read = open_source(tmp_path / "statement.csv", footer_lines=2)
    assert read.lf.collect()["name"].to_list() == ["Ann", "Bo"]


def test_a_quote_never_closed_in_the_table_gets_no_footer_advice(tmp_path):
    message = refusal(tmp_path, 'id,name,amount\n1,"Ann,3\n' + "2,Bo,4\n" * 5)
    assert "line 2: a quoted field starts" in message
    assert "footer" not in message and "skip_lines" not in message


def test_a_title_whose_quote_never_closes_gets_the_skip_lines_advice(tmp_path):
    """Polars' header reads the title's quote as a character, its rows' reader as the start
    of a field that never closes: the file read as no rows at all, and a run wrote an empty
    table under the title, a name in its header, with exit 0."""
    message = refusal(tmp_path,
                      f'Statement for "{CANARY}, account 4471\nid,name,amount\n1,Ann,3\n2,Bo,4\n')
    assert "line 1: a quoted field starts on this line and is never closed." in message
    assert ("If that line is a title or a note over the table, set `input: {skip_lines: N}` in "
            "the recipe, N being the lines above the table's header.") in message
    assert CANARY not in message


@pytest.mark.parametrize("how", ["on-disk", "standard input"])
def test_a_headerless_file_with_only_blank_lines_between_title_and_footer(read_csv_text, how):
    """`column_names` past the lines left out at both ends: Polars' NoDataError was shown
    bare for text read in memory ("could not be read as csv (NoDataError)")."""
    with pytest.raises(InputError) as caught:
        read_csv_text(how, f"Statement for {CANARY}\n\n\nTotal: 0\n", "blank",
                      skip_lines=1, footer_lines=1, column_names=["x", "y"])
    message = str(caught.value)
    assert ("holds no data between the 1 lines `input.skip_lines` leaves out and the 1 last "
            "lines `input.footer_lines` leaves out. Check those numbers") in message
    assert CANARY not in message


ROWS = "".join(f"{i},Ann,{i % 50}\n" for i in range(300))


def run_refusal(tmp_path, text: str, **reading) -> str:
    """The message a run refuses `text` with (types from its first 100 rows): a value that
    breaks a column's type is found when the rows are read, after the input is opened."""
    path = tmp_path / "statement.csv"
    path.write_text(text, encoding="utf-8")
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false, dataset_card: false}\n"
              f"input: {json.dumps({'infer_schema_rows': 100, **reading})}\nsteps: []\n")
    with pytest.raises(InputError) as caught:
        veil.run(recipe, path, output=None, report_dir=None)
    return str(caught.value)


@pytest.mark.parametrize(("footer", "types", "lines"), [
    ("Total,,1234\n", {}, 1),
    (f"Total,,1234\nEnd of report for {CANARY},,\n", {}, 2),
    ("Total,,1234\n", {"id": "int"}, 1),  # a type the recipe names breaks there too
])
def test_a_total_that_breaks_a_column_type_gets_the_footer_lines_advice(tmp_path, footer,
                                                                        types, lines):
    """Past the typing sample, `Total` in the `id` column of numbers was only a type to
    change; among the last lines it is more likely a footer."""
    message = run_refusal(tmp_path, "id,name,amount\n" + ROWS + footer, types=types)
    assert "line 302: column `id`" in message
    assert (f"set `input: {{footer_lines: {lines}}}` in the recipe instead, which leaves the "
            f"last {f'{lines} lines' if lines > 1 else 'line'} unread.") in message
    assert CANARY not in message
    read = open_source(tmp_path / "statement.csv", infer_schema_rows=100, types=types,
                       footer_lines=lines)
    assert read.lf.collect()["id"].to_list() == list(range(300))


def test_a_type_break_far_from_the_end_gets_no_footer_advice(tmp_path):
    message = run_refusal(tmp_path, "id,name,amount\n" + ROWS + "n/a,Bo,3\n" + ROWS)
    assert "line 302: column `id`" in message and "footer" not in message
