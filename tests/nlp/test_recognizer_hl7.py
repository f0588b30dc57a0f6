from __future__ import annotations

import pytest

from veil.nlp.recognizers.hl7 import Hl7SegmentRecognizer

PID = "PID|1||00482913^^^MRN||DOE^JANE^A||19620415|F|||123 MAIN ST^^BOSTON^MA^02118"


def found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end]) for r in Hl7SegmentRecognizer().analyze(text, [])]


def test_pid_fields_by_position():
    assert found(PID) == [("MEDICAL_RECORD_NUMBER", "00482913"), ("PERSON", "DOE^JANE^A"),
                          ("DATE_TIME", "19620415"), ("STREET_ADDRESS", "123 MAIN ST"),
                          ("LOCATION", "BOSTON"), ("ZIP_CODE", "02118")]


def test_a_whole_message_with_repeats_phones_next_of_kin_and_visit():
    message = ("MSH|^~\\&|EPIC|HOSP|||202403021014||ADT^A01|123|P|2.5\r"
               "PID|1||00482913^^^MRN~A998^^^HOSP||DOE^JANE^A^^MRS||19620415|F|||"
               "123 MAIN ST^APT 4^BOSTON^MA^02118^USA||^PRN^PH^^1^617^5550148~^NET^X^jane@x.org"
               "|||||A12345|123-45-6789\r"
               "NK1|1|DOE^JOHN|SPO|9 ELM RD^^QUINCY^MA^02169|(617)555-0199\r"
               "PV1|1|I|W^389^1||||1234^SMITH^ROBERT^A^^DR||||||||||||V778812")
    result = found(message)
    # the numbers and names, not the authorities, type codes, titles, state or country
    assert ("MEDICAL_RECORD_NUMBER", "A998") in result
    assert ("PERSON", "DOE^JANE^A") in result and ("PERSON", "DOE^JOHN") in result
    assert ("STREET_ADDRESS", "APT 4") in result and ("LOCATION", "QUINCY") in result
    assert ("PHONE_NUMBER", "5550148") in result and ("EMAIL_ADDRESS", "jane@x.org") in result
    assert ("US_SSN", "123-45-6789") in result and ("MEDICAL_RECORD_NUMBER", "A12345") in result
    assert ("PHONE_NUMBER", "(617)555-0199") in result
    assert ("PERSON", "SMITH^ROBERT^A") in result and ("MEDICAL_RECORD_NUMBER", "V778812") in result
    found_text = {text for _, text in result}
    assert not found_text & {"MRN", "HOSP", "MRS", "MA", "USA", "PRN", "PH", "DR", "1234", "W"}


def test_separators_the_header_declares():
    message = "MSH#*~\\&#APP\rPID#1##8812***MRN##LEE*ANN##19700101"
    assert found(message) == [("MEDICAL_RECORD_NUMBER", "8812"), ("PERSON", "LEE*ANN"),
                              ("DATE_TIME", "19700101")]


def test_a_segment_inside_a_note_and_a_message_flattened_onto_one_line():
    assert found("HL7: PID|1||8812^^^MRN||LEE^ANN") == [("MEDICAL_RECORD_NUMBER", "8812"),
                                                          ("PERSON", "LEE^ANN")]
    flat = "PID|1||8812||LEE^ANN||||||12 OAK^^SALEM^OR^97301 PV1|1|I|||||77^OKAFOR^CHIDI"
    assert ("PERSON", "OKAFOR^CHIDI") in found(flat)
    assert ("LOCATION", "SALEM") in found(flat)  # `OAK^` after a space is no segment


@pytest.mark.parametrize("text", [
    "no segment | here", "EPID|1||x^y||LEE^ANN", "the PID is 4471", "a|b|c", "",
])
def test_no_segment_no_finding(text):
    assert found(text) == []


def test_the_detector_replaces_a_pid_segment(pattern_detector):
    findings = pattern_detector.detect([PID]).findings[0]
    covered = {PID[f.start:f.end] for f in findings}
    # `nlp: none` leaves names out of scope, and every other identifier is found
    assert {"00482913", "19620415", "123 MAIN ST", "BOSTON", "02118"} <= covered
