"""US DEA registration numbers: registrant letter, name letter, 7 digits with a check digit."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer


class UsDeaRecognizer(VeilPatternRecognizer):
    """`DEA AB1234563`; the checksum ((d1+d3+d5) + 2(d2+d4+d6)) mod 10 must equal d7."""

    ENTITY = "US_DEA"
    PATTERNS = [Pattern("DEA number", r"\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b", 0.6)]
    CONTEXT = ["dea", "registration", "prescriber", "controlled", "schedule"]
    FLAGS = 0  # registrant letters are upper case
    GATES = {"DEA number": DigitRunGate(7)}
    VALIDATED_SCORE = 0.6

    def validate_result(self, pattern_text: str) -> bool:
        return validators.dea(pattern_text)
