"""US social security numbers: Presidio's recognizer, with the labels forms and notes use.

Presidio leaves `ss#` and `ssn#` out of its context words because its own context matcher
splits words at `#`; veil's keeps the `#` (`veil.nlp.analysis`), so `SS# 457239108` is found.
Its weak patterns (nine digits, 3-2-4 with dashes) still need one of these words nearby.

The last four digits, which banks and clinics ask for to verify a caller (`SSN last 4 is
6789`, `last four of my social are 6789`) or print masked (`XXX-XX-6789`), are found too: with
a name or a date of birth beside them they narrow a person down as the whole number does.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UsSsnRecognizer as PresidioUsSsnRecognizer

from veil.nlp.recognizers._base import AnyOf, VeilPatternRecognizer

__all__ = ["SsnLastFourRecognizer", "UsSsnRecognizer"]

_SSN_WORDS = r"(?:ssn|ss#|social(?:\s+security)?(?:\s+(?:number|no\.?|#))?)"
_LAST_FOUR = r"last\s+(?:4|four)(?:\s+digits)?"
_SAID = r"(?:\s+(?:is|are|was|were))?\s*[:#=-]?\s*(?P<value>\d{4})\b"


class UsSsnRecognizer(PresidioUsSsnRecognizer):
    CONTEXT = [*PresidioUsSsnRecognizer.CONTEXT, "ss#", "ssn#", "soc sec", "ss no", "ss number"]


class SsnLastFourRecognizer(VeilPatternRecognizer):
    ENTITY = "US_SSN"
    PATTERNS = [
        Pattern("SSN last four (labelled)", rf"\b{_SSN_WORDS}(?:'s)?\s+{_LAST_FOUR}{_SAID}", 0.85),
        Pattern("SSN last four (said first)", rf"\b{_LAST_FOUR}\s+of\s+(?:my|the|your|his|her)\s+"
                rf"{_SSN_WORDS}{_SAID}", 0.85),
        Pattern("SSN masked", r"\b(?:xxx|\*\*\*)-(?:xx|\*\*)-(?P<value>\d{4})\b", 0.85),
    ]
    GATES = {"SSN last four (labelled)": r"last\s+(?:4|four)",
             "SSN last four (said first)": r"last\s+(?:4|four)", "SSN masked": AnyOf("xx-", "**-")}
