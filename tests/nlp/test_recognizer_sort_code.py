from __future__ import annotations

import pytest


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("My sort code is 20-00-00", [("UK_SORT_CODE", "20-00-00")]),
    ("sort code: 200000", [("UK_SORT_CODE", "200000")]),
    ("bank sort 40-47-84", [("UK_SORT_CODE", "40-47-84")]),  # context word nearby
    ("Shelf 12-34-56 closed", []),                        # no context: not a sort code
    ("my accnt and the sort is 30-94-57, pls", [("UK_SORT_CODE", "30-94-57")]),
])
# fmt: on
def test_sort_code_recognizer(pattern_detector, text, expected):
    findings = pattern_detector.detect([text]).findings[0]
    assert [(f.entity, text[f.start:f.end]) for f in findings] == expected


def test_a_sort_code_said_in_a_chat_is_one_not_the_models_date(found):
    assert ("UK_SORT_CODE", "30-94-57") in found("my accnt and the sort is 30-94-57, pls")
