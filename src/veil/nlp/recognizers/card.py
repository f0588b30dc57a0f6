"""Payment card numbers: 13-19 digits (grouped or not) with a known issuer prefix and Luhn.

Presidio's recognizer predates Mastercard's 2221-2720 range and misses those cards entirely.
A bank account number of 13 or 14 digits passes Luhn one time in ten: said as an account
(`savings account 3008943388843`, `autopay from checking ...`) it is left to the account
recognizer, so the report counts it, and the recipe's operators treat it, as one.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import CUSTOMER_TURN, DigitRunGate, VeilPatternRecognizer

# Visa 4; Mastercard 51-55, 2221-2720; Amex 34/37; Discover 6011, 644-649, 65; Diners 30/36/38;
# JCB 35; UnionPay 62; Maestro 50/56-58/67.
_PREFIX = r"(?:4|5[0-8]|2[2-7]|3[0-8]|6[0-9])"
_GROUPED = rf"\b(?={_PREFIX})\d{{4}}(?:[ -]\d{{4}}){{3}}(?:[ -]\d{{1,3}})?\b"
_AMEX = r"\b3[47]\d{2}[ -]\d{6}[ -]\d{5}\b"
_PLAIN = rf"\b{_PREFIX}\d{{11,17}}\b"
#: Right before a number: it is an account's (`account no. `, `checking: `), not a card's.
_ACCOUNT_LABEL = re.compile(r"\b(?:account|acct|checking|savings)(?:\s+(?:number|no\.?|#))?"
                            r"[\s:#.]*\Z", re.IGNORECASE)
#: Right before 15 digits: a phone's IMEI (or a CDMA phone's MEID), which has Luhn's check
#: digit too and, from `35`, a JCB card's prefix.
_HANDSET_LABEL = re.compile(r"\b(?:IMEI|MEID)(?:\s+(?:number|no\.?|#))?[\s:#.]*\Z", re.IGNORECASE)
_CARD_WORDS = r"(?:card|visa|mastercard|amex|debit|credit)"
_CARD_WORD = re.compile(_CARD_WORDS, re.IGNORECASE)


class PaymentCardRecognizer(VeilPatternRecognizer):
    ENTITY = "CREDIT_CARD"
    PATTERNS = [
        Pattern("card (grouped)", _GROUPED, 0.5),
        Pattern("card (Amex grouped)", _AMEX, 0.5),
        Pattern("card", _PLAIN, 0.3),
        # the last four digits, said as such, narrow a card down to a few customers
        Pattern("card (last four)", rf"\b{_CARD_WORDS}\w*\s+(?:number\s+)?(?:ending|ends|that ends)"
                r"(?:\s+(?:in|with))?\s*:?\s*(?P<value>\d{4})\b", 0.6),
        Pattern("card (last four, said first)", r"\blast\s+(?:four|4)(?:\s+digits)?\s+of\s+"
                rf"(?:my|the|your|his|her)\s+{_CARD_WORDS}\w*(?:\s+card)?\s+(?:are|is|were|was)?"
                r"\s*:?\s*(?P<value>\d{4})\b", 0.6),
        # ... or after the card, in the same clause (`used my card without asking, last 4 are
        # 7731`)
        Pattern("card (last four, after the card)", rf"\b{_CARD_WORDS}\b[^.;?!\n]{{0,40}}?\blast\s+"
                r"(?:four|4)(?:\s+digits)?\s*(?:are|is|were|was|:)\s*(?P<value>\d{4})\b", 0.6),
        # a log's or an export's field for them (`card_last4=0005`, `last4: 4242`)
        Pattern("card (last four, a field)", r"\b(?:card[_-]?)?last[_-]?(?:4|four)\s*[=:]\s*"
                r"[\"']?(?P<value>\d{4})\b", 0.6),
        # asked for in one turn of a chat, given in the customer's next (`agent: can i get the
        # last 4 of the card? cust: 9921`)
        Pattern("card (last four, answered)", r"\blast\s+(?:four|4)(?:\s+digits)?\s+of\s+"
                rf"(?:my|the|your|ur)\s+{_CARD_WORDS}\w*[^.?!\n]{{0,20}}\?\s*"
                rf"{CUSTOMER_TURN}(?P<value>\d{{4}})\b", 0.6),
    ]
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "discover", "cc",
               "ending", "expires", "cvv"]
    GATES = {"card (grouped)": DigitRunGate(4), "card (Amex grouped)": DigitRunGate(6),
             "card": DigitRunGate(12), "card (last four)": r"end(?:ing|s)\b",
             "card (last four, said first)": r"last\s+(?:four|4)",
             "card (last four, after the card)": r"last\s+(?:four|4)",
             "card (last four, answered)": r"last\s+(?:four|4)",
             "card (last four, a field)": r"last[_-]?(?:4|four)\s*[=:]"}

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) == 4:  # last four digits: nothing to check
            return None
        return validators.luhn(pattern_text)

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return not (_said_as_account(text, start, end) or _said_as_handset(text, start, end))


def _said_as_handset(text: str, start: int, end: int) -> bool:
    """15 digits written together right after a phone's IMEI label: the device serial
    recognizer's, so the report counts a device, not a card."""
    return (end - start == 15 and text[start:end].isdigit()
            and _HANDSET_LABEL.search(text, max(0, start - 20), start) is not None)


def _said_as_account(text: str, start: int, end: int) -> bool:
    """13 or 14 digits written together right after an account's label with no card word."""
    if end - start not in (13, 14) or not text[start:end].isdigit():
        return False
    before = text[max(0, start - 40):start]
    return _ACCOUNT_LABEL.search(before) is not None and _CARD_WORD.search(before) is None
