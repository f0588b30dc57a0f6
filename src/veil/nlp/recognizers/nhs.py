"""UK NHS numbers: Presidio's pattern and mod-11 check, but a bare number needs context.

One random 10-digit number in eleven passes the check, and US phone numbers are written in
the same 3-3-4 groups, so without a word such as "NHS" nearby a match stays below threshold.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import NhsRecognizer

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer


class UkNhsRecognizer(VeilPatternRecognizer):
    ENTITY = "UK_NHS"
    PATTERNS = [
        Pattern("NHS (labelled)", r"\bNHS\s*(?:number|no\.?|#)?\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d{3}[- ]?\d{3}[- ]?\d{4})\b", 0.95),
        Pattern("NHS (bare)", r"\b\d{3}[- ]?\d{3}[- ]?\d{4}\b", 0.3),
    ]
    CONTEXT = list(NhsRecognizer.CONTEXT)
    GATES = {"NHS (labelled)": "nhs", "NHS (bare)": DigitRunGate(4)}
    VALIDATED_SCORE = 0.4

    def validate_result(self, pattern_text: str) -> bool:
        digits = validators.digits_only(pattern_text)
        if len(digits) != 10 or not digits.isdigit():
            return False
        total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
        check = 11 - total % 11
        return (0 if check == 11 else check) == int(digits[9])
