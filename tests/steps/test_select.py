"""`select`: keep the listed columns, in the listed order."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"id": [1, 2, None], "name": ["Ann", None, "José"], "age": [34, 71, None]})


# fmt: off
@pytest.mark.parametrize("step, expected", [
    # one column, nulls kept as they are
    ("select: [name]", pl.DataFrame({"name": ["Ann", None, "José"]})),
    # the listed order wins over the input order
    ("select: [age, id]", pl.DataFrame({"age": [34, 71, None], "id": [1, 2, None]})),
    # the long form with a `columns` key
    ("select: {columns: [id]}", pl.DataFrame({"id": [1, 2, None]})),
])
# fmt: on
def test_select_keeps_listed_columns_in_order(run_steps, step, expected):
    assert_frame_equal(run_steps(FRAME, step), expected)


def test_select_empty_frame_keeps_schema(run_steps):
    empty = FRAME.clear()
    expected = pl.DataFrame(schema={"age": pl.Int64, "name": pl.String})
    assert_frame_equal(run_steps(empty, "select: [age, name]"), expected)


def test_select_unicode_column_names(run_steps):
    frame = pl.DataFrame({"naïve": ["a"], "café": ["b"]})
    assert_frame_equal(run_steps(frame, "select: [café]"), pl.DataFrame({"café": ["b"]}))


def test_select_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"line 7, step 1 `select`: column `nmae` does not exist "
                                        r"at this point of the recipe\. Did you mean `name`\? "
                                        r"Columns here: id, name, age\."):
        run_steps(FRAME, "select: [nmae]")


@pytest.mark.parametrize("step, message", [
    ("select: []", r"`columns`: list should have at least 1 item"),
    ("select: [a, a]", r"`columns`: column `a` is listed twice; list each column once\."),
    ("select: {columns: 3}", r"`columns`: input should be a valid list"),
])
def test_select_bad_parameters_are_recipe_errors(run_steps, step, message):
    with pytest.raises(RecipeError, match=rf"line 7, step 1 `select`: {message}"):
        run_steps(FRAME, step)


def test_select_missing_column_lists_names_a_list_cannot_show_plainly(run_steps):
    """A blank header cell, a name with a comma or an outer space are quoted in the list of
    columns, so the list shows how many there are and where each ends."""
    frame = pl.DataFrame({"": [1], "Last, First": ["x"], " id": [2], "age": [3]})
    with pytest.raises(StepError, match=r'Columns here: "", "Last, First", " id", age\.$'):
        run_steps(frame, "select: [agee]")


def test_select_missing_column_lists_a_data_named_column_by_placeholder(run_steps):
    """A pivoted export's header that is an e-mail address is listed, and never suggested,
    as its placeholder: errors carry no identifier."""
    email = "zq.canary@example.org"
    frame = pl.DataFrame({"id": [1], email: [2], "q1.2024": [3]})
    with pytest.raises(StepError) as raised:
        run_steps(frame, "select: [zq.canary@example.orf]")
    message = str(raised.value)
    assert "Columns here: id, <EMAIL_ADDRESS 1>, q1.2024." in message
    assert email not in message and "Did you mean" not in message


def test_select_missing_column_in_a_file_without_header_shows_no_first_record(run_steps):
    """A CSV without a header line has its first record read as the header: the listing
    names the person and the phone number by placeholders and says what happened."""
    frame = pl.DataFrame({"Maria Gonzalez": ["Ann Lee"], "617-555-0142": ["617-555-0199"],
                          "42": [51]})
    with pytest.raises(StepError) as raised:
        run_steps(frame, "select: [name]")
    message = str(raised.value)
    assert "Columns here: <PERSON 1>, <PHONE_NUMBER 1>, 42." in message
    assert "Maria" not in message and "Gonzalez" not in message and "0142" not in message
    assert ("If the file has no header line, its first record was read as one: name its "
            "columns with `input: {column_names: [...]}`") in message


@pytest.mark.parametrize("name, placeholder", [("swift DEUTDEFF", "<SWIFT_CODE 1>"),
                                               ("fe80::", "<IP_ADDRESS 1>")])
def test_select_missing_column_masks_names_without_digits_or_at_signs(run_steps, name,
                                                                      placeholder):
    """A name holding an identifier need not hold a digit, `@` or a dot."""
    frame = pl.DataFrame({"id": [1], name: [2]})
    with pytest.raises(StepError) as raised:
        run_steps(frame, "select: [idd]")
    assert f"Columns here: id, {placeholder}." in str(raised.value)
    assert name not in str(raised.value)
