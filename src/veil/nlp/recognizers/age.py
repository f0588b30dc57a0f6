"""Ages over 89 (HIPAA Safe Harbor aggregates them into one "90 or older" category)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

_OVER_89 = r"(?P<value>(?:9\d|1[01]\d|12[0-5]))"
_AFTER_NAME = "age (between commas, after a name)"
_SAID_OF_A_PERSON = (r"(?:widow(?:ed|er)?|married|single|divorced|separated|retired|lives|living"
                     r"|presents|presented|admitted|male|female|man|woman|who|with|from|resident"
                     r"|(?:non-?|ex-?)?smoker|veteran|deceased"
                     r"|nursing\s+home)")


class AgeOver89Recognizer(VeilPatternRecognizer):
    """`93-year-old`, `aged 95`, `age: 101`, `92 y/o`, `97 yo`, `Marisol Ortega-Ruiz, 93,
    widowed`; ages up to 89 are not found."""

    ENTITY = "AGE"
    PATTERNS = [
        Pattern("age (years old)", rf"\b{_OVER_89}[-\s]?(?:years?|yrs?)[-\s]?old\b", 0.95),
        Pattern("age (y/o)", rf"\b{_OVER_89}\s?(?:y/?o|y\.o\.|yo)\b", 0.95),
        Pattern("age (labelled)", rf"\b(?:age[ds]?|aged)\s*(?:of\s+|is\s+|[:=]\s*)?{_OVER_89}\b",
                0.95),
        Pattern("age (years of age)", rf"\b{_OVER_89}\s+years\s+of\s+age\b", 0.95),
        # between commas after a name, where an intake or a social history writes it
        # (`Marisol Ortega-Ruiz, 93, widowed`), before what is said of a person
        Pattern(_AFTER_NAME, rf"(?<=[a-z]),\s{_OVER_89},\s(?={_SAID_OF_A_PERSON}\b)", 0.85),
    ]
    CONTEXT = ["age", "aged", "old", "elderly"]
    GATES = {"age (labelled)": "age", "age (y/o)": DigitRunGate(2),
             "age (years old)": r"(?:year|yr)s?[-\s]?old",
             "age (years of age)": r"years\s+of\s+age",
             _AFTER_NAME: r", \d{2,3}, "}
    FLAGS = re.IGNORECASE
