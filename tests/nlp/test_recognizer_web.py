from __future__ import annotations

import pytest

from tests.nlp.conftest import matched_texts
from veil.nlp.recognizers.web import EmailRecognizer, IpRecognizer, UrlRecognizer

# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (EmailRecognizer, "mail a.b@example.co.uk now", ["a.b@example.co.uk"]),
    (EmailRecognizer, "user@localhost", []),                       # no public suffix
    (EmailRecognizer, "no at sign here", []),
    (UrlRecognizer, "see https://example.com/a?b=1 now", ["https://example.com/a?b=1"]),
    (UrlRecognizer, "visit example.org.", ["example.org"]),
    (UrlRecognizer, "open file.txt", []),                          # txt is no suffix
    (IpRecognizer, "login from 10.0.0.1", ["10.0.0.1"]),
    (IpRecognizer, "2001:db8::ff00:42:8329", ["2001:db8::ff00:42:8329"]),
    (IpRecognizer, "version 256.1.1.1", []),                       # not an address
    (IpRecognizer, "v1.2.3.4.5", []),
])
# fmt: on
def test_web_recognizers(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


def test_email_check_never_downloads(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert matched_texts(EmailRecognizer(), "x@example.com") == ["x@example.com"]
