"""CSV rows of another width than the header are refused before a run reads them.

Polars fills a short row with nulls and, when only some columns are read, passes over
a long one: a record broken by an unquoted line break would move its fields into
columns a recipe treats as safe.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import veil
from veil.errors import InputError
from veil.io import diagnose
from veil.io.readers import open_source
from veil.io.rows import checked_rows

CANARY = "CANARY-4471-RWS"


def _csv(rows: list[list[str]], separator: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("text", [
    b"a,b,c\n1,2,3\n4,5,6\n",
    b"a,b,c\n1,2,3\n4,5,6",  # no line end after the last row
    b"a,b,c\r\n1,2,3\r\n4,5,6\r\n",
    b'a,b,c\n1,"x\ny",3\n"4,5",5,6\n',  # separators and line breaks inside quotes
    b'a,b,c\n1,"say ""hi"", then go",3\n',
    b'"a,1",b,c\n1,2,3\n',  # a quoted header
    b"a,b,c\n",  # header only
    b"a,b,c\n,,\n1,,\n",  # empty fields
    b"a,b,c\n1,2,\n",  # empty last field
    b"only\nx\ny\n",  # one column: nothing to check
], ids=["plain", "no-last-line-end", "crlf", "quoted", "escaped-quotes", "quoted-header",
        "header-only", "empty-fields", "empty-last-field", "one-column"])
def test_well_formed_rows_pass_and_are_counted_as_polars_reads_them(tmp_path, text):
    path = tmp_path / "data.csv"
    path.write_bytes(text)
    width = len(pl.read_csv(path, infer_schema=False).columns)
    expected = pl.read_csv(path, infer_schema=False).height
    assert checked_rows("data.csv", path, ",", width) == (expected, [])
    assert checked_rows("data.csv", text, ",", width) == (expected, [])  # the same from memory


@pytest.mark.parametrize("text, line, fields", [
    (b"id,age,name\n1,30,Ann\n2,40,Doe\nJohn\n", 4, 1),  # a record broken by a line break
    (b"id,age,name\n1,30,Ann\n2,40\n", 3, 2),
    (b"id,age,name\n1,30,Ann\n2,40,Doe, John\n", 3, 4),  # an unquoted separator
    (b'id,age,name\n1,30,"Ann\nLee"\n2,40\n3,50,Bo\n', 4, 2),  # after a quoted line break
], ids=["broken-record", "short", "long", "after-quoted-line-break"])
def test_a_row_of_another_width_is_refused_with_its_line(tmp_path, text, line, fields):
    path = tmp_path / "data.csv"
    path.write_bytes(text)
    for source in (path, text):
        with pytest.raises(InputError) as caught:
            checked_rows("data.csv", source, ",", 3)
        assert f"input `data.csv`, line {line}: the row has {fields} field" in str(caught.value)
        assert "header has 3" in str(caught.value)


def test_a_row_spanning_lines_is_named_by_all_its_lines(tmp_path):
    """A text editor opened at the last line would show the end of a note, not the row."""
    path = tmp_path / "notes.csv"
    path.write_bytes(b'id,age,note\n1,30,ok\n2,40,"first\nsecond\nthird",extra\n3,50,ok\n')
    with pytest.raises(InputError, match=r"`notes\.csv`, lines 3-5: the row has 4 fields"):
        checked_rows("notes.csv", path, ",", 3)


@pytest.mark.parametrize("text", [
    b"a,b,c\n\n1,2,3\n\n\n4,5,6\n\n",
    b"a,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n\r\n",
    b'a,b,c\n1,"x\n\ny",3\n,,\n\n""," ",\n',  # a blank line inside quotes; empty fields
], ids=["lf", "crlf", "quoted-and-empty-fields"])
@pytest.mark.parametrize("short_rows", ["refuse", "fill"])
def test_blank_lines_are_found_where_polars_reads_rows_of_nulls(tmp_path, text, short_rows):
    """Polars reads a blank line as a row of nulls; a row of empty fields reads the same but
    is a record, so the positions come from the row-by-row read. Letting short rows pass
    does not let blank lines pass as rows."""
    path = tmp_path / "blank.csv"
    path.write_bytes(text)
    read = pl.read_csv(path, infer_schema=False)
    checked = checked_rows("blank.csv", path, ",", 3, short_rows=short_rows)
    assert checked.read == read.height
    lines = text.replace(b"\r\n", b"\n").split(b"\n")
    in_quotes = [line.count(b'"') for line in lines]
    blank_lines = [number for number, line in enumerate(lines, start=1)
                   if line == b"" and number < len(lines)
                   and sum(in_quotes[:number - 1]) % 2 == 0]
    assert [line for _, line in checked.blank] == blank_lines
    all_null = read.with_row_index().filter(pl.all_horizontal(pl.exclude("index").is_null()))
    assert {row for row, _ in checked.blank} <= set(all_null["index"])
    assert checked.records == read.height - len(blank_lines)


def test_a_tab_separated_file_is_checked_on_tabs(tmp_path):
    path = tmp_path / "data.tsv"
    path.write_bytes(b"a\tb\tc\n1\t2,5\t3\n4\t5\n")
    with pytest.raises(InputError, match="line 3: the row has 2 fields"):
        checked_rows("data.tsv", path, "\t", 3)


def test_the_row_by_row_read_streams_the_file(tmp_path, monkeypatch):
    """A file whose counts differ (here: a blank line) is read row by row, never whole."""
    monkeypatch.setattr(diagnose, "_BLOCK", 1 << 10)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("a,b\n" + "".join(f"{i},x{i}\n" for i in range(50_000)) + "\n1,y\n")
    assert checked_rows("big.csv", path, ",", 2) == (50_002, [(50_000, 50_002)])


@pytest.mark.parametrize("text", [
    b"a,b,c\n1,2,3\n\n",
    b"a,b,c\n1,2,3\n\n\n\n",
    b"a,b,c\r\n1,2,3\r\n\r\n\r\n",
    b"a,b,c\n\n\n",  # the header alone
    b'a,b,c\n1,"x\n\n",3\n\n',  # empty lines inside quotes, then one outside
    b"a,b,c\n1,2,3\n\n4,5,6\n\n",  # one in the middle too: read row by row
    b"a,b,c\n1,2\n\n",  # a short row too: refused
    b'a,b,c\n1,"2,3\n\n',  # a quote never closed: refused
], ids=["one", "three", "crlf", "header-only", "quoted", "middle", "short-row", "open-quote"])
def test_blank_lines_at_the_end_found_without_the_row_by_row_read_as_with_it(
        tmp_path, monkeypatch, text):
    """A big export ending in an empty line took 8.6 s instead of 2.5 s (5,000,000 rows),
    all of it in the row-by-row read; the blank lines at the end are counted instead, and
    the result is the row-by-row read's."""
    problem, read_row_by_row = _checked_as_row_by_row(tmp_path, monkeypatch, text, "refuse")
    assert read_row_by_row == (problem is not None or b"\n\n4" in text)


