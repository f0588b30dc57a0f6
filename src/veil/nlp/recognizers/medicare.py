"""Medicare Beneficiary Identifiers (MBI): 11 characters in the CMS position pattern."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

_A = "[ACDEFGHJKMNPQRTUVWXY]"  # letters CMS uses: no S, L, O, I, B, Z
_AN = "[0-9ACDEFGHJKMNPQRTUVWXY]"


class MbiRecognizer(VeilPatternRecognizer):
    """`1EG4-TE5-MK73`: digit, letter, alnum, digit, letter, alnum, digit, 2 letters, 2 digits."""

    ENTITY = "US_MBI"
    PATTERNS = [
        Pattern("MBI (dashed)", rf"\b[1-9]{_A}{_AN}\d-{_A}{_AN}\d-{_A}{{2}}\d{{2}}\b", 0.6),
        Pattern("MBI", rf"\b[1-9]{_A}{_AN}\d{_A}{_AN}\d{_A}{{2}}\d{{2}}\b", 0.45),
    ]
    CONTEXT = ["medicare", "mbi", "beneficiary", "cms", "hicn"]
    GATES = {"MBI (dashed)": rf"-{_A.lower()}{_AN.lower()}\d-", "MBI": DigitRunGate(2)}
    FLAGS = 0
