"""IBAN is Presidio's recognizer (country formats + mod 97); veil checks it stays registered."""

from __future__ import annotations

import pytest


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("IBAN GB82 WEST 1234 5698 7654 32 please", [("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")]),
    ("to DE89370400440532013000 today", [("IBAN_CODE", "DE89370400440532013000")]),
    ("IBAN GB82 WEST 1234 5698 7654 33", []),            # mod 97 fails
])
# fmt: on
def test_iban_recognizer(found, text, expected):
    assert [f for f in found(text) if f[0] == "IBAN_CODE"] == expected