def _checked_as_row_by_row(tmp_path, monkeypatch, text: bytes,
                           short_rows: str) -> tuple[str | None, bool]:
    """Asserts that `checked_rows` finds the blank lines (or the problem) the row-by-row read
    finds; returns that problem, and whether `checked_rows` read the file row by row."""
    path = tmp_path / "t.csv"
    path.write_bytes(text)
    blank_row_by_row: list[tuple[int, int]] = []
    problem = diagnose.find_ragged_row(path, ",", short_rows=short_rows,
                                       blank_lines=blank_row_by_row)
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return diagnose.find_ragged_row(*args, **kwargs)

    monkeypatch.setattr("veil.io.rows.find_ragged_row", counted)
    if problem is not None:
        with pytest.raises(InputError, match=re.escape(problem)):
            checked_rows("t.csv", path, ",", 3, short_rows=short_rows)
    else:
        checked = checked_rows("t.csv", path, ",", 3, short_rows=short_rows)
        assert checked.blank == blank_row_by_row
        assert checked.read == pl.read_csv(path, infer_schema=False).height
    return problem, bool(calls)


@pytest.mark.parametrize("text", [
    b"a,b,c\n1,2,3\n",
    b"a,b,c\n1,2\n3\n",  # short rows, no blank line
    b"a,b,c\n1,2\n\n",
    b"a,b,c\r\n1\r\n\r\n\r\n",
    b"a,b,c\n\n\n",  # the header alone
    b"a,b,c\n1,2\n\n4\n\n",  # one in the middle too: read row by row
    b'a,b,c\n1,"x\n\n"\n\n',  # an empty line inside quotes: read row by row
    b'a,b,c\n1,"2\n\n',  # a quote never closed: refused
], ids=["none", "short", "one", "crlf", "header-only", "middle", "quoted", "open-quote"])
def test_blank_lines_at_the_end_of_a_file_with_short_rows_found_as_row_by_row(
        tmp_path, monkeypatch, text):
    """With `short_rows: fill` the separator count says nothing of blank lines: they were
    read as rows of nulls. A pass reading each line whole finds them when they are all at
    the end; otherwise the row-by-row read does, as without the setting."""
    problem, read_row_by_row = _checked_as_row_by_row(tmp_path, monkeypatch, text, "fill")
    empty_line_before_the_end = re.search(rb"\r?\n\r?\n.*[^\r\n]", text, re.DOTALL)
    assert read_row_by_row == (problem is not None or empty_line_before_the_end is not None)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    width=st.integers(min_value=2, max_value=5),
    rows=st.lists(st.lists(st.text(alphabet=st.sampled_from('ab ,"\n\u00e9'), max_size=6),
                           min_size=5, max_size=5), min_size=1, max_size=30),
    ragged=st.one_of(st.none(), st.tuples(st.integers(min_value=0), st.integers(-3, 3))),
)
def test_refused_exactly_when_one_row_has_another_width(tmp_path, width, rows, ragged):
    """Random fields (quotes, separators, line breaks inside them), written by Python's csv
    module; at most one row is cut short or extended: refused iff its width changed."""
    table = [[f"c{i}" for i in range(width)]] + [row[:width] for row in rows]
    refused = False
    if ragged is not None:
        index, new_width = ragged[0] % len(rows) + 1, max(1, width + ragged[1])
        table[index] = (table[index] + ["z"] * width)[:new_width]
        refused = new_width != width  # a lone empty field is written `""`: not a blank line
    text = _csv(table)
    if refused:
        with pytest.raises(InputError, match=r"the row has \d+ fields? but the header has"):
            checked_rows("t.csv", text, ",", width)
    else:
        assert checked_rows("t.csv", text, ",", width) == (len(rows), [])


