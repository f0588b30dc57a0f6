from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.phone import PhoneNumberRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("(415) 555-2671", [("(415) 555-2671", 0.6)]),
    ("call 415.555.2671 now", [("415.555.2671", 0.6)]),
    ("+1 415 555 2671", [("+1 415 555 2671", 0.6)]),
    ("415-555-2671 x12", [("415-555-2671 x12", 0.6)]),   # extension kept with the number
    ("+44 20 7946 0958", [("+44 20 7946 0958", 0.6)]),   # international with +
    ("4155552671", [("4155552671", 0.4)]),               # bare ten digits: weaker
    ("123-45-6789", []),                                 # SSN shape
    ("115-555-2671", []),                                # area codes never start with 1
])
# fmt: on
def test_phone_recognizer(text, expected):
    assert matches(PhoneNumberRecognizer(), text) == expected
