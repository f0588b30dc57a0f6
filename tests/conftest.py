"""Shared fixtures: recipe files, CLI runs in a subprocess, tiny frames."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

#: Deterministic key for keyed steps in tests; never a real secret.
TEST_KEY = "test-key-not-secret-0123456789abcdef"


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def recipe_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a recipe (dedented YAML) into tmp_path and return its path."""

    def make(text: str, name: str = "recipe.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return make




class CliResult:
    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        self.exit_code = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def veil_cli(tmp_path: Path) -> Callable[..., CliResult]:
    """Run `python -m veil ARGS` in a subprocess (real exit codes, real stderr)."""

    def invoke(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
               input: str | None = None, key: bool = True) -> CliResult:
        environment = {k: v for k, v in os.environ.items() if k != "VEIL_KEY"}
        if key:
            environment["VEIL_KEY"] = TEST_KEY
        environment.update(env or {})
        completed = subprocess.run(
            [sys.executable, "-m", "veil", *map(str, args)], cwd=cwd or tmp_path,
            env=environment, input=input, capture_output=True, text=True, timeout=600,
        )
        return CliResult(completed)

    return invoke


@pytest.fixture
def tiny_frame() -> pl.DataFrame:
    """Five rows with nulls, repeats and non-ASCII text."""
    return pl.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "name": ["Ann Lee", None, "José Müller", "Ann Lee", "  Bob  "],
        "zip": ["02134", "10001", None, "02134", "94110"],
        "age": [34, 71, 90, None, 18],
        "note": ["call  me", "", None, "ok", "naïve café"],
    })
