"""`veil explain`: every column of the input is accounted for, before anything runs."""

from __future__ import annotations

import polars as pl
import pytest

from veil.explain import explain, render
from veil.io.readers import bundled_path
from veil.recipe.bundled import bundled_recipes
from veil.recipe.loader import load_recipe


@pytest.mark.parametrize("name", sorted(bundled_recipes()))
def test_explain_mentions_every_input_column(name):
    """Test that each column of the bundled input (and of joined files) has a line."""
    recipe = load_recipe(bundled_recipes()[name])
    columns = pl.read_csv(bundled_path(recipe.input.path), n_rows=1).columns
    text = render(explain(recipe))
    listed = text.split("What happens to each column:")[1]
    for column in columns:
        assert f"\n  {column}" in listed, column


def test_explain_follows_join_rename_and_removal():
    """Test the fate of joined, renamed, generalised and dropped columns in the Safe Harbor recipe."""
    plans = {p.name: p for p in explain(bundled_recipes()["hospital-safe-harbor"]).columns}
    assert plans["ssn"].origin.startswith("new, from step 1 join")
    assert plans["ssn"].fate.startswith("removed by step")
    assert plans["zip3"].fate == "kept in the output"
    assert any("first 3" in a or "zip" in a.lower() for a in plans["zip3"].actions)
    assert plans["clinical_notes"].fate == "kept in the output"


def test_explain_lists_gates():
    """Test that privacy gates and the residual check are listed."""
    gates = explain(bundled_recipes()["kyc-analytics"]).gates
    assert any(g.startswith("step") and "k_anonymity" in g for g in gates)
    assert any("l_diversity" in g for g in gates)
    assert gates[-1].startswith("fail closed")


def test_explain_without_input_names_recipe_columns(recipe_file):
    """Test that with no readable input, the columns the steps name are listed and a note says why."""
    path = recipe_file("""
        veil: 1
        name: t
        nlp: none
        steps:
          - drop: [ssn]
          - pseudonymize: {columns: [mrn]}
    """)
    explanation = explain(path)
    assert {p.name for p in explanation.columns} == {"ssn", "mrn"}
    assert "pass an input" in explanation.notes[0]


def test_explain_cli_prints_plan(veil_cli):
    """Test that `veil explain NAME` runs without a key and prints steps, columns and gates."""
    result = veil_cli("explain", "bank-transactions", key=False)
    assert result.exit_code == 0, result.stderr
    for words in ("Steps, in order:", "card_number", "Gates and checks:", "k_anonymity"):
        assert words in result.stdout


def test_explain_says_how_the_input_text_is_read(recipe_file):
    """Lines left unread, names given to a headerless file, separator, quoting, encoding:
    a reviewer sees them before the run, not only in the recipe's YAML."""
    path = recipe_file("""
        veil: 1
        name: t
        nlp: none
        input: {skip_lines: 2, column_names: [id, email], separator: ';', quote: null,
                encoding: cp1252}
        steps:
          - drop: [email]
    """)
    reads = render(explain(path)).split("Reads:", 1)[1].split("Writes:", 1)[0]
    assert reads.splitlines()[1:] == [
        "        its first 2 lines left unread (`skip_lines`)",
        "        no header line: the columns are id, email (`column_names`)",
        "        fields separated by `;`",
        "        no field quoted (`quote: null`)",
        "        text in cp1252",
    ]
    plain = recipe_file("veil: 1\nname: p\nnlp: none\nsteps: []\n", name="plain.yaml")
    assert render(explain(plain)).split("Reads:", 1)[1].split("Writes:", 1)[0].count("\n") == 1


def test_explain_says_how_numbers_nulls_and_types_are_read(recipe_file):
    # These keys change what the data becomes (`1.234,50` read as 1234.5, `n/a` as null), and
    # `veil explain` listed none of them.
    path = recipe_file("""
        veil: 1
        name: t
        nlp: none
        input: {separator: ';', decimal_comma: true, thousands: '.', null_values: [n/a, '-'],
                types: {zip: string, age: int}, short_rows: fill, infer_schema_rows: 500,
                quote: "'", footer_lines: 1}
        steps: []
    """)
    reads = render(explain(path)).split("Reads:", 1)[1].split("Writes:", 1)[0]
    assert reads.splitlines()[1:] == [
        "        its last line left unread (`footer_lines`)",
        "        fields separated by `;`",
        "        fields quoted with `'` (`quote`)",
        "        numbers with a decimal comma, `12,5` (`decimal_comma`)",
        "        digits grouped by `.` (`thousands`)",
        "        `n/a`, `-` read as null (`null_values`)",
        "        columns read as given: zip as string, age as int (`types`)",
        "        rows with too few fields filled with nulls (`short_rows: fill`)",
        "        types inferred from the first 500 rows",
    ]


def test_validate_lists_how_the_input_is_read(veil_cli, recipe_file, tmp_path):
    (tmp_path / "in.csv").write_text("Export of 2026-12-01\nid;amount\n1;2,5\n")
    path = recipe_file("veil: 1\nname: v\nnlp: none\ninput: {skip_lines: 1, separator: ';', "
                       "decimal_comma: true}\nsteps: []\n")
    result = veil_cli("validate", path, "-i", tmp_path / "in.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        f"checked against `{tmp_path / 'in.csv'}`; output columns: id (Int64), amount (Float64)",
        "read as the recipe says:",
        "  its first line left unread (`skip_lines`)",
        "  fields separated by `;`",
        "  numbers with a decimal comma, `12,5` (`decimal_comma`)",
    ]
