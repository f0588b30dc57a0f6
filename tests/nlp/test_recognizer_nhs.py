from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.nhs import UkNhsRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("NHS number 943 476 5919", [("943 476 5919", 0.95)]),   # labelled
    ("ref 9434765919", [("9434765919", 0.4)]),               # valid, bare: needs context
    ("NHS number 943 476 5918", []),                         # mod 11 fails
])
# fmt: on
def test_nhs_recognizer(text, expected):
    assert matches(UkNhsRecognizer(), text) == expected


def test_nhs_phone_number_is_not_nhs(found):
    assert [e for e, _ in found("Call 415-555-2671 today.")] == ["PHONE_NUMBER"]