def test_open_source_refuses_a_ragged_file_and_records_its_rows(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("id,age,name\n1,30,Ann\n2,40,Bob\n", encoding="utf-8")
    assert open_source(path).rows == {str(path): 2}
    path.write_text(f"id,age,name\n1,30,Ann\n2,40,Doe\n{CANARY}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_source(path)
    assert "line 4: the row has 1 field but the header has 3" in str(caught.value)
    assert CANARY not in str(caught.value)
    assert open_source(path, check_rows=False).rows == {}  # files veil wrote itself


def test_a_transcoded_file_is_checked_and_counted_under_its_path(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,name\n1,Caf\xe9\n2,Z\xf6e\n".encode("latin-1"))
    assert open_source(path, encoding="latin-1").rows == {str(path): 2}
    path.write_bytes("id,name\n1,Caf\xe9\nDo\xe9\n2,Z\xf6e,x\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.csv`, line 3: the row has 1 field "):
        open_source(path, encoding="latin-1")


def test_every_file_of_a_glob_is_checked(tmp_path):
    (tmp_path / "a.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,name\n2,y\n3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.csv`, line 3: the row has 1 field"):
        open_source(str(tmp_path / "*.csv"))


def test_short_rows_fill_lets_short_rows_pass_uncounted(tmp_path):
    """For files that leave out empty trailing fields: read as Polars does, nulls. Long
    rows are the run's read to refuse (below)."""
    short = tmp_path / "short.csv"
    short.write_bytes(b"id,age,name\n1,30\n2,40,Bob\n3\n")
    with pytest.raises(InputError) as caught:
        checked_rows("short.csv", short, ",", 3)
    assert "set `input: {short_rows: fill}`" in str(caught.value)  # offered for short rows
    assert checked_rows("short.csv", short, ",", 3, short_rows="fill") == (3, [])


def _balanced_recipe(short_rows: str) -> str:
    """Keeps two of three columns, so Polars alone would never read the third field."""
    return (f"veil: 1\nname: balanced\nnlp: none\n"
            f"input: {{short_rows: {short_rows}, infer_schema_rows: 100}}\n"
            f"report: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - select: [id, name]\n")


@pytest.mark.parametrize("short_rows", ["refuse", "fill"])
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"], ids=["on-disk", "decoded-in-memory"])
def test_a_long_row_balanced_by_a_short_one_is_refused_past_the_typing_rows(
        tmp_path, short_rows, encoding):
    """`Doe, John` and a line break in one unquoted record: one line with a field too many,
    the next with one too few. The counts balance; the run's read of every field refuses
    the long line, though the recipe keeps only the first columns and the pair lies far
    past the rows read for typing. Without that read, the canary became an `id`."""
    import veil

    lines = ["id,name,note"] + [f"P{i},Ann,ok" for i in range(40_000)]
    lines[30_001:30_001] = ["P2,Doe, John,ok", f"{CANARY},x"]
    path = tmp_path / "balanced.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    out = tmp_path / "out.csv"
    with pytest.raises(InputError) as caught:
        veil.run(_balanced_recipe(short_rows), path, output=out, report_dir=None,
                 encoding=encoding)
    assert "line 30002: the row has 4 fields but the header has 3" in str(caught.value)
    assert CANARY not in str(caught.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


@pytest.mark.parametrize("short_rows", ["refuse", "fill"])
def test_a_wide_file_has_its_long_rows_counted_apart(tmp_path, short_rows):
    """Past `FULL_READ_COLUMNS` the run's read is left as Polars plans it (reading every
    field made the plan grow with the square of the columns: 95 s for 5,000); a pass of
    its own counts the rows with a field past the header."""
    import veil
    from veil.io.rows import FULL_READ_COLUMNS

    width = FULL_READ_COLUMNS + 6
    header = ",".join(["id", "name", *(f"c{i}" for i in range(width - 2))])
    filler = ",".join(["x"] * (width - 2))
    lines = [header] + [f"P{i},Ann,{filler}" for i in range(3_000)]
    lines[2_001:2_001] = [f"P2,Doe, John,{filler}", f"{CANARY},{filler}"]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(_balanced_recipe(short_rows), path, output=None, report_dir=None)
    assert f"line 2002: the row has {width + 1} fields but the header has {width}" in str(
        caught.value)
    assert CANARY not in str(caught.value)


def test_validate_reads_every_field_as_the_run_does(tmp_path):
    """Its steps run on no rows; the long row of a balanced pair, and a value past the
    typing rows that its column's type cannot hold, are found by reading every field."""
    from veil.api import validate

    lines = ["id,name,note"] + [f"P{i},Ann,ok" for i in range(40_000)]
    lines[30_001:30_001] = ["P2,Doe, John,ok", f"{CANARY},x"]
    path = tmp_path / "balanced.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate(_balanced_recipe("fill"), path)
    assert "line 30002: the row has 4 fields but the header has 3" in str(caught.value)
    assert CANARY not in str(caught.value)

    typed = tmp_path / "typed.csv"
    typed.write_text("id,age\n" + "".join(f"{i},{i % 90}\n" for i in range(5_000))
                     + f"5000,{CANARY}\n", encoding="utf-8")
    recipe = _balanced_recipe("refuse").replace("select: [id, name]", "select: [id]")
    with pytest.raises(InputError) as caught:
        validate(recipe, typed)
    assert "line 5002" in str(caught.value) and "`age`" in str(caught.value)
    assert CANARY not in str(caught.value)


def test_a_long_row_on_standard_input_is_refused(monkeypatch):
    """Standard input is read whole, every field: Polars refuses the long row itself."""
    import sys

    import veil

    lines = ["id,name,note"] + [f"P{i},Ann,ok" for i in range(2_000)]
    lines[1_001:1_001] = ["P2,Doe, John,ok", f"{CANARY},x"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    with pytest.raises(InputError) as caught:
        veil.run(_balanced_recipe("fill"), "-", output=None, report_dir=None,
                 input_format="csv")
    assert "line 1002: the row has 4 fields but the header has 3" in str(caught.value)
    assert CANARY not in str(caught.value)


def test_a_recipe_with_short_rows_fill_reads_short_rows_as_nulls(tmp_path):
    import veil

    path = tmp_path / "short.csv"
    path.write_text("id,age,name\n1,30,Ann\n2,40\n", encoding="utf-8")
    recipe = ("veil: 1\nname: fill\nnlp: none\ninput: {short_rows: fill}\n"
              "report: {verify_output: false, dataset_card: false}\nsteps: []\n")
    result = veil.run(recipe, path, output=None, report_dir=None)
    assert result.frame.to_dicts() == [{"id": 1, "age": 30, "name": "Ann"},
                                       {"id": 2, "age": 40, "name": None}]
    assert result.report.inputs[0].rows == 2
    path.write_text("id,age,name\n1,30,Ann\n\n2,40\n\n", encoding="utf-8")
    result = veil.run(recipe, path, output=None, report_dir=None)
    assert result.frame.to_dicts() == [{"id": 1, "age": 30, "name": "Ann"},
                                       {"id": 2, "age": 40, "name": None}]  # no blank rows
    assert result.report.inputs[0].rows == 2
    assert [w for w in result.report.warnings if "blank lines" in w] == [
        f"input `{path}`: 2 blank lines (lines 3, 5) left out, not read as rows of nulls."]
    with pytest.raises(InputError, match="line 4: the row has 2 fields"):
        veil.run(recipe.replace("input: {short_rows: fill}\n", ""), path, output=None,
                 report_dir=None)


def test_blank_lines_are_left_out_of_the_rows_read(tmp_path, monkeypatch):
    """A file ending in blank lines (a hand-edited or spreadsheet export) gave rows of nulls,
    counted in the report; from a file, from memory, and across the files of a folder."""
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.csv").write_bytes(b"id,name\r\n1,a\r\n\r\n2,b\r\n\r\n\r\n")
    (tmp_path / "parts" / "b.csv").write_bytes(b"id,name\n\n3,c\n,\n\n")
    expected = {"id": [1, 2, 3, None], "name": ["a", "b", "c", None]}  # `,` is a record
    folder = open_source(tmp_path / "parts")
    assert folder.lf.collect().to_dict(as_series=False) == expected
    assert folder.rows == {str(tmp_path / "parts" / "a.csv"): 2,
                           str(tmp_path / "parts" / "b.csv"): 2}
    assert folder.notes == [
        f"input `{tmp_path / 'parts' / 'a.csv'}`: 3 blank lines (lines 3, 5, 6) left out, not "
        f"read as rows of nulls.",
        f"input `{tmp_path / 'parts' / 'b.csv'}`: 2 blank lines (lines 2, 5) left out, not "
        f"read as rows of nulls."]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"id,name\n1,a\n\n\n")))
    piped = open_source("-", format="csv")
    assert piped.lf.collect().to_dict(as_series=False) == {"id": [1], "name": ["a"]}
    assert piped.notes == ["input `standard input`: 2 blank lines (lines 3, 4) left out, not "
                           "read as rows of nulls."]
    header_only = tmp_path / "header.csv"
    header_only.write_bytes(b"id,name\n\n\n")
    assert open_source(header_only).lf.collect().height == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"id,name\n\n\n")))
    assert open_source("-", format="csv").lf.collect().height == 0


