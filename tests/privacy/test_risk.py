"""`veil.privacy.risk.assess` and `veil risk`: figures for any file, nothing written."""

from __future__ import annotations

import json

import polars as pl
import pytest

from veil.errors import UsageError
from veil.privacy.risk import assess

FRAME = pl.DataFrame(
    {
        "age": [30, 30, 30, 40, 40, 50],
        "sex": ["F", "F", "F", "M", "M", "F"],
        "dx": ["flu", "flu", "gout", "flu", "flu", "gout"],
    }
)


def test_risk_assess_figures_literal():
    figures = assess(FRAME, ["age", "sex"], ["dx"], k=2).as_dict()
    assert figures["classes"] == 3 and figures["smallest_class"] == 1
    assert figures["records_at_risk"] == 1
    assert figures["prosecutor_risk_average"] == 0.5
    assert figures["sensitive"]["dx"]["distinct_l"] == 1
    # table: flu 4/6, gout 2/6; worst class {gout}: (|0-4/6| + |1-2/6|) / 2
    assert figures["sensitive"]["dx"]["t_closeness"] == pytest.approx(2 / 3, abs=1e-6)


def test_risk_assess_unknown_column_suggests_the_nearest():
    with pytest.raises(UsageError, match="column `sexx`.*Did you mean `sex`"):
        assess(FRAME, ["age", "sexx"])


def test_risk_cli_json_fields_and_writes_nothing(veil_cli, tmp_path):
    FRAME.write_csv(tmp_path / "in.csv")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = veil_cli("risk", "in.csv", "--qi", "age,sex", "--sensitive", "dx", "-k", "2", "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {
        key: figures[key]
        for key in (
            "records",
            "classes",
            "smallest_class",
            "k_target",
            "records_at_risk",
            "classes_at_risk",
        )
    } == {
        "records": 6,
        "classes": 3,
        "smallest_class": 1,
        "k_target": 2,
        "records_at_risk": 1,
        "classes_at_risk": 1,
    }
    assert figures["class_size_histogram"] == [
        {"size": 1, "classes": 1},
        {"size": 2, "classes": 1},
        {"size": 3, "classes": 1},
    ]
    assert figures["prosecutor_risk_highest"] == 1.0
    assert set(figures["sensitive"]["dx"]) == {"distinct_l", "entropy_l", "t_closeness"}
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_risk_cli_table_names_the_figures(veil_cli, tmp_path):
    FRAME.write_csv(tmp_path / "in.csv")
    result = veil_cli("risk", "in.csv", "--qi", "age,sex", "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert (
        "prosecutor risk, highest" in result.stdout
        and "records in classes below k=2" in result.stdout
    )


def test_risk_cli_unknown_column_exits_2(veil_cli, tmp_path):
    FRAME.write_csv(tmp_path / "in.csv")
    result = veil_cli("risk", "in.csv", "--qi", "agee")
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("error: `--qi` names column `agee`")
        and "Traceback" not in result.output
    )


def test_risk_cli_lists_a_data_named_column_by_placeholder(veil_cli, tmp_path):
    """A pivoted export's header that is an e-mail address stays out of the error."""
    email = "zq.canary@example.org"
    FRAME.with_columns(pl.lit(1).alias(email)).write_csv(tmp_path / "in.csv")
    result = veil_cli("risk", "in.csv", "--qi", "agee")
    assert result.exit_code == 2
    assert "<EMAIL_ADDRESS 1>" in result.stderr and email not in result.output
