"""spaCy's NER through Presidio's SpacyRecognizer, minus the small model's date noise.

The small English model tags bare numbers ("4821", "CA 77895"), ages ("94-year-old") and
words like "today" or "daily" as DATE. As DATE_TIME they would out-score and displace the
address or identifier the number belongs to, and they are not calendar dates (what HIPAA
means): a DATE span is kept only with a month name, a numeric date or a year in it.
It also calls amounts and dates people or places; names and places have no digits. And it
calls degrees and abbreviations places (`Anand Patel, MD`, `EF 35%`): a place of two letters
is a state or a country at most, which HIPAA's Safe Harbor keeps, so it is no finding.
Nor is a note's section heading or a clinical abbreviation in capitals (`PMH:`, `HPI`, `ROS`),
which it takes for a person or a place at the start of a line.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

__all__ = ["NerRecognizer", "plausible"]

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


class NerRecognizer(SpacyRecognizer):
    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if plausible(r.entity_type, text[r.start:r.end])]


def plausible(entity: str, span: str) -> bool:
    """False for NER spans that are noise: dates without a calendar date, names with digits."""
    if entity == "DATE_TIME":
        if not any(char.isalpha() for char in span):  # "838 2015" is half a phone number
            return _NUMERIC_DATE.search(span) is not None
        return _CALENDAR.search(span) is not None
    if entity == "LOCATION" and len(span.strip(" .")) <= 2:
        return False  # `Anand Patel, MD`, `EF 35%`: a place of two letters is a state at most
    if span.strip(" .:,;") in _CLINICAL_ABBREVIATIONS:
        return False
    return not any(char.isdigit() for char in span)  # "6,903.96" is no PERSON, "05/12" no place
