from __future__ import annotations

import pytest


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("account number 004829113307", [("US_BANK_NUMBER", "004829113307")]),
    ("autopay from checking 344947285761", [("US_BANK_NUMBER", "344947285761")]),
    ("acct# 55102938", [("US_BANK_NUMBER", "55102938")]),
    ("Shipment 48291133 left the depot", []),            # digits without account context
    ("Customer ID 88231004 asked for a statement", [("US_BANK_NUMBER", "88231004")]),
    ("client no. 4471-2290", [("US_BANK_NUMBER", "4471-2290")]),
    ("the customer called twice", []),
])
# fmt: on
def test_bank_account_recognizer(pattern_detector, text, expected):
    findings = pattern_detector.detect([text]).findings[0]
    assert [(f.entity, text[f.start:f.end]) for f in findings] == expected
