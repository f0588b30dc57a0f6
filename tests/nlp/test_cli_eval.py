"""`veil eval`: figures as JSON, and a clear exit 2 for a bad file."""

from __future__ import annotations

import json


def test_cli_eval_json_figures(veil_cli, tmp_path):
    path = tmp_path / "gold.jsonl"
    text = "Email ann@example.com or call 415-555-2671."
    path.write_text(json.dumps({"text": text, "spans": [
        {"start": 6, "end": 21, "label": "EMAIL"},
        {"start": 30, "end": 42, "label": "PHONE"}]}) + "\n", encoding="utf-8")
    result = veil_cli("eval", path, "--model", "none", "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["overall"]["recall"] == 1.0
    assert figures["overall"]["leakage"] == 0.0
    assert {e["entity"] for e in figures["entities"]} == {"EMAIL_ADDRESS", "PHONE_NUMBER"}


def test_cli_eval_bad_file_exits_2_naming_the_line(veil_cli, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    result = veil_cli("eval", path, "--model", "none")
    assert result.exit_code == 2
    assert "line 1: expected a JSON object" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_eval_bundled_sets_by_name(veil_cli):
    written = veil_cli("eval", "veil:written", "--model", "none", "--json")
    assert written.exit_code == 0, written.stderr
    assert json.loads(written.stdout)["file"].endswith("written.jsonl")
    unknown = veil_cli("eval", "veil:nope", "--model", "none")
    assert unknown.exit_code == 2
    assert "`veil:generated`, `veil:written`" in unknown.stderr
