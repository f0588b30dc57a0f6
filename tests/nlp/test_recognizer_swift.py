from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.swift import SwiftCodeRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("SWIFT code DEUTDEFF500", [("DEUTDEFF500", 0.95)]),
    ("BIC: NWBKGB2L", [("NWBKGB2L", 0.95)]),
    ("send to BOFAUS3N", [("BOFAUS3N", 0.1)]),           # bare: context decides
    ("the PROTOCOL says", []),                           # "OC" is no country code
    ("bic deutdeff", []),                                # BICs are capitals
    ("WIRE BENEFICIARY MARIA ROSSI", []),                # a word of the shape, `FI` and all
])
# fmt: on
def test_swift_recognizer(text, expected):
    assert matches(SwiftCodeRecognizer(), text) == expected


def test_swift_bare_code_needs_context(found):
    assert ("SWIFT_CODE", "BOFAUS3N") in found("Correspondent bank BOFAUS3N for the wire.")
    assert not any(e == "SWIFT_CODE" for e, _ in found("Our team ABCDUS12 met today."))
