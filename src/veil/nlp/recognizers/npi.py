"""US National Provider Identifiers: 10 digits, Luhn check over the `80840` prefix (CMS)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer


class NpiRecognizer(VeilPatternRecognizer):
    """A valid check digit alone is one chance in ten, so a bare number needs context."""

    ENTITY = "US_NPI"
    PATTERNS = [
        Pattern("NPI (labelled)", r"\bNPI\s*(?:number|no\.?|#)?\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>[12]\d{3}[ -]?\d{3}[ -]?\d{3})\b", 0.95),
        Pattern("NPI (bare)", r"\b[12]\d{9}\b", 0.3),
    ]
    CONTEXT = ["npi", "provider", "prescriber", "physician", "taxonomy"]
    GATES = {"NPI (labelled)": "npi", "NPI (bare)": DigitRunGate(10)}
    VALIDATED_SCORE = 0.3

    def validate_result(self, pattern_text: str) -> bool:
        return validators.npi(pattern_text)
