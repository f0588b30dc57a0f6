"""Docs are tested, not trusted: README covers every step and command; every option has help."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import typer.main

from veil.cli import app
from veil.recipe.reference import END, START, current_block, generate
from veil.steps.registry import step_names

README = Path(__file__).resolve().parents[1] / "README.md"
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.is_file():
        pytest.fail(f"{README} does not exist. It must name every step and command and hold the "
                    f"recipe reference between the lines `{START}` and `{END}`; fill it with "
                    f"`python -m veil.recipe.reference --write README.md`.")
    return README.read_text(encoding="utf-8")


def test_docs_reference_block_is_current(readme):
    block = current_block(readme)
    assert block is not None, (f"README.md has no `{START}` ... `{END}` block; add the two "
                               f"marker lines and run `python -m veil.recipe.reference --write "
                               f"README.md`")
    assert block == generate(), ("README.md's recipe reference is stale; run "
                                 "`python -m veil.recipe.reference --write README.md`")


@pytest.mark.parametrize("name", step_names())
def test_docs_readme_names_every_step(readme, name):
    assert f"`{name}`" in readme, f"step `{name}` is not in README.md"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_readme_names_every_command(readme, name):
    assert f"veil {name}" in readme, f"command `veil {name}` is not in README.md"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_help(name):
    command = COMMAND.commands[name]
    assert (command.help or "").strip(), f"`veil {name}` has no help text"


@pytest.mark.parametrize("name, param", [
    (name, param.name) for name in COMMANDS for param in COMMAND.commands[name].params
])
def test_docs_every_option_has_help(name, param):
    found = next(p for p in COMMAND.commands[name].params if p.name == param)
    assert (getattr(found, "help", None) or "").strip(), f"`veil {name}` {param} has no help="


def test_docs_root_has_help():
    assert (COMMAND.help or "").strip()
    version = next(p for p in COMMAND.params if p.name == "version")
    assert version.help


def test_docs_european_export_example_runs(readme, tmp_path, monkeypatch):
    """The README's input and output lines for a European export do what the text says."""
    import gzip
    import re

    import veil

    section = readme.split("### Exports from European systems", 1)[1]
    lines = re.search(r"```yaml\n(.*?)```", section, re.S)[1]
    monkeypatch.chdir(tmp_path)
    export = "id;name;amount\n1;Jürgen;1.234,50\n2;Zoë;12,00\n"
    (tmp_path / "export.csv.gz").write_bytes(gzip.compress(export.encode("cp1252")))
    recipe = ("veil: 1\nname: europe\nnlp: none\nreport: {verify_output: false}\n" + lines
              + "steps:\n  - filter: \"amount > 100\"\n")
    veil.run(recipe, report_dir=None)
    assert (tmp_path / "out" / "export.csv").read_text(encoding="utf-8") == \
        "id;name;amount\n1;Jürgen;1234,5\n"


#: Quick-tour lines that name files a reader brings (an export, encrypted notes) or that a
#: test elsewhere covers at length (`veil eval`, tests/nlp).
TOUR_ILLUSTRATIONS = ("veil scan export.csv", "veil scan dump.csv", "veil decrypt",
                      "veil eval")


def _tour_commands(readme: str) -> list[str]:
    block = readme.split("## Quick tour", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line.split("  #", 1)[0].strip() for line in block.splitlines()]
    return [c for c in commands if c.startswith("veil ") and not c.startswith(TOUR_ILLUSTRATIONS)]


def test_docs_quick_tour_runs_as_written(readme, veil_cli, tmp_path):
    """Each command of the README's quick tour, in order, in an empty folder: exit 0."""
    commands = _tour_commands(readme)
    assert len(commands) >= 10, commands
    for command in commands:
        result = veil_cli(*shlex.split(command)[1:], cwd=tmp_path)
        assert result.exit_code == 0, f"`{command}` exited {result.exit_code}:\n{result.stderr}"
