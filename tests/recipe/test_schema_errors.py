"""Recipe errors name the file and line, the key or step, what is allowed, and a fix."""

from __future__ import annotations

import re

import pytest

from veil import load_recipe
from veil.errors import RecipeError

HEAD = "veil: 1\nname: t\n"


def _load(recipe_file, text: str):
    path = recipe_file(text)
    return load_recipe(path), path


def _raises(recipe_file, text: str, message: str) -> None:
    path = recipe_file(text)
    with pytest.raises(RecipeError, match=re.escape(str(path)) + message):
        load_recipe(path)


# fmt: off
@pytest.mark.parametrize("text, message", [
    # top-level misspelt key: the allowed keys (not the loader's internal ones) and a guess
    (HEAD + "stesp: []\n",
     r", line 3: unknown key `stesp`\. Allowed keys: description, input, name, nlp, output, "
     r"report, secrets, seed, steps, veil\. Did you mean `steps`\?$"),
    # nested in `input`
    (HEAD + "input:\n  path: a.csv\n  fromat: csv\n",
     r", line 5: unknown key `fromat`\. Allowed keys: column_names, decimal_comma, encoding, "
     r"footer_lines, format, infer_schema_rows, null_values, path, quote, separator, short_rows, "
     r"skip_lines, thousands, types\. Did you mean `format`\?$"),
    # nested in `report`
    (HEAD + "report: {dir: out, formts: [json]}\n",
     r", line 3: unknown key `formts`\. Allowed keys: .*Did you mean `formats`\?$"),
    # inside a step's parameters: the step is named too
    (HEAD + "steps:\n  - select: [a]\n  - drop: {colums: [a]}\n",
     r", line 5, step 2 `drop`: unknown key `colums`\. Allowed keys: columns\. "
     r"Did you mean `columns`\?$"),
    # no suggestion when nothing is close
    (HEAD + "zzz: 1\n", r", line 3: unknown key `zzz`\. Allowed keys: [a-z, ]+\.$"),
])
# fmt: on
def test_schema_unknown_key_names_line_and_suggests(recipe_file, text, message):
    _raises(recipe_file, text, message)


# fmt: off
@pytest.mark.parametrize("text, message", [
    (HEAD + "seed: abc\n",
     r", line 3: `seed`: input should be a valid integer, unable to parse string as an integer; "
     r"got `abc`\.$"),
    (HEAD + "seed: -1\n", r", line 3: `seed`: input should be greater than or equal to 0; got `-1`\.$"),
    ("veil: 2\nname: t\n", r", line 1: this veil reads recipe format `veil: 1`; got `2`\. A recipe "
                          r"written for a newer format needs a newer version of veil; otherwise "
                          r"set `veil: 1`\.$"),
    (HEAD + "input: {format: xlsx}\n",
     r", line 3: `input\.format` must be one of 'csv', 'tsv', 'parquet', 'jsonl' or 'ipc'; "
     r"got `xlsx`\.$"),
    (HEAD + "report:\n  verify_output: sometimes\n",
     r", line 4: `report\.verify_output`: input should be a valid boolean"),
    (HEAD + "steps:\n  - sample: {n: many}\n",
     r", line 4, step 1 `sample`: `n`: input should be a valid integer"),
    (HEAD + "steps: {drop: [a]}\n",
     r", line 3: `steps` must be a list of `- kind: parameters` items\.$"),
    ("veil: 1\nname: 'has space'\n", r", line 2: `name`: string should match pattern"),
    # a separator that cannot separate: the rows end at a line end, `"` quotes the output
    (HEAD + "input:\n  separator: \"\\n\"\n",
     r", line 4: `input\.separator`: a line end \('\\n'\) cannot separate fields, as it ends "
     r"the rows; set the character between fields"),
    (HEAD + "output: {separator: \"\\r\"}\n",
     r", line 3: `output\.separator`: a line end \('\\r'\) cannot separate fields"),
    (HEAD + "output: {separator: ''}\n",
     r", line 3: `output\.separator`: string should have at least 1 character"),
    (HEAD + "output: {separator: '\"'}\n",
     r", line 3: `output\.separator`: `\"` quotes the fields that hold a separator, so it "
     r"cannot be the separator too; choose another, e.g\. `';'`\.$"),
])
# fmt: on
def test_schema_wrong_type_names_line_and_key(recipe_file, text, message):
    _raises(recipe_file, text, message)


# fmt: off
@pytest.mark.parametrize("text, message", [
    ("name: t\n",
     r", line 1: missing required key `veil`\. Add it; see the recipe reference in README\.md\.$"),
    ("# comment\n\nveil: 1\n", r", line 3: missing required key `name`\."),
    (HEAD + "steps:\n  - filter: {}\n",
     r", line 4, step 1 `filter`: missing required key `where`\. Add it; see the recipe "
     r"reference in README\.md\.$"),
    (HEAD + "steps:\n  - sample: {}\n",
     r", line 4, step 1 `sample`: Give exactly one of `fraction` or `n`, e\.g\. "
     r"`sample: \{fraction: 0\.1\}`\.$"),
])
# fmt: on
def test_schema_missing_required_field_names_line(recipe_file, text, message):
    _raises(recipe_file, text, message)