def test_blank_lines_left_out_are_reported(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,age\n1,30\n2,40\n\n\n", encoding="utf-8")
    result = veil.run("veil: 1\nname: blank\nnlp: none\nsteps:\n  - filter: \"age > 0\"\n",
                      path, output=tmp_path / "out.csv", report_dir=None)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "id,age\n1,30\n2,40\n"
    assert result.report.inputs[0].rows == 2
    assert any("2 blank lines (lines 4, 5) left out" in w for w in result.report.warnings)


def test_validate_warns_of_blank_lines_as_the_run_does(tmp_path, veil_cli, recipe_file):
    path = tmp_path / "export.csv"
    path.write_text("id,age\n1,30\n\n", encoding="utf-8")
    recipe = recipe_file("veil: 1\nname: blank\nnlp: none\nsteps:\n  - filter: \"age > 0\"\n")
    result = veil_cli("validate", recipe, "-i", path)
    assert result.exit_code == 0
    assert (f"warning: input `{path}`: 1 blank line (line 3) left out, not read as rows of "
            f"nulls.") in result.stderr


def test_blank_lines_at_the_end_of_a_gzip_file_are_counted_in_its_text(tmp_path, monkeypatch):
    """Polars reads a gzip CSV itself: its last bytes are the compressed stream's, not the
    text's, so the blank lines at the end are counted in the decompressed text."""
    import gzip

    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress(b"a,b,c\n1,2,3\n\n\n"))
    calls = []
    monkeypatch.setattr("veil.io.rows.find_ragged_row", lambda *a, **k: calls.append(a))
    assert checked_rows("t.csv.gz", path, ",", 3) == (3, [(1, 3), (2, 4)])
    assert calls == []


