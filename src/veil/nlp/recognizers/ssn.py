"""US social security numbers: Presidio's patterns and checks, with the labels forms and notes use.

Presidio leaves `ss#` and `ssn#` out of its context words because its own context matcher
splits words at `#`; veil's keeps the `#` (`veil.nlp.analysis`), so `SS# 457239108` is found.
Its weak patterns (nine digits, 3-2-4 with dashes) still need one of these words nearby.
Presidio's recognizer runs its patterns through the `regex` module and times each of them,
which cost more than every other recognizer on the texts with a run of digits: veil runs the
same patterns and checks as its own recognizers do, each behind a gate of its own.

The last four digits, which banks and clinics ask for to verify a caller (`SSN last 4 is
6789`, `last four of my social are 6789`) or print masked (`XXX-XX-6789`), are found too: with
a name or a date of birth beside them they narrow a person down as the whole number does.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UsSsnRecognizer as PresidioUsSsnRecognizer

from veil.nlp.recognizers._base import AnyOf, DigitRunGate, VeilPatternRecognizer

__all__ = ["SsnLastFourRecognizer", "UsSsnRecognizer"]

_SSN_WORDS = r"(?:ssn|ss#|social(?:\s+security)?(?:\s+(?:number|no\.?|#))?)"
_LAST_FOUR = r"last\s+(?:4|four)(?:\s+digits)?"
_SAID = r"(?:\s+(?:is|are|was|were))?\s*[:#=-]?\s*(?P<value>\d{4})\b"


#: Where each of Presidio's five patterns can match: 5-4 and 3-6 digits with a dash, 3-2-4 with
#: dashes or other separators, nine digits. Most notes hold one of these shapes (a phone
#: number's ten digits hold nine), few all: a gate for each pattern keeps the other four
#: from scanning the note. Three start from a dash, which `re` finds at C speed.
_SSN_GATES = {"SSN1 (very weak)": r"-\d{4}(?<=\d{5}-\d{4})",
              "SSN2 (very weak)": r"-\d{6}(?<=\d{3}-\d{6})",
              "SSN3 (very weak)": r"-\d\d-\d{4}(?<=\d{3}-\d\d-\d{4})",
              "SSN4 (very weak)": DigitRunGate(9),
              "SSN5 (medium)": r"[- .]\d\d[- .]\d{4}(?<=\d{3}[- .]\d\d[- .]\d{4})"}


class UsSsnRecognizer(VeilPatternRecognizer):
    ENTITY = "US_SSN"
    PATTERNS = PresidioUsSsnRecognizer.PATTERNS
    CONTEXT = [*PresidioUsSsnRecognizer.CONTEXT, "ss#", "ssn#", "soc sec", "ss no", "ss number"]
    GATES = _SSN_GATES

    invalidate_result = PresidioUsSsnRecognizer.invalidate_result


class SsnLastFourRecognizer(VeilPatternRecognizer):
    ENTITY = "US_SSN"
    PATTERNS = [
        Pattern("SSN last four (labelled)", rf"\b{_SSN_WORDS}(?:'s)?\s+{_LAST_FOUR}{_SAID}", 0.85),
        Pattern("SSN last four (said first)", rf"\b{_LAST_FOUR}\s+of\s+(?:my|the|your|his|her)\s+"
                rf"{_SSN_WORDS}{_SAID}", 0.85),
        Pattern("SSN masked", r"(?<![\w*])(?:xxx|\*\*\*)-(?:xx|\*\*)-(?P<value>\d{4})\b", 0.85),
        # as a card's are said: `SSN ending 4471`
        Pattern("SSN last four (ending)", rf"\b{_SSN_WORDS}(?:'s)?\s+(?:ending|ends)"
                r"(?:\s+(?:in|with))?\s*:?\s*(?P<value>\d{4})\b", 0.85),
    ]
    GATES = {"SSN last four (labelled)": r"last\s+(?:4|four)",
             "SSN last four (said first)": r"last\s+(?:4|four)", "SSN masked": AnyOf("xx-", "**-"),
             "SSN last four (ending)": r"end(?:ing|s)\b"}
