"""Hierarchy levels as Polars expressions: literal values per level."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from veil.errors import RecipeError
from veil.privacy.hierarchy import hierarchy_from_spec


def levels_of(column: str, spec: dict, values: list, **kw) -> list[list]:
    h = hierarchy_from_spec(column, spec, **kw)
    frame = pl.DataFrame({column: values})
    return [frame.select(h.level(i))[column].to_list() for i in range(h.height + 1)]


# fmt: off
@pytest.mark.parametrize("spec, values, expected", [
    ({"bins": [[0, 18, 65]]}, [-1, 0, 17, 18, 70, None],               # below, edges, above, null
     ["<0", "[0, 18)", "[0, 18)", "[18, 65)", "65+", None]),
    ({"width": [30], "top_code": 90}, [5, 89, 90, 104],                # ages 90 and over: "90+"
     ["[0, 30)", "[60, 90)", "90+", "90+"]),
    ({"keep_digits": [3]}, ["02134", "9411", None],                   # keeps length with stars
     ["021**", "941*", None]),
    ({"keep_digits": [0]}, ["02134", None], ["*", "*"]),              # top level: all one value
])
# fmt: on
def test_hierarchy_level_one_literals(spec, values, expected):
    assert levels_of("c", spec, values)[1] == expected


def test_hierarchy_truncate_dates():
    got = levels_of("d", {"truncate": ["month", "quarter", "year"]}, [date(2021, 8, 17)])
    assert got == [[date(2021, 8, 17)], [date(2021, 8, 1)], [date(2021, 7, 1)], [date(2021, 1, 1)]]


def test_hierarchy_csv_maps_unknown_values_to_star(tmp_path):
    (tmp_path / "dx.csv").write_text("flu,respiratory,any\nasthma,respiratory,any\n")
    got = levels_of("dx", {"hierarchy": "dx.csv"}, ["flu", "asthma", "gout"], base=tmp_path)
    assert got[1:] == [["respiratory", "respiratory", "*"], ["any", "any", "*"]]


def test_hierarchy_csv_ragged_is_a_recipe_error(tmp_path):
    (tmp_path / "dx.csv").write_text("flu,respiratory\nasthma\n")
    with pytest.raises(RecipeError, match="same number"):
        hierarchy_from_spec("dx", {"hierarchy": "dx.csv"}, base=tmp_path)
