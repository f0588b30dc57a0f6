"""Bad input tried as a new user would, through the real CLI.

Each case: exit code 2, a message naming the file and the line or column and what
to do, no traceback, and no value from the file (a canary is planted in each).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CANARY = "CANARY-7731-ZQX"

RECIPE = """\
veil: 1
name: bad-input
nlp: none
report: {verify_output: false, dataset_card: false}
steps:
  - filter: "age >= 18"
"""


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _many_rows(last: str, rows: int = 20_000) -> str:
    body = "".join(f"{i},{20 + i % 60},n{i}\n" for i in range(rows))
    return f"id,age,name\n{body}{last}\n"


# fmt: off
CASES = [
    # (id, file name, content, expected message after "error: input `<file>`")
    ("ragged-row", "ragged.csv", f"id,age,name\n1,30,a\n2,40,{CANARY},extra\n",
     r", line 3: the row has 4 fields but the header has 3\. Fix the row"),
    ("ragged-row-after-the-sample", "late-ragged.csv", _many_rows(f"x,50,{CANARY},extra"),
     r", line 20002: the row has 4 fields but the header has 3\."),
    # A record broken by an unquoted line break: Polars would read the name as an id.
    ("short-row", "broken.csv", f"id,age,name\n1,30,a\n2,40,Doe\n{CANARY}\n",
     r", line 4: the row has 1 field but the header has 3\. Fix the row"),
    ("latin-1", "latin.csv", f"id,age,name\n1,30,{CANARY}-caf\xe9\n".encode("latin-1"),
     r", line 2, byte 25: the file is not UTF-8\. It is probably Latin-1 or Windows-1252: set "
     r"`input: \{encoding: latin-1\}` in the recipe or pass `--encoding latin-1`"),
    ("utf-16", "utf16.csv", f"id,age,name\n1,30,{CANARY}\n".encode("utf-16"),
     r", line 1, byte 1: the file is not UTF-8\. It looks like UTF-16 \(Windows' \"Unicode\" "
     r"exports\): set `input: \{encoding: utf-16\}` in the recipe or pass `--encoding utf-16`"),
    ("utf-16-without-byte-order-mark", "utf16le.csv", f"id,age,name\n1,30,{CANARY}\n".encode("utf-16-le"),
     r", line 1, byte 2: the file is not UTF-8 text \(a quarter or more of its first bytes are "
     r"zeros\)\. It looks like UTF-16 "),
    ("utf-16-jsonl", "utf16.jsonl", f'{{"id": 1, "age": 30, "n": "{CANARY}"}}\n'.encode("utf-16-le"),
     r", line 1, byte 2: the file is not UTF-8 text \(a quarter or more of its first bytes are "
     r"zeros\)\. It looks like UTF-16 "),
    ("empty-file", "empty.csv", "",
     r" is empty \(0 bytes\)\. Check the export that produced it; a CSV needs at least a header"),
    ("unclosed-quote-huge-field", "quote.csv", f'id,age,note\n1,30,"{CANARY}' + "x" * 5_000_000 + "\n",
     r", line 2: a quoted field starts on this line and is never closed\."),
    ("malformed-jsonl", "bad.jsonl", f'{{"id": 1, "age": 30}}\n{{"id": 2, "age": {CANARY}}}\n',
     r", line 2, character 18: not valid JSON \(Expecting value\)\. JSON Lines needs one complete "
     r"JSON object per line\."),
    # U+2028 is a line end to str.splitlines, not to JSON Lines: line numbers must not shift.
    ("jsonl-line-separator-inside-a-string", "sep.jsonl",
     f'{{"id": 1, "age": 30, "note": "a\u2028{CANARY}"}}\n{{"id": 2, "age": }}\n',
     r", line 2, character 18: not valid JSON \(Expecting value\)\."),
    ("jsonl-latin-1", "latin.jsonl",
     f'{{"id": 1, "age": 30}}\n{{"id": 2, "age": 30, "n": "{CANARY}-caf\xe9"}}\n'.encode("latin-1"),
     r", line 2, byte 47: the file is not UTF-8\. It is probably Latin-1"),
    ("unclosed-quote-after-a-quoted-line-break", "multi.csv",
     f'id,age,note\n1,30,"two\nlines"\n2,40,"a ""b"" c"\n3,50,"{CANARY}\n4,60,x\n',
     r", line 5: a quoted field starts on this line and is never closed\."),
    # Text after a closing quote: Polars refuses the field; the message named no line.
    ("text-after-a-closing-quote", "after-quote.csv", f'id,age,name\n1,30,"{CANARY}" Lee\n',
     r", line 2: a quoted field is followed by more text before the next separator"),
    ("quote-closing-lines-later-after-the-sample", "late-quote.csv",
     _many_rows(f'20000,50,"{CANARY}\n20001,51,x\n20002,52,"y'),
     r", lines 20002-20004: a quoted field is followed by more text before the next separator"),
    # Polars refuses these with `InvalidNumber at character N`, naming no line.
    ("jsonl-number-too-large-for-a-float", "huge.jsonl",
     f'{{"id": 1, "age": 30.5}}\n{{"id": 2, "age": 1e400, "n": "{CANARY}"}}\n',
     r", line 2: a number is too large for a float \(`1e400`\), or is `NaN` or `Infinity`"),
    ("jsonl-nan", "nan.jsonl", f'{{"id": 1, "age": 30.5}}\n{{"id": 2, "age": NaN, "n": "{CANARY}"}}\n',
     r", line 2: a number is too large for a float \(`1e400`\), or is `NaN` or `Infinity`"),
    ("jsonl-not-an-object", "list.jsonl", f'{{"id": 1, "age": 30}}\n["{CANARY}"]\n',
     r", line 2: a JSON Lines record must be an object"),
    # A JSON document read as JSON Lines: the message said `Expecting value` at line 1.
    ("json-array-over-lines", "array.jsonl", f'\n[\n  {{"id": 1, "age": "{CANARY}"}}\n]\n',
     r", line 2: the file is a JSON array \(`\[\.\.\.\]`\), not JSON Lines \(one object `\{\.\.\.\}` "
     r"per line\), .* Convert it first, for instance `jq -c '\.\[\]' FILE > FILE\.jsonl`, or in "
     r"Python `polars\.read_json\('FILE'\)\.write_ndjson\('FILE\.jsonl'\)`\.$"),
    ("json-array-on-one-line", "minified.jsonl", f'[{{"id": 1, "age": "{CANARY}"}}]',
     r", line 1: the file is a JSON array \(`\[\.\.\.\]`\), not JSON Lines"),
    ("json-object-over-lines", "pretty.jsonl", f'{{\n  "id": 1,\n  "age": "{CANARY}"\n}}\n',
     r", line 1: the file is one JSON object written over many lines, not JSON Lines .* "
     r"`jq -c \. FILE > FILE\.jsonl`, or in Python"),
    ("number-column-with-late-text", "late.csv", _many_rows(f"20000,{CANARY},y"),
     r", line 20002: column `age` was read as Int64 from its first 10,000 rows, but a later "
     r"value is not of that type\. Set `input: \{types: \{age: string\}\}`"),
    ("jsonl-type-changes-after-the-sample", "late.jsonl",
     "".join(f'{{"id": {i}, "age": 30}}\n' for i in range(20_000)) + f'{{"id": "{CANARY}", "age": 30}}\n',
     r", line 20001: the value of `id` does not fit the type Int64 inferred from the first rows\. "
     r"Set `input: \{types: \{id: string\}\}` or a larger `infer_schema_rows`\."),
    # Kinds Polars finds no common type for: `failed to determine supertype`, naming no line.
    ("jsonl-object-then-list", "kinds.jsonl",
     f'{{"id": 1, "age": 30, "acct": {{"iban": "{CANARY}"}}}}\n'
     f'{{"id": 2, "age": 40, "acct": [1]}}\n',
     r", line 2: `acct` holds a list \(`\[\.\.\.\]`\) here and an object \(`\{\.\.\.\}`\) "
     r"on line 1: a key's values are read as one column, so they need one kind \(or null\)\."),
    ("jsonl-list-then-true-or-false", "flags.jsonl",
     f'{{"id": 1, "age": 30, "n": "{CANARY}", "f": [1]}}\n{{"id": 2, "age": 40, "f": null}}\n'
     f'{{"id": 3, "age": 50, "f": true}}\n',
     r", line 3: `f` holds true or false here and a list \(`\[\.\.\.\]`\) on line 1"),
    # Polars takes a JSON Lines input's columns from its first rows and drops later keys.
    ("jsonl-key-first-seen-after-the-sample", "late-key.jsonl",
     "".join(f'{{"id": {i}, "age": 30}}\n' for i in range(20_000)) + f'{{"id": 1, "age": 30, "ssn": "{CANARY}"}}\n',
     r", line 20,001: key `ssn` first appears after the 10,000 lines the columns were inferred "
     r"from, so its values would be dropped without a word\. Set `input: \{infer_schema_rows: 0\}`"),
    ("semicolon-separated", "semi.csv", f"id;age;name\n1;30;{CANARY}\n",
     r" has a single column whose header contains `;`: the fields look separated by `;`, not "
     r"`,`\. Set `input: \{separator: ';'\}` in the recipe\."),
    # Excel's separator hint where the header should be: the error named a ragged line 2.
    ("spreadsheet-separator-hint", "hint.csv", f"sep=;\nid;age;name\n1;30;{CANARY}\n",
     r", line 1: `sep=;` is a spreadsheet's separator hint, not the header\. Set `input: "
     r"\{skip_lines: 1, separator: ';'\}` in the recipe to read the table under it\."),
    # Polars ends lines at `\n` only: the rows became the header's names, and the run
    # wrote a header of identifiers with exit 0.
    ("carriage-return-line-ends", "mac.csv", f"id,age,name\r1,30,{CANARY}\r2,40,x\r",
     r": its lines end with a carriage return alone \(`\\r`, as in classic Mac exports\), so "
     r"the whole file reads as one header line\. Convert its line ends first"),
    # Unix lines, then classic Mac ones (two exports joined): Polars ran the rest together
    # and refused a row of too many fields, naming no line.
    ("carriage-returns-after-unix-lines", "joined.csv", f"id,age,name\n1,30,a\r2,40,{CANARY}\r",
     r" could not be read as csv \(ComputeError\)\. .* Line 2 of `[^`]*joined\.csv` ends with a "
     r"carriage return alone \(`\\r`, as classic Mac exports end lines\)"),
    ("not-parquet", "fake.parquet", f"{CANARY} this is text".encode(),
     r" could not be read as parquet \(ComputeError\)\. Check that the file is complete"),
]
# fmt: on


@pytest.mark.parametrize("name, content, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_file_exit_2_names_where(veil_cli, recipe_file, tmp_path, name, content, message):
    path = _write(tmp_path, name, content)
    result = veil_cli("run", recipe_file(RECIPE), "-i", path, "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith(f"error: input `{path}`")
    assert re.search(message, first_line), first_line
    assert "Traceback" not in result.output
    assert CANARY not in result.output
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("last", [f"20000,50,{CANARY},extra", "20000,50"], ids=["long", "short"])
def test_bad_input_ragged_row_in_columns_the_recipe_does_not_read(veil_cli, recipe_file, tmp_path,
                                                                  last):
    """Reading only some columns, Polars passes over a long row and fills a short one (the
    values still fit the columns' types, so no type error gives the row away)."""
    _write(tmp_path, "late.csv", _many_rows(last))
    recipe = recipe_file(RECIPE.replace('filter: "age >= 18"', "select: [id, age]"))
    result = veil_cli("run", recipe, "-i", "late.csv", "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    assert re.match(r"error: input `late\.csv`, line 20002: the row has [24] fields but the "
                    r"header has 3\.", result.stderr), result.stderr
    assert CANARY not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_bad_input_latin_1_reads_with_encoding_option(veil_cli, recipe_file, tmp_path):
    _write(tmp_path, "latin.csv", "id,age,name\n1,30,café\n2,10,x\n".encode("latin-1"))
    result = veil_cli("run", recipe_file(RECIPE), "-i", "latin.csv", "-o", "out.csv",
                      "--encoding", "latin-1", "-q")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "id,age,name\n1,30,café\n"


@pytest.mark.parametrize(("output", "written"), [("out.csv", "id,age,name\n"),
                                                 ("out.jsonl", "")])
def test_bad_input_header_only_is_valid_and_gives_zero_rows(veil_cli, recipe_file, tmp_path,
                                                            output, written):
    """JSON Lines has no header: zero rows are an empty file, which the output's checks
    read back as zero rows (they refused it as an empty input, naming the temporary file)."""
    _write(tmp_path, "header.csv", "id,age,name\n")
    result = veil_cli("run", recipe_file(RECIPE), "-i", "header.csv", "-o", output)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / output).read_text() == written
    assert f"wrote {output} (0 rows)" in result.stderr


