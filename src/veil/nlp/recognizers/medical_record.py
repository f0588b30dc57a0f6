"""Medical record numbers (HIPAA identifier 8): hospital-specific, so found by their label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

_LABEL = (r"(?:MRN|MR\s?#|med(?:ical)?\.?\s+rec(?:ord)?\.?(?:\s+(?:number|no\.?|num|#))?"
          r"|chart\s+(?:number|no\.?|#)|patient\s+(?:id|#|number|no\.?))")
_VALUE = r"(?P<value>(?:[A-Z]{1,3}[-\s]?)?\d[\d-]{4,11}\d)"


class MedicalRecordNumberRecognizer(VeilPatternRecognizer):
    """`MRN 00482913`, `medical record no. HX-482913`, `chart # 4829131`."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = [
        Pattern("MRN (labelled)", rf"\b{_LABEL}\s*(?:is\s+|[:#=]\s*)?{_VALUE}\b", 0.9),
        Pattern("MRN (prefixed value)", r"\bMRN[-\s]?(?P<value>\d{6,10})\b", 0.85),
    ]
    CONTEXT = ["mrn", "medical record", "chart", "record number"]
    GATES = {"MRN (labelled)": r"mrn|mr\s?#|med(?:ical)?\.?\s+rec|chart\s|patient\s",
             "MRN (prefixed value)": "mrn"}
