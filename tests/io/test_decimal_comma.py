"""`input: {decimal_comma: true}`: CSV numbers written `12,50`, as European exports do."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import InputError
from veil.io.readers import open_source

EXPORT = "id;amount;count;code\n1;12,50;3;007\n2;-3,5;4;010\n3;;5;011\n4;7;6;012\n5; 0,25 ;7;013\n"


def _export(tmp_path, text=EXPORT):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_decimal_comma_numbers_are_read_as_numbers(tmp_path):
    frame = open_source(_export(tmp_path), separator=";", decimal_comma=True).lf.collect()
    assert_frame_equal(frame, pl.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "amount": [12.5, -3.5, None, 7.0, 0.25],
        "count": [3, 4, 5, 6, 7],
        "code": ["007", "010", "011", "012", "013"],  # leading zeros: still text
    }))


def test_without_the_option_decimal_comma_numbers_stay_text(tmp_path):
    frame = open_source(_export(tmp_path), separator=";").lf.collect()
    assert frame.schema["amount"] == pl.String
    assert frame["amount"][0] == "12,50"


def test_a_number_with_a_point_is_refused_not_misread(tmp_path):
    """`1.500` is 1.5 to Polars' parser and 1,500 to a German reader: neither is guessed."""
    rows = "".join(f"{i};{i},5;1;x\n" for i in range(50)) + "50;1.500;1;x\n"
    source = open_source(_export(tmp_path, "id;amount;count;code\n" + rows), separator=";",
                         decimal_comma=True, infer_schema_rows=10)
    with pytest.raises(pl.exceptions.PolarsError):
        source.lf.collect()


def test_named_types_read_decimal_commas_too(tmp_path):
    path = _export(tmp_path, "id;amount\n1;1,5\n2;2\n")
    frame = open_source(path, separator=";", decimal_comma=True, infer_schema_rows=0,
                        types={"amount": "float", "id": "int"}).lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1, 2], "amount": [1.5, 2.0]}


def test_decimal_comma_with_comma_separated_fields_is_refused(tmp_path):
    path = _export(tmp_path, "id,amount\n1,2\n")
    with pytest.raises(InputError, match=r"`decimal_comma: true` needs fields separated by "
                                         r"something other than `,`.*separator: ';'"):
        open_source(path, decimal_comma=True)


RECIPE = """\
veil: 1
name: eu
nlp: none
input: {separator: ";", decimal_comma: true}
report: {verify_output: false, dataset_card: false}
steps:
  - filter: "amount > 5"
"""


def test_cli_filters_on_decimal_comma_amounts_from_a_file_and_from_stdin(veil_cli, recipe_file,
                                                                          tmp_path):
    recipe = recipe_file(RECIPE)
    expected = "id,amount,count,code\n1,12.5,3,007\n4,7.0,6,012\n"
    done = veil_cli("run", recipe, "-i", _export(tmp_path), "-o", "out.csv", "-q")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == expected
    piped = veil_cli("run", recipe, "-i", "-", "--format", "csv", "-o", "-", "-q", input=EXPORT)
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == expected


def test_cli_a_late_number_with_a_point_stops_the_run(veil_cli, recipe_file, tmp_path):
    rows = "".join(f"{i};{i},5;1;x\n" for i in range(12_000)) + "12000;1.500;1;x\n"
    _export(tmp_path, "id;amount;count;code\n" + rows)
    done = veil_cli("run", recipe_file(RECIPE), "-i", "export.csv", "-o", "out.csv")
    assert done.exit_code == 2
    assert "input `export.csv`, line 12002: column `amount` was read as Float64 from its first " \
           "10,000 rows, but a later value is not of that type" in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_cli_thousands_separator_under_named_type_names_the_line(veil_cli, recipe_file, tmp_path):
    """`1.234,50` is not read (the point is refused); the error says where and why."""
    _export(tmp_path, "id;amount\n1;12,50\n2;1.234,50\n")
    recipe = recipe_file(RECIPE.replace("decimal_comma: true}",
                                        "decimal_comma: true, types: {amount: float}}"))
    done = veil_cli("run", recipe, "-i", "export.csv", "-o", "out.csv")
    assert done.exit_code == 2
    assert done.stderr.startswith(
        "error: input `export.csv`, line 3: column `amount` holds a value that is not a number "
        "(`input.types` reads it as `float`). With `decimal_comma: true` a number reads "
        "`1234,50`; a point is refused, not guessed (`1.500`: 1.5 or 1500?). If the file "
        "groups digits as `1.234,50`, set `thousands: '.'`.")
    assert "1.234" not in done.stderr.replace("`1.234,50`", "") and "Traceback" not in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_cli_filter_on_a_column_left_as_text_names_it(veil_cli, recipe_file, tmp_path):
    """Without `decimal_comma` the amounts stay text; the filter's error says which column."""
    _export(tmp_path)
    done = veil_cli("run", recipe_file(RECIPE.replace(", decimal_comma: true", "")),
                    "-i", "export.csv", "-o", "out.csv")
    assert done.exit_code == 2
    assert "step 1 `filter`" in done.stderr
    assert "Text columns this step uses: `amount`. Read them as numbers with `input.types` " \
           "(e.g. `{amount: float}`)" in done.stderr


