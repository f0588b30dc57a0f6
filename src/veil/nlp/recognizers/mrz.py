"""The machine-readable zone of a passport or an identity card (ICAO 9303), as OCR reads it.

A KYC file keeps the scanned document's text, and its MRZ holds the holder's whole identity in
a shape no other recognizer reads: `P<GBRSMITH<<JOHN<PAUL<<<<...` (the names, `<` between
them) and `5334721407GBR8501019M3001019<<<<...` (the document's number, nationality, date of
birth, sex and expiry, each number followed by its check digit). A number counts only when its
check digit (weights 7, 3, 1) is right, so a run of capitals and digits is none by accident:
the document's number is a PASSPORT (an identity card's too: a travel document's number), the
date of birth a DATE_TIME, the optional personal number a NATIONAL_ID, the names a PERSON.
Passports (two lines of 44), and identity cards of two lines of 36 or three of 30, are read.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from veil.nlp.recognizers._base import FieldRecognizer

__all__ = ["MrzRecognizer", "mrz_check_digit"]

#: The names: a document's kind and issuing state, then surname `<<` given names (`P<GBR`), or
#: the third line of an identity card, names alone.
_NAMES = re.compile(r"(?:(?<![A-Z0-9<])[PVIAC][A-Z<][A-Z<]{3}|^|(?<=\s))"
                    r"(?P<names>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)(?=<|\s|$)", re.MULTILINE)
#: A passport's second line (or a two-line card's): number and check digit, nationality, birth
#: date and check, sex, expiry and check, then a passport's personal number and its check.
_PASSPORT_DATA = re.compile(r"(?<![A-Z0-9<])(?P<number>[A-Z0-9<]{9})(?P<number_check>\d)"
                            r"[A-Z<]{3}(?P<birth>\d{6})(?P<birth_check>\d)[MFX<]\d{6}\d"
                            r"(?:(?P<personal>[A-Z0-9<]{14})(?P<personal_check>[\d<]))?")
#: An identity card's first line (kind, state, number and check digit, optional data) and the
#: start of its second (birth date and check, sex, expiry and check).
_CARD_NUMBER = re.compile(r"(?<![A-Z0-9<])[IAC][A-Z<][A-Z<]{3}(?P<number>[A-Z0-9<]{9})"
                          r"(?P<number_check>\d)")
_CARD_BIRTH = re.compile(r"(?<![A-Z0-9<])(?P<birth>\d{6})(?P<birth_check>\d)[MFX<]\d{6}\d"
                         r"[A-Z<]{3}")
_WEIGHTS = (7, 3, 1)


def mrz_check_digit(field: str) -> int:
    """ICAO 9303's check digit of `field`: digits as such, A-Z as 10-35, `<` as 0, weighted
    7, 3, 1 in turn, mod 10."""
    total = 0
    for index, char in enumerate(field):
        value = 0 if char == "<" else int(char) if char.isdigit() else ord(char) - 55
        total += value * _WEIGHTS[index % 3]
    return total % 10


class MrzRecognizer(FieldRecognizer):
    """Names, document numbers, dates of birth and personal numbers in an MRZ."""

    ENTITIES = ("PERSON", "PASSPORT", "DATE_TIME", "NATIONAL_ID")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if "<<" not in text:  # most texts: no MRZ can be there
            return []
        results: list[RecognizerResult] = []
        data_lines = list(_PASSPORT_DATA.finditer(text))
        for match in [*data_lines, *_CARD_NUMBER.finditer(text)]:
            if _checks(match, "number"):
                results.append(self._trimmed("PASSPORT", match, "number"))
        for match in [*data_lines, *_CARD_BIRTH.finditer(text)]:
            if _checks(match, "birth"):
                results.append(self._result("DATE_TIME", *match.span("birth")))
        for match in data_lines:
            if match["personal"] and match["personal"].strip("<") and _checks(match, "personal"):
                results.append(self._trimmed("NATIONAL_ID", match, "personal"))
        if results:  # the names only beside a number that checks out: `<<` alone says little
            results.extend(self._result("PERSON", *match.span("names"))
                           for match in _NAMES.finditer(text))
        return results

    def _trimmed(self, entity: str, match: re.Match[str], group: str) -> RecognizerResult:
        """The field without the filler `<` after it (`AB1234<<<`)."""
        start, end = match.span(group)
        while end > start and match.string[end - 1] == "<":
            end -= 1
        return self._result(entity, start, end)


def _checks(match: re.Match[str], group: str) -> bool:
    check = match[f"{group}_check"]
    return check.isdigit() and mrz_check_digit(match[group]) == int(check)
