"""Email addresses, URLs and IP addresses with regexes cheap enough for the hot path.

Presidio's URL pattern alternates over every top-level domain and cost more per text than all
other recognizers together; its IPv6 pattern is nearly as heavy. veil finds candidates with
short patterns and lets a real parser decide: tldextract's bundled suffix list for domains
(offline, no download), the `ipaddress` module for IPs.
"""

from __future__ import annotations

import ipaddress

import tldextract
from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

__all__ = ["EmailAddressRecognizer", "IpAddressRecognizer", "WebUrlRecognizer",
           "offline_tld_extractor"]

_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"

_HOSTS_CACHED = 4096


def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: no download, no cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class _DomainChecked(VeilPatternRecognizer):
    def __init__(self, supported_language: str = "en", *, name: str | None = None) -> None:
        super().__init__(supported_language, name=name)
        self._extract = offline_tld_extractor()
        self._suffix_checked: dict[str, bool] = {}

    def _has_public_suffix(self, host: str) -> bool:
        known = self._suffix_checked.get(host)
        if known is None:  # tldextract costs more than the regexes: each host is looked up once
            parts = self._extract(host)
            known = bool(parts.suffix) and bool(parts.domain)
            if len(self._suffix_checked) >= _HOSTS_CACHED:
                self._suffix_checked.clear()
            self._suffix_checked[host] = known
        return known


class EmailAddressRecognizer(_DomainChecked):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [Pattern("email", rf"(?<![\w.%+'-])[\w.%+'-]+@{_DOMAIN}\b", 0.6)]
    CONTEXT = ["email", "e-mail", "mail", "contact"]
    VALIDATED_SCORE = 1.0

    def find(self, text, folded, passed):
        # Only the neighbourhood of each "@" can hold an address: scanning every word of the
        # text for a local part cost more than all other web recognizers together.
        results = []
        end = -1
        at = text.find("@")
        while at >= 0:
            if at < end:
                at = text.find("@", at + 1)
                continue
            start = max(0, at - 64, end)
            while start > max(0, end) and not text[start - 1].isspace():
                start -= 1
            window = text[start:min(len(text), at + 256)]
            for found in super().find(window, "", passed):  # no gates
                found.start += start
                found.end += start
                end = max(end, found.end)
                results.append(found)
            at = text.find("@", at + 1)
        return results

    def validate_result(self, pattern_text: str) -> bool:
        return self._has_public_suffix(pattern_text.rsplit("@", 1)[-1])


class WebUrlRecognizer(_DomainChecked):
    ENTITY = "URL"
    PATTERNS = [
        Pattern("URL (scheme)", rf"\bhttps?://{_DOMAIN}(?::\d{{2,5}})?(?:[/?#][^\s<>\"')\]]*)?",
                0.6),
        Pattern("URL (www)", rf"\bwww\.{_DOMAIN}(?:[/?#][^\s<>\"')\]]*)?", 0.6),
        Pattern("URL (bare domain)", rf"(?<![@\w.-]){_DOMAIN}(?:/[^\s<>\"')\]]*)?(?![\w@-])", 0.5),
    ]
    CONTEXT = ["url", "website", "link", "site", "www", "http", "https"]
    GATES = {"URL (scheme)": "://", "URL (www)": r"www\.", "URL (bare domain)": r"\.[a-z]{2}"}
    VALIDATED_SCORE = 0.0  # keep the pattern's score

    def validate_result(self, pattern_text: str) -> bool:
        host = pattern_text.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        return self._has_public_suffix(host)


class IpAddressRecognizer(VeilPatternRecognizer):
    ENTITY = "IP_ADDRESS"
    PATTERNS = [
        Pattern("IPv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?![\d.]*\d)", 0.6),
        Pattern("IPv6", r"(?<![\w:])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
                r"[0-9A-Fa-f:]{2,39}(?![\w:])", 0.6),
    ]
    CONTEXT = ["ip", "ipv4", "ipv6", "address", "login", "host"]
    GATES = {"IPv4": r"\.\d{1,3}\.\d", "IPv6": r":[0-9a-f]{0,4}:"}
    VALIDATED_SCORE = 0.0

    def validate_result(self, pattern_text: str) -> bool:
        try:
            ipaddress.ip_interface(pattern_text)
        except ValueError:
            return False
        return True
