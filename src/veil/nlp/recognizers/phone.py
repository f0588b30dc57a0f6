"""Phone numbers: a cheap regex finds candidates, `phonenumbers` decides.

Presidio's recognizer runs the `phonenumbers` matcher over the whole text once per region
(eight of them); on notes full of IDs that was half of all detection time. veil looks only at
number-shaped candidates and checks each with `phonenumbers` (NANP numbers, or international
ones written with `+`). Presidio scores every phone 0.4, under veil's default threshold,
although the check already demands a plausible number: veil scores it 0.6.
"""

from __future__ import annotations

import phonenumbers
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

_NANP = r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\w)"
_INTERNATIONAL = (r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}"
                  r"(?:[\s.-]?\d{2,5}){1,4}(?!\w)")
_EXTENSION = r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?"


class PhoneNumberRecognizer(VeilPatternRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        Pattern("phone (NANP)", _NANP + _EXTENSION, 0.6),
        Pattern("phone (international)", _INTERNATIONAL + _EXTENSION, 0.6),
    ]
    # Presidio's list less "number", which every "account number" and "routing number" has.
    CONTEXT = [*(w for w in PresidioPhoneRecognizer.CONTEXT if w != "number"),
               "tel", "ph", "fax", "reach", "text", "contact"]
    BARE_DIGITS_SCORE = 0.4  # ten digits without separators may as well be an account or NPI
    GATES = {"phone (NANP)": DigitRunGate(4), "phone (international)": r"\+\d"}

    def validate_result(self, pattern_text: str) -> bool:
        region = None if pattern_text.lstrip().startswith("+") else "US"
        try:
            number = phonenumbers.parse(pattern_text, region)
        except phonenumbers.NumberParseException:
            return False
        if number.country_code == 1:
            national = str(number.national_number)
            return len(national) == 10 and national[0] in "23456789" and national[3] in "23456789"
        return phonenumbers.is_possible_number(number)

    def _score(self, matched: str, score: float) -> float:
        if not self.validate_result(matched):
            return 0.0
        return self.BARE_DIGITS_SCORE if matched.isdigit() else score
