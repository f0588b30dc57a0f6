from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.card import PaymentCardRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("card 4111 1111 1111 1111", ["4111 1111 1111 1111"]),
    ("card 5555555555554444", ["5555555555554444"]),
    ("card 2223003122003222", ["2223003122003222"]),     # Mastercard 2-series
    ("amex 3782 822463 10005", ["3782 822463 10005"]),
    ("card 4111 1111 1111 1112", []),                    # Luhn fails
    ("order 1111 1111 1111 1117", []),                   # no issuer starts with 1
    ("Born 1950, card ends in 4313.", ["4313"]),         # last four, said as such
    ("ticket ends in 4313", []),
])
# fmt: on
def test_credit_card_recognizer(text, expected):
    assert matched_texts(PaymentCardRecognizer(), text) == expected
