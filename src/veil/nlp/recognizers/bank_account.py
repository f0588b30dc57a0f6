"""Bank account numbers: a run of digits is anything, so only a label or context makes it one."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer


class BankAccountRecognizer(VeilPatternRecognizer):
    """`account no. 004829113307`, `acct ending 4821`, `checking #55102938`; and the number a
    bank knows its customer by, `customer ID 88231004` (an account number to HIPAA too)."""

    ENTITY = "US_BANK_NUMBER"
    PATTERNS = [
        Pattern("account (labelled)",
                r"\b(?:account|acct|a/c|checking|savings)\.?\s*(?:number|no\.?|num|#)?\s*"
                r"(?:is\s+|ending(?:\s+in)?\s+|[:#=]\s*)?(?P<value>\d[\d-]{2,16}\d)\b", 0.85),
        Pattern("customer number (labelled)",
                r"\b(?:customer|client|cif)\s*(?:id|number|no\.?|num|#)\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d[\d-]{2,16}\d)\b", 0.85),
        Pattern("account (bare)", r"\b\d{8,17}\b", 0.1),
    ]
    CONTEXT = ["account", "acct", "checking", "savings", "deposit", "bank"]
    GATES = {"account (labelled)": "account|acct|a/c|checking|savings",
             "customer number (labelled)": "customer|client|cif",
             "account (bare)": DigitRunGate(8)}
