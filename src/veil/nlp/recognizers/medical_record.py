"""Medical record numbers (HIPAA identifier 8), and the numbers a hospital files an encounter
and its bill under (10, account numbers): hospital-specific, so found by their label.

Electronic health records print the latter in every note header: Cerner's `FIN`, Epic's `CSN`
(contact serial number) and `HAR` (hospital account record), encounter, visit and admission
numbers, and the laboratory's accession number and ID of a specimen.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import AnyOf, KeywordGate, VeilPatternRecognizer

_LABEL = (r"(?:MRN|MR\s?#|med(?:ical)?\.?\s+rec(?:ord)?\.?(?:\s+(?:number|no\.?|num|#))?"
          # the UK's `hospital number` (`hosp no H0448213`); Spain's historia clínica (`NHC`)
          r"|hosp(?:ital)?\.?\s*(?:number|no\b\.?|num|#)|(?-i:NHC)(?![A-Z0-9])"
          r"|chart\s+(?:number|no\.?|#)|patient\s+(?:id(?:entifier)?|#|number|no\.?)"
          # where it is printed: `Patient identifier on wristband: 4471-88-2019`
          r"(?:\s+on\s+(?:the\s+)?(?:wrist\s?band|band|label|chart|armband))?)")
_VALUE = r"(?P<value>(?:[A-Z]{1,3}[-\s]?)?\d[\d-]{4,11}\d)"
#: Between a label and its number: `is`, a colon, or a form's dot leaders (`MRN:....7730041`).
_SAID = r"\s*(?:is\s+|[:#=]?[.:_]{2,}\s*|[:#=]\s*)?"
_NUMBER_WORD = r"\s*(?:id|identifier|number|no\.?|num|#)"
#: `FIN`, `CSN`, `HAR` (in capitals only: `fin` is a word), `accession`, `specimen`, `sample`
#: and a trial's `subject` (`specimen H24-0031872`, `subject ONC-204-0117`; not an email's
#: `Subject:`), with a number's word or without; the others before one.
_ENCOUNTER_LABEL = (rf"(?:(?-i:FIN|CSN|HAR)(?:{_NUMBER_WORD})?"
                    rf"|(?:accession|specimen|sample|(?:trial\s+)?(?:subject|participant)(?!\s*:))"
                    rf"(?:{_NUMBER_WORD})?"
                    rf"|(?:encounter|visit|admission|hospital\s+account)"
                    rf"{_NUMBER_WORD})")


class MedicalRecordNumberRecognizer(VeilPatternRecognizer):
    """`MRN 00482913`, `medical record no. HX-482913`, `chart # 4829131`, `acc# RAD-2024-118832`."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = [
        Pattern("MRN (labelled)", rf"\b{_LABEL}{_SAID}{_VALUE}\b", 0.9),
        Pattern("MRN (prefixed value)", r"\bMRN[-\s]?(?P<value>\d{6,10})\b", 0.85),
        Pattern("encounter or account number (labelled)",
                rf"\b{_ENCOUNTER_LABEL}{_SAID}{_VALUE}\b", 0.85),
        # `acc# RAD-2024-118832`: `acc` is an account too (`acc 53117804`), so the letters a
        # laboratory or a radiology system puts before its number must say which
        Pattern("accession number (abbreviated)",
                r"\baccn?\.?\s*[#:]\s*(?P<value>[A-Z]{1,4}-?\d[\d-]{4,11}\d)\b", 0.85),
        # the number on a patient's identity band, as a ward checks it (`ID band checked
        # (4471882)`, `wristband: H0448213`), or the blood bank's (`BB band BB-447120`)
        Pattern("identity band number",
                r"\b(?:ID|id|identity|wrist|arm|name|(?-i:BB))[\s-]?band(?:\s+(?:checked|verified"
                rf"|confirmed|reads|shows|no\.?|number|#)){{0,2}}\s*[:#(]?\s*{_VALUE}\b", 0.85),
        # New Zealand's National Health Index: three letters (no I or O), then four digits or
        # two digits and two letters
        Pattern("NHI (labelled)", r"\b(?-i:NHI)(?:\s*(?:number|no\.?|#))?\s*[:#]?\s*"
                r"(?P<value>(?-i:[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})))\b", 0.85),
    ]
    CONTEXT = ["mrn", "medical record", "chart", "record number", "encounter", "account"]
    GATES = {"MRN (labelled)": KeywordGate((("mrn", "nhc"), "{words}"), (("mr",), r"mr\s?#"),
                                           (("hosp",), r"hosp(?:ital)?\.?\s*(?:number|no|num|#)"),
                                           (("med",), r"med(?:ical)?\.?\s+rec"),
                                           (("chart", "patient"), r"(?:{words})\s")),
             "MRN (prefixed value)": "mrn",
             "encounter or account number (labelled)": KeywordGate(
                 (("encounter", "visit", "admission", "accession", "specimen", "sample", "subject",
                   "participant"), "{words}"),
                 (("fin", "csn", "har"), r"(?:{words})\b"),
                 (("hospital",), r"hospital\s+account")),
             "accession number (abbreviated)": r"accn?\.?\s*[#:]\s*[a-z]",
             "NHI (labelled)": AnyOf("nhi"),
             # the band's kind with it: `band` alone is in every `husband`
             "identity band number": AnyOf("id band", "idband", "id-band", "identity band",
                                           "wristband", "wrist band", "armband", "arm band",
                                           "name band", "bb band")}
