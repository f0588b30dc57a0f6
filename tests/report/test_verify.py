"""`veil report verify`: passes on a fresh run, fails naming what differs after a one-byte edit."""

from __future__ import annotations

import json

import pytest
from tests.report.conftest import NAME, Run, run_cli


def flip_byte(path, index: int) -> None:
    """Change the byte at `index` (negative counts from the end) to another printable byte."""
    data = bytearray(path.read_bytes())
    data[index] = ord("7") if data[index] != ord("7") else ord("8")
    path.write_bytes(bytes(data))


def verify(run: Run, *extra: str):
    return run_cli("report", "verify", str(run.report), "--data", str(run.output),
                   "--recipe", str(run.recipe), *extra, cwd=run.folder)


def test_verify_fresh_run_passes(signed_run: Run):
    """Every check of a fresh, signed run is ok: schema, layout, recipe, data, signature."""
    done = verify(signed_run)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("schema", "layout", "recipe text", "recipe file", "output data", "signature",
                 "verdict"):
        assert f"ok       {name}:" in done.stdout
    assert "DIFFERS" not in done.stdout


def test_verify_fails_when_one_output_byte_changes(run_copy: Run):
    """A one-byte change in the dataset fails the output check and nothing else."""
    flip_byte(run_copy.output, len("patient,mrn,age,sex,zip,note\n") + 2)
    done = verify(run_copy)
    assert done.returncode == 1
    assert "DIFFERS  output data:" in done.stdout
    assert "the data is not the run's output" in done.stdout
    assert "FAILED" in done.stderr and "output data" in done.stderr
    assert "DIFFERS  recipe" not in done.stdout and "DIFFERS  signature" not in done.stdout


def test_verify_input_matches_the_file_the_run_read_and_not_another(run_copy: Run):
    """An auditor given the input can tie it to the report without reading its JSON."""
    source = run_copy.folder / "input.csv"
    done = verify(run_copy, "--input", str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"ok       input data: `{source}` has the sha256" in done.stdout
    assert "recorded for `input.csv` (input)" in done.stdout
    flip_byte(source, -3)
    done = verify(run_copy, "--input", str(source))
    assert done.returncode == 1
    assert "DIFFERS  input data:" in done.stdout
    assert "the run did not read this file as it is now" in done.stdout
    assert "DIFFERS  output data" not in done.stdout


def test_verify_without_input_skips_the_input_check(run_copy: Run):
    done = verify(run_copy)
    assert "skipped  input data: no input file given (pass --input INPUT" in done.stdout


def test_verify_fails_when_one_recipe_byte_changes(run_copy: Run):
    """A one-byte change in the recipe file (k: 5 -> k: 7) fails the recipe file check."""
    text = run_copy.recipe.read_text()
    run_copy.recipe.write_text(text.replace("k: 5", "k: 7"))
    done = verify(run_copy)
    assert done.returncode == 1
    assert "DIFFERS  recipe file:" in done.stdout
    assert "the recipe changed since the run" in done.stdout
    assert "ok       recipe text:" in done.stdout  # the text inside the report still matches


# fmt: off
@pytest.mark.parametrize("field, expected", [
    ("run_id", "signature"),           # a hex digit of the run id: only the signature notices
    ("recipe_sha256", "recipe text"),  # the recorded recipe hash: the hash checks notice too
])
# fmt: on
def test_verify_fails_when_one_report_byte_changes(run_copy: Run, field: str, expected: str):
    """One byte of the report's JSON changed: the signature (and any hash it touches) differs."""
    raw = run_copy.report.read_bytes()
    at = raw.index(f'"{field}": "'.encode()) + len(f'"{field}": "') + 3
    flip_byte(run_copy.report, at)
    done = verify(run_copy)
    assert done.returncode == 1
    assert "DIFFERS  signature: the signature does not match the report's content" in done.stdout
    assert f"DIFFERS  {expected}:" in done.stdout


def test_verify_fails_when_report_layout_changes(run_copy: Run):
    """A byte of whitespace added: same JSON content, but the file is no longer as veil wrote it."""
    run_copy.report.write_bytes(run_copy.report.read_bytes().replace(b'{\n', b'{ \n', 1))
    done = verify(run_copy)
    assert done.returncode == 1
    assert "DIFFERS  layout: the file differs from veil's canonical layout at byte 1" in done.stdout
    assert "ok       signature:" in done.stdout


def test_verify_wrong_key_names_the_key(run_copy: Run):
    """Another key does not pass for an edit: verify says the key is not the signing key."""
    done = run_cli("report", "verify", str(run_copy.report), cwd=run_copy.folder, key="other-key")
    assert done.returncode == 1
    assert "DIFFERS  signature: the key in `VEIL_KEY` is not the key that signed" in done.stdout


def test_verify_without_key_skips_the_signature(run_copy: Run):
    """Without the key the signature is reported as unchecked, not as verified."""
    done = run_cli("report", "verify", str(run_copy.report), cwd=run_copy.folder, key=None)
    assert done.returncode == 0
    assert "skipped  signature: the report is signed, but `VEIL_KEY` is not set" in done.stdout
    required = run_cli("report", "verify", str(run_copy.report), "--require-signature",
                       cwd=run_copy.folder, key=None)
    assert required.returncode == 1


def test_verify_external_view_passes(signed_run: Run):
    """The external view verifies on its own against the data (no recipe text inside it)."""
    done = run_cli("report", "verify", str(signed_run.external), "--data", str(signed_run.output),
                   cwd=signed_run.folder)
    assert done.returncode == 0, done.stdout
    assert "ok       signature:" in done.stdout and "recipe text" not in done.stdout


def test_verify_not_json_fails(run_copy: Run):
    """A report cut short is not JSON: verify says so and exits 1, with no traceback."""
    run_copy.report.write_bytes(run_copy.report.read_bytes()[:-10])
    done = verify(run_copy)
    assert done.returncode == 1
    assert "DIFFERS  json: the file is not valid JSON" in done.stdout
    assert "Traceback" not in done.stderr


def test_report_sign_then_verify_detects_edit(run_copy: Run):
    """`veil report sign` signs an edited report anew; a later edit is detected again."""
    view = json.loads(run_copy.report.read_text())
    view.pop("signature")
    run_copy.report.write_text(json.dumps(view, sort_keys=True, indent=2, ensure_ascii=False)
                               + "\n")
    assert run_cli("report", "sign", str(run_copy.report), cwd=run_copy.folder).returncode == 0
    assert verify(run_copy).returncode == 0
    flip_byte(run_copy.report, run_copy.report.read_bytes().index(b'"run_id": "') + 14)
    assert verify(run_copy).returncode == 1


def test_report_show_prints_the_summary(signed_run: Run):
    """`veil report show` prints verdict, recipe name and the figures."""
    done = run_cli("report", "show", str(signed_run.report), cwd=signed_run.folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("PASS  canary")
    assert "rows in" in done.stdout and "k_anonymity: passed" in done.stdout
    assert f"{NAME}" in done.stdout


def test_report_sign_refuses_a_short_key(run_copy: Run):
    """A signature is only as hard to forge as its key is to guess."""
    before = run_copy.report.read_bytes()
    done = run_cli("report", "sign", str(run_copy.report), cwd=run_copy.folder, key="Xq7short")
    assert done.returncode == 2
    assert "is 8 byte(s) long" in done.stderr and "Xq7short" not in done.stderr
    assert run_copy.report.read_bytes() == before
