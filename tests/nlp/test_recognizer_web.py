from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.web import EmailAddressRecognizer, IpAddressRecognizer, WebUrlRecognizer


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


def test_email_check_never_downloads(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        msg = "network access"
        raise AssertionError(msg)

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert matched_texts(EmailAddressRecognizer(), "x@example.com") == ["x@example.com"]