def test_bad_input_huge_valid_field_survives(veil_cli, recipe_file, tmp_path):
    note = "é" + "x" * 5_000_000
    _write(tmp_path, "big.csv", f'id,age,note\n1,30,"{note}"\n2,10,small\n')
    result = veil_cli("run", recipe_file(RECIPE), "-i", "big.csv", "-o", "out.jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows == [{"id": 1, "age": 30, "note": note}]


@pytest.mark.parametrize("step, message", [
    ('filter: "agee >= 18"',
     r"line 6, step 1 `filter`: column `agee` does not exist at this point of the recipe\. "
     r"Did you mean `age`\? Columns here: id, age, name\."),
    ('filter: "name > 3"', r"line 6, step 1 `filter`: Polars could not run it \(ComputeError: "
                           r"cannot compare string with numeric type"),
    ("fitler: \"age > 1\"", r"line 6, step 1: unknown step `fitler`\. Did you mean `filter`\?"),
])
def test_bad_input_recipe_mistakes_exit_2(veil_cli, recipe_file, tmp_path, step, message):
    _write(tmp_path, "ok.csv", f"id,age,name\n1,30,{CANARY}\n")
    recipe = recipe_file(RECIPE.replace('filter: "age >= 18"', step))
    result = veil_cli("run", recipe, "-i", "ok.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert re.search(rf"^error: {recipe}, {message}", result.stderr), result.stderr
    assert "Traceback" not in result.output and CANARY not in result.output


@pytest.mark.parametrize("args, message", [
    (["-i", "missing.csv"], r"^error: input `missing\.csv` does not exist\. Check the path"),
    (["-i", "data.xlsx"], r"^error: input `data\.xlsx` is a spreadsheet workbook, which veil "
                          r"does not read\. Save the sheet as CSV UTF-8 and give that file\.$"),
    (["-i", "data.txt"], r"^error: cannot tell the format of input `data\.txt` from its "
                         r"extension `\.txt` \(a spreadsheet's \"Unicode text\" export is "
                         r"tab-separated UTF-16: `--format tsv --encoding utf-16`\)\. Known "
                         r"extensions: .* Name the format explicitly with `--format`"),
    (["-i", "data.json"], r"^error: cannot tell the format of input `data\.json` from its "
                          r"extension `\.json` \(JSON Lines files end in \.jsonl; a JSON array `\[\.\.\.\]` "
                          r"converts to JSON Lines with `jq -c '\.\[\]' FILE > FILE\.jsonl`\)\."),
    (["-i", "empty-folder"], r"^error: input folder `empty-folder` holds no file veil can read"),
    (["-i", "nothing-*.csv"], r"^error: input glob `nothing-\*\.csv` matches no file"),
    (["-i", "ok.csv", "--encoding", "klingon"], r"^error: input `ok\.csv`: unknown text encoding "
                                               r"`klingon`"),
    (["-i", "ok.csv", "-o", "out.xlsx"], r"^error: output `out\.xlsx` is a spreadsheet workbook, "
                                         r"which veil does not write\. Write CSV"),
    (["-i", "ok.csv", "-o", "out.txt"], r"^error: cannot tell the format of output `out\.txt`"),
    # A folder has no extension: the message asked for a format, and `--format csv` then
    # failed only when the run was done.
    (["-i", "ok.csv", "-o", "empty-folder"], r"^error: output `empty-folder` is a folder\. Give "
                                             r"a file path, e\.g\. `empty-folder/result\.parquet`"),
    (["-i", "ok.csv", "-o", "new-folder/"], r"^error: output `new-folder/` is a folder\."),
])
def test_bad_input_paths_and_options_exit_2(veil_cli, recipe_file, tmp_path, args, message):
    _write(tmp_path, "ok.csv", f"id,age,name\n1,30,{CANARY}\n")
    _write(tmp_path, "data.xlsx", CANARY)
    _write(tmp_path, "data.txt", CANARY)
    _write(tmp_path, "data.json", f'[{{"name": "{CANARY}"}}]')
    (tmp_path / "empty-folder").mkdir()
    result = veil_cli("run", recipe_file(RECIPE), *args, *([] if "-o" in args else ["-o", "o.csv"]))
    assert result.exit_code == 2
    assert re.search(message, result.stderr), result.stderr
    assert "Traceback" not in result.output and CANARY not in result.output


def test_bad_input_jsonl_text_type_reads_a_column_that_changes_type(veil_cli, recipe_file, tmp_path):
    lines = "".join(f'{{"id": {i}, "age": 30}}\n' for i in range(20_000)) + '{"id": "A-1", "age": 30}\n'
    _write(tmp_path, "late.jsonl", lines)
    recipe = recipe_file(RECIPE.replace("nlp: none\n", "nlp: none\ninput: {types: {id: string}}\n"))
    result = veil_cli("run", recipe, "-i", "late.jsonl", "-o", "out.csv", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.csv").read_text().splitlines()[-2:] == ["19999,30", "A-1,30"]


def test_bad_input_duplicate_header_is_refused(veil_cli, recipe_file, tmp_path):
    _write(tmp_path, "dup.csv", f"id,age,age\n1,30,{CANARY}\n")
    result = veil_cli("run", recipe_file(RECIPE), "-i", "dup.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stderr == ("error: input `dup.csv`: the header names column `age` more than "
                             "once. Rename the repeated column in the file.\n")


# A header cell or JSON key that is data (a file without a header line, a key per customer).
NAME_AS_DATA = "Maria Gonzalez"
CARD_AS_DATA = "4111111111111111"
# fmt: off
@pytest.mark.parametrize("name, content, message", [
    ("dup.csv", f"{NAME_AS_DATA},{NAME_AS_DATA},30\nAnn Lee,Ann Lee,40\n",
     "the header names a column more than once, by a name holding an identifier (not shown). "
     "If the file has no header line, its first record was read as one: name its columns with "
     "`input: {column_names: [...]}` in the recipe."),
    ("late.csv", f"age,{CARD_AS_DATA}\n" + "".join(f"{30 + i % 50},{i}\n" for i in range(10_000))
     + "40,n/a\n",
     "line 10002: a column whose name holds an identifier (not shown) was read as Int64 from its "
     "first 10,000 rows, but a later value is not of that type. If the file has no header line"),
    ("misfit.jsonl", f'{{"age": 30, "{NAME_AS_DATA}": 1}}\n{{"age": 40, "{NAME_AS_DATA}": true}}\n',
     "line 2: the value of a key whose name holds an identifier (not shown) does not fit the "
     "type Int64"),
    ("late.jsonl", "".join(f'{{"id": {i}}}\n' for i in range(20_000))
     + f'{{"id": 1, "{NAME_AS_DATA}": 3}}\n',
     "line 20,001: a key holding an identifier (not shown) first appears after the 10,000 lines"),
], ids=["csv duplicate header", "csv late type", "jsonl type", "jsonl late key"])
# fmt: on
def test_bad_input_names_that_are_data_are_not_shown(veil_cli, recipe_file, tmp_path, name,
                                                     content, message):
    _write(tmp_path, name, content)
    result = veil_cli("run", recipe_file(RECIPE), "-i", name, "-o", "out.jsonl")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Maria" not in result.stderr and "Gonzalez" not in result.stderr
    assert CARD_AS_DATA not in result.stderr


def test_bad_input_a_json_object_then_a_number_shows_neither(veil_cli, recipe_file, tmp_path):
    # Polars failed while computing the output, and its message printed the number
    # (`found value of type UInt64: ...`). The object's keys can be data too.
    _write(tmp_path, "acct.jsonl", f'{{"age": 30, "acct": {{"{CARD_AS_DATA}": 1}}}}\n'
                                   f'{{"age": 40, "acct": {CARD_AS_DATA}}}\n')
    result = veil_cli("run", recipe_file(RECIPE), "-i", "acct.jsonl", "-o", "out.jsonl")
    assert result.exit_code == 2
    assert ("line 2: the value of `acct` is not an object (`{...}`), as in the first rows. Set "
            "`input: {types: {acct: string}}` to read the key as text (objects and lists as "
            "their JSON text)") in result.stderr
    assert CARD_AS_DATA not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("later", [
    f'{{"age": 40, "acct": {{"iban": "{CANARY}"}}}}',  # a field of an object: was a number
    f'{{"age": 40, "acct": {{"iban": ["{CANARY}"]}}}}',  # a list where a number was
    f'{{"age": 40, "acct": {{"tags": [1, "{CANARY}"]}}}}',  # an item of a list: numbers were
], ids=["field", "list-in-field", "list-item"])
def test_bad_input_a_json_value_inside_an_object_that_changes_type(veil_cli, recipe_file,
                                                                   tmp_path, later):
    # Past the rows the columns were inferred from, Polars failed while computing the
    # output, naming no line.
    _write(tmp_path, "acct.jsonl",
           '{"age": 30, "acct": {"iban": 7, "tags": [1]}}\n' + later + "\n")
    recipe = recipe_file(RECIPE.replace("steps:", "input: {infer_schema_rows: 1}\nsteps:"))
    result = veil_cli("run", recipe, "-i", "acct.jsonl", "-o", "out.jsonl")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: input `acct.jsonl`, line 2: a value inside `acct` does not fit the type inferred "
        "for it from the first rows. Set `input: {types: {acct: string}}` to read the key as its "
        "JSON text, or a larger `infer_schema_rows`.\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_bad_input_a_json_key_of_objects_and_numbers_reads_as_text_when_told(veil_cli,
                                                                           recipe_file, tmp_path):
    # What the message above advises works: each value is read as its JSON text.
    _write(tmp_path, "acct.jsonl", '{"age": 30, "acct": {"n": 1}}\n{"age": 40, "acct": 7}\n')
    recipe = recipe_file(RECIPE.replace("steps:", "input: {types: {acct: string}}\nsteps:"))
    result = veil_cli("run", recipe, "-i", "acct.jsonl", "-o", "out.jsonl")
    assert result.exit_code == 0, result.stderr
    written = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [json.loads(row["acct"]) for row in written] == [{"n": 1}, 7]


def test_bad_input_a_step_failure_on_a_clean_file_is_not_blamed_on_the_file(veil_cli, recipe_file,
                                                                            tmp_path):
    _write(tmp_path, "dates.csv", f"id,age,when\n1,30,{CANARY}\n2,40,2020-01-01\n")
    recipe = recipe_file(RECIPE.replace('filter: "age >= 18"', "cast: {when: datetime}"))
    result = veil_cli("run", recipe, "-i", "dates.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {recipe}, line 6, step 1 `cast`: ")
    assert CANARY not in result.output and "Traceback" not in result.output


def test_bad_input_validate_refuses_a_ragged_row_too(veil_cli, recipe_file, tmp_path):
    """`veil validate -i` applies the same input checks as a run: no surprise at run time."""
    _write(tmp_path, "broken.csv", f"id,age,name\n1,30,a\n2,40,Doe\n{CANARY}\n")
    result = veil_cli("validate", recipe_file(RECIPE), "-i", "broken.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: input `broken.csv`, line 4: the row has 1 field but "
                                    "the header has 3.")
    assert CANARY not in result.output and "Traceback" not in result.output


def test_bad_input_late_type_error_in_a_transcoded_file_is_not_blamed_on_its_encoding(
        veil_cli, recipe_file, tmp_path):
    """The diagnosis reads the transcoded text, not the file's Latin-1 bytes as UTF-8."""
    _write(tmp_path, "late.csv", _many_rows(f"20000,x50,{CANARY}-Z\xf6e").encode("latin-1"))
    result = veil_cli("run", recipe_file(RECIPE), "-i", "late.csv", "-o", "out.csv",
                      "--encoding", "latin-1")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: input `late.csv`, line 20002: column `age` was read as "
                                    "Int64 from its first 10,000 rows, but a later value is not of "
                                    "that type.")
    assert CANARY not in result.output and "Traceback" not in result.output


def test_bad_input_jsonl_is_diagnosed_line_by_line_not_read_whole(tmp_path, monkeypatch):
    import polars as pl

    from veil.io.readers import open_source

    path = _write(tmp_path, "big.jsonl", "".join(f'{{"id": {i}, "age": 30}}\n' for i in range(50_000))
                  + f'{{"id": 50000, "age": {CANARY}}}\n')
    source = open_source(path)  # the bad line is past the typing rows: the run meets it
    with pytest.raises(pl.exceptions.PolarsError) as raised:
        source.lf.collect()
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: pytest.fail("read whole"))
    problem = source.diagnose(raised.value, reading=True)
    assert re.match(r"input `.*big\.jsonl`, line 50001, character 22: not valid JSON",
                    str(problem)), problem
    assert CANARY not in str(problem)


