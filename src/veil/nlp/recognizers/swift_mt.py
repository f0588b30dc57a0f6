"""The parties and references of a SWIFT MT payment message (MT103, MT202), by field tag.

Banks keep payments, investigations and sanctions alerts as the message's text block:
`:20:FT24323KX91`, `:50K:/DE89370400440532013000` then `HANS MUELLER` and his address,
`:57A:BNPAFRPPXXX`, `:59:/FR14...` then the beneficiary. The tag says what a value is: nothing
in `HANS MUELLER` on a line of its own does. Read are the references (20, 21), the ordering
customer and the beneficiary (50A/F/K, 59/59A/F: the account after `/`, then the name and the
address lines; in the F option each line numbered, `1/` the name, `2/` the address, `3/` the
country and town) and the banks' identifier codes (51A-58A). Remittance information (70) and
sender-to-receiver notes (72) are free text, left to the other recognizers. A message
flattened onto one line (fields apart by spaces) keeps its tags; its party's account, then
everything up to the next tag, is read as the name.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import FieldRecognizer
from veil.nlp.recognizers.swift import BIC

__all__ = ["SwiftMessageRecognizer"]

#: A field's tag, at a line's start or after a space or a block's brace: `:50K:`.
_TAG = re.compile(r"(?:^|(?<=[\s{}])):(\d{2}[A-Z]?):", re.MULTILINE)
_REFERENCES = frozenset({"20", "21"})
_PARTIES = frozenset({"50A", "50F", "50K", "59", "59A", "59F"})
_BANKS = frozenset({"51A", "52A", "53A", "54A", "55A", "56A", "57A", "58A"})
#: The tags a message has that free text seldom has together: two of them make one.
_MESSAGE_TAGS = _REFERENCES | _PARTIES | _BANKS | {"23B", "32A", "33B", "71A"}
_BIC = re.compile(BIC)
#: A structured party's numbered line: `1/` name, `2/` address, `3/` country and town.
_NUMBERED = {"1": "PERSON", "2": "STREET_ADDRESS", "3": "LOCATION"}
_LINE = re.compile(r"[^\r\n]+")
_WORD_OR_DIGIT = re.compile(r"\w")


class SwiftMessageRecognizer(FieldRecognizer):
    """References, accounts, names, addresses and bank codes in a SWIFT MT message, by tag."""

    ENTITIES = ("CASE_REFERENCE", "IBAN_CODE", "US_BANK_NUMBER", "PERSON", "STREET_ADDRESS",
                "LOCATION", "SWIFT_CODE")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if ":20:" not in text and ":59" not in text and ":50" not in text:
            return []  # most texts: no message can be there
        tags = list(_TAG.finditer(text))
        if sum(tag.group(1) in _MESSAGE_TAGS for tag in tags) < 2:
            return []
        results: list[RecognizerResult] = []
        for index, tag in enumerate(tags):
            end = tags[index + 1].start() if index + 1 < len(tags) else len(text)
            code = tag.group(1)
            lines = [(line.start(), line.end()) for line in _LINE.finditer(text, tag.end(), end)]
            lines = [(a, b) for a, b in (_stripped(text, a, b) for a, b in lines) if a < b]
            if not lines:
                continue
            if code in _REFERENCES:
                start, stop = lines[0]
                if any(char.isdigit() for char in text[start:stop]):
                    results.append(self._result("CASE_REFERENCE", start, stop))
            elif code in _PARTIES:
                results.extend(self._party(text, code, lines))
            elif code in _BANKS:
                results.extend(self._bics(text, lines))
        return results

    def _party(self, text: str, code: str, lines: list[tuple[int, int]]) -> list[RecognizerResult]:
        results = []
        first_start, first_stop = lines[0]
        if text.startswith("/", first_start):
            account_end = text.find(" ", first_start, first_stop)
            account_end = first_stop if account_end < 0 else account_end
            results.append(self._account(text, first_start + 1, account_end))
            rest = _stripped(text, account_end, first_stop)
            lines = ([rest] if rest[0] < rest[1] else []) + lines[1:]
        if code.endswith("A"):  # the party's bank code after its account
            return results + self._bics(text, lines)
        for number, (start, stop) in enumerate(lines):
            prefix = text[start:start + 2]
            if code.endswith("F") and prefix[:1] in _NUMBERED and prefix[1:] == "/":
                results.append(self._result(_NUMBERED[prefix[0]], start + 2, stop))
            elif _WORD_OR_DIGIT.search(text, start, stop):
                results.append(self._result("PERSON" if number == 0 else "STREET_ADDRESS",
                                            start, stop))
        return results

    def _account(self, text: str, start: int, stop: int) -> RecognizerResult:
        entity = "IBAN_CODE" if validators.mod97(text[start:stop]) else "US_BANK_NUMBER"
        return self._result(entity, start, stop)

    def _bics(self, text: str, lines: list[tuple[int, int]]) -> list[RecognizerResult]:
        return [self._result("SWIFT_CODE", *found.span())
                for start, stop in lines
                for found in [_BIC.fullmatch(text, *_after_party(text, start, stop))]
                if found is not None]


def _stripped(text: str, start: int, stop: int) -> tuple[int, int]:
    """(start, stop) without the spaces at either end (nor a block's closing `-}`)."""
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in "-}"):
        stop -= 1
    while start < stop and text[start].isspace():
        start += 1
    return start, stop


def _after_party(text: str, start: int, stop: int) -> tuple[int, int]:
    """A bank field's line past the party identifier a flattened message puts before the code
    (`/123456 BNPAFRPPXXX`)."""
    if text.startswith("/", start):
        space = text.find(" ", start, stop)
        if space >= 0:
            return _stripped(text, space, stop)
    return start, stop
