from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts, matches

from veil.nlp.recognizers.web import (
    EmailAddressRecognizer,
    IpAddressRecognizer,
    SpeltOutEmailRecognizer,
    WebUrlRecognizer,
)


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (EmailAddressRecognizer, "mail a.b@example.co.uk now", ["a.b@example.co.uk"]),
    (EmailAddressRecognizer, "user@localhost", []),                       # no public suffix
    (EmailAddressRecognizer, "no at sign here", []),
    (EmailAddressRecognizer, "a@example.com, b@example.org then @ c@example.net",  # each once
     ["a@example.com", "b@example.org", "c@example.net"]),
    (WebUrlRecognizer, "see https://example.com/a?b=1 now", ["https://example.com/a?b=1"]),
    (WebUrlRecognizer, "visit example.org.", ["example.org"]),
    (WebUrlRecognizer, "open file.txt", []),                          # txt is no suffix
    (IpAddressRecognizer, "login from 10.0.0.1", ["10.0.0.1"]),
    (IpAddressRecognizer, "2001:db8::ff00:42:8329", ["2001:db8::ff00:42:8329"]),
    (IpAddressRecognizer, "version 256.1.1.1", []),                       # not an address
    (IpAddressRecognizer, "v1.2.3.4.5", []),
])
# fmt: on
def test_web_recognizers(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Email: john.smith at gmail dot com", [("john.smith at gmail dot com", 0.6)]),
    ("reach me at jsmith [at] example [dot] org", [("jsmith [at] example [dot] org", 0.6)]),
    ("my email is maria.lopez(at)hotmail.com", [("maria.lopez(at)hotmail.com", 0.6)]),
    ("john dot smith at gmail dot com", [("john dot smith at gmail dot com", 0.6)]),
    ("reply to k.lee (at) uni-bonn (dot) de please", [("k.lee (at) uni-bonn (dot) de", 0.6)]),
    ("j_doe99 at yahoo.co.uk, thanks", [("j_doe99 at yahoo.co.uk", 0.6)]),
    # `@` or points spaced out: no plain address, but no prose either
    ("send it to ann.lee @ gmail . com please", [("ann.lee @ gmail . com", 0.6)]),
    ("ann.lee @gmail.com", [("ann.lee @gmail.com", 0.6)]),
    ("ann.lee@ gmail.com", [("ann.lee@ gmail.com", 0.6)]),
    ("k . lee @ uni-bonn . de", [("k . lee @ uni-bonn . de", 0.6)]),
    ("I'm at work. It is busy", []),                   # a sentence's end is no spaced point
    ("meet at home . Then at 10", []),                 # `home.then`: no public suffix
    ("3 boxes @ 4.50 each", []),
    # may be prose: under the threshold, so a word such as `email` before it decides
    ("jsmith at example.com", [("jsmith at example.com", 0.3)]),
    ("meet at home. Then at 10.30 at the clinic", []),
    ("seen at St. Mary's", []),
    ("call me at 555 dot 0142", []),                    # no public suffix
])
# fmt: on
def test_spelt_out_email(text, expected):
    assert matches(SpeltOutEmailRecognizer(), text) == expected


def test_spelt_out_email_in_prose_is_found_after_a_word_for_an_address(found):
    assert found("My email is jsmith at example.com, thanks.") == [
        ("EMAIL_ADDRESS", "jsmith at example.com")]


def test_email_check_never_downloads(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        msg = "network access"
        raise AssertionError(msg)

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert matched_texts(EmailAddressRecognizer(), "x@example.com") == ["x@example.com"]


def test_web_recognizers_share_one_suffix_tree():
    # built once per process (60 ms each), before detection forks its workers
    extractors = {id(cls()._extract) for cls in (EmailAddressRecognizer, SpeltOutEmailRecognizer,
                                                 WebUrlRecognizer)}
    assert len(extractors) == 1
