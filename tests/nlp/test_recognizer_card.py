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
    ("close the card ending 4242; visa ending: 1881", ["1881", "4242"]),
    ("the last four of my debit card are 7730", ["7730"]),
    ("the last 4 of my SSN are 7730", []),               # no card's
    # a log's or an export's field for them
    ("ERROR payment failed card_last4=0005 amount=49.99; last4: \"4242\"", ["0005", "4242"]),
    ("last4=abc; last 4 = 12; blast4=1234", []),
    # asked for in a chat, given in the customer's next turn
    ("agent: can i get the last 4 of the card? cust: 9921", ["9921"]),
    ("last 4 of the card? agent: 9921; last 4 of your SSN? cust: 1234", []),
    # 13 and 14 digits pass Luhn one time in ten: after an account's label, an account's
    ("Transfer to my savings account 3008943388843 please", []),
    ("autopay from checking 4398081549382.", []),
    ("account number: 57287831572412", []),
    ("card 4222222222222", ["4222222222222"]),          # a 13-digit Visa, said as a card
    ("credit card account 4222222222222", ["4222222222222"]),
    ("account 4111111111111111", ["4111111111111111"]),  # 16 digits: a card whatever the label
    # an IMEI has Luhn's digit and, from 35, a JCB card's prefix: after its label, no card
    ("device IMEI 356938035643809.", []),
    ("IMEI no: 356938035643809", []),
    ("card 356938035643809; IMEI 4111111111111111", ["356938035643809", "4111111111111111"]),
])
# fmt: on
def test_credit_card_recognizer(text, expected):
    assert matched_texts(PaymentCardRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("my bf used my card without asking, last 4 are 7731, can u block it", ["7731"]),
    ("debit card blocked. last 4 digits: 0094", []),     # another sentence
    ("card declined twice; last 4 attempts failed", []),
])
# fmt: on
def test_card_last_four_after_the_card(text, expected):
    assert matched_texts(PaymentCardRecognizer(), text) == expected
