"""Email addresses: Presidio's recognizer, with its domain check kept offline and deterministic."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer as PresidioEmailRecognizer

__all__ = ["EmailRecognizer", "offline_tld_extractor"]


def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: no download, no cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class EmailRecognizer(PresidioEmailRecognizer):
    """Presidio's patterns and context; the TLD check uses the bundled snapshot."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self._extract = offline_tld_extractor()

    def validate_result(self, pattern_text: str) -> bool:
        return self._extract(pattern_text).fqdn != ""