def test_lines_over_the_table_are_told_apart_from_a_broken_row(tmp_path):
    """A bank statement's title and account holder above its header: the first line is a
    header of one field, and the table's header the first wider row. The message says which
    line the table starts on, without showing the lines above it."""
    path = tmp_path / "statement.csv"
    path.write_text(f"Statement for {CANARY}\nPeriod: 2026-01\n\nid,name,amount\n1,Ann,3\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(_balanced_recipe("refuse").replace("- select: [id, name]", "[]"), path,
                 output=None, report_dir=None)
    message = str(caught.value)
    assert ("line 4: the row has 3 fields but the header has 1. The lines above line 4 look like "
            "a title or notes over the table") in message
    assert "set `input: {skip_lines: 3}` in the recipe" in message and CANARY not in message
    # A broken record near the top, rows of the header's width under it: no title there.
    broken = tmp_path / "broken.csv"
    broken.write_text("id,name,amount\n1,Ann,3\n2,Doe, John,3\n" + "3,Bo,4\n" * 5,
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        checked_rows("broken.csv", broken, ",", 3)
    assert "line 3: the row has 4 fields but the header has 3. Fix the row" in str(caught.value)
    assert "skip_lines" not in str(caught.value)


def test_a_short_last_line_may_be_a_footer_and_the_message_says_how_to_drop_it(tmp_path):
    """Totals or an end-of-report line under the table; a long row there is a broken record."""
    footer = tmp_path / "statement.csv"
    footer.write_text("id,name,amount\n1,Ann,3\n2,Bo,4\n\nTotal,7\n"
                      f'"End of report\nfor {CANARY}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        checked_rows("statement.csv", footer, ",", 3)
    message = str(caught.value)
    assert message.startswith("input `statement.csv`, line 5: the row has 2 fields but the "
                              "header has 3. Fix the row")
    assert ("If it and the lines under it are a footer under the table (totals, an "
            "end-of-report line), set `input: {footer_lines: 3}` in the recipe instead, which "
            "leaves the last 3 lines unread.") in message
    assert "short_rows" not in message and CANARY not in message  # `fill` would keep them
    # The advice, followed, reads the table: the quoted line break counted as a line.
    read = open_source(footer, footer_lines=3)
    assert read.lf.collect()["name"].to_list() == ["Ann", "Bo"]
    # A footer line left over is counted with those already left unread.
    with pytest.raises(InputError, match=r"set `input: \{footer_lines: 3\}`"):
        open_source(footer, footer_lines=2)
    long_last = tmp_path / "broken.csv"
    long_last.write_text("id,name,amount\n1,Ann,3\n2,Doe, John,4\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        checked_rows("broken.csv", long_last, ",", 3)
    assert "footer" not in str(caught.value)
