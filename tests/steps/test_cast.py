"""`cast`: change column types."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError


# fmt: off
@pytest.mark.parametrize("values, target, expected", [
    (["1", "-2", None], "int", pl.Series("c", [1, -2, None], dtype=pl.Int64)),
    ([" 7 "], "int", pl.Series("c", [7], dtype=pl.Int64)),                  # spaces ignored
    (["true", "No", "Y", "0", None], "bool",
     pl.Series("c", [True, False, True, False, None], dtype=pl.Boolean)),   # text booleans
    (["1.5", "2", None], "float", pl.Series("c", [1.5, 2.0, None], dtype=pl.Float64)),
    ([1, 2, None], "string", pl.Series("c", ["1", "2", None], dtype=pl.String)),
    ([1, 0, None], "bool", pl.Series("c", [True, False, None], dtype=pl.Boolean)),
    # ISO dates, surrounding spaces tolerated
    (["2020-01-31", " 1999-12-01 ", None], "date",
     pl.Series("c", [dt.date(2020, 1, 31), dt.date(1999, 12, 1), None], dtype=pl.Date)),
    (["2020-01-31T10:00:00", None], "datetime",
     pl.Series("c", [dt.datetime(2020, 1, 31, 10), None], dtype=pl.Datetime("us"))),
    # leading zeros are kept when the target is text
    (["007", "070"], "string", pl.Series("c", ["007", "070"], dtype=pl.String)),
])
# fmt: on
def test_cast_converts(run_steps, values, target, expected):
    out = run_steps(pl.DataFrame({"c": values}), f"cast: {{c: {target}}}")
    assert_frame_equal(out, expected.to_frame())


# fmt: off
@pytest.mark.parametrize("values, target, written, expected", [
    (["31/01/2024", " 01/02/1999 ", None], "date", "%d/%m/%Y",
     [dt.date(2024, 1, 31), dt.date(1999, 2, 1), None]),                   # day first
    (["01/31/2024"], "date", "%m/%d/%Y", [dt.date(2024, 1, 31)]),           # month first
    (["31 January 2024"], "date", "%d %B %Y", [dt.date(2024, 1, 31)]),
    (["31.01.2024 14:05"], "datetime", "%d.%m.%Y %H:%M", [dt.datetime(2024, 1, 31, 14, 5)]),
    (["31.01.2024 14:05"], "date", "%d.%m.%Y %H:%M", [dt.date(2024, 1, 31)]),  # its day
    (["31/01/2024"], "datetime", "%d/%m/%Y", [dt.datetime(2024, 1, 31)]),   # midnight
])
# fmt: on
def test_cast_reads_dates_in_the_format_given(run_steps, values, target, written, expected):
    out = run_steps(pl.DataFrame({"c": values}),
                    f"cast: {{columns: {{c: {target}}}, date_format: \"{written}\"}}")
    assert out["c"].to_list() == expected


def test_cast_with_a_date_format_refuses_dates_written_otherwise(run_steps):
    frame = pl.DataFrame({"c": ["31/01/2024", "2024-01-31"]})
    step = "cast: {columns: {c: date}, date_format: \"%d/%m/%Y\"}"
    with pytest.raises(StepError, match=r"step 1 `cast`: (column `c` has values that cannot be "
                                        r"converted to dates written as `%d/%m/%Y`|values in `c` "
                                        r"are not dates written as `%d/%m/%Y`)") as caught:
        run_steps(frame, step)
    assert "2024-01-31" not in str(caught.value)
    loose = "cast: {columns: {c: date}, date_format: \"%d/%m/%Y\", strict: false}"
    assert run_steps(frame, loose)["c"].to_list() == [dt.date(2024, 1, 31), None]


@pytest.mark.parametrize("step, words", [
    ("cast: {columns: {c: date}, date_format: \"%d/%m\"}", "has no code for a year"),
    ("cast: {columns: {c: date}, date_format: \"%d/%m/%Y %Q\"}", "cannot write 2024-01-31 and"),
    ("cast: {columns: {c: int}, date_format: \"%d/%m/%Y\"}", "no column is cast to `date`"),
])
def test_cast_date_format_is_checked_with_the_recipe(run_steps, step, words):
    with pytest.raises(RecipeError, match=re.escape(words)):
        run_steps(pl.DataFrame({"c": ["31/01/2024"]}), step)


def test_cast_empty_frame_changes_schema(run_steps):
    out = run_steps(pl.DataFrame(schema={"c": pl.String}), "cast: {c: int}")
    assert_frame_equal(out, pl.DataFrame(schema={"c": pl.Int64}))


def test_cast_non_strict_turns_bad_values_into_nulls(run_steps):
    out = run_steps(pl.DataFrame({"c": ["1", "x"]}), "cast: {columns: {c: int}, strict: false}")
    assert out["c"].to_list() == [1, None]


@pytest.mark.parametrize("target, words", [
    ("int", "integers"), ("float", "numbers"), ("date", "dates"),
])
def test_cast_strict_failure_names_step_and_column_not_values(run_steps, target, words):
    frame = pl.DataFrame({"c": ["1", "CANARY-42"]})
    with pytest.raises(StepError, match=rf"step 1 `cast`: column `c` has values that cannot be "
                                        rf"converted to {words}\. Clean them first") as caught:
        run_steps(frame, f"cast: {{c: {target}}}")
    assert "CANARY" not in str(caught.value)


@pytest.mark.parametrize("values", [["2020-01-01T10:00:00", "CANARY"], ["CANARY", "x"]])
def test_cast_bad_datetime_names_the_column(run_steps, values):
    with pytest.raises(StepError, match=r"step 1 `cast`: (column `c` has values that cannot be "
                                        r"converted to datetimes|values in `c` are not ISO 8601 "
                                        r"dates or datetimes)") as caught:
        run_steps(pl.DataFrame({"c": values}), "cast: {c: datetime}")
    assert "CANARY" not in str(caught.value)


def test_cast_bad_boolean_names_the_columns(run_steps):
    frame = pl.DataFrame({"c": ["yes", "CANARY"], "d": ["1", "0"]})
    with pytest.raises(StepError, match=r"step 1 `cast`: a value in `c`, `d` is not a boolean "
                                        r"\(true/false, yes/no, t/f, y/n or 1/0\)") as caught:
        run_steps(frame, "cast: {c: bool, d: bool}")
    assert "CANARY" not in str(caught.value)


def test_cast_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"column `cc` does not exist .* Did you mean `c`\?"):
        run_steps(pl.DataFrame({"c": ["1"]}), "cast: {cc: int}")


def test_cast_unknown_type_lists_allowed(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `cast`: `columns\.c` must be one of 'string', "
                                          r"'int', 'float', 'bool', 'date' or 'datetime'; got `integr`"):
        run_steps(pl.DataFrame({"c": ["1"]}), "cast: {c: integr}")


@pytest.mark.parametrize("form, values, expected", [
    ("decimal_comma: true", ["12,5", "-0,25", None], [12.5, -0.25, None]),
    ("decimal_comma: true, thousands: '.'", ["1.234,5", "7"], [1234.5, 7.0]),
    ("thousands: ','", ["1,234.5", "12"], [1234.5, 12.0]),
])
def test_cast_reads_the_number_form_it_is_given(run_steps, form, values, expected):
    frame = pl.DataFrame({"amount": values}, schema={"amount": pl.String})
    out = run_steps(frame, f"cast: {{columns: {{amount: float}}, {form}}}")
    assert out["amount"].to_list() == expected


def test_cast_number_form_refuses_what_it_cannot_tell(run_steps):
    """Under a decimal comma, `1.500` is 1.5 or 1500: it becomes null, never a guess."""
    frame = pl.DataFrame({"amount": ["1,5", "1.500"]})
    out = run_steps(frame, "cast: {columns: {amount: float}, decimal_comma: true, strict: false}")
    assert out["amount"].to_list() == [1.5, None]


@pytest.mark.parametrize("column, values, advice", [
    ("tags", [["a", "b"], None], r"join its items into text with a `sql` step \(`SELECT \*, "
                                 r"ARRAY_TO_STRING\(tags, ', '\) AS tags_text FROM self`\)"),
    ("addr", [{"city": "X"}, None], r"take the fields you need out of it with a `sql` step"),
], ids=["list", "object"])
def test_cast_of_a_list_or_object_to_text_is_refused_with_what_works(run_steps, column, values,
                                                                      advice):
    """Polars failed only when computing, and veil named no step; the advice's SQL works."""
    frame = pl.DataFrame({column: values})
    with pytest.raises(StepError, match=rf"step 1 `cast`: column `{column}` is (List|Struct)\(.*"
                                        rf"\): `cast` converts text, numbers, dates and "
                                        rf"booleans, not lists or objects\. Instead, {advice}"):
        run_steps(frame, f"cast: {{{column}: string}}")
    if column == "tags":
        joined = "SELECT *, ARRAY_TO_STRING(tags, ', ') AS tags_text FROM self"
        out = run_steps(frame, f'sql: "{joined}"')
        assert out["tags_text"].to_list() == ["a, b", None]


