"""The console entry point: what it does before typer and Polars are imported."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from veil.cli import run_input


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "r.yaml", "-i", "in.csv"], "in.csv"),
    (["run", "r.yaml", "--input", "in.csv", "-o", "out.csv"], "in.csv"),
    (["run", "r.yaml", "--input=in.csv"], "in.csv"),
    (["run", "-iin.csv", "r.yaml"], "in.csv"),
    (["run", "r.yaml", "-i", "-"], None),          # standard input
    (["run", "r.yaml", "-i", "data/*.csv"], None),  # a glob: the reader expands it
    (["run", "r.yaml", "-i"], None),
    (["run", "r.yaml", "--", "-i", "in.csv"], None),
    (["validate", "r.yaml", "-i", "in.csv"], None),
    (["run", "r.yaml"], None),
    ([], None),
])
def test_run_input_reads_the_input_of_a_run_command_line(args, expected):
    assert run_input(args) == expected


def test_importing_the_cli_package_imports_neither_polars_nor_typer():
    """Otherwise the input hash could not start before the heavy imports."""
    code = ("import sys, veil, veil.cli; "
            "print(sorted(m for m in ('polars', 'typer', 'pydantic') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]"


def test_cli_run_records_the_input_sha256_hashed_ahead(veil_cli, recipe_file, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,name\n" + "".join(f"{i},n{i}\n" for i in range(5000)), encoding="utf-8")
    recipe = recipe_file("""
        veil: 1
        name: t
        nlp: none
        report: {dir: reports, formats: [json], verify_output: false, dataset_card: false}
        steps:
          - select: [id]
    """)
    result = veil_cli("run", recipe, "-i", source, "-o", tmp_path / "out.csv", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(next((tmp_path / "reports").glob("*.json")).read_text(encoding="utf-8"))
    inputs = [record for record in report["inputs"] if record["role"] == "input"]
    assert inputs[0]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert inputs[0]["rows"] == 5000
