"""spaCy's NER through Presidio's SpacyRecognizer, minus the small model's date noise.

The small English model tags bare numbers ("4821", "CA 77895"), ages ("94-year-old") and
words like "today" or "daily" as DATE. As DATE_TIME they would out-score and displace the
address or identifier the number belongs to, and they are not calendar dates (what HIPAA
means): a DATE span is kept only with a month name, a numeric date or a year in it.
It also calls amounts and dates people or places; names and places have no digits. And it
calls degrees and abbreviations places (`Anand Patel, MD`, `EF 35%`): a place of two letters
is a state or a country at most, which HIPAA's Safe Harbor keeps, so it is no finding.
Nor is a note's section heading or a clinical abbreviation in capitals (`PMH:`, `HPI`, `ROS`),
which it takes for a person or a place at the start of a line, nor a span of nothing but words
of headings and job titles (`Hospice:`, `Telecom chat:`, `| Senior Claims Handler |`).

A name it finds may lack the given name before it when no list holds that name (`cust Mehmet
Yilmaz` gave `Yilmaz`): a capitalised word right before it, inside a sentence, joins the name.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from veil.nlp.recognizers.person import NOT_GIVEN_NAMES
from veil.nlp.types import is_name_prefix

__all__ = ["NerRecognizer", "plausible", "plausible_in", "span_start"]

#: What makes a DATE span a calendar date: a month name, a numeric date or a year.
_CALENDAR = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$|,)"
                       r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:1[89]|20)\d{2}\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^\W*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})\W*$")
#: Headings and abbreviations of clinical notes, in capitals: never a name or a place.
_CLINICAL_ABBREVIATIONS = frozenset("""
PMH PSH HPI ROS FH SH CC HEENT CV GI GU MSK PE VS A/P A&P NKDA SOB CP HTN DM DM2 CHF COPD
CKD CAD MI UTI BMP CBC CMP ECG EKG CXR MRI CT IV PO PRN BID TID QID QHS NPO DNR DNI HCP POA
ED ICU PACU OR PCP NP RN PA LPN SW PT OT SLP ADL ADLS
""".split())


#: The labels of identifiers, which the model calls places and people (`NINO JT 44 71 20 B`).
_ID_LABELS = frozenset("""
MRN SSN DOB NHS NINO NIN BVN CHI IBAN BIC SWIFT NPI DEA UTR TFN UCI BRP IHI NHI MBI KYC AML CIF
MTCN IMEI VIN PIN CVV TC
""".split())
_NOT_ENTITIES = _CLINICAL_ABBREVIATIONS | _ID_LABELS
#: Words of notes' headings and of job titles, which the model calls people or places at the
#: start of a note or between a signature's bars (`Hospice: pt 92 y/o`, `Telecom chat:`,
#: `| Senior Claims Handler |`), lower-cased. None is a given name, a nickname, a surname or a
#: town; those that are (`Teller`, `Head`, `Chief`, `Junior`) are left out, as a span of a name
#: is never dropped; with the abbreviations and labels above, in capitals (`Crypto KYC:`).
_HEADING_AND_TITLE_WORDS = frozenset("""
hospice physio physiotherapy peds paeds pediatrics paediatrics vet veterinary telecom chargeback
salary crypto specimen landlord triage radiology pathology cardiology oncology dermatology
neurology psychiatry psych ortho orthopaedics orthopedics pharmacy dental midwifery maternity
safeguarding remittance payroll chat note notes memo reference check cont selfie
ophth ophthalmology audiology derm gastro neuro cardio resp renal urology gynae gyn obs onc haem
heme rheum endo dialysis neonatal nicu versichertennr payslip kimlik
asiakas kund kunde klant müşteri pacjent cliente paciente patiënt
senior principal deputy associate claims handler consultant physician surgeon
registrar therapist pharmacist technician administrator supervisor manager officer director
adviser advisor analyst coordinator specialist underwriter auditor accountant paralegal
solicitor attorney paramedic receptionist executive representative practitioner assistant
rheumatologist cardiologist oncologist radiologist dermatologist neurologist gastroenterologist
endocrinologist nephrologist urologist psychiatrist psychologist anaesthetist anesthetist
""".split())
_WORD_PUNCTUATION = " .:,;()|\"'"
#: A language's name before one of these is the language, not a nationality (`German note:`,
#: `Spanish interpreter booked`, `French-speaking`).
_LANGUAGE_USE = re.compile(r"[\s-]+(?:notes?|interpreters?|interpreting|translations?|translated"
                           r"|translators?|speaking|speakers?|version|text|letter|form|language"
                           r"|lessons?|class(?:es)?)\b", re.IGNORECASE)


def plausible_in(entity: str, text: str, start: int, end: int) -> bool:
    """`plausible`, and what follows the span agrees: a language used is no nationality."""
    if entity == "NRP" and _LANGUAGE_USE.match(text, end) is not None:
        return False
    return plausible(entity, text[start:end])


class NerRecognizer(SpacyRecognizer):
    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        kept = [r for r in results if plausible_in(r.entity_type, text, r.start, r.end)]
        for result in kept:
            result.start = span_start(result.entity_type, text, result.start, result.end)
        return kept


#: A word right before a name, one space between, or `and` or `&` between (a joint account's
#: `Priya and Rohan Mehta`).
_WORD_BEFORE = re.compile(r"(?:^|(?<=[^\w'’-]))([^\W\d_]+) (?P<joined>(?:and|&) )?$")
_SENTENCE_ENDS = ".!?:;\n\"'(-"


def span_start(entity: str, text: str, start: int, end: int) -> int:
    """Where the model's span of `entity`, `text[start:end]`, starts: for a PERSON, once a
    given name right before it joins it: a capitalised word (`Mehmet`), not at a sentence's
    start, nor a title, a role or a word of a form or a memo; or such a word and `and` before
    a full name (`Priya and Rohan Mehta`)."""
    if entity != "PERSON":
        return start
    # searched in place, the 30 characters before the name as its bounds: a slice would copy,
    # and its start would pass for the start of a word
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if match is None or (match["joined"] and " " not in text[start:end].strip()):
        return start
    word = match.group(1)
    if (len(word) < 2 or not word[0].isupper() or not word[1:].islower()
            or word in NOT_GIVEN_NAMES or is_name_prefix(word)):
        return start
    before = match.start(1)  # the last character before the word, past the spaces
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before == 0 or text[before - 1] in _SENTENCE_ENDS:
        return start
    return match.start(1)


def plausible(entity: str, span: str) -> bool:
    """False for NER spans that are noise: dates without a calendar date, names with digits."""
    if entity == "DATE_TIME":
        if not any(char.isalpha() for char in span):  # "838 2015" is half a phone number
            return _NUMERIC_DATE.search(span) is not None
        return _CALENDAR.search(span) is not None
    if entity == "LOCATION" and len(span.strip(" .")) <= 2:
        return False  # `Anand Patel, MD`, `EF 35%`: a place of two letters is a state at most
    if span.strip(" .:,;") in _NOT_ENTITIES:
        return False
    if entity in ("PERSON", "LOCATION", "NRP") and all(
            word in _NOT_ENTITIES or word.lower() in _HEADING_AND_TITLE_WORDS
            for word in (word.strip(_WORD_PUNCTUATION) for word in span.split())):
        return False  # `Hospice:`, `Crypto KYC:`, `Consultant Rheumatologist`
    return not any(char.isdigit() for char in span)  # "6,903.96" is no PERSON, "05/12" no place
