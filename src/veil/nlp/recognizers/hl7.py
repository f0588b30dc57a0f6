"""The identifiers of an HL7 v2 message, by the position of their fields.

Hospital systems exchange admissions, results and orders as HL7 v2 messages, and exports keep
them whole in a column: `PID|1||00482913^^^MRN||DOE^JANE^A||19620415|F|||123 MAIN
ST^^BOSTON^MA^02118`. Nothing in `DOE^JANE^A` or `19620415` says what it is; the segment's
name and the field's place do. The segments that name a person are read: the patient (PID),
next of kin (NK1), the guarantor (GT1), the insured (IN1) and the visit's clinicians and
number (PV1). Fields are split on the separators the message header declares (`MSH|^~\\&`,
the standard ones when there is none); of a name, the family, given and middle names are
replaced, not a title or a degree; of an address, the street, its second line, the town and
the postal code, not the state or the country; of an identifier, the number, not the
authority that issued it or its type code (`^^^MRN`).
"""

from __future__ import annotations

import re
from functools import cache

from presidio_analyzer import RecognizerResult

from veil.nlp.recognizers._base import FieldRecognizer

__all__ = ["Hl7SegmentRecognizer"]

#: What each kind of field holds, and the components of it to replace (1-based).
_NAME = ("PERSON", (1, 2, 3))         # XPN: family ^ given ^ middle ^ suffix ^ prefix ^ degree
_CLINICIAN = ("PERSON", (2, 3, 4))   # XCN: ID ^ family ^ given ^ middle ^ ...
_ID = ("MEDICAL_RECORD_NUMBER", (1,))  # CX: ID ^ check digit ^ scheme ^ authority ^ type code
_DATE = ("DATE_TIME", (1,))
_ADDRESS = ("ADDRESS", (1, 2, 3, 5))  # XAD: street ^ other ^ city ^ state ^ zip ^ country
_PHONE = ("PHONE", ())                 # XTN: any component with digits, or an email address
_PLACE = ("LOCATION", (1,))

#: Segment -> field number -> what it holds (HL7 v2.5 positions, which later versions keep).
_FIELDS: dict[str, dict[int, tuple[str, tuple[int, ...]]]] = {
    "PID": {2: _ID, 3: _ID, 4: _ID, 5: _NAME, 6: _NAME, 7: _DATE, 9: _NAME, 11: _ADDRESS,
            13: _PHONE, 14: _PHONE, 18: _ID, 19: ("US_SSN", (1,)),
            20: ("US_DRIVER_LICENSE", (1,)), 21: _ID, 23: _PLACE, 29: _DATE},
    "NK1": {2: _NAME, 4: _ADDRESS, 5: _PHONE, 6: _PHONE, 30: _NAME, 31: _PHONE, 32: _ADDRESS},
    "GT1": {2: _ID, 3: _NAME, 4: _NAME, 5: _ADDRESS, 6: _PHONE, 7: _PHONE, 8: _DATE,
            12: ("US_SSN", (1,))},
    "IN1": {16: _NAME, 18: _DATE, 19: _ADDRESS, 36: ("HEALTH_PLAN_ID", (1,)),
            49: ("HEALTH_PLAN_ID", (1,))},
    "PV1": {7: _CLINICIAN, 8: _CLINICIAN, 9: _CLINICIAN, 17: _CLINICIAN, 19: _ID},
}
_ADDRESS_PARTS = {1: "STREET_ADDRESS", 2: "STREET_ADDRESS", 3: "LOCATION", 5: "ZIP_CODE"}
#: A segment: its name after a line's start or a space, then the field separator.
_SEGMENT = re.compile(r"(?:^|(?<=[\s\"']))(" + "|".join(_FIELDS) + r")(?=[^\w\s])",
                      re.MULTILINE)
#: The header's separators: field, component, repetition, escape, subcomponent.
_HEADER = re.compile(r"MSH([^\w\s])([^\w\s])([^\w\s])([^\w\s])([^\w\s])?")
#: The segments of ADT, ORU and ORM messages, and sites' own (`Z..`): one after a space ends
#: the segment before it, in a message flattened onto one line (`... PV1|1|I|...`).
_SEGMENT_NAMES = ("MSH|EVN|PID|PD1|NK1|PV1|PV2|DB1|OBR|OBX|ORC|NTE|AL1|DG1|DRG|PR1|GT1|IN1|IN2"
                  "|IN3|ROL|ACC|UB1|UB2|MRG|SPM|TQ1|RXA|RXO|RXE|RXR|FT1|SFT|Z[A-Z0-9]{2}")
_DIGITS = re.compile(r"\d{3}")


class Hl7SegmentRecognizer(FieldRecognizer):
    """Names, identifiers, dates, addresses and phones in HL7 v2 segments, by field."""

    ENTITIES = ("PERSON", "MEDICAL_RECORD_NUMBER", "DATE_TIME", "STREET_ADDRESS", "LOCATION",
                "ZIP_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "US_DRIVER_LICENSE",
                "HEALTH_PLAN_ID")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if "|" not in text and "MSH" not in text:  # most texts: no segment can be there
            return []
        header = _HEADER.search(text)
        field_sep, component, repetition = (header.group(1), header.group(2), header.group(3)) \
            if header else ("|", "^", "~")
        results: list[RecognizerResult] = []
        for segment in _SEGMENT.finditer(text):
            if text[segment.end():segment.end() + 1] != field_sep:
                continue
            ending = _segment_end(field_sep).search(text, segment.end())
            end = ending.start() if ending else len(text)
            layout = _FIELDS[segment.group(1)]
            for number, (start, stop) in enumerate(_parts(text, segment.end() + 1, end,
                                                         field_sep), 1):
                kind = layout.get(number)
                if kind is not None:
                    for repeat_start, repeat_stop in _parts(text, start, stop, repetition):
                        results.extend(self._field(text, repeat_start, repeat_stop, kind,
                                                   component))
        return results

    def _field(self, text: str, start: int, stop: int, kind: tuple[str, tuple[int, ...]],
               component: str) -> list[RecognizerResult]:
        entity, wanted = kind
        parts = [(n, a, b) for n, (a, b) in enumerate(_parts(text, start, stop, component), 1)
                 if a < b]
        if entity == "PHONE":
            return [self._result("EMAIL_ADDRESS" if "@" in text[a:b] else "PHONE_NUMBER", a, b)
                    for _, a, b in parts if "@" in text[a:b] or _DIGITS.search(text, a, b)]
        if entity == "ADDRESS":
            return [self._result(_ADDRESS_PARTS[n], a, b) for n, a, b in parts if n in wanted]
        chosen = [(a, b) for n, a, b in parts if n in wanted]
        if not chosen:
            return []
        # a name's parts as one span, the separators between them too (`DOE^JANE^A`)
        return [self._result(entity, chosen[0][0], chosen[-1][1])]


@cache
def _segment_end(field_sep: str) -> re.Pattern[str]:
    """Where a segment ends: at a line's end, or before the next segment's name and `field_sep`
    (not before a word of three capitals in a field: `123 OAK^^BOSTON`)."""
    return re.compile(rf"[\r\n]|\s(?=(?:{_SEGMENT_NAMES}){re.escape(field_sep)})")


def _parts(text: str, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `text[start:end]` between `separator`s."""
    pieces, position = [], start
    while True:
        found = text.find(separator, position, end)
        if found < 0:
            pieces.append((position, end))
            return pieces
        pieces.append((position, found))
        position = found + 1
