"""Report files and cards are named after the output, so no run replaces another's."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.errors import UsageError
from veil.report.files import card_path, report_name

RECIPE = """\
veil: 1
name: monthly
nlp: none
report: {formats: [json, md]}
steps:
  - filter: "amount > 0"
"""


@pytest.mark.parametrize("output, name", [
    ("out/jan.parquet", "jan"), ("out/extract.v2.csv", "extract.v2"), ("-", "monthly"),
    (None, "monthly"),
])
def test_files_report_name_follows_the_output(output, name):
    assert report_name("monthly", output) == name


def test_files_card_sits_beside_the_output():
    assert card_path("out/jan.parquet") == Path("out/jan.card.md")


def test_files_one_recipe_into_two_outputs_keeps_both_reports_and_cards(tmp_path: Path):
    """January's report and card survive February's run into the same folders."""
    reports, out = tmp_path / "reports", tmp_path / "out"
    digests = {}
    for month, amounts in (("jan", [1.0, 2.0]), ("feb", [3.0, -1.0, 4.0])):
        result = veil.run(RECIPE, pl.DataFrame({"amount": amounts}),
                          output=out / f"{month}.csv", report_dir=reports)
        digests[month] = result.report.output.sha256
    assert sorted(p.name for p in reports.iterdir()) == [
        "feb.report.external.json", "feb.report.json", "feb.report.md",
        "jan.report.external.json", "jan.report.json", "jan.report.md"]
    for month in ("jan", "feb"):
        report = json.loads((reports / f"{month}.report.json").read_text())
        assert report["output"]["sha256"] == digests[month]
        card = (out / f"{month}.card.md").read_text()
        assert f'output_sha256: "{digests[month]}"' in card
        assert f"veil report verify {month}.report.external.json --data {month}.csv" in card
    assert not (out / "DATASET_CARD.md").exists()


def test_files_a_run_without_an_output_file_names_its_report_after_the_recipe(tmp_path: Path):
    result = veil.run(RECIPE, pl.DataFrame({"amount": [1.0]}), output=None,
                      report_dir=tmp_path)
    assert [p.name for p in result.report_paths] == [
        "monthly.report.json", "monthly.report.external.json", "monthly.report.md"]


def test_files_html_report_names_its_own_file_in_the_verify_command(tmp_path: Path):
    """The HTML report's `veil report verify` line names the report file the run wrote."""
    recipe = RECIPE.replace("formats: [json, md]", "formats: [json, html]")
    veil.run(recipe, pl.DataFrame({"amount": [1.0]}), output=tmp_path / "out" / "jan.csv",
             report_dir=tmp_path / "reports")
    html = (tmp_path / "reports" / "jan.report.html").read_text(encoding="utf-8")
    assert "veil report verify jan.report.json" in html
    assert "monthly.report.json" not in html


def test_files_another_output_with_the_same_name_does_not_replace_a_report(veil_cli,
                                                                            tmp_path: Path):
    """`a/jan.csv`, then `b/jan.csv` or `jan.parquet`, into one report folder: the second run
    stops before it starts, and the first output keeps the report that vouches for it."""
    (tmp_path / "recipe.yaml").write_text(RECIPE, encoding="utf-8")
    pl.DataFrame({"amount": [1.0, 2.0]}).write_csv(tmp_path / "in.csv")
    first = veil_cli("run", "recipe.yaml", "-i", "in.csv", "-o", "a/jan.csv",
                     "--report-dir", "reports")
    assert first.exit_code == 0, first.stderr
    before = {p.name: p.read_bytes() for p in (tmp_path / "reports").iterdir()}
    for other in ("b/jan.csv", "jan.parquet"):
        result = veil_cli("run", "recipe.yaml", "-i", "in.csv", "-o", other,
                          "--report-dir", "reports")
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"error: report folder `reports` already holds `jan.report.json`, the report of "
            f"another output (`a/jan.csv`); this run writes `{other}`")
        assert "Traceback" not in result.stderr
        assert not (tmp_path / other).exists()
        assert {p.name: p.read_bytes() for p in (tmp_path / "reports").iterdir()} == before
    assert veil_cli("validate", "recipe.yaml", "-i", "in.csv").exit_code == 0


def test_files_a_rerun_of_the_same_output_replaces_its_own_report(tmp_path: Path,
                                                                  monkeypatch):
    """The same path as written, or the same file written from another working folder
    (recognised by the hash its report recorded), is a rerun, not another output."""
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    frame = pl.DataFrame({"amount": [1.0, 2.0]})
    veil.run(RECIPE, frame, output="out/jan.csv", report_dir=reports)
    veil.run(RECIPE, frame.with_columns(pl.col("amount") * 2), output="out/jan.csv",
             report_dir=reports)
    doubled = json.loads((reports / "jan.report.json").read_text())["output"]
    assert doubled["path"] == "out/jan.csv"
    monkeypatch.chdir(tmp_path / "out")
    veil.run(RECIPE, frame.with_columns(pl.col("amount") * 3), output="jan.csv",
             report_dir=reports)
    tripled = json.loads((reports / "jan.report.json").read_text())["output"]
    assert tripled["path"] == "jan.csv" and tripled["sha256"] != doubled["sha256"]


def test_files_runs_without_an_output_file_share_the_recipe_s_report(tmp_path: Path):
    """Standard output or no file: the report is the recipe's, replaced by each such run,
    but not by a run writing a file of the recipe's name."""
    frame = pl.DataFrame({"amount": [1.0]})
    veil.run(RECIPE, frame, output=None, report_dir=tmp_path / "reports")
    veil.run(RECIPE, frame, output=None, report_dir=tmp_path / "reports")
    with pytest.raises(UsageError, match=r"the report of another output \(standard "
                                              r"output\); this run writes `.*monthly.csv`"):
        veil.run(RECIPE, frame, output=tmp_path / "monthly.csv", report_dir=tmp_path / "reports")
    assert not (tmp_path / "monthly.csv").exists()
