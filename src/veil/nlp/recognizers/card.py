"""Payment card numbers: 13-19 digits (grouped or not) with a known issuer prefix and Luhn.

Presidio's recognizer predates Mastercard's 2221-2720 range and misses those cards entirely.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

# Visa 4; Mastercard 51-55, 2221-2720; Amex 34/37; Discover 6011, 644-649, 65; Diners 30/36/38;
# JCB 35; UnionPay 62; Maestro 50/56-58/67.
_PREFIX = r"(?:4|5[0-8]|2[2-7]|3[0-8]|6[0-9])"
_GROUPED = rf"\b(?={_PREFIX})\d{{4}}(?:[ -]\d{{4}}){{3}}(?:[ -]\d{{1,3}})?\b"
_AMEX = r"\b3[47]\d{2}[ -]\d{6}[ -]\d{5}\b"
_PLAIN = rf"\b{_PREFIX}\d{{11,17}}\b"


class PaymentCardRecognizer(VeilPatternRecognizer):
    ENTITY = "CREDIT_CARD"
    PATTERNS = [
        Pattern("card (grouped)", _GROUPED, 0.5),
        Pattern("card (Amex grouped)", _AMEX, 0.5),
        Pattern("card", _PLAIN, 0.3),
        # the last four digits, said as such, narrow a card down to a few customers
        Pattern("card (last four)", r"\b(?:card|visa|mastercard|amex|debit|credit)\w*\s+"
                r"(?:number\s+)?(?:ending|ends|that ends)\s+(?:in|with)\s+(?P<value>\d{4})\b", 0.6),
    ]
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "discover", "cc",
               "ending", "expires", "cvv"]
    GATES = {"card (grouped)": DigitRunGate(4), "card (Amex grouped)": DigitRunGate(6),
             "card": DigitRunGate(12), "card (last four)": r"end(?:ing|s)\s+(?:in|with)\s+\d"}

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) == 4:  # last four digits: nothing to check
            return None
        return validators.luhn(pattern_text)