def test_bad_input_a_zero_character_in_a_field_is_text_not_utf16(veil_cli, recipe_file, tmp_path):
    _write(tmp_path, "zero.csv", "id,age,name\n1,30,a\x00b\n2,10,c\n")
    result = veil_cli("run", recipe_file(RECIPE), "-i", "zero.csv", "-o", "out.csv", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "id,age,name\n1,30,a\x00b\n"


@pytest.mark.parametrize("how", ["file", "standard-input", "latin-1-file"])
def test_bad_input_header_only_passes_with_zero_rows_however_it_comes(veil_cli, recipe_file,
                                                                      tmp_path, how):
    """A day without records: `age >= 18` on a column with no value to type passes, with
    zero rows out, from a file, from standard input and decoded in memory alike."""
    header = "id,age,name\n"
    source = _write(tmp_path, "empty-day.csv",
                    header.encode("latin-1") if how == "latin-1-file" else header)
    extra = ["--encoding", "latin-1"] if how == "latin-1-file" else []
    if how == "standard-input":
        result = veil_cli("run", recipe_file(RECIPE), "-i", "-", "--format", "csv", "-o",
                          "out.csv", "-q", input=header)
    else:
        result = veil_cli("run", recipe_file(RECIPE), "-i", source, "-o", "out.csv", "-q", *extra)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == header


def test_bad_input_utf16_on_standard_input_is_named(veil_cli, recipe_file):
    # ASCII text in UTF-16LE, as the str the test runner pipes in (zeros stay zero bytes)
    data = f"id,age,name\n1,30,{CANARY}\n".encode("utf-16-le").decode("ascii")
    result = veil_cli("run", recipe_file(RECIPE), "-i", "-", "--format", "csv", "-o", "-",
                      input=data)
    assert result.exit_code == 2, result.stderr
    assert re.match(r"error: input `standard input`, line 1, byte 2: the file is not UTF-8 text "
                    r"\(a quarter or more of its first bytes are zeros\)\. It looks like UTF-16",
                    result.stderr), result.stderr
    assert CANARY not in result.output


@pytest.mark.parametrize("declared, word", [("int", "a whole number"), ("date", "an ISO date"),
                                            ("bool", "a boolean"),
                                            ("datetime", "an ISO datetime")])
def test_bad_input_named_type_names_the_line_not_the_value(veil_cli, recipe_file, tmp_path,
                                                           declared, word):
    """A value `input.types` cannot convert: the file and line, never the value."""
    good = {"int": "30", "date": "2020-01-31", "bool": "yes",
            "datetime": "2020-01-31T14:05:00"}[declared]
    body = "".join(f"{i},{good},n{i}\n" for i in range(50))
    # a quoted line break shifts lines against rows: the line must still be right
    _write(tmp_path, "typed.csv", f'id,age,name\n0,{good},"two\nlines"\n{body}51,{CANARY},x\n')
    text = RECIPE.replace("steps:", f"input: {{types: {{age: {declared}}}}}\nsteps:")
    result = veil_cli("run", recipe_file(text), "-i", "typed.csv", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: input `typed.csv`, line 54: column `age` holds a "
                                    f"value that is not {word}")
    assert CANARY not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_bad_input_named_type_in_a_row_spanning_lines_names_them_all(veil_cli, recipe_file,
                                                                     tmp_path):
    _write(tmp_path, "typed.csv", f'id,age,name\n0,30,x\n1,{CANARY},"two\nlines"\n2,40,y\n')
    stderr = _refused_with_types(veil_cli, recipe_file, "typed.csv", "{age: int}")
    assert stderr.startswith("error: input `typed.csv`, lines 3-4: column `age` holds a value "
                             "that is not a whole number")


def _refused_with_types(veil_cli, recipe_file, name: str, types: str) -> str:
    """Run the recipe with `input.types` on `name`: exit 2, no canary, no traceback."""
    text = RECIPE.replace("steps:", f"input: {{types: {types}}}\nsteps:")
    result = veil_cli("run", recipe_file(text), "-i", name, "-o", "out.csv")
    assert result.exit_code == 2
    assert CANARY not in result.output and "Traceback" not in result.output
    return result.stderr


def test_bad_input_jsonl_named_type_names_the_line_not_the_value(veil_cli, recipe_file, tmp_path):
    """A JSON Lines value `input.types` cannot convert: the line, as for CSV."""
    records = [{"id": i, "age": str(20 + i), "name": f"n{i}"} for i in range(30)]
    records.insert(25, {"id": 99, "age": CANARY, "name": "x"})
    lines = [json.dumps(r) + "\n" for r in records]
    lines.insert(10, "\n")  # a blank line counts as a line, as Polars skips it
    _write(tmp_path, "typed.jsonl", "".join(lines))
    text = RECIPE.replace("steps:", "input: {types: {age: int}}\nsteps:")
    result = veil_cli("run", recipe_file(text), "-i", "typed.jsonl", "-o", "out.jsonl")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: input `typed.jsonl`, line 27: column `age` holds a "
                                    "value that is not a whole number")
    assert CANARY not in result.output and "Traceback" not in result.output


