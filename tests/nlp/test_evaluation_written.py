"""The hand-written labelled set: its JSON lines follow its marked text, and veil's figures on
it stay where they were measured (README: "Detection quality")."""

from __future__ import annotations

import json

import pytest

from veil.evaluation import bundled_labelled_set, read_labelled
from veil.evaluation.metrics import Scores, score
from veil.evaluation.written import HERE, marked_records, parse_marked


def test_written_set_jsonl_is_its_marked_text_converted():
    shipped = [json.loads(line) for line in
               bundled_labelled_set("written").read_text(encoding="utf-8").splitlines()]
    assert shipped == marked_records(HERE / "written.txt")


def test_parse_marked_puts_each_span_on_its_value():
    record = parse_marked("Pt [[PERSON|Ann Lee]] seen [[DATE_TIME|3/14]]; MRN [[X|0042]].")
    assert record["text"] == "Pt Ann Lee seen 3/14; MRN 0042."
    assert [record["text"][s["start"]:s["end"]] for s in record["spans"]] == [
        "Ann Lee", "3/14", "0042"]
    assert [s["label"] for s in record["spans"]] == ["PERSON", "DATE_TIME", "X"]


@pytest.fixture(scope="module")
def written(detector) -> Scores:
    records = list(read_labelled(bundled_labelled_set("written")))
    return score([spans for _, spans in records],
                 detector.detect([text for text, _ in records]).findings)


def test_written_set_leakage_at_most_3_percent(written):
    assert written.total.leakage <= 0.03


def test_written_set_recall_and_precision_at_least_95_percent(written):
    assert written.total.recall >= 0.95
    assert written.total.precision >= 0.95
