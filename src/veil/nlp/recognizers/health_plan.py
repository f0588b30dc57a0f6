"""Health plan member, policy and claim IDs (HIPAA identifier 9): payer-specific, by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import AnyOf, DigitRunGate, KeywordGate, VeilPatternRecognizer
from veil.nlp.recognizers.labelled_ids import NOT_A_COUNT, NOT_A_COUNT_GATE

_ID_WORD = r"(?:id|identifier|number|no\.?|#|ref(?:erence)?\.?)"
_LABEL = rf"(?:member|subscriber|policy|insurance|plan|beneficiary|group|claim)\s*{_ID_WORD}"
_VALUE = r"(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19})\b"
_AU_MEDICARE = "Australian Medicare number (labelled)"


class HealthPlanMemberIdRecognizer(VeilPatternRecognizer):
    """`Member ID: XJH482913307`, `policy # BCX-48291-77`, `claim number 4471-99821-03`,
    `Medicaid ID: 12345678A`, `Member 88317720 (Kaiser)`, `Claim CLM-00918273`, `policy GEICO
    6120-44-718`, `Medicare no. 2123 45670 1` (an Australian card's number, by its check
    digit: a US Medicare number is an MBI)."""

    ENTITY = "HEALTH_PLAN_ID"
    PATTERNS = [
        Pattern("member ID (labelled)", rf"\b{_LABEL}\s*(?:is\s+|[:#=]\s*)?{_VALUE}", 0.85),
        Pattern("Medicaid ID", rf"\bmedicaid(?:\s*{_ID_WORD})?\s*(?:is\s+|[:#=]\s*)?{_VALUE}",
                0.85),
        # no `ID` or `number` after the word (`Member 88317720 (Kaiser)`, `policy PA-4471920-03`):
        # five digits in a row say it is no count (`member 2 of the team`)
        # (or seven in hyphenated groups after a few letters: `claim HC-2291-4471`)
        Pattern("member ID (bare)", r"\b(?:member|subscriber|policy|policyholder|claim)\s+"
                rf"(?P<value>{NOT_A_COUNT}[A-Z0-9][A-Z0-9-]{{5,19}})\b", 0.85),
        # `policy GEICO 6120-44-718`: the insurer's name (capitalised, one or two words) between;
        # seven digits, so that a year is none (`policy Review 2024-25`)
        Pattern("policy number (after the insurer)",
                r"\bpolicy\s+(?-i:[A-Z][A-Za-z&]*(?:\s+[A-Z][A-Za-z&]*)?)\s+"
                r"(?P<value>(?=(?:[A-Z-]*\d){7})[A-Z0-9][A-Z0-9-]{5,19})\b", 0.85),
        Pattern("member ID (payer prefix)", r"\b[A-Z]{3}\d{8,12}\b", 0.2),
        # `member Denise Whitaker, ID W448120937`: the member's name between
        Pattern("member ID (after the member's name)",
                r"\b(?:member|subscriber|policyholder)\s+(?-i:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})"
                rf",?\s+(?:member\s+)?(?-i:ID)\s*[:#]?\s*{_VALUE}", 0.85),
        # `Insurance: Aetna PPO, ID W123456789`: the ID after the payer's name
        Pattern("member ID (after the insurer)",
                rf"\binsurance\s*:[^.;\n]{{1,40}}?\bID\s*[:#]?\s*{_VALUE}", 0.85),
        # ten digits as the card prints them (`2123 45670 1`), the holder's number may follow
        Pattern(_AU_MEDICARE, rf"\bmedicare(?:\s*card)?(?:\s*{_ID_WORD})?\s*(?:is\s+|[:#]\s*)?"
                r"(?P<value>[2-6]\d{3}\s?\d{5}\s?\d(?:\s?[/-]?\s?\d)?)(?![\d/-])", 0.85),
        # Germany's health insurance number, a letter and nine digits (`Versichertennr.
        # A123456780`), and Canada's provincial cards: Quebec's four letters of the names and
        # eight digits (`RAMQ GAGE 8551 0412`), Ontario's ten digits and a version code
        Pattern("German health insurance number (labelled)",
                r"\b(?:versicherten-?(?:nummer|nr\.?)|kvnr|krankenversichertennummer)\s*[:#]?\s*"
                r"(?P<value>[A-Z]\d{9})\b", 0.85),
        Pattern("Canadian health card (labelled)",
                r"\b(?:(?-i:RAMQ|OHIP)|health\s+card|carte(?:\s+soleil|\s+d'assurance"
                r"\s+maladie)?)(?:\s*(?:number|no\.?|#))?\s*[:#]?\s*"
                r"(?P<value>(?-i:[A-Z]{4})\s?\d{4}\s?\d{4}|\d{4}[- ]?\d{3}[- ]?\d{3}"
                r"(?:[- ]?(?-i:[A-Z]{2}))?)(?![\w-])", 0.85),
    ]
    CONTEXT = ["member", "subscriber", "insurance", "policy", "plan", "payer", "coverage"]
    GATES = {"member ID (labelled)": KeywordGate(
        (("member", "subscriber", "policy", "insurance", "plan", "beneficiary", "group", "claim"),
         r"(?:{words})\s*(?:id|number|no|#|ref)")),
             "member ID (bare)": KeywordGate(
                 (("member", "subscriber", "policy", "claim"),
                  rf"\b(?:{{words}})[a-z]*\s+{NOT_A_COUNT_GATE}")),
             "policy number (after the insurer)": r"policy\s+[a-z]",
             "Medicaid ID": AnyOf("medicaid"),
             "member ID (payer prefix)": DigitRunGate(8),
             "member ID (after the member's name)": AnyOf("member", "subscriber", "policyholder"),
             "member ID (after the insurer)": r"insurance\s*:",
             _AU_MEDICARE: AnyOf("medicare"),
             "German health insurance number (labelled)": AnyOf("versicherten", "kvnr"),
             "Canadian health card (labelled)": AnyOf("ramq", "ohip", "health card", "carte")}

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return pattern_name != _AU_MEDICARE or validators.australian_medicare(text[start:end])