def test_bad_input_nested_columns_into_csv_are_named_before_the_run(veil_cli, recipe_file,
                                                                     tmp_path):
    """Polars would stop at the write with `CSV format does not support nested data`."""
    _write(tmp_path, "nested.jsonl", f'{{"id": 1, "addr": {{"city": "{CANARY}"}}, "tags": []}}\n')
    recipe = recipe_file("veil: 1\nname: nested\nnlp: none\noutput: {path: out.csv}\n"
                         "report: {dir: reports}\nsteps:\n  - rename: {id: ident}\n")
    for command in (("run", recipe, "-i", "nested.jsonl"), ("validate", recipe, "-i", "nested.jsonl")):
        result = veil_cli(*command)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith(
            "error: output `out.csv` is CSV, which cannot hold the column(s) `addr` (nested "
            "object), `tags` (list). Drop them, pick the fields you need with a `sql` step")
        assert CANARY not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "reports").exists()
    picked = recipe_file("veil: 1\nname: nested\nnlp: none\noutput: {path: out.csv}\n"
                         "report: {dir: reports}\nsteps:\n"
                         "  - sql: SELECT id, addr.city AS city FROM self\n")
    assert veil_cli("run", picked, "-i", "nested.jsonl").exit_code == 0
    assert (tmp_path / "out.csv").read_text().splitlines()[0] == "id,city"


