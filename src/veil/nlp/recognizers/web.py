"""Email addresses, URLs and IP addresses with regexes cheap enough for the hot path.

Presidio's URL pattern alternates over every top-level domain and cost more per text than all
other recognizers together; its IPv6 pattern is nearly as heavy. veil finds candidates with
short patterns and lets a real parser decide: tldextract's bundled suffix list for domains
(offline, no download), the `ipaddress` module for IPs.

An address spelt out to keep it from robots (`john.smith at gmail dot com`, `k.lee (at)
uni-bonn (dot) de`, `ann.lee @ gmail . com`) is one too: a chat or a web form's free text
holds it as often. Its domain must end in a public suffix. One with a bracketed `at`, a `dot`
spelt out, a spaced `@` or point, or a dot, digit or `_` in its local part scores as an
address does; `jsmith at example.com` may be prose, and scores under the threshold unless a
word such as `email` comes before it.
"""

from __future__ import annotations

import functools
import ipaddress
import re

import tldextract
from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer, fold_case

__all__ = ["EmailAddressRecognizer", "IpAddressRecognizer", "SpeltOutEmailRecognizer",
           "WebUrlRecognizer", "offline_tld_extractor"]

_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"

_HOSTS_CACHED = 4096


@functools.cache
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: no download, no cache directory.

    One per process, with its suffix tree built at once: tldextract builds it on first use
    (60 ms), which each of three recognizers did in each worker process; built here, before
    the workers are forked, they share it.
    """
    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    extractor("example.com")
    return extractor


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

    def find(self, text, folded, passed, ascii_only=False):
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
            for found in super().find(window, "", passed, ascii_only):  # no gates
                found.start += start
                found.end += start
                end = max(end, found.end)
                results.append(found)
            at = text.find("@", at + 1)
        return results

    def validate_result(self, pattern_text: str) -> bool:
        return self._has_public_suffix(pattern_text.rsplit("@", 1)[-1])


def _bracketed(word: str) -> str:
    return r"[(\[{<]\s*" + word + r"\s*[)\]}>]"


_SPELT_AT = r"(?:\s*" + _bracketed("at") + r"\s*|\s+at\s+|\s+@\s*|@\s+)"
# A point with a space on each side (`gmail . com`) is one too; with a space after it
# only, it ends a sentence (`at work. It`).
_SPELT_DOT = r"(?:\s*" + _bracketed("dot") + r"\s*|\s+dot\s+|\s+\.\s+|\.)"
_ADDRESS_PART = r"[a-z0-9](?:[\w+-]{0,62}[a-z0-9])?"
_SPELT_LOCAL = rf"{_ADDRESS_PART}(?:{_SPELT_DOT}{_ADDRESS_PART}){{0,4}}"
_SPELT_DOMAIN = rf"{_ADDRESS_PART}(?:{_SPELT_DOT}{_ADDRESS_PART}){{1,4}}(?![\w@-]|\.\w)"
#: The whole address, as the recognizer's pattern declares it; `find` looks from each `at`.
_SPELT_EMAIL = (rf"(?<![\w.@+-])(?P<local>{_SPELT_LOCAL}){_SPELT_AT}"
                rf"(?P<domain>{_SPELT_DOMAIN})")
#: A bracketed `at`, looked for only in a text that holds one of `_BRACKETS_OPEN` + `at`.
_BRACKETED_AT = re.compile(r"[(\[{<]\s*at\s*[)\]}>]")
_BRACKETS_OPEN = "([{<"
_DOMAIN_HERE = re.compile(_SPELT_DOMAIN, re.IGNORECASE)
_LOCAL_ENDING_HERE = re.compile(rf"(?<![\w.@+-]){_SPELT_LOCAL}\Z", re.IGNORECASE)
_DOTS = re.compile(_SPELT_DOT, re.IGNORECASE)
_SPELT_WORDS = re.compile(r"[(\[{<]\s*(?:at|dot)\s*[)\]}>]|\sdot\s|\s[.@]|@\s", re.IGNORECASE)
_LOCAL_REACH = 330  # five parts of 64 and the dots between them


class SpeltOutEmailRecognizer(_DomainChecked):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [Pattern("email (spelt out)", _SPELT_EMAIL, 0.6)]
    CONTEXT = EmailAddressRecognizer.CONTEXT
    PROSE_SCORE = 0.3  # `name at example.com`: the context word decides

    def find(self, text, folded, passed, ascii_only=False):
        # Scanning the whole text for a local part cost as much as three recognizers: only
        # the words around each `at` can hold an address, tried domain first (rarely there).
        results = []
        for at_start, at_end in _at_words(folded or fold_case(text)):
            after = at_end
            while after < len(text) and text[after].isspace():
                after += 1
            domain = _DOMAIN_HERE.match(text, after)
            if domain is None:
                continue
            before = at_start
            while before > 0 and text[before - 1].isspace():
                before -= 1
            local = _LOCAL_ENDING_HERE.search(text, max(0, before - _LOCAL_REACH), before)
            if local is None:
                continue
            score = self._address_score(local.group(), domain.group(),
                                        text[local.start():domain.end()])
            if score > 0:
                results.append(self.result(local.start(), domain.end(), score,
                                           self.patterns[0].name))
        return results

    def _address_score(self, local: str, domain: str, whole: str) -> float:
        """The score of an address found as `local` part, `domain` and the `whole` of it."""
        if not self._has_public_suffix(_DOTS.sub(".", domain)):
            return 0.0
        spelt = _SPELT_WORDS.search(whole) is not None or re.search(r"[.\d_]", local) is not None
        return self.patterns[0].score if spelt else self.PROSE_SCORE


def _at_words(folded: str) -> list[tuple[int, int]]:
    """Where `at` stands as a word (between spaces) or bracketed (`(at)`), or `@` with a space
    beside it (`ann.lee @ gmail.com`, which the plain pattern does not take), in the lower-cased
    text: found with `str.find`, which costs a tenth of a regex over every position."""
    found = []
    at = folded.find("@")
    while at >= 0:
        if folded[at - 1:at].isspace() or folded[at + 1:at + 2].isspace():
            found.append((at, at + 1))
        at = folded.find("@", at + 1)
    for space in " \n\t":
        at = folded.find(space + "at")
        while at >= 0:
            if folded[at + 3:at + 4].isspace():
                found.append((at + 1, at + 3))
            at = folded.find(space + "at", at + 3)
    if any(opening + "at" in folded or opening + " at" in folded for opening in _BRACKETS_OPEN):
        found += [match.span() for match in _BRACKETED_AT.finditer(folded)]
    return sorted(found)


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
