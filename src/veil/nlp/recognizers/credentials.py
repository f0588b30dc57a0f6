"""Secrets a customer gives away in a support chat: passwords, PINs, card security codes and
one-time codes, known by their label (`my PIN is 4921`, `CVV: 123`, `password hunter2!`).

None identifies a person, but each opens an account, and PCI DSS forbids keeping a card's
security code at all once the payment is authorised: a training set must not hold one. A
password counts only when it holds a digit or a sign (`my password is wrong` is no password;
`password: sunshine` is missed).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

__all__ = ["CredentialRecognizer"]

#: Between a label and its value: `number is`, `code:`, `no. #`.
_SAID = r"\s*(?:(?:number|no\.?|code)\s*)?(?:(?:is|was)\s*:?\s*|[:=#]\s*)?"
#: A value ends at a space, or at the sentence's punctuation before one.
_ENDS = r"(?=[.,;!?)\"']*(?:\s|$))"
_LETTERS_ONLY = re.compile(r"[^\W\d_]+")


class CredentialRecognizer(VeilPatternRecognizer):
    ENTITY = "CREDENTIAL"
    PATTERNS = [
        Pattern("password (labelled)",
                r"\b(?:password|passcode|passphrase|passwd|pwd)\s*(?:(?:is|was)\s*:?\s*|[:=]\s*)?"
                rf"(?P<value>[^\s\"'<>]{{4,64}}?){_ENDS}", 0.85),
        # `PIN` in capitals, or `pin` before what says a number follows (`pin 2 of the plug`)
        Pattern("PIN (labelled)",
                rf"\b(?:(?-i:PIN)|pin(?=\s*(?:code|number|no\b|is\b|was\b|[:=#]))){_SAID}"
                r"(?P<value>\d{4,8})\b", 0.85),
        Pattern("card security code (labelled)",
                r"\b(?:cvv2?|cvc2?|cvn|csc|card\s+security\s+code|security\s+code"
                rf"|card\s+verification\s+(?:value|code|number)){_SAID}(?P<value>\d{{3,4}})\b",
                0.85),
        Pattern("one-time code (labelled)",
                r"\b(?:one[- ]time\s+(?:pass(?:word|code)|code|pin)|otp|2fa\s+code|sms\s+code"
                r"|verification\s+code|auth(?:entication|orization)?\s+code|access\s+code)"
                rf"{_SAID}(?P<value>(?=[a-z]*\d)[a-z0-9]{{4,10}})\b", 0.85),
    ]
    GATES = {
        "password (labelled)": "pass|pwd",
        "PIN (labelled)": "pin",
        "card security code (labelled)": "cv|csc|security",
        "one-time code (labelled)": "time|otp|2fa|sms|verification|auth|access",
    }

    def invalidate_result(self, pattern_text: str) -> bool:
        # A word after `password` says what happened to it (`reset`, `wrong`, `expired`).
        return _LETTERS_ONLY.fullmatch(pattern_text) is not None