def test_bad_input_nested_column_named_by_data_is_listed_by_its_placeholder(veil_cli,
                                                                            recipe_file,
                                                                            tmp_path):
    """A JSON object used as a map at the top level: its keys, e-mail addresses, are the
    column names the refusal lists."""
    _write(tmp_path, "pivot.jsonl", f'{{"id": 1, "{CANARY}@example.org": {{"role": "x"}}}}\n')
    recipe = recipe_file("veil: 1\nname: pivot\nnlp: none\nsteps: []\n")
    result = veil_cli("run", recipe, "-i", "pivot.jsonl", "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("error: output `out.csv` is CSV, which cannot hold the "
                                    "column(s) `<EMAIL_ADDRESS 1>` (nested object).")
    assert CANARY not in result.output


def test_bad_input_nested_columns_into_csv_on_standard_output(veil_cli, recipe_file, tmp_path):
    """`validate` refuses what `run` would when the recipe names CSV for standard output;
    without a format there, the run's `--format` decides, so validate lets it pass."""
    _write(tmp_path, "nested.jsonl", f'{{"id": 1, "addr": {{"city": "{CANARY}"}}}}\n')
    named = recipe_file("veil: 1\nname: nested\nnlp: none\noutput: {path: '-', format: csv}\n"
                        "steps:\n  - rename: {id: ident}\n")
    for command in ("run", "validate"):
        result = veil_cli(command, named, "-i", "nested.jsonl")
        assert result.exit_code == 2, (command, result.stderr)
        assert result.stderr.startswith("error: output `-` is CSV, which cannot hold the "
                                        "column(s) `addr` (nested object)")
        assert CANARY not in result.output and "Traceback" not in result.output
    unnamed = recipe_file("veil: 1\nname: nested\nnlp: none\noutput: {path: '-'}\n"
                          "steps:\n  - rename: {id: ident}\n")
    assert veil_cli("validate", unnamed, "-i", "nested.jsonl").exit_code == 0


