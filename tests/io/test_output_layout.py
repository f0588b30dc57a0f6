"""`output: {bom, line_end, quote_style}`: how a CSV/TSV output is laid out, on every path a
CSV leaves veil by (streamed, materialised, standard output), and read back as written."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from datetime import date

import polars as pl
import pytest

import veil
from veil.errors import RecipeError, UsageError
from veil.explain import explain, render
from veil.io.writers import TextLayout
from veil.recipe.loader import load_recipe

FRAME = pl.DataFrame({
    "id": [1, 2, 3],
    "name": ["Zoë", "", "Bo, b\nX"],  # an empty text, and one holding a separator and a line
    "amount": [1.5, None, -2.0],
    "zip": ["00501", None, "12345"],
    "visit": [date(2024, 1, 2), None, date(2024, 3, 4)],
})
# Written out by hand from the CSV rules each setting names (not by running veil).
NECESSARY = ['id,name,amount,zip,visit', '1,Zoë,1.5,00501,2024-01-02', '2,"",,,',
             '3,"Bo, b\nX",-2.0,12345,2024-03-04']
NON_NUMERIC = ['"id","name","amount","zip","visit"', '1,"Zoë",1.5,"00501","2024-01-02"',
               '2,"",,,', '3,"Bo, b\nX",-2.0,"12345","2024-03-04"']
BOM = "\ufeff".encode()

RECIPE = """\
veil: 1
name: layout
nlp: none
output: {{{output}}}
report: {{verify_output: false}}
steps:
{steps}
"""
ROW_LOCAL = "  - filter: \"id >= 0\""  # streamed from input to output
GLOBAL = "  - dedupe: {}"  # materialised, then written


def expected_bytes(lines: list[str], *, bom: bool = False, line_end: str = "\n") -> bytes:
    return (BOM if bom else b"") + "".join(line + line_end for line in lines).encode()


def run_to(tmp_path, output: str, steps: str, name: str = "out.csv") -> veil.RunResult:
    source = tmp_path / "in.parquet"
    FRAME.write_parquet(source)
    return veil.run(RECIPE.format(output=output, steps=steps), source, output=tmp_path / name,
                    report_dir=None)


CASES = [
    ("", NECESSARY, {}),
    ("bom: true", NECESSARY, {"bom": True}),
    ("line_end: crlf", NECESSARY, {"line_end": "\r\n"}),
    ("quote_style: non_numeric", NON_NUMERIC, {}),
    ("bom: true, line_end: crlf, quote_style: non_numeric", NON_NUMERIC,
     {"bom": True, "line_end": "\r\n"}),
]


@pytest.mark.parametrize("steps", [ROW_LOCAL, GLOBAL])
@pytest.mark.parametrize(("output", "lines", "layout"), CASES)
def test_csv_output_is_laid_out_as_the_recipe_says(tmp_path, steps, output, lines, layout):
    result = run_to(tmp_path, output, steps)
    written = (tmp_path / "out.csv").read_bytes()
    assert written == expected_bytes(lines, **layout)  # dedupe keeps the rows' order
    # The report's hash is of the bytes as written, the byte order mark included.
    assert result.report.output.sha256 == hashlib.sha256(written).hexdigest()


@pytest.mark.parametrize("steps", [ROW_LOCAL, GLOBAL])
@pytest.mark.parametrize("output", [case[0] for case in CASES])
def test_the_output_reads_back_as_the_run_computed_it(tmp_path, steps, output):
    """The residual check and the row count read the written file: the mark, the line ends
    and the quotes must not change a value, a null or a row count."""
    result = run_to(tmp_path, output, steps)
    assert result.report.output.rows == FRAME.height
    assert result.frame.sort("id").equals(FRAME)


def test_tsv_output_takes_the_layout_too(tmp_path):
    run_to(tmp_path, "bom: true, line_end: crlf, quote_style: non_numeric", ROW_LOCAL,
           name="out.tsv")
    lines = [line.replace(",", "\t") for line in NON_NUMERIC]
    lines[3] = '3\t"Bo, b\nX"\t-2.0\t"12345"\t"2024-03-04"'  # the comma in the text stays
    assert (tmp_path / "out.tsv").read_bytes() == expected_bytes(lines, bom=True,
                                                                 line_end="\r\n")


def test_standard_output_is_laid_out_too():
    layout = TextLayout(bom=True, line_end="\r\n", quote_style="non_numeric")
    out = io.BytesIO()

    class Stdout:
        buffer = out

    import veil.io.writers as writers

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writers.sys, "stdout", Stdout)
        digest = writers.write_stdout(FRAME, "csv", layout)
    assert out.getvalue() == expected_bytes(NON_NUMERIC, bom=True, line_end="\r\n")
    assert digest == hashlib.sha256(out.getvalue()).hexdigest()


def test_cli_writes_the_layout_to_standard_output(tmp_path):
    FRAME.write_parquet(tmp_path / "in.parquet")
    (tmp_path / "r.yaml").write_text(RECIPE.format(output="line_end: crlf", steps=ROW_LOCAL),
                                     encoding="utf-8")
    # Bytes, not text: decoding would turn the line ends under test into `\n`.
    done = subprocess.run([sys.executable, "-m", "veil", "run", "r.yaml", "-i", "in.parquet",
                           "-o", "-", "--format", "csv"], cwd=tmp_path, capture_output=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected_bytes(NECESSARY, line_end="\r\n")


@pytest.mark.parametrize(("output", "named"), [
    ("bom: true", "`output.bom` lays out CSV and TSV files; this output is parquet. Remove it,"),
    ("line_end: crlf, quote_style: non_numeric",
     "`output.line_end` and `output.quote_style` lay out CSV and TSV files; this output is "
     "parquet. Remove them,"),
])
def test_layout_keys_on_parquet_are_refused_by_name(tmp_path, output, named):
    FRAME.write_parquet(tmp_path / "in.parquet")
    with pytest.raises(UsageError) as refused:
        veil.run(RECIPE.format(output=output, steps=ROW_LOCAL), tmp_path / "in.parquet",
                 output=tmp_path / "out.parquet", report_dir=None)
    assert named in str(refused.value)
    assert not (tmp_path / "out.parquet").exists()


def test_layout_keys_at_their_defaults_pass_on_parquet(tmp_path):
    """Writing a default down (`bom: false`) asks for nothing a Parquet file lacks."""
    FRAME.write_parquet(tmp_path / "in.parquet")
    veil.run(RECIPE.format(output="bom: false, line_end: lf, quote_style: necessary",
                           steps=ROW_LOCAL), tmp_path / "in.parquet",
             output=tmp_path / "out.parquet", report_dir=None)
    assert pl.read_parquet(tmp_path / "out.parquet").equals(FRAME)


@pytest.mark.parametrize(("output", "words"), [
    ("quote_style: always", ["quote_style", "necessary", "non_numeric"]),
    ("line_end: cr", ["line_end", "lf", "crlf"]),
])
def test_other_values_are_refused_with_the_allowed_ones(output, words):
    with pytest.raises(RecipeError) as refused:
        load_recipe(RECIPE.format(output=output, steps=ROW_LOCAL))
    message = str(refused.value)
    assert "line 4" in message
    for word in words:
        assert word in message


def test_explain_lists_the_output_layout(recipe_file):
    path = recipe_file(RECIPE.format(
        output="separator: ';', decimal_comma: true, bom: true, line_end: crlf, "
               "quote_style: non_numeric", steps=ROW_LOCAL))
    writes = render(explain(path)).split("Writes:", 1)[1].split("Steps, in order:", 1)[0]
    assert writes.strip().splitlines()[1:] == [
        "        fields separated by `;`",
        "        numbers with a decimal comma (`decimal_comma`)",
        "        every field that is not a number quoted (`quote_style: non_numeric`)",
        "        lines ended by `\\r\\n` (`line_end: crlf`)",
        "        a UTF-8 byte order mark first (`bom`)",
    ]
    plain = recipe_file(RECIPE.format(output="", steps=ROW_LOCAL), name="plain.yaml")
    writes = render(explain(plain)).split("Writes:", 1)[1].split("Steps, in order:", 1)[0]
    assert writes.strip().count("\n") == 0
