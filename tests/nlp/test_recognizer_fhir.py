from __future__ import annotations

import json

import pytest

from veil.nlp.recognizers.fhir import FhirResourceRecognizer

PATIENT = json.dumps({
    "resourceType": "Patient",
    "identifier": [{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/"
                                                         "CodeSystem/v2-0203", "code": "MR"}]},
                    "system": "urn:oid:1.2.36", "value": "12345"}],
    "name": [{"use": "official", "family": "Lindqvist", "given": ["Astrid", "Maja"],
              "text": "Astrid Maja Lindqvist"}],
    "telecom": [{"system": "phone", "value": "+46 8 123 456"},
                {"system": "email", "value": "a.l@example.se"}],
    "gender": "female", "birthDate": "1958-07-23",
    "address": [{"line": ["Storgatan 1", "lgh 1102"], "city": "Uppsala",
                 "postalCode": "753 20", "country": "SE"}],
})


def found(text: str) -> list[tuple[str, str]]:
    return sorted((r.entity_type, text[r.start:r.end])
                  for r in FhirResourceRecognizer().analyze(text, []))


def test_a_patient_resource_by_key():
    assert found(PATIENT) == sorted([
        ("MEDICAL_RECORD_NUMBER", "12345"), ("PERSON", "Lindqvist"), ("PERSON", "Astrid"),
        ("PERSON", "Maja"), ("PERSON", "Astrid Maja Lindqvist"),
        ("PHONE_NUMBER", "+46 8 123 456"), ("EMAIL_ADDRESS", "a.l@example.se"),
        ("DATE_TIME", "1958-07-23"), ("STREET_ADDRESS", "Storgatan 1"),
        ("STREET_ADDRESS", "lgh 1102"), ("LOCATION", "Uppsala"), ("ZIP_CODE", "753 20")])


def test_codes_and_systems_are_left():
    texts = {text for _, text in found(PATIENT)}
    assert not texts & {"MR", "usual", "official", "urn:oid:1.2.36", "female", "SE", "phone"}


def test_an_escaped_quote_stays_inside_the_name():
    text = '{"family": "O\\"Neil", "given": ["Ann"]}'
    assert found(text) == [("PERSON", "Ann"), ("PERSON", 'O\\"Neil')]


@pytest.mark.parametrize("text", [
    "the family said the given dose was fine", '{"status": "final", "value": 7.2}',
    '{"code": {"text": "Glucose"}}', "",
    '{"line": "SELECT 1", "given": "2 doses"}',  # FHIR gives these keys arrays only
])
def test_no_key_no_finding(text):
    assert found(text) == []