def test_bad_input_a_duration_into_csv_is_named_with_how_to_make_it_a_number(veil_cli,
                                                                            recipe_file,
                                                                            tmp_path):
    """Length of stay, `discharge - admit`: Polars stopped at the write with `datatype
    duration cannot be written to CSV`, and veil called it a failure to compute."""
    _write(tmp_path, "stays.csv", "id,admit,discharge\n1,2020-01-01,2020-01-05\n")
    steps = ("  - cast: {admit: date, discharge: date}\n"
             "  - derive: {stay: \"discharge - admit\"}\n")
    recipe = recipe_file("veil: 1\nname: stays\nnlp: none\noutput: {path: out.csv}\n"
                         "report: {dir: reports}\nsteps:\n" + steps)
    for command in ("run", "validate"):
        result = veil_cli(command, recipe, "-i", "stays.csv")
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith(
            "error: output `out.csv` is CSV, which cannot hold the column(s) `stay` (duration). "
            "Drop them, turn a duration into a number with a `derive` step (`CAST(stay AS "
            "BIGINT)` counts microseconds; ")
    assert not (tmp_path / "out.csv").exists()
    days = recipe.read_text().replace('"discharge - admit"',
                                      '"CAST(discharge AS INTEGER) - CAST(admit AS INTEGER)"')
    recipe.write_text(days)
    assert veil_cli("run", recipe, "-i", "stays.csv").exit_code == 0
    assert (tmp_path / "out.csv").read_text().splitlines()[1] == "1,2020-01-01,2020-01-05,4"


