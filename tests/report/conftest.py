"""Shared fixtures for the report tests: one signed run on an input full of canaries.

The run is made once per module through the real CLI (subprocess); tests that change
files copy its folder first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import TEST_KEY

#: Identifiers planted in the input; none may appear in a report file, the card or the log.
CANARIES = {
    "PERSON": "Zebulon Quixotez",
    "MRN": "MRN-9911223",
    "EMAIL": "zq.canary@example.org",
    "SSN": "536-22-8726",
    "CARD": "4111 1111 1111 1111",
    "PHONE": "617-555-0199",
}
NAME = "canary"


@dataclass
class Run:
    folder: Path
    recipe: Path
    output: Path
    reports: Path
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> Path:
        return self.reports / f"{NAME}.report.json"

    @property
    def external(self) -> Path:
        return self.reports / f"{NAME}.report.external.json"

    def written(self) -> list[Path]:
        """Every file the run wrote except the dataset itself."""
        return sorted(p for p in self.folder.rglob("*")
                      if p.is_file() and p not in (self.output, self.recipe)
                      and p.name != "input.csv")


def canary_csv(rows: int = 40) -> str:
    lines = ["patient,mrn,age,sex,zip,note"]
    for i in range(rows):
        if i % 4 == 0:
            note = (f"Patient {CANARIES['PERSON']} ({CANARIES['MRN']}) email {CANARIES['EMAIL']} "
                    f"SSN {CANARIES['SSN']} card {CANARIES['CARD']} call {CANARIES['PHONE']}")
        else:
            note = f"Follow-up {i}: email {CANARIES['EMAIL']}, phone {CANARIES['PHONE']}."
        name = CANARIES["PERSON"] if i % 2 == 0 else f"Other Person{i}"
        lines.append(f'{name},{CANARIES["MRN"] if i == 0 else f"MRN-{1000000 + i}"},'
                     f'{30 + i % 7},{"F" if i % 2 else "M"},0213{i % 3},"{note}"')
    return "\n".join(lines) + "\n"


RECIPE = """\
veil: 1
name: canary
description: Canary identifiers planted in every column; none may reach the report.
input: {path: input.csv}
output: {path: out/canary.csv}
nlp: none
steps:
  - pseudonymize: {columns: [patient, mrn]}
  - redact_text:
      columns: [note]
      operators: {default: {replace: "<{entity}>"}}
  - k_anonymity:
      quasi_identifiers: [sex, zip]
      k: 5
      on_violation: suppress
      max_suppression: 0.5
report: {dir: out/reports, formats: [json, html, md], sign: true}
"""


def run_cli(*args: str, cwd: Path, key: str | None = TEST_KEY) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VEIL_KEY"}
    if key is not None:
        env["VEIL_KEY"] = key
    return subprocess.run([sys.executable, "-m", "veil", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def make_run(folder: Path, recipe_text: str = RECIPE) -> Run:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "input.csv").write_text(canary_csv(), encoding="utf-8")
    recipe = folder / "recipe.yaml"
    recipe.write_text(textwrap.dedent(recipe_text), encoding="utf-8")
    done = run_cli("run", "recipe.yaml", cwd=folder)
    return Run(folder, recipe, folder / "out" / "canary.csv", folder / "out" / "reports",
               done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def signed_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A fresh signed run of the canary recipe (json, html and md reports, dataset card)."""
    run = make_run(tmp_path_factory.mktemp("signed"))
    assert run.exit_code == 0, run.stderr
    return run


@pytest.fixture
def run_copy(signed_run: Run, tmp_path: Path) -> Run:
    """A private copy of the signed run's folder, for tests that change a file."""
    folder = tmp_path / "copy"
    shutil.copytree(signed_run.folder, folder)
    return Run(folder, folder / "recipe.yaml", folder / "out" / "canary.csv",
               folder / "out" / "reports", signed_run.exit_code, signed_run.stdout,
               signed_run.stderr)