def test_schema_misspelt_key_hides_the_missing_key_it_explains(recipe_file):
    """`whre:` is reported as a misspelling, not also as `where` missing."""
    path = recipe_file(HEAD + "steps:\n  - filter: {whre: 'a > 1'}\n")
    with pytest.raises(RecipeError) as caught:
        load_recipe(path)
    assert str(caught.value) == (f"{path}, line 4, step 1 `filter`: unknown key `whre`. "
                                 f"Allowed keys: where. Did you mean `where`?")


def test_schema_unknown_step_suggests_and_lists_steps(recipe_file):
    _raises(recipe_file, HEAD + "steps:\n  - select: [a]\n  - dorp: [a]\n",
            r", line 5, step 2: unknown step `dorp`\. Did you mean `drop`\? Available steps: "
            r"`cast`, .*`dedupe`, .*`drop`, .*`select`, .*`sql`.*\.$")


@pytest.mark.parametrize("text, message", [
    (HEAD + "steps:\n  - drop: [a\n",
     r", line 5: the recipe is not valid YAML \(expected ',' or '\]', but got '<stream end>'\)\. "
     r"Check indentation and quoting\.$"),
    ("veil: 1\nname: t\n  extra: x\n",
     r", line 3: the recipe is not valid YAML \(mapping values are not allowed here\)"),
    ("veil: 1\n\tname: t\n", r", line 2: the recipe is not valid YAML"),
])
def test_schema_bad_yaml_names_line(recipe_file, text, message):
    _raises(recipe_file, text, message)


@pytest.mark.parametrize("text, message", [
    (HEAD + "name: u\n",
     r", line 3: duplicate key `name` \(the mapping starts on line 1\)\. A key may appear only "
     r"once in a mapping; remove or merge the repeated one\.$"),
    (HEAD + "steps:\n  - drop:\n      columns: [a]\n      columns: [b]\n",
     r", line 6: duplicate key `columns` \(the mapping starts on line 5\)\."),
])
def test_schema_duplicate_key_names_both_lines(recipe_file, text, message):
    _raises(recipe_file, text, message)


@pytest.mark.parametrize("text, message", [
    (HEAD + "steps:\n  - drop: [a]\n    select: [b]\n",
     r", line 4, step 1: each step is a one-key mapping `kind: parameters`, e\.g\. "
     r"`- drop: \[insurance_notes\]`; this one has 2 keys \(`drop`, `select`\)\. "
     r"Start each step with its own `- `\.$"),
    (HEAD + "steps:\n  - dedupe\n",
     r", line 4, step 1: each step is a one-key mapping .*; this one is `dedupe` with no "
     r"`kind:`\. Give the step's parameters after a colon"),
    (HEAD + "steps:\n  - 42\n", r", line 4, step 1: .*this one is a value with no `kind:`"),
])
def test_schema_step_not_one_key_mapping(recipe_file, text, message):
    _raises(recipe_file, text, message)


@pytest.mark.parametrize("text, what", [
    ("- a\n- b\n", "list"),
    ("just text\n", "str"),
    ("# only a comment\n", "nothing"),
])
def test_schema_recipe_must_be_a_mapping(recipe_file, text, what):
    _raises(recipe_file, text, rf": a recipe is a YAML mapping with at least `veil: 1` and "
                               rf"`name:`; this file holds {what}\.$")


def test_schema_missing_recipe_file_says_what_to_do(tmp_path):
    with pytest.raises(RecipeError, match=r"recipe `.*nope\.yaml` does not exist or is not a file\. "
                                          r"Give the path to a YAML recipe, or run `veil recipes`"):
        load_recipe(tmp_path / "nope.yaml")


def test_schema_non_utf8_recipe(recipe_file, tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"veil: 1\nname: caf\xe9\n")
    with pytest.raises(RecipeError, match=r"is not UTF-8 text \(byte 17\)\. Save it as UTF-8\.$"):
        load_recipe(path)


def test_schema_recipe_text_is_labelled():
    with pytest.raises(RecipeError, match=r"^<recipe text>, line 3: unknown key `stesp`"):
        load_recipe(HEAD + "stesp: []\n")


def test_schema_valid_recipe_builds_steps_with_lines(recipe_file):
    recipe, path = _load(recipe_file, HEAD + "nlp: none\nsteps:\n  - drop: [a]\n\n  - select: [b]\n")
    assert [(s.name, s.index, s.line, s.source) for s in recipe.steps] == [
        ("drop", 1, 5, str(path)), ("select", 2, 7, str(path))]
    assert recipe.nlp is None


@pytest.mark.parametrize("text", ["", "  \n"])
def test_schema_empty_recipe_text(text):
    with pytest.raises(RecipeError, match=r"^the recipe is empty: give a path to a YAML recipe"):
        load_recipe(text)
