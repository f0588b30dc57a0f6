"""`filter`: keep the rows where a Polars SQL expression holds."""

from __future__ import annotations

import unicodedata

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({
    "id": [1, 2, 3, 4],
    "age": [17, None, 45, 90],
    "city": ["Zürich", "Oslo", None, "Zürich"],
    "visit": ["2019-12-31", "2020-01-01", "2021-06-30", None],
})


# fmt: off
@pytest.mark.parametrize("where, ids", [
    ("age >= 18", [3, 4]),                                   # null age is dropped, not kept
    ("age >= 18 AND city = 'Zürich'", [4]),                  # non-ASCII literal
    ("age < 18 OR age IS NULL", [1, 2]),                     # keep nulls explicitly
    ("city IS NULL", [3]),
    ("visit >= '2020-01-01'", [2, 3]),                       # ISO text dates compare as text
    ("city IN ('Oslo', 'Zürich')", [1, 2, 4]),
    ("lower(city) LIKE 'z%'", [1, 4]),
    ("age > 1000", []),                                      # nothing matches: empty, same schema
])
# fmt: on
def test_filter_keeps_matching_rows_in_order(run_steps, where, ids):
    out = run_steps(FRAME, f'filter: "{where}"')
    assert_frame_equal(out, FRAME.filter(pl.col("id").is_in(ids)))


def test_filter_long_form_with_where(run_steps):
    out = run_steps(FRAME, "filter: {where: 'id = 2'}")
    assert out["id"].to_list() == [2]


def test_filter_empty_frame_keeps_schema(run_steps):
    assert_frame_equal(run_steps(FRAME.clear(), 'filter: "age > 1"'), FRAME.clear())


def test_filter_nfd_input_does_not_match_nfc_literal(run_steps):
    """Unicode forms differ byte-wise: normalise first (`normalize_text`) to match."""
    frame = pl.DataFrame({"city": [unicodedata.normalize("NFD", "Zürich")]})
    assert run_steps(frame, "filter: \"city = 'Zürich'\"").height == 0
    assert run_steps(frame, "normalize_text: [city]", "filter: \"city = 'Zürich'\"").height == 1


def test_filter_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"line 7, step 1 `filter`: column `agee` does not exist "
                                        r"at this point of the recipe\. Did you mean `age`\? "
                                        r"Columns here: id, age, city, visit\."):
        run_steps(FRAME, 'filter: "agee > 3"')


def test_filter_text_compared_with_number_names_the_step(run_steps):
    with pytest.raises(StepError, match=r"step 1 `filter`: Polars could not run it \(ComputeError: "
                                        r"cannot compare string with numeric type"):
        run_steps(FRAME, 'filter: "city > 3"')


def test_filter_type_error_before_a_global_step_blames_the_filter(run_steps):
    with pytest.raises(StepError, match=r"step 1 `filter`: .*cannot compare string"):
        run_steps(FRAME, 'filter: "city > 3"', "dedupe: [id]")


def test_filter_bad_sql_says_how_to_write_it(run_steps):
    with pytest.raises(StepError, match=r"step 1 `filter`: cannot parse the SQL expression "
                                        r"`age >` \(SQLInterfaceError\)\. Write a SQL expression"):
        run_steps(FRAME, 'filter: "age >"')


def test_filter_empty_expression_is_a_recipe_error(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `filter`: `where`: string should have at least 1"):
        run_steps(FRAME, "filter: ''")


def test_polars_messages_hide_backticked_values_but_keep_types():
    """Polars 2 quotes values and types alike in backticks; only the types may show."""
    import polars as pl

    from veil.steps.base import polars_error_message

    error = pl.exceptions.ComputeError(
        "could not parse `CANARY-3391` as dtype `i64` at column 'score' (column number 2)")
    message = polars_error_message(error)
    assert "CANARY" not in message
    assert "could not parse <value hidden> as dtype `i64` at column 'score'" in message


def test_filter_on_a_name_the_header_spells_with_a_space_says_so(run_steps):
    """A header written `id, name, age` names its columns ` name` and ` age`: the did-you-mean
    showed ` age` between backticks, where the space is easy to miss."""
    frame = pl.DataFrame({"id": [1, 2], " age": [30, 17]})
    with pytest.raises(StepError, match=r"column `age` does not exist at this point of the "
                                        r"recipe, but \" age\" does: its name has spaces around "
                                        r"it .* `rename: \{\" age\": age\}`"):
        run_steps(frame, 'filter: "age >= 18"')
    renamed = run_steps(frame, 'rename: {" age": age}', 'filter: "age >= 18"')
    assert renamed["id"].to_list() == [1]
