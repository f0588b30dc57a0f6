from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.username import UsernameRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("my username is jdoe_1985 and password hunter2", ["jdoe_1985"]),
    ("User ID: mlopez", ["mlopez"]),
    ("login: k.tanaka, reset sent", ["k.tanaka"]),
    ("screen name @gamer42 on the forum", ["@gamer42"]),
    ("userid=ann.lee.", ["ann.lee"]),                    # the sentence's point is not in it
    # what is said of a username
    ("my username is wrong", []),
    ("Login failed twice; user id required.", []),
    ("the login page is slow", []),
])
# fmt: on
def test_username_recognizer(text, expected):
    assert matched_texts(UsernameRecognizer(), text) == expected
