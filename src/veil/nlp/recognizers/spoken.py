"""Numbers spoken digit by digit, as a call's transcript writes them: `four one one one, one one
one one, ...`, `oh seven seven double oh nine`.

A speech-to-text transcript of a support call spells out what a caller reads from a card or a
letter, and no pattern for digits sees it. A run of six digit words or more (`oh` and `o` for
zero, `double` and `triple` before a digit) is read as its digits: thirteen to nineteen that
pass Luhn's check are a card's number; otherwise the words before the run say what it is (a
card, a phone, a social security number, an account, or another number of the caller's), and
a run nothing names stays, as a count read out is no identifier.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import ScoredRecognizer

__all__ = ["SpokenNumberRecognizer", "spoken_digits"]

_DIGITS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
           "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_DIGIT = "(?:" + "|".join(sorted(_DIGITS, key=len, reverse=True)) + ")"
_WORD = rf"(?:(?:double|triple)\s+)?{_DIGIT}"
#: Six digit words or more, apart by spaces, commas, points or dashes.
_RUN = re.compile(rf"\b{_WORD}(?:[\s,.-]+{_WORD}){{5,}}\b", re.IGNORECASE)
_TOKEN = re.compile(rf"(?P<times>double|triple)?\s*(?P<digit>{_DIGIT})\b", re.IGNORECASE)
#: What the words before a run say it is, nearest first: (regex, entity, digits allowed).
_NAMED = (
    (re.compile(r"\b(?:card|visa|mastercard|amex)\b", re.IGNORECASE), "CREDIT_CARD", (12, 19)),
    (re.compile(r"\b(?:social(?:\s+security)?|ssn)\b", re.IGNORECASE), "US_SSN", (9, 9)),
    (re.compile(r"\b(?:phone|mobile|cell|landline|call\s+me|text\s+me|reach\s+me|whatsapp)\b",
                re.IGNORECASE), "PHONE_NUMBER", (7, 15)),
    (re.compile(r"\b(?:account|acct|routing|sort\s+code|iban)\b", re.IGNORECASE),
     "US_BANK_NUMBER", (6, 34)),
    (re.compile(r"\b(?:number|no|reference|ref|member|policy|id|membership|claim|case)\b",
                re.IGNORECASE), "CASE_REFERENCE", (6, 20)),
)
_COUNTED = tuple(word for word in _DIGITS if len(word) > 1)
#: How far before a run its label may stand (`my card number is ...`).
_LABEL_REACH = 40


def spoken_digits(words: str) -> str:
    """The digits a run of spoken digit words says (`oh seven double one` -> `0711`)."""
    digits = []
    for token in _TOKEN.finditer(words):
        times = {"double": 2, "triple": 3}.get((token["times"] or "").lower(), 1)
        digits.append(_DIGITS[token["digit"].lower()] * times)
    return "".join(digits)


class SpokenNumberRecognizer(ScoredRecognizer):
    """Card, phone, social security, account and reference numbers spoken digit by digit."""

    SCORE = 0.85
    ENTITIES = ("CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "US_BANK_NUMBER", "CASE_REFERENCE")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        # most texts hold a digit's word or two (`phone`, `someone`): counting them at C speed
        # rules those out before the run's regex, which `re` tries at every position (25 µs a
        # note); four, as a run's `o` for zero is not counted
        lowered = text.lower()
        if sum(map(lowered.count, _COUNTED)) < 4:
            return []
        results = []
        for run in _RUN.finditer(text):
            entity = _entity(text, run.start(), spoken_digits(run.group()))
            if entity is not None:
                results.append(self._result(entity, run.start(), run.end()))
        return results


def _entity(text: str, start: int, digits: str) -> str | None:
    if 13 <= len(digits) <= 19 and validators.luhn(digits):
        return "CREDIT_CARD"
    before = text[max(0, start - _LABEL_REACH):start]
    named = [(match.end(), entity, bounds) for pattern, entity, bounds in _NAMED
             for match in pattern.finditer(before)]
    if not named:
        return None
    _, entity, (fewest, most) = max(named)  # the nearest label names it
    return entity if fewest <= len(digits) <= most else None
