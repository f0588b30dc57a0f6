"""`input: {thousands: ...}`: CSV numbers with grouped digits (`1.234,50`, `1,234.50`)."""

from __future__ import annotations

import polars as pl
import pytest

import veil
from veil.errors import RecipeError
from veil.io.readers import open_source


def _read(tmp_path, text: str, **options) -> pl.DataFrame:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return open_source(path, **options).lf.collect()


@pytest.mark.parametrize("text, options", [
    ("id;amount\n1;1.234,50\n2;12,5\n3;-1.000.000,25\n", {"separator": ";", "decimal_comma": True,
                                                           "thousands": "."}),
    ('id,amount\n1,"1,234.50"\n2,12.5\n3,"-1,000,000.25"\n', {"thousands": ","}),
    ("id;amount\n1;1'234.50\n2;12.5\n3;-1'000'000.25\n", {"separator": ";", "thousands": "'"}),
    ("id;amount\n1;1\u202f234,50\n2;12,5\n3;-1\u202f000\u202f000,25\n",
     {"separator": ";", "decimal_comma": True, "thousands": "\u202f"}),
    ("id;amount\n1;1 234,50\n2;12,5\n3;-1 000 000,25\n",
     {"separator": ";", "decimal_comma": True, "thousands": " "}),
], ids=["german", "english", "swiss", "french-narrow-space", "space"])
def test_grouped_numbers_are_read_as_numbers(tmp_path, text, options):
    frame = _read(tmp_path, text, **options)
    assert frame["amount"].to_list() == [1234.5, 12.5, -1_000_000.25]


def test_grouped_whole_numbers_are_integers_and_codes_stay_text(tmp_path):
    frame = _read(tmp_path, "n;code\n1.234;007\n7;010\n", separator=";", decimal_comma=True,
                  thousands=".")
    assert frame.schema["n"] == pl.Int64 and frame["n"].to_list() == [1234, 7]
    assert frame["code"].to_list() == ["007", "010"]  # leading zeros: a code, not a number


@pytest.mark.parametrize("odd", ["12.34", "1.23,4", "1.2345", ".234", "1,2,3"])
def test_a_badly_grouped_value_keeps_the_column_text(tmp_path, odd):
    """Groups after the first have three digits; anything else is not guessed at."""
    frame = _read(tmp_path, f"amount\n1.234,5\n{odd}\n", separator=";", decimal_comma=True,
                  thousands=".")
    assert frame.schema["amount"] == pl.String


def test_a_badly_grouped_value_under_a_named_type_is_refused(tmp_path):
    source = open_source(_write(tmp_path, "amount\n1.234,5\n12.34\n"), separator=";",
                         decimal_comma=True, thousands=".", types={"amount": "float"})
    with pytest.raises(pl.exceptions.PolarsError):
        source.lf.collect()


def _write(tmp_path, text):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("input_spec, message", [
    ("{thousands: '.'}", r"`thousands: '\.'` is also the decimal mark without `decimal_comma`"),
    ("{decimal_comma: true, separator: ';', thousands: ','}",
     r"`thousands: ','` is also the decimal mark with `decimal_comma: true`"),
    ("{thousands: '_'}", r"thousands"),
])
def test_thousands_setting_errors_name_the_line(input_spec, message):
    text = f"veil: 1\nname: t\nnlp: none\ninput: {input_spec}\nsteps: []\n"
    with pytest.raises(RecipeError, match=f"line 4.*{message}"):
        veil.load_recipe(text)


RECIPE = """\
veil: 1
name: de
nlp: none
input: {separator: ";", decimal_comma: true, thousands: "."}
report: {verify_output: false, dataset_card: false}
steps:
  - filter: "amount > 1000"
"""


def test_cli_filters_grouped_amounts_and_names_a_late_bad_value(veil_cli, recipe_file, tmp_path):
    _write(tmp_path, "id;amount\n1;1.234,50\n2;999,99\n3;12.000\n")
    done = veil_cli("run", recipe_file(RECIPE), "-i", "export.csv", "-o", "out.csv", "-q")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "id,amount\n1,1234.5\n3,12000.0\n"

    rows = "".join(f"{i};{i % 900 + 1}.000,5\n" for i in range(1, 12_001)) + "12001;12.34\n"
    _write(tmp_path, "id;amount\n" + rows)
    late = veil_cli("run", recipe_file(RECIPE), "-i", "export.csv", "-o", "late.csv")
    assert late.exit_code == 2
    assert "input `export.csv`, line 12002: column `amount` was read as Float64" in late.stderr
    assert not (tmp_path / "late.csv").exists()


def test_cli_named_type_error_says_the_number_form(veil_cli, recipe_file, tmp_path):
    _write(tmp_path, "id;amount\n1;1.234,50\n2;1.23\n")
    typed = 'thousands: ".", types: {amount: float}}'
    recipe = recipe_file(RECIPE.replace('thousands: "."}', typed))
    done = veil_cli("run", recipe, "-i", "export.csv", "-o", "out.csv")
    assert done.exit_code == 2
    assert done.stderr.startswith(
        "error: input `export.csv`, line 3: column `amount` holds a value that is not a number "
        "(`input.types` reads it as `float`). Numbers here read `1.234,50` (`thousands: '.'`, "
        "`decimal_comma: true`); a value in another form is refused, not guessed.")
