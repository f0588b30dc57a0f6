"""US ABA routing numbers: 9 digits with the 3-7-1 weighted checksum and a Federal Reserve prefix.

Presidio ships an ABA recognizer but does not register it by default; veil's keeps the
label ("routing 011000015") out of the span and needs context for a bare number, since one
random 9-digit number in about 25 passes the checksum.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer


class RoutingNumberRecognizer(VeilPatternRecognizer):
    ENTITY = "ABA_ROUTING_NUMBER"
    PATTERNS = [
        Pattern("ABA (labelled)", r"\b(?:routing|ABA|RTN|transit)(?:\s+(?:number|no\.?|#))?\s*"
                r"(?:is\s+|[:#=]\s*)?(?P<value>\d{4}-?\d{4}-?\d)\b", 0.95),
        # `RT` in capitals, as a return notice abbreviates it (`RT 021000021`), and the transit
        # field of a cheque's MICR line as OCR gives it (`⑆042000314⑆`)
        Pattern("ABA after RT or in a MICR line",
                r"(?:\b(?-i:RT|R/T)\s*[:#]?\s*|⑆\s?)(?P<value>\d{9})(?![\d-])", 0.95),
        Pattern("ABA (bare)", r"\b\d{9}\b", 0.3),
        Pattern("ABA (dashed)", r"\b\d{4}-\d{4}-\d\b", 0.3),
    ]
    CONTEXT = ["routing", "aba", "rtn", "transit", "wire", "ach", "bank"]
    GATES = {"ABA (labelled)": "routing|aba|rtn|transit", "ABA (bare)": DigitRunGate(9),
             "ABA after RT or in a MICR line": DigitRunGate(9),
             "ABA (dashed)": r"-\d{4}-\d"}
    VALIDATED_SCORE = 0.3

    def validate_result(self, pattern_text: str) -> bool:
        return validators.aba(pattern_text)
