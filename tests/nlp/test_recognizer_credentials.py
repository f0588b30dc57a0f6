from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.credentials import CredentialRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("my username is jdoe_1985 and password hunter2", ["hunter2"]),
    ("password: Tr0ub4dor&3", ["Tr0ub4dor&3"]),
    ("pw reset done. Password: sunshine", ["sunshine"]),  # after `:`, letters alone too
    ("my password is: sunshine", ["sunshine"]),
    ("Password: reset required", []),                     # what became of it
    ("new passcode is 7731.", ["7731"]),                      # the sentence's point is not in it
    ("My PIN is 4921, please don't share it.", ["4921"]),
    ("pin code: 0042", ["0042"]),
    ("Card exp 09/27 cvv 123", ["123"]),
    ("CVC2: 9921", ["9921"]),
    ("The security code is 456.", ["456"]),
    ("Your one-time code is 839201.", ["839201"]),
    ("OTP: 552910", ["552910"]),
    ("authorization code A1B2C3 approved", ["A1B2C3"]),
    # the answers to security questions
    ("my mom's maiden name is Kowalski and my DOB", ["Kowalski"]),
    ("Mother's maiden name: De La Cruz.", ["De La Cruz"]),
    ("Caller verified with mother's maiden name and DOB.", []),   # goes on to something else
    ("security answer: fluffy", ["fluffy"]),
    ("memorable word was Rosebud1", ["Rosebud1"]),
    ("Security answer: correct. Maiden name not on file.", []),  # what became of them
    # what is said of a password, or a pin that is no PIN
    ("I forgot my password, can you reset it?", []),
    ("My password is wrong again.", []),
    ("Password reset link sent.", []),
    ("The verification code was sent to your phone.", []),
    ("Unplug pin 2 of the connector; pin 12 on the chart.", []),
    # a code read back in a chat, and a code in two groups of three as apps show it
    ("the code you sent was 772 019 but it expired", ["772 019"]),
    ("code u texted me: 448120", ["448120"]),
    ("verification code: 482 913", ["482 913"]),
    ("verification code 123 456 7890; the code you sent was wrong", []),
    # a PIN asked for, then given in the customer's turn
    ("Agent: and the PIN? Customer: 8820", ["8820"]),
    ("Agent: PIN reset? Customer: yes; Agent: your PIN. Customer: 1234", []),
    # the code that opens a home, read to a carer or a crew
    ("from 27 Harrow Lane, key safe code 1966, wife at home", ["1966"]),
    ("door code is 4471#; keysafe code: 0290", ["0290", "4471"]),
    ("door code red; the gate code changed in 2024; key safe code 12", []),
])
# fmt: on
def test_credential_recognizer(text, expected):
    assert matched_texts(CredentialRecognizer(), text) == expected


def test_a_card_security_code_is_replaced_in_a_chat(detector):
    """PCI DSS forbids keeping a card's security code once the payment is authorised."""
    text = "Customer: card 4111 1111 1111 1111, exp 09/27, CVV 123, PIN 4921."
    findings = detector.detect([text]).findings[0]
    found = {(f.entity, text[f.start:f.end]) for f in findings}
    assert {("CREDIT_CARD", "4111 1111 1111 1111"), ("CREDENTIAL", "123"),
            ("CREDENTIAL", "4921")} <= found
