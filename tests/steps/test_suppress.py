"""`suppress`: null values where a SQL condition holds; never Python eval."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import veil
from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"age": [34, 95, None, 90], "zip": ["03601", "02134", "10001", None],
                      "city": ["Zürich", "Boston", "NYC", "Åre"]})


def run(frame, step: str) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, output=None, report_dir=None)


# fmt: off
@pytest.mark.parametrize("step, expected", [
    ('suppress: {columns: [age], where: "age >= 90"}',
     {"age": [34, None, None, None]}),
    ('suppress: {columns: [zip, city], where: "zip LIKE \'036%\'"}',
     {"zip": [None, "02134", "10001", None], "city": [None, "Boston", "NYC", "Åre"]}),
    # a null condition (age unknown) leaves the row alone, as SQL WHERE does
    ('suppress: {columns: [city], where: "age > 40"}',
     {"city": ["Zürich", None, "NYC", None]}),
    ('suppress: {columns: [city], where: "city = \'Åre\'"}',
     {"city": ["Zürich", "Boston", "NYC", None]}),
])
# fmt: on
def test_suppress_nulls_where_condition_holds(step, expected):
    out = run(FRAME, step).frame
    assert_frame_equal(out, FRAME.with_columns(pl.Series(k, v, dtype=FRAME.schema[k])
                                               for k, v in expected.items()))


def test_suppress_records_counts():
    details = run(FRAME, 'suppress: {columns: [age, zip], where: "age >= 90"}').report.steps[0].details
    assert details == {"rows_matching": 2, "values_suppressed": {"age": 2, "zip": 1}}


@pytest.mark.parametrize("where", ["__import__('os').system('true')", "age >=", "1 +* 2"])
def test_suppress_refuses_what_is_not_sql(where):
    with pytest.raises(StepError, match="SQL expression|Polars could not run it"):
        run(FRAME, f'suppress: {{columns: [age], where: "{where}"}}')


def test_suppress_unknown_column():
    with pytest.raises(StepError, match="column `agee` does not exist"):
        run(FRAME, 'suppress: {columns: [agee], where: "age > 1"}')


def test_suppress_needs_where():
    with pytest.raises(RecipeError, match="where"):
        run(FRAME, "suppress: {columns: [age]}")


def test_suppress_empty_frame():
    assert_frame_equal(run(FRAME.clear(), 'suppress: {columns: [age], where: "age > 1"}').frame,
                       FRAME.clear())


def test_suppress_describe():
    step = veil.load_recipe('veil: 1\nname: t\nsteps:\n  - suppress: {columns: [zip], where: "age > 89"}\n'
                            ).steps[0]
    assert step.describe() == "blank out zip where age > 89"
