"""Ages over 89 (HIPAA Safe Harbor aggregates them into one "90 or older" category)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

_OVER_89 = r"(?P<value>(?:9\d|1[01]\d|12[0-5]))"
_AFTER_NAME = "age (between commas, after a name)"
_IN_BRACKETS = "age (in brackets, after a name)"
_AGE_AND_SEX = "age and sex (triage)"
_AFTER_GIVEN_NAME = "age (in brackets, after a given name)"
#: An age in brackets after a name's last letter, an initial's point or an apostrophe and any
#: whitespace (`Mrs O. (101)`, `Pryce\t(93)`): from the bracket, which `re` finds at C speed.
_BRACKETED_AGE_GATE = (r"\(\d{2,3}\)(?:(?<=[a-z'’.-]\s\(\d\d\))|(?<=[a-z'’.-]\s\(\d\d\d\)))")
#: Two capitalised words before a number in brackets that are a measure, not a name
#: (`Heart Rate (92)`, `Oxygen Saturation (95)`).
_MEASURE_WORDS = frozenset("""
rate saturation sat sats score pressure level count percent grade room bed page chapter figure
table section item question total weight height pulse temp temperature oxygen glucose heart
blood index scale test result value unit ward floor bay
""".split())
_SAID_OF_A_PERSON = (r"(?:widow(?:ed|er)?|married|single|divorced|separated|retired|lives|living"
                     r"|presents|presented|admitted|male|female|man|woman|who|with|from|resident"
                     r"|(?:non-?|ex-?)?smoker|veteran|deceased|dnr|dni|full\s+code|bed-?bound"
                     r"|nursing\s+home)")


class AgeOver89Recognizer(VeilPatternRecognizer):
    """`93-year-old`, `aged 95`, `age: 101`, `92 y/o`, `97 yo`, `Marisol Ortega-Ruiz, 93,
    widowed`, `Dorothy Pryce (93)`; ages up to 89 are not found."""

    ENTITY = "AGE"
    PATTERNS = [
        Pattern("age (years old)", rf"\b{_OVER_89}[-\s]?(?:years?|yrs?)[-\s]?old\b", 0.95),
        # `y.o.` ends with its point: no word boundary after it (`96 y.o. female` was missed)
        Pattern("age (y/o)", rf"\b{_OVER_89}\s?(?:y/?o\b|y\.o\.|yo\b)", 0.95),
        Pattern("age (labelled)", rf"\b(?:age[ds]?|aged)\s*(?:of\s+|is\s+|[:=]\s*)?{_OVER_89}\b",
                0.95),
        Pattern("age (years of age)", rf"\b{_OVER_89}\s+years\s+of\s+age\b", 0.95),
        # between commas after a name, where an intake or a social history writes it
        # (`Marisol Ortega-Ruiz, 93, widowed`), before what is said of a person
        Pattern(_AFTER_NAME, rf"(?<=[a-z]),\s{_OVER_89},\s(?={_SAID_OF_A_PERSON}\b)", 0.85),
        # in brackets after a full name or a title's name or initial, as a list of residents or
        # a refill writes it (`Dorothy Pryce (93), Rx ...`, `Mr K (96) bedbound`)
        Pattern(_IN_BRACKETS, r"(?-i:\b[A-Z][a-z'’-]+\s[A-Z][a-z'’-]+"
                r"|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s[A-Z](?:\.|[a-z]*(?:['’-][A-Z]?[a-z]+)*))\s"
                rf"\({_OVER_89}\)(?![\w%])", 0.85),
        # ... or after one word, when what follows is said of a person (`Edna (94) lives alone`)
        Pattern(_AFTER_GIVEN_NAME, rf"(?-i:\b[A-Z][a-z'’-]+)\s\({_OVER_89}\)\s+(?=(?:lives|lived"
                r"|is|was|has|had|who|presents|presented|died|fell|attends|resides|remains"
                r"|needs)\b)", 0.85),
        # the age and a sex's letter that open a triage or a presentation (`97M brought in by
        # ambulance`, `92F presents with`): `97M` alone is as often money (`$97M in revenue`)
        Pattern(_AGE_AND_SEX, rf"(?<![$£€¥\w.,]){_OVER_89}\s?(?-i:[MF])\b(?=\s+(?:w/|c/o|s/p|h/o"
                r"|(?:with|presents|presenting|presented|brought|bib|complaining|admitted|who|hx"
                r"|pmh|pmhx|seen|referred|found|known)\b))", 0.85),
    ]
    CONTEXT = ["age", "aged", "old", "elderly"]
    GATES = {"age (labelled)": "age", "age (y/o)": DigitRunGate(2),
             "age (years old)": r"(?:year|yr)s?[-\s]?old",
             "age (years of age)": r"years\s+of\s+age",
             _AFTER_NAME: r", \d{2,3}, ",
             # from the sex's letter, looking back for the age: from a digit, every digit of a
             # note is a place to try
             _AGE_AND_SEX: r"[mf](?:(?<=\d[mf])|(?<=\d\s[mf]))\s+(?:w|pres|br|bib|c/o|compl|adm|s/p"
                           r"|h/o|hx|pmh|seen|ref|fo|kn)",
             _IN_BRACKETS: _BRACKETED_AGE_GATE, _AFTER_GIVEN_NAME: _BRACKETED_AGE_GATE}
    FLAGS = re.IGNORECASE

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        if pattern_name not in (_IN_BRACKETS, _AFTER_GIVEN_NAME):
            return True
        words = text[max(0, start - 40):start].rstrip("( ").split()[-2:]
        return not any(word.lower() in _MEASURE_WORDS for word in words)
