"""Metrics against hand-computed values."""

from __future__ import annotations

import json

import pytest

from veil.errors import InputError
from veil.evaluation import read_labelled
from veil.evaluation.metrics import GoldSpan, score
from veil.nlp.types import Finding


def test_score_precision_recall_f2_and_leakage_by_hand():
    gold = [[GoldSpan(0, 10, "PERSON"), GoldSpan(20, 30, "PHONE_NUMBER")],
            [GoldSpan(0, 4, "PERSON")]]
    predicted = [[Finding(0, 5, "PERSON", 0.9, "r"),          # half of the name: found, 5 leak
                  Finding(12, 15, "PERSON", 0.9, "r")],        # spurious
                 [Finding(0, 4, "LOCATION", 0.9, "r")]]        # wrong type: covered, not found
    scores = score(gold, predicted)
    person = scores.entities["PERSON"]
    assert (person.gold, person.found, person.predicted, person.correct) == (2, 1, 2, 1)
    assert person.recall == 0.5 and person.precision == 0.5
    assert person.f2 == pytest.approx(5 * 0.25 / (2 + 0.5))   # = 0.5
    assert person.leakage == pytest.approx(5 / 14)             # 5 of 14 name characters readable
    phone = scores.entities["PHONE_NUMBER"]
    assert (phone.recall, phone.leakage, phone.precision) == (0.0, 1.0, None)
    assert scores.total.leakage == pytest.approx(15 / 24)
    assert scores.entities["LOCATION"].precision == 0.0


def test_read_labelled_maps_labels_to_entities(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "Dr. Lee", "spans": [
        {"start": 4, "end": 7, "label": "DOCTOR"}]}) + "\n", encoding="utf-8")
    assert list(read_labelled(path)) == [("Dr. Lee", [GoldSpan(4, 7, "PERSON")])]


def test_read_labelled_bad_line_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "a", "spans": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: expected a JSON object"):
        list(read_labelled(path))
