"""`sql`: a full Polars SQL query over the current frame, the table `self`."""

from __future__ import annotations

import re
import sqlite3

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({
    "dept": ["cardio", "onco", "cardio", None, "onco"],
    "cost": [10, 20, 30, 40, None],
    "name": ["Zoë", "Ann", "Ann", "Bo", "Zoë"],
})

QUERIES = [
    "SELECT dept, sum(cost) AS total FROM self GROUP BY dept ORDER BY dept NULLS FIRST",
    "SELECT name, cost FROM self WHERE cost >= 20 ORDER BY cost",
    "SELECT count(*) AS n, count(dept) AS with_dept FROM self",
    "SELECT DISTINCT name, length(name) AS n FROM self ORDER BY name",  # Unicode length
]


def _sqlite(query: str) -> pl.DataFrame:
    """The same query in SQLite: an independent oracle."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE self (dept TEXT, cost INTEGER, name TEXT)")
    connection.executemany("INSERT INTO self VALUES (?, ?, ?)", FRAME.rows())
    cursor = connection.execute(query)
    names = [column[0] for column in cursor.description]
    return pl.DataFrame(cursor.fetchall(), schema=names, orient="row")


@pytest.mark.parametrize("query", QUERIES)
def test_sql_matches_sqlite(run_steps, query):
    out = run_steps(FRAME, f'sql: "{query}"')
    assert_frame_equal(out, _sqlite(query), check_dtypes=False)


def test_sql_literal_result(run_steps):
    out = run_steps(FRAME, "sql: \"SELECT name FROM self WHERE dept = 'onco' ORDER BY name\"")
    assert_frame_equal(out, pl.DataFrame({"name": ["Ann", "Zoë"]}))


def test_sql_empty_frame_keeps_schema(run_steps):
    out = run_steps(FRAME.clear(), 'sql: "SELECT name, cost FROM self"')
    assert_frame_equal(out, pl.DataFrame(schema={"name": pl.String, "cost": pl.Int64}))


def test_sql_missing_column_suggests_nearest(run_steps):
    with pytest.raises(StepError, match=r"step 1 `sql`: column `nmae` does not exist .* "
                                        r"Did you mean `name`\?"):
        run_steps(FRAME, 'sql: "SELECT nmae FROM self"')


def test_sql_syntax_error_says_the_table_is_self(run_steps):
    with pytest.raises(StepError, match=r"step 1 `sql`: cannot run the SQL query .* The current "
                                        r"frame is the table `self`"):
        run_steps(FRAME, 'sql: "SELEC name FROM self"')


def test_sql_empty_query_is_a_recipe_error(run_steps):
    with pytest.raises(RecipeError, match=r"step 1 `sql`: `query`: string should have at least 1"):
        run_steps(FRAME, "sql: ''")


# fmt: off
@pytest.mark.parametrize("step, where", [
    ("sql: \"SELECT * FROM read_csv('/etc/passwd')\"", "`query`: `read_csv(...)`"),
    ("sql: \"SELECT a FROM self UNION ALL SELECT a FROM READ_PARQUET('x.parquet')\"",
     "`query`: `READ_PARQUET(...)`"),
    ("filter: \"a IN (SELECT a FROM read_ipc('x'))\"", "`where`: `read_ipc(...)`"),
    ('derive: {b: "read_json(1)"}', "`columns.b`: `read_json(...)`"),
])
# fmt: on
def test_sql_file_reading_functions_are_refused(run_steps, step, where):
    """Polars SQL can read any file with read_csv(...); a recipe must not."""
    with pytest.raises(RecipeError, match=rf"line 7, step 1 `\w+`: {re.escape(where)} reads a "
                                          rf"file; SQL in a recipe works on the current frame only\. "
                                          rf"Use the `join` step to bring in another file\.$"):
        run_steps(pl.DataFrame({"a": [1]}), step)


def test_sql_function_name_inside_a_string_is_allowed(run_steps):
    out = run_steps(FRAME, "sql: \"SELECT 'read_csv(x)' AS t FROM self LIMIT 1\"")
    assert out["t"].to_list() == ["read_csv(x)"]
