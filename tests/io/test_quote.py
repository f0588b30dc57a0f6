"""`quote: null`: files that quote nothing, where a `"` is an ordinary character.

PostgreSQL's COPY text format and many TSV exports never quote a field; a note that
starts with a quotation (`"Stable" per Dr. X`) or holds an odd `"` (`5 ft 10" tall`)
broke the read, and veil had no setting to read such a file at all.
"""

from __future__ import annotations

import gzip
import io
import re
import sys

import polars as pl
import pytest

import veil
from veil.errors import InputError, RecipeError
from veil.io.readers import open_source
from veil.recipe.loader import load_recipe
from veil.scan import scan, starter_recipe

CANARY = "CANARY-3391-QTE"
NOTES = ['"Stable" per Dr. X', '5 ft 10" tall', '"', 'say ""hi""', f'{CANARY} "open']
TSV = "id\tnote\tn\n" + "".join(f"{i}\t{note}\t{i * 10}\n" for i, note in enumerate(NOTES))
RECIPE = ("veil: 1\nname: unquoted\nnlp: none\ninput: {quote: null}\n"
          "report: {verify_output: false, dataset_card: false}\nsteps: []\n")


def _notes(frame: pl.DataFrame) -> list[str]:
    return frame.sort("id")["note"].to_list()


@pytest.mark.parametrize("how", ["file", "gzip", "latin-1", "standard-input"])
def test_quote_null_reads_every_quote_as_a_character(tmp_path, monkeypatch, how):
    path = tmp_path / ("notes.tsv.gz" if how == "gzip" else "notes.tsv")
    data = TSV.encode("latin-1" if how == "latin-1" else "utf-8")
    path.write_bytes(gzip.compress(data) if how == "gzip" else data)
    options = {"encoding": "latin-1"} if how == "latin-1" else {}
    if how == "standard-input":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        result = veil.run(RECIPE, "-", output=None, report_dir=None, input_format="tsv")
    else:
        result = veil.run(RECIPE, path, output=None, report_dir=None, **options)
    assert _notes(result.frame) == NOTES  # every character kept, in its own column
    assert result.frame["n"].dtype == pl.Int64
    assert result.report.inputs[0].rows == len(NOTES)


def test_without_it_the_file_is_refused_with_the_setting_to_use(tmp_path):
    path = tmp_path / "notes.tsv"
    path.write_text(TSV, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(RECIPE.replace("input: {quote: null}\n", ""), path, output=None,
                 report_dir=None)
    message = str(caught.value)
    assert re.search(r"notes\.tsv`, lines? [0-9-]+: ", message), message
    assert "set `input: {quote: null}` in the recipe" in message
    assert CANARY not in message


def test_rows_of_another_width_are_still_refused_and_named(tmp_path):
    """A tab after an unquoted `"` is a separator: the row has a field too many."""
    path = tmp_path / "ragged.tsv"
    path.write_text(f'id\tnote\tn\n1\tok\t1\n2\t"{CANARY}\tx"\t2\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(RECIPE, path, output=None, report_dir=None)
    assert "line 3: the row has 4 fields but the header has 3" in str(caught.value)
    assert CANARY not in str(caught.value)


def test_the_typing_sample_counts_lines_ignoring_quotes(tmp_path):
    """Odd quotes in the first rows do not make the sample swallow the lines after them."""
    lines = [f'{i}\t{NOTES[i % len(NOTES)]}\t{i}' for i in range(60)]
    path = tmp_path / "sample.tsv"
    path.write_text("id\tnote\tn\n" + "\n".join(lines) + "\n", encoding="utf-8")
    source = open_source(path, quote=None, infer_schema_rows=10)
    assert source.sampled_types == {"id": "Int64", "n": "Int64"}
    assert source.lf.collect().height == 60
    assert source.rows == {str(path): 60}


def test_a_joined_file_has_its_own_quote_setting(tmp_path):
    other = tmp_path / "notes.tsv"
    other.write_text(TSV, encoding="utf-8")
    recipe = ("veil: 1\nname: join-unquoted\nnlp: none\n"
              "report: {verify_output: false, dataset_card: false}\nsteps:\n"
              f"  - join: {{path: '{other}', on: [id], quote: null}}\n")
    frame = pl.DataFrame({"id": list(range(len(NOTES)))})
    result = veil.run(recipe, frame, output=None, report_dir=None)
    assert _notes(result.frame) == NOTES


@pytest.mark.parametrize("setting, problem", [
    ("quote: ','", "`,` cannot both separate and quote fields"),
    ("{separator: ';', quote: ';'}", "`;` cannot both separate and quote fields"),
    ("separator: '\"'", "`\"` cannot both separate and quote fields. Set `separator`"),
    ('quote: "\\n"', "is a line end. Set `quote`"),
    ("quote: 'ab'", "at most 1 character"),
])
def test_a_quote_that_cannot_work_is_refused(setting, problem):
    spec = setting if setting.startswith("{") else "{" + setting + "}"
    with pytest.raises(RecipeError, match=problem):
        load_recipe(f"veil: 1\nname: q\ninput: {spec}\nsteps: []\n")


def test_scan_reads_the_file_and_its_starter_recipe_says_so(tmp_path):
    path = tmp_path / "notes.tsv"
    path.write_text(TSV, encoding="utf-8")
    result = scan(path, model=None, quote=None)
    assert result.rows == len(NOTES)
    recipe = load_recipe(starter_recipe(result, input_path=str(path)))
    assert recipe.input.quote is None


def test_another_quote_character_quotes_fields(tmp_path):
    """`quote: "'"`: a separator and a line break inside single quotes stay in the field,
    and a double quote is a character."""
    path = tmp_path / "single.csv"
    rows = "".join(f"{i},'a, \"b\"\nc',{i}\n" for i in range(30))
    path.write_text("id,note,n\n" + rows, encoding="utf-8")
    recipe = RECIPE.replace("quote: null", "quote: \"'\", infer_schema_rows: 5")
    result = veil.run(recipe, path, output=None, report_dir=None)
    assert result.frame["note"].to_list() == ['a, "b"\nc'] * 30
    assert result.frame["n"].dtype == pl.Int64


def test_postgresql_copy_text_with_its_nulls(tmp_path):
    """COPY ... TO (text format): no quoting, null written `\\N`, as the reference says."""
    path = tmp_path / "copy.tsv"
    path.write_text('id\tnote\tn\n1\t"Stable" per X\t\\N\n2\t\\N\t4\n', encoding="utf-8")
    recipe = RECIPE.replace("{quote: null}", "{quote: null, null_values: ['\\N']}")
    frame = veil.run(recipe, path, output=None, report_dir=None).frame
    assert frame.to_dicts() == [{"id": 1, "note": '"Stable" per X', "n": None},
                                {"id": 2, "note": None, "n": 4}]
