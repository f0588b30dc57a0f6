"""Canary identifiers planted in the input never reach a report, the card or the log."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from tests.report.conftest import CANARIES, RECIPE, Run, make_run, run_cli

from veil.recipe.bundled import bundled_recipes
from veil.recipe.loader import load_recipe
from veil.report.views import schema_errors


def variants(value: str) -> set[str]:
    """The value as planted and with its separators removed (a digits-only SSN, card, ...)."""
    return {value, value.replace(" ", "").replace("-", ""), value.lower()}


def leaks(text: str) -> list[str]:
    return sorted(name for name, value in CANARIES.items()
                  if any(v in text for v in variants(value)))


def test_canary_absent_from_every_report_file(signed_run: Run):
    """json (both views), html, md and the dataset card hold none of the planted values."""
    written = {p.name: p for p in signed_run.written()}
    assert {"canary.report.json", "canary.report.external.json", "canary.report.html",
            "canary.report.md", "canary.card.md"} <= set(written)
    for name, path in written.items():
        assert leaks(path.read_text(encoding="utf-8")) == [], name


def test_canary_absent_from_the_log(signed_run: Run):
    """The run's stdout and stderr hold none of the planted values."""
    assert leaks(signed_run.stdout + signed_run.stderr) == []


def test_canary_residual_fail_writes_nothing_and_names_no_value(tmp_path: Path):
    """`residual: fail` with an untreated free-text column: exit 1, nothing written, no value shown."""
    recipe = (RECIPE.replace("""  - redact_text:
      columns: [note]
      operators: {default: {replace: "<{entity}>"}}
""", "").replace("sign: true}", "sign: true, residual: fail}"))
    run = make_run(tmp_path / "fail", recipe)
    assert run.exit_code == 1
    assert run.stderr.startswith("error: Residual check: ")
    assert "`note`" in run.stderr and "EMAIL_ADDRESS" in run.stderr
    assert not run.output.exists() and not run.reports.exists()
    assert not (run.folder / "out" / "canary.card.md").exists()
    assert leaks(run.stdout + run.stderr) == []


def test_canary_residual_warn_counts_per_column_and_entity(tmp_path: Path):
    """`residual: warn` (default): the untreated column is counted per entity, the run passes."""
    recipe = RECIPE.replace("""  - redact_text:
      columns: [note]
      operators: {default: {replace: "<{entity}>"}}
""", "")
    run = make_run(tmp_path / "warn", recipe)
    assert run.exit_code == 0, run.stderr
    residual = json.loads(run.report.read_text())["residual"]
    note = next(c for c in residual["columns"] if c["column"] == "note")
    # 40 rows, 31 distinct notes: 10 rows share the note with every canary, 30 rows have their
    # own note with an email and a phone number. Findings count once per row.
    assert note["treated_by_steps"] == [] and note["values_scanned"] == 31
    assert note["distinct_values"] == 31 and note["rows_with_residual"] == 40
    assert note["residual"]["EMAIL_ADDRESS"] == 40
    assert residual["by_entity"]["EMAIL_ADDRESS"] == 40 and residual["total"] >= 40
    patient = next(c for c in residual["columns"] if c["column"] == "patient")
    assert patient["structured"] == "values produced by step 1 `pseudonymize`"
    assert patient["values_scanned"] == 0


def test_canary_residual_off_is_recorded(tmp_path: Path):
    """`verify_output: false` leaves `residual: null`, and the report says the check was off."""
    run = make_run(tmp_path / "off", RECIPE.replace("sign: true}", "verify_output: false}"))
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.report.read_text())["residual"] is None
    assert "switched off" in (run.reports / "canary.report.html").read_text()


_FREE_TEXT = ("note", "summary", "text", "message", "chat", "memo", "comment", "description")
#: Column-name hints -> the canary that fits the column (replaces the value in the first rows).
_IDENTIFIER = {"name": "PERSON", "email": "EMAIL", "phone": "PHONE", "ssn": "SSN", "card": "CARD",
               "mrn": "MRN"}


def plant(source: Path, target: Path) -> list[str]:
    """Copy a CSV with the canaries in its first 10 rows: appended to every free-text column,
    and in place of the value in columns whose name says what they hold (name, email, ...)."""
    frame = pl.read_csv(source, infer_schema=False)
    sentence = (f"Seen {CANARIES['PERSON']} ({CANARIES['MRN']}), email {CANARIES['EMAIL']}, "
                f"SSN {CANARIES['SSN']}, card {CANARIES['CARD']}, call {CANARIES['PHONE']}.")
    marked = pl.int_range(pl.len()) < 10
    changes = {}
    for column in frame.columns:
        lower = column.lower()
        if any(word in lower for word in _FREE_TEXT):
            changes[column] = pl.lit(sentence) + " " + pl.col(column)
        else:
            hint = next((kind for word, kind in _IDENTIFIER.items() if word in lower), None)
            if hint is not None:
                changes[column] = pl.lit(CANARIES[hint])
    frame = frame.with_columns(
        [pl.when(marked).then(value).otherwise(pl.col(c)).alias(c) for c, value in changes.items()])
    frame.write_csv(target)
    return sorted(changes)


@pytest.mark.parametrize("name", sorted(bundled_recipes()))
def test_canary_bundled_recipe_report_is_valid_and_clean(name: str, tmp_path: Path):
    """Every bundled recipe, canaries planted in its input's free text: valid reports, no leak."""
    from veil.io.readers import BUNDLED_PREFIX, bundled_path

    recipe = load_recipe(bundled_recipes()[name])
    source = recipe.input.path or ""
    if not source.startswith(BUNDLED_PREFIX) or not source.endswith(".csv"):
        pytest.skip(f"{name}: input `{source}` is not a bundled CSV to plant canaries in")
    planted = plant(bundled_path(source), tmp_path / "input.csv")
    assert planted, f"{name}: no column to plant canaries in"
    done = run_cli("run", str(bundled_recipes()[name]), "-i", "input.csv", "-o", "out/data.parquet",
                   "--report-dir", "out/reports", cwd=tmp_path)
    assert leaks(done.stdout + done.stderr) == []
    assert done.returncode in (0, 1), done.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix != ".parquet"]
    for path in written:
        assert leaks(path.read_text(encoding="utf-8")) == [], path.name
    for path in (tmp_path / "out" / "reports").glob("*.json"):
        assert schema_errors(json.loads(path.read_text())) == [], path.name
