"""The golden list of step kinds: adding or removing one is a deliberate diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil.errors import RecipeError
from veil.steps.registry import get_step, step_names

GOLDEN = Path(__file__).with_name("registered_steps.txt")


def _golden() -> list[str]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_registry_matches_golden_list():
    golden, registered = set(_golden()), set(step_names())
    missing, unexpected = sorted(golden - registered), sorted(registered - golden)
    problems = []
    if missing:
        problems.append(f"Registry 'steps' missing entries: {', '.join(missing)}")
    if unexpected:
        problems.append(f"Registry 'steps' unexpected entries: {', '.join(unexpected)} "
                        f"(add them to tests/registered_steps.txt)")
    assert not problems, "\n".join(problems)


def test_registry_golden_list_is_sorted_and_unique():
    assert _golden() == sorted(set(_golden()))


@pytest.mark.parametrize("name", step_names())
def test_registry_step_is_complete(name):
    """Every step has a name, a docstring line, a Params model with a description per field."""
    cls = get_step(name)
    assert cls.name == name
    assert (cls.__doc__ or "").strip(), f"step `{name}` has no docstring"
    undocumented = [f for f, info in cls.Params.model_fields.items() if not info.description]
    assert not undocumented, f"step `{name}` fields without description: {undocumented}"
    assert cls.shorthand is None or cls.shorthand in cls.Params.model_fields


def test_registry_unknown_name_suggests_and_lists():
    with pytest.raises(RecipeError, match=r"^recipe\.yaml, line 3: unknown step `selct`\. "
                                          r"Did you mean `select`\? Available steps: `cast`, "):
        get_step("selct", where="recipe.yaml, line 3")


def test_every_package_imports_first():
    # A pipeline that extends veil imports `veil.steps` before anything else; an import
    # cycle (steps -> recipe schema -> recipe loader -> steps) broke that once.
    import pkgutil
    import subprocess
    import sys

    import veil

    packages = ["veil", *(found.name for found in pkgutil.walk_packages(veil.__path__, "veil.")
                          if found.ispkg), "veil.steps.base"]
    imports = {name: subprocess.Popen([sys.executable, "-c", f"import {name}"],
                                      stderr=subprocess.PIPE) for name in packages}
    failed = {name: run.communicate()[1].decode().strip().splitlines()[-1:]
              for name, run in imports.items() if run.wait() != 0}
    assert len(packages) > 8
    assert not failed
