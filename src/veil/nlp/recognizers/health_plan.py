"""Health plan member, policy and claim IDs (HIPAA identifier 9): payer-specific, by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import AnyOf, DigitRunGate, VeilPatternRecognizer

_ID_WORD = r"(?:id|identifier|number|no\.?|#)"
_LABEL = rf"(?:member|subscriber|policy|insurance|plan|beneficiary|group|claim)\s*{_ID_WORD}"
_VALUE = r"(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19})\b"


class HealthPlanMemberIdRecognizer(VeilPatternRecognizer):
    """`Member ID: XJH482913307`, `policy # BCX-48291-77`, `claim number 4471-99821-03`,
    `Medicaid ID: 12345678A`."""

    ENTITY = "HEALTH_PLAN_ID"
    PATTERNS = [
        Pattern("member ID (labelled)", rf"\b{_LABEL}\s*(?:is\s+|[:#=]\s*)?{_VALUE}", 0.85),
        Pattern("Medicaid ID", rf"\bmedicaid(?:\s*{_ID_WORD})?\s*(?:is\s+|[:#=]\s*)?{_VALUE}",
                0.85),
        Pattern("member ID (payer prefix)", r"\b[A-Z]{3}\d{8,12}\b", 0.2),
        # `Insurance: Aetna PPO, ID W123456789`: the ID after the payer's name
        Pattern("member ID (after the insurer)",
                rf"\binsurance\s*:[^.;\n]{{1,40}}?\bID\s*[:#]?\s*{_VALUE}", 0.85),
    ]
    CONTEXT = ["member", "subscriber", "insurance", "policy", "plan", "payer", "coverage"]
    GATES = {"member ID (labelled)": r"(?:member|subscriber|policy|insurance|plan|beneficiary"
                                     r"|group|claim)\s*(?:id|number|no|#)",
             "Medicaid ID": AnyOf("medicaid"),
             "member ID (payer prefix)": DigitRunGate(8),
             "member ID (after the insurer)": r"insurance\s*:"}
