from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.medicare import MbiRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Medicare MBI 1EG4-TE5-MK73", [("1EG4-TE5-MK73", 0.6)]),   # CMS's example, dashed
    ("MBI 1EG4TE5MK73", [("1EG4TE5MK73", 0.45)]),
    ("MBI 1SG4TE5MK73", []),                             # S is never used in an MBI
    ("MBI 0EG4TE5MK73", []),                             # first character 1-9
    ("ref 1EG4TE5MK7", []),                              # too short
])
# fmt: on
def test_mbi_recognizer(text, expected):
    assert matches(MbiRecognizer(), text) == expected
