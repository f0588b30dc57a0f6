from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.username import UsernameRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("my username is jdoe_1985 and password hunter2", ["jdoe_1985"]),
    ("User ID: mlopez", ["mlopez"]),
    ("login: k.tanaka, reset sent", ["k.tanaka"]),
    # a log's field names (`user_id=`, `login_name:`)
    ("INFO login ok user_id=mwilson42 ip=203.0.113.77; login_name: k.tan", ["k.tan", "mwilson42"]),
    # the account a helpdesk's request acts on, when no word could be it
    ("Helpdesk: reset MFA for a.kowalski (anna@x.com); unlocked account for jsmith2.",
     ["a.kowalski", "jsmith2"]),
    ("reset password for the user; disable access for contractors; reset MFA for 2024-01-02", []),
    ("screen name @gamer42 on the forum", ["@gamer42"]),
    ("userid=ann.lee.", ["ann.lee"]),                    # the sentence's point is not in it
    ("my IG is jsmith_89, insta: jsmith", ["jsmith", "jsmith_89"]),
    ("twitter handle jdoe85", ["jdoe85"]),
    # handles, which need no label
    ("dm me @jsmith_89 or @ann.lee!", ["@ann.lee", "@jsmith_89"]),
    ("mail ann@example.com, see you @ 5pm, a@b", []),   # an email's, a spaced `@`, too short
    # what is said of a username
    ("my username is wrong", []),
    ("Login failed twice; user id required.", []),
    ("the login page is slow", []),
    # a payment app's account
    ("asks refund to PayPal acct jmcallister88.", ["jmcallister88"]),
    ("Cash App jdoe_22; venmo username sam-k-1992", ["jdoe_22", "sam-k-1992"]),
    ("PayPal account is closed", []),
    # a date or a time after `login` is when, not who
    ("last login 2024-11-30 22:14 UTC; login 11/30 at 09:14", []),
    # a log's key and value; `User:` opens a chat's line
    ("INFO login ok user=kpatel82 ip=10.22.4.187; uid=jdoe", ["jdoe", "kpatel82"]),
    ('{"ts":"2024-11-19T08:14:02Z","user":"kpatel88","ip":"10.44.12.7"}', ["kpatel88"]),
    ("User: hi there; the user: hi", []),                  # a chat's line, unquoted
    ("User: hi I need help", []),
])
# fmt: on
def test_username_recognizer(text, expected):
    assert matched_texts(UsernameRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Crypto KYC: user satoshi_fan_88, withdrawal to", ["satoshi_fan_88"]),
    ("user j.smith2 locked out", ["j.smith2"]),
    ("the user account was locked; user 12 of 40; user experience", []),
])
# fmt: on
def test_a_handle_after_user_alone(text, expected):
    assert matched_texts(UsernameRecognizer(), text) == expected


def test_a_username_in_a_json_log():
    text = '{"user_id": "u_88412093", "email": "k.tanaka@icloud.com", "event": "login_failed"}'
    assert matched_texts(UsernameRecognizer(), text) == ["u_88412093"]