@pytest.mark.parametrize("binary", [[b"\x00\x01"], [[b"x"]], [{"raw": b"x"}]],
                         ids=["column", "in-a-list", "in-an-object"])
def test_bad_input_binary_data_into_json_lines_is_refused_before_the_run(tmp_path, binary):
    """Polars panics (`not yet implemented: Writing BinaryView to JSON`): veil called that a
    bug of its own."""
    import polars as pl

    import veil
    from veil.errors import OutputError

    frame = pl.DataFrame({"id": [1], "scan": binary})
    recipe = "veil: 1\nname: binary\nnlp: none\nsteps: []\n"
    with pytest.raises(OutputError, match=r"is JSON Lines, which cannot hold the column\(s\) "
                                          r"`scan` \(.*\)\. Drop them, .*or write `\.parquet`"):
        veil.run(recipe, frame, output=tmp_path / "out.jsonl", report_dir=None)
    assert list(tmp_path.iterdir()) == []
    veil.run(recipe, frame, output=tmp_path / "out.parquet", report_dir=None)
    assert pl.read_parquet(tmp_path / "out.parquet").equals(frame)


def test_bad_input_types_for_a_missing_column_list_data_named_ones_masked(veil_cli,
                                                                         recipe_file,
                                                                         tmp_path):
    """`input.types` names a column the file lacks: the columns listed hide a header that is
    an e-mail address (a pivoted export), and show a blank one by the name it is read as."""
    _write(tmp_path, "pivot.csv", f"id,{CANARY}@example.org,\n1,2,3\n")
    stderr = _refused_with_types(veil_cli, recipe_file, "pivot.csv", "{agee: int}")
    assert stderr.startswith("error: `input.types` names column `agee`, which the input does "
                             "not have. Columns: id, <EMAIL_ADDRESS 1>, unnamed_3.")