@pytest.mark.parametrize("target", ["date", "datetime"])
@pytest.mark.parametrize("dtype", [pl.Int64, pl.Int32, pl.Float64])
def test_cast_of_numbers_to_a_date_is_refused_with_a_derive_that_works(run_steps, dtype, target):
    """Polars read 20240131 as days since 1970: the year 57385, with exit 0."""
    frame = pl.DataFrame({"d": pl.Series([20240131, None], dtype=dtype)})
    with pytest.raises(StepError, match=rf"step 1 `cast`: column `d` holds numbers \(.*\), and "
                                        rf"a number is no {target} by itself") as refused:
        run_steps(frame, f"cast: {{d: {target}}}")
    derive = re.search(r"`(derive: .*)`\.$", str(refused.value))[1]
    out = run_steps(frame, derive)
    assert out["d"].to_list() == [dt.date(2024, 1, 31), None]


def test_input_types_of_numbers_to_a_date_is_refused(tmp_path):
    from veil.errors import InputError
    from veil.io.readers import open_source

    pl.DataFrame({"d": [20240131]}).write_parquet(tmp_path / "d.parquet")
    with pytest.raises(InputError, match=r"^`input\.types\.d`: column `d` holds numbers"):
        open_source(tmp_path / "d.parquet", types={"d": "date"})


