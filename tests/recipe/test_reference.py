"""The recipe reference is generated from the schema: complete, deterministic, replaceable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from veil.recipe.reference import END, START, current_block, generate, main, replace_block
from veil.recipe.schema import Recipe
from veil.steps.registry import get_step, step_names


def test_reference_is_deterministic():
    assert generate() == generate()


@pytest.mark.parametrize("name", step_names())
def test_reference_has_a_section_per_step_with_every_parameter(name):
    text = generate()
    section = text.split(f"#### `{name}`\n", 1)[1].split("\n#### ", 1)[0]
    for field in get_step(name).Params.model_fields:
        assert f"| `{field}` |" in section, f"`{name}.{field}` missing from the reference"


def test_reference_lists_recipe_keys_but_not_loader_fields():
    table = generate().split("### Recipe keys", 1)[1].split("####", 1)[0]
    for field in Recipe.model_fields:
        assert (f"| `{field}` |" in table) == (field not in {"source", "text"})


# fmt: off
@pytest.mark.parametrize("row", [
    "| `where` | text | required | A SQL boolean expression",                  # filter
    "| `keep` | one of `first`, `last` | `\"first\"` | Which of the duplicates to keep. |",
    "| `columns` | mapping text → one of `string`, `int`, `float`, `bool`, `date`, `datetime` "
    "| required |",                                                             # cast
    "| `columns` | list of text | `null` | Text columns; default: every text column. |",
    "| `infer_schema_rows` | integer | `10000` |",
])
# fmt: on
def test_reference_renders_types_and_defaults(row):
    assert row in generate()


def test_reference_marks_global_steps():
    assert "| [`dedupe`](#dedupe) | Drop repeated rows, keeping the first (or last) one in input " \
           "order. | yes |" in generate()


def test_reference_replace_block_keeps_the_rest():
    document = f"# Title\n\nintro\n\n{START}\nold\n{END}\n\nafter\n"
    updated = replace_block(document, "NEW\n")
    assert updated == f"# Title\n\nintro\n\n{START}\nNEW\n{END}\n\nafter\n"
    assert current_block(updated) == "NEW\n"


def test_reference_replace_block_needs_markers():
    with pytest.raises(ValueError, match=r"the markers `<!-- recipe-reference:start -->` and "
                                         r"`<!-- recipe-reference:end -->` were not found"):
        replace_block("# no markers\n", "x")


def test_reference_write_then_check(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# t\n{START}\n{END}\n", encoding="utf-8")
    assert main(["--check", str(readme)]) == 1
    assert main(["--write", str(readme)]) == 0
    assert main(["--check", str(readme)]) == 0
    assert current_block(readme.read_text(encoding="utf-8")) == generate()
    assert "is stale" in capsys.readouterr().err


def test_reference_prints_from_the_command_line():
    completed = subprocess.run([sys.executable, "-m", "veil.recipe.reference"],
                               capture_output=True, text=True, check=True)
    assert completed.stdout == generate()
