"""Secrets a customer gives away in a support chat: passwords, PINs, card security codes,
one-time codes and the answers to security questions, known by their label (`my PIN is 4921`,
`CVV: 123`, `password hunter2!`, `mother's maiden name is Kowalski`).

None identifies a person, but each opens an account, and PCI DSS forbids keeping a card's
security code at all once the payment is authorised: a training set must not hold one. After
`:` or `=` a password is any word but one that says what became of it (`password: sunshine`,
not `Password: reset`); in a sentence it must hold a digit or a sign (`my password is
hunter2`, not `my password is wrong`).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import AnyOf, KeywordGate, VeilPatternRecognizer

__all__ = ["CredentialRecognizer"]

#: A one-time code: letters and digits, or six digits in two groups as apps show them
#: (`772 019`).
_ONE_TIME_CODE = r"(?P<value>\d{3}[ -]\d{3}(?![ -]?\d)|(?=[a-z]*\d)[a-z0-9]{4,10}\b)"
_CODE_SENT = "one-time code (read back)"
#: Between a label and its value: `number is`, `code:`, `no. #`.
_SAID = r"\s*(?:(?:number|no\.?|code)\s*)?(?:(?:is|was)\s*:?\s*|[:=#]\s*)?"
#: A value ends at a space, or at the sentence's punctuation before one.
_ENDS = r"(?=[.,;!?)\"']*(?:\s|$))"
_LETTERS_ONLY = re.compile(r"[^\W\d_]+")
_PASSWORD_LABEL = r"\b(?:password|passcode|passphrase|passwd|pwd)"
_PASSWORD_VALUE = rf"(?P<value>[^\s\"'<>]{{4,64}}?){_ENDS}"
_PASSWORD_GIVEN = "password (after : or =)"
_PASSWORD_SAID = "password (in a sentence)"
_SECURITY_ANSWER = "security answer (labelled)"
#: One word, and the capitalised words after it (`Kowalski`, `De La Cruz`, `fluffy`).
_ANSWER_VALUE = r"(?P<value>[^\s.,;!?\"'()]{2,40}(?:\s+(?-i:[A-Z])[^\s.,;!?\"'()]{1,30}){0,2})"
#: What a form or an agent says of a password or an answer after its label, rather than it,
#: and the words that go on to something else (`verified with maiden name and DOB`).
_PASSWORD_STATES = frozenset("""
reset changed change required expired incorrect wrong invalid updated sent none same forgotten
locked blocked unknown hidden redacted protected missing needed pending correct verified
confirmed accepted rejected provided given matched not on n/a
and or but & of for to with as via at then plus
""".split())


class CredentialRecognizer(VeilPatternRecognizer):
    ENTITY = "CREDENTIAL"
    PATTERNS = [
        Pattern(_PASSWORD_GIVEN, rf"{_PASSWORD_LABEL}\s*(?:(?:is|was)\s*)?[:=]\s*{_PASSWORD_VALUE}",
                0.85),
        Pattern(_PASSWORD_SAID, rf"{_PASSWORD_LABEL}(?:\s+(?:is|was))?\s+{_PASSWORD_VALUE}", 0.85),
        # `PIN` in capitals, or `pin` before what says a number follows (`pin 2 of the plug`)
        Pattern("PIN (labelled)",
                rf"\b(?:(?-i:PIN)|pin(?=\s*(?:code|number|no\b|is\b|was\b|[:=#]))){_SAID}"
                r"(?P<value>\d{4,8})\b", 0.85),
        Pattern("card security code (labelled)",
                r"\b(?:cvv2?|cvc2?|cvn|csc|card\s+security\s+code|security\s+code"
                rf"|card\s+verification\s+(?:value|code|number)){_SAID}(?P<value>\d{{3,4}})\b",
                0.85),
        Pattern(_SECURITY_ANSWER,
                r"\b(?:(?:security|secret)\s+(?:question\s+)?answer|memorable\s+(?:word|answer"
                r"|information|info|place|name|date)|maiden\s+name|answer\s+to\s+(?:my|the)"
                r"\s+security\s+question)(?:\s+(?:is|was))?\s*[:=]?\s*" + _ANSWER_VALUE, 0.85),
        Pattern("one-time code (labelled)",
                r"\b(?:one[- ]time\s+(?:pass(?:word|code)|code|pin)|otp|2fa\s+code|sms\s+code"
                r"|verification\s+code|auth(?:entication|orization)?\s+code|access\s+code)"
                rf"{_SAID}{_ONE_TIME_CODE}", 0.85),
        # a PIN asked for in one turn of a chat and given in the customer's next (`Agent: and
        # the PIN? Customer: 8820`)
        Pattern("PIN (answered)",
                r"\b(?:PIN|passcode)\b[^.?!\n]{0,20}\?\s*(?:customer|caller|client|member|user"
                r"|cust)\s*:\s*(?P<value>\d{4,8})\b", 0.85),
        # the code that opens a home, read to a carer or a crew (`key safe code 1966`)
        Pattern("door or key safe code (labelled)",
                r"\b(?:key\s*safe|keysafe|lock\s*box|lockbox|door|gate|entry|alarm|keypad)"
                rf"\s+code{_SAID}(?P<value>\d{{4,8}})(?![\w-])", 0.85),
        # the code a customer was sent, read back in a chat (`the code you sent was 772 019`)
        Pattern(_CODE_SENT,
                r"\bcode\s+(?:you|u|they|we|i)\s+(?:just\s+)?(?:sent|texted|emailed|got|received)"
                rf"(?:\s+(?:me|us))?(?:\s+(?:is|was))?\s*[:=]?\s*{_ONE_TIME_CODE}", 0.85),
    ]
    GATES = {
        _PASSWORD_GIVEN: "pass|pwd", _PASSWORD_SAID: "pass|pwd",
        "PIN (labelled)": "pin",
        # the words looked up first, with every gate's: a regex alone is tried at every place
        "PIN (answered)": KeywordGate((("pin", "passcode"), r"(?:{words})\b[^.?!\n]{{0,20}}\?")),
        "door or key safe code (labelled)": KeywordGate(
            (("code",), r"(?:safe|box|door|gate|entry|alarm|keypad)\s+code")),
        "card security code (labelled)": AnyOf("cv", "csc", "security"),
        "one-time code (labelled)": "time|otp|2fa|sms|verification|auth|access",
        _CODE_SENT: r"code\s+(?:you|u|they|we|i)\s",
        _SECURITY_ANSWER: AnyOf("answer", "memorable", "maiden"),
    }

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return _a_secret(text[start:end], pattern_name)


def _a_secret(value: str, pattern: str) -> bool:
    """Whether a password's or an answer's `value` is one, not what became of it."""
    if pattern == _PASSWORD_SAID:
        return _LETTERS_ONLY.fullmatch(value) is None
    if pattern in (_PASSWORD_GIVEN, _SECURITY_ANSWER):
        return value.split()[0].lower() not in _PASSWORD_STATES
    return True