def test_cast_of_floats_to_int_keeps_whole_numbers_and_refuses_fractions(run_steps):
    """Polars truncates: 12.99 became 12 with exit 0."""
    whole = pl.DataFrame({"x": [12.0, -3.0, None]})
    assert run_steps(whole, "cast: {x: int}")["x"].to_list() == [12, -3, None]
    mixed = pl.DataFrame({"x": [12.99, 3.0, None]})
    with pytest.raises(StepError, match=r"step 1 `cast`: column `x` has values that cannot be "
                                        r"converted to integers\.") as refused:
        run_steps(mixed, "cast: {x: int}")
    assert "12.99" not in str(refused.value)
    loose = run_steps(mixed, "cast: {columns: {x: int}, strict: false}")
    assert loose["x"].to_list() == [None, 3, None]


def test_input_types_int_of_floats_with_a_fraction_names_the_column(tmp_path):
    import veil
    from veil.errors import InputError

    pl.DataFrame({"x": [1.5, 2.0]}).write_parquet(tmp_path / "f.parquet")
    with pytest.raises(InputError, match=r"column `x` holds a value that is not a whole number "
                                         r"\(`input\.types` reads it as `int`\)"):
        veil.run("veil: 1\nname: t\nnlp: none\ninput: {types: {x: int}}\nsteps: []\n",
                 tmp_path / "f.parquet", output=None, report_dir=None)