# -- output: `output: {separator: ';', decimal_comma: true}` for European spreadsheets ---------

OUT_RECIPE = """\
veil: 1
name: eu-out
nlp: none
input: {{separator: ";", decimal_comma: true}}
output: {{separator: ";", decimal_comma: true}}
report: {{verify_output: false, dataset_card: false}}
steps:
  - {step}
"""
EXPECTED_OUT = "id;amount;count;code\n1;12,5;3;007\n2;-3,5;4;010\n3;0,0;5;011\n4;7,0;6;012\n" \
               "5;0,25;7;013\n"


@pytest.mark.parametrize("step", ["fill_null: {amount: 0}",  # row-local: streamed to the file
                                  "dedupe: [id]"],           # global: written from memory
                         ids=["streamed", "collected"])
def test_output_in_a_european_layout(tmp_path, step):
    import veil

    _export(tmp_path)
    text = OUT_RECIPE.format(step=step)
    result = veil.run(text, tmp_path / "export.csv", output=tmp_path / "out.csv", report_dir=None)
    written = (tmp_path / "out.csv").read_text(encoding="utf-8")
    if step.startswith("dedupe"):
        assert written == EXPECTED_OUT.replace("3;0,0;5", "3;;5")
    else:
        assert written == EXPECTED_OUT
    assert result.frame.schema["amount"] == pl.Float64  # read back with the same layout
    assert result.frame["amount"][0] == 12.5


def test_cli_output_layout_on_standard_output(veil_cli, recipe_file, tmp_path):
    recipe = recipe_file(OUT_RECIPE.format(step="fill_null: {amount: 0}"))
    done = veil_cli("run", recipe, "-i", "-", "--format", "csv", "-o", "-", "-q", input=EXPORT)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == EXPECTED_OUT


def test_output_decimal_comma_with_comma_separator_is_a_recipe_error():
    import veil
    from veil.errors import RecipeError

    text = OUT_RECIPE.format(step="drop: [code]").replace(
        'output: {separator: ";", decimal_comma: true}',
        "output: {decimal_comma: true, separator: ','}")
    with pytest.raises(RecipeError, match=r"line 5.*`decimal_comma: true` writes `12,5`, so the "
                                          r"fields cannot be separated by `,` too"):
        veil.load_recipe(text)


def test_cli_output_layout_on_parquet_is_refused(veil_cli, recipe_file, tmp_path):
    _export(tmp_path)
    recipe = recipe_file(OUT_RECIPE.format(step="drop: [code]"))
    done = veil_cli("run", recipe, "-i", "export.csv", "-o", "out.parquet")
    assert done.exit_code == 2
    assert ("`output.separator` and `output.decimal_comma` lay out CSV and TSV files; this "
            "output is parquet. Remove them,") in done.stderr
    assert not (tmp_path / "out.parquet").exists()


@pytest.mark.parametrize("output, message", [
    ("{path: out.parquet, separator: ';'}", "`output.separator` lays out CSV and TSV files; this "
                                           "output is parquet"),
    ("{path: out.csv.gz}", "names a gzip file; veil writes files uncompressed"),
])
def test_cli_validate_checks_the_output_as_a_run_would(veil_cli, recipe_file, output, message):
    text = OUT_RECIPE.format(step="drop: [code]").replace(
        'output: {separator: ";", decimal_comma: true}', f"output: {output}")
    done = veil_cli("validate", recipe_file(text))
    assert done.exit_code == 2
    assert message in done.stderr
