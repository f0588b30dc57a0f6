from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer.predefined_recognizers import UsSsnRecognizer as PresidioUsSsnRecognizer
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.ssn import SsnLastFourRecognizer, UsSsnRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Patient SS# 457239108 called about billing.", [("US_SSN", "457239108")]),
    ("SS#457239108 on the intake form", [("US_SSN", "457239108")]),
    ("SSN# 457-23-9108 verified", [("US_SSN", "457-23-9108")]),
    ("soc sec 457239108", [("US_SSN", "457239108")]),
    ("Her SS no is 457239108.", [("US_SSN", "457239108")]),
    ("social security number 457239108", [("US_SSN", "457239108")]),
    ("Lot number 457239108 expires soon.", []),           # nine digits, no SSN label
    ("Order 457239108 shipped.", [("CASE_REFERENCE", "457239108")]),  # an order's, no SSN
    # `str.lower` writes `İ` as two characters: the label is still where it is
    ("\u0130" * 30 + " ssn 457239108", [("US_SSN", "457239108")]),
])
# fmt: on
def test_ssn_labels_written_as_forms_write_them(pattern_detector, text, expected):
    findings = pattern_detector.detect([text]).findings[0]
    assert [(f.entity, text[f.start:f.end]) for f in findings] == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("SSN last 4 is 6789", ["6789"]),
    ("the last four of my social are 6789.", ["6789"]),
    ("SSN: XXX-XX-6789 on file", ["6789"]),
    ("employee Dale Hutchins, SSN ***-**-4417, injured", ["4417"]),   # masked with asterisks
    ("the last 4 of my card are 6789", []),               # a card's
    ("last four visits in 2024", []),
    ("subject (DOB 1979-08-02, SSN ending 4471) wired", ["4471"]),  # as a card's are said
    ("card ending 4471; the SSN ends soon", []),
])
# fmt: on
def test_ssn_last_four_recognizer(text, expected):
    assert matched_texts(SsnLastFourRecognizer(), text) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["4", "0", "6", "9", "457", "23", "9108", "-", " ", ".", "\n",
                                 "ssn ", "x", "666", "000", "00"]), max_size=16).map("".join))
def test_ssn_recognizer_finds_what_presidios_finds(text):
    # veil runs Presidio's patterns and checks itself (for speed): same spans, same scores
    def spans(recognizer):
        return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, ["US_SSN"]))

    assert spans(UsSsnRecognizer()) == spans(PresidioUsSsnRecognizer())
