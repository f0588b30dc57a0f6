"""The identifiers of a FHIR resource kept as JSON text, by their keys.

Hospital exports and APIs hold patients as FHIR JSON, and a data set may keep a resource
whole in a text column: `{"resourceType":"Patient","name":[{"family":"Lindqvist","given":
["Astrid"]}],"birthDate":"1958-07-23"}`. A surname alone between quotes says nothing to NER
or to a pattern; its key does. Read: a HumanName's `family`, `given` and `text`; an Address's
`line`, `city`, `district` and `postalCode`; the `value` of an `identifier` (a record number)
and of a `telecom` (a phone, or an email address); `birthDate` and `deceasedDateTime`.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from veil.nlp.recognizers._base import FieldRecognizer

__all__ = ["FhirResourceRecognizer"]

#: A JSON string's content (escapes kept), at most as long as a field's value may be.
_STRING = r'"(?P<value>(?:[^"\\\n]|\\.){1,200})"'
_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.){1,200})"')
#: Key -> what its string (or each string of its array) is.
_KEYED = {"family": "PERSON", "given": "PERSON", "line": "STREET_ADDRESS", "city": "LOCATION",
          "district": "LOCATION", "postalCode": "ZIP_CODE", "birthDate": "DATE_TIME",
          "deceasedDateTime": "DATE_TIME"}
_KEY = re.compile(rf'"(?P<key>{"|".join(_KEYED)})"\s*:\s*(?:{_STRING}|\[(?P<array>[^\[\]{{}}]'
                  r"{0,1000})\])")
#: Keys FHIR gives an array of strings, never one string: elsewhere they mean other things.
_ARRAYS_ONLY = frozenset({"given", "line"})
#: Arrays of objects whose `value` (of a name, its `text`) is what the array's key says.
_HOLDER = re.compile(r'"(?P<key>identifier|telecom|name)"\s*:\s*\[')
_VALUE = re.compile(r'"(?P<field>value|text)"\s*:\s*' + _STRING)
_HOLDS = {"identifier": ("value", "MEDICAL_RECORD_NUMBER"), "telecom": ("value", "PHONE"),
          "name": ("text", "PERSON")}
#: How far an array of objects is read for its end (a resource's arrays are short).
_REACH = 5000


class FhirResourceRecognizer(FieldRecognizer):
    """Names, addresses, identifiers, phones and dates in FHIR JSON, by key."""

    ENTITIES = (*set(_KEYED.values()), "MEDICAL_RECORD_NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if '":' not in text and '" :' not in text:  # most texts hold no JSON key
            return []
        results = []
        for match in _KEY.finditer(text):
            entity = _KEYED[match["key"]]
            if match["value"] is not None:
                if match["key"] in _ARRAYS_ONLY:  # `{"line": "SELECT ..."}` is no address
                    continue
                results.append(self._result(entity, *match.span("value")))
            else:
                offset = match.start("array")
                results.extend(self._result(entity, offset + item.start(1), offset + item.end(1))
                               for item in _QUOTED.finditer(match["array"]))
        for holder in _HOLDER.finditer(text):
            field, entity = _HOLDS[holder["key"]]
            end = _array_end(text, holder.end())
            for value in _VALUE.finditer(text, holder.end(), end):
                if value["field"] != field:
                    continue
                kind = entity
                if kind == "PHONE":
                    kind = "EMAIL_ADDRESS" if "@" in value["value"] else "PHONE_NUMBER"
                results.append(self._result(kind, *value.span("value")))
        return results


def _array_end(text: str, start: int) -> int:
    """Where the JSON array whose first item starts at `start` ends (its `]`), brackets and
    strings inside it skipped; `start + _REACH` at most."""
    depth, position, stop = 0, start, min(len(text), start + _REACH)
    while position < stop:
        char = text[position]
        if char == '"':
            quoted = _QUOTED.match(text, position)
            position = quoted.end() if quoted else position + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return position
            depth -= 1
        position += 1
    return stop
