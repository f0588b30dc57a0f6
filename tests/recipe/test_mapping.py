"""A recipe built in code: a mapping with the keys a YAML recipe has."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from ruamel.yaml import YAML

import veil
from veil.errors import RecipeError, StepError

FRAME = pl.DataFrame({"id": [1, 2, 3], "age": [15, 30, 70], "notes": ["a", "b", "c"]})

MAPPING = {
    "veil": 1,
    "name": "built-in-code",
    "nlp": "none",
    "steps": [{"filter": "age >= 18"}, {"derive": {"decade": "age - age % 10", "first": "1"}},
              {"drop": ["notes"]}],
}
SAME_IN_YAML = """\
veil: 1
name: built-in-code
nlp: none
steps:
  - filter: "age >= 18"
  - derive: {decade: "age - age % 10", first: "1"}
  - drop: [notes]
"""


def test_mapping_recipe_runs_as_its_yaml_does():
    from_mapping = veil.run(MAPPING, FRAME, output=None, report_dir=None)
    from_yaml = veil.run(SAME_IN_YAML, FRAME, output=None, report_dir=None)
    assert from_mapping.frame.equals(from_yaml.frame)
    assert from_mapping.frame.columns == ["id", "age", "decade", "first"]
    assert from_mapping.frame["decade"].to_list() == [30, 70]


def test_mapping_recipe_text_in_the_report_reads_back_as_the_mapping():
    report = veil.run(MAPPING, FRAME, output=None, report_dir=None).report
    assert YAML(typ="safe").load(report.recipe_text) == MAPPING
    # The mapping's order is kept: `derive` computes its columns in that order.
    assert report.recipe_text.index("decade") < report.recipe_text.index("first")


def test_mapping_recipe_hash_is_the_same_on_every_load():
    first = veil.load_recipe({**MAPPING, "steps": [{"drop": {"notes", "age", "id"}}]})
    again = veil.load_recipe({**MAPPING, "steps": [{"drop": {"id", "notes", "age"}}]})
    assert first.text == again.text
    assert "- age\n" in first.text  # a set is written as a sorted list


def test_mapping_recipe_takes_paths_and_tuples():
    recipe = veil.load_recipe({**MAPPING, "output": {"path": Path("out") / "x.csv"},
                               "steps": [{"drop": ("notes",)}]})
    assert str(recipe.output.path) == "out/x.csv"
    assert veil.run(recipe, FRAME, output=None, report_dir=None).frame.columns == ["id", "age"]


@pytest.mark.parametrize(("mapping", "message"), [
    ({**MAPPING, "stpes": []}, r"^the recipe mapping: unknown key `stpes`\. .* Did you mean `steps`\?"),
    ({**MAPPING, "steps": [{"fitler": "age > 1"}]},
     r"^the recipe mapping, step 1: unknown step `fitler`\. Did you mean `filter`\?"),
    ({"veil": 1, "nlp": "none"}, r"^the recipe mapping: missing required key `name`"),
    ({**MAPPING, "steps": [{"drop": [object()]}]},
     r"^the recipe mapping holds a value YAML cannot write .* Give text, numbers"),
])
def test_mapping_recipe_errors_name_the_key_not_a_line(mapping, message):
    # The lines would be those of the YAML veil wrote, which the caller never saw.
    with pytest.raises(RecipeError, match=message) as raised:
        veil.load_recipe(mapping)
    assert "line" not in str(raised.value).split(". ")[0]


def test_mapping_recipe_step_failure_names_the_step():
    with pytest.raises(StepError, match=r"^the recipe mapping, step 1 `filter`: column `agee` "):
        veil.run({**MAPPING, "steps": [{"filter": "agee > 1"}]}, FRAME, output=None,
                 report_dir=None)


def test_a_recipe_of_another_type_is_refused_by_name():
    with pytest.raises(RecipeError, match=r"a recipe is a path, YAML text, a mapping or a "
                                          r"`veil\.Recipe`; got int\."):
        veil.load_recipe(42)