def test_bad_input_a_quoted_header_name_with_a_carriage_return_is_read(tmp_path):
    """Only a file of carriage-return lines is refused, not a name holding one."""
    from veil.io.readers import open_source

    path = _write(tmp_path, "named.csv", 'id,"two\rparts"\n1,x\n')
    assert open_source(path).lf.collect().columns == ["id", "two\rparts"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_bad_input_steps_that_drop_every_column_are_refused_before_the_run(veil_cli,
                                                                         recipe_file, tmp_path,
                                                                         fmt):
    """Polars failed at the write ("cannot sink 0-width DataFrame"), and veil advised a cast."""
    _write(tmp_path, "in.csv", f"id,age,name\n1,30,{CANARY}\n")
    recipe = recipe_file("veil: 1\nname: none-left\nnlp: none\nsteps:\n  - drop: [id, age, name]\n")
    result = veil_cli("run", recipe, "-i", "in.csv", "-o", f"out.{fmt}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: output `out.{fmt}`: the recipe's steps leave no "
                                    f"column to write")
    assert "cast" not in result.stderr and CANARY not in result.output
    assert not (tmp_path / f"out.{fmt}").exists()


@pytest.mark.parametrize("how", ["file", "latin-1", "standard input"])
def test_bad_input_late_type_error_names_the_rows_the_type_came_from(tmp_path, monkeypatch,
                                                                      how):
    """Text read in memory (standard input, another encoding) was said to be typed from its
    first 10,000 rows whatever `infer_schema_rows` said."""
    import io
    import sys

    import veil
    from veil.errors import InputError

    text = "id,v\n" + "".join(f"{i},{i}\n" for i in range(1, 21)) + f"21,{CANARY}\n"
    encoding = "latin-1" if how == "latin-1" else "utf-8"
    path = _write(tmp_path, "late.csv", text.encode(encoding))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    recipe = (f"veil: 1\nname: t\nnlp: none\n"
              f"input: {{infer_schema_rows: 5, encoding: {encoding}}}\n"
              "report: {verify_output: false, dataset_card: false}\nsteps: []\n")
    with pytest.raises(InputError) as caught:
        veil.run(recipe, "-" if how == "standard input" else path, output=None,
                 report_dir=None, input_format="csv")
    message = caught.value.message
    assert "line 22: column `v` was read as Int64 from its first 5 rows" in message
    assert CANARY not in message


@pytest.mark.parametrize("separator", [";", "\\t"])  # YAML's "\t", shown as written
def test_bad_input_comma_file_read_with_another_separator(veil_cli, recipe_file, tmp_path,
                                                          separator):
    """A comma-separated file under a recipe set for `;` or tabs reads as one column, named
    `id,age,name`: the step that misses `age` says the fields look separated by `,`."""
    path = _write(tmp_path, "commas.csv", f"id,age,name\n1,30,{CANARY}\n")
    recipe = recipe_file(RECIPE.replace("nlp: none",
                                        f'nlp: none\ninput: {{separator: "{separator}"}}'))
    result = veil_cli("run", recipe, "-i", path, "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip().endswith(
        'step 1 `filter`: column `age` does not exist at this point of the recipe: there is one '
        'column, "id,age,name", whose name holds `age` between commas. The input\'s fields look '
        "separated by `,`: set `input: {separator: ','}` in the recipe.")
    assert CANARY not in result.output and not (tmp_path / "out.csv").exists()


def test_bad_input_comma_file_that_breaks_the_read_names_the_comma(veil_cli, recipe_file,
                                                                   tmp_path):
    """Read with `;`, a quoted line break makes Polars' row count fail: its bare
    ComputeError now ends with the comma its one-column header holds."""
    path = _write(tmp_path, "commas.csv",
                  f'id,age,name\n1,30,"{CANARY}\nsecond line"\n2,40,"x\ny"\n')
    recipe = recipe_file(RECIPE.replace("nlp: none", 'nlp: none\ninput: {separator: ";"}'))
    result = veil_cli("run", recipe, "-i", path, "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip().endswith(
        "Its header reads as one column holding `,`: if the fields are separated by `,`, set "
        "`input: {separator: ','}` in the recipe.")
    assert CANARY not in result.output and not (tmp_path / "out.csv").exists()


def test_a_title_with_a_comma_over_a_semicolon_table_is_no_comma_header(veil_cli,
                                                                        recipe_file, tmp_path):
    """A title holds commas as often as a header: it gets the advice to skip it."""
    path = _write(tmp_path, "statement.csv",
                  f"Statement for {CANARY}, account 4471\nid;age;name\n1;30;x\n2;40;y\n")
    recipe = recipe_file(RECIPE.replace("nlp: none", 'nlp: none\ninput: {separator: ";"}'))
    result = veil_cli("run", recipe, "-i", path, "-o", "out.csv")
    assert result.exit_code == 2, result.stderr
    assert "set `input: {skip_lines: 1}` in the recipe" in result.stderr
    assert "separated by `,`" not in result.stderr and CANARY not in result.output
