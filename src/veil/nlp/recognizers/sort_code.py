"""UK sort codes: six digits in pairs; a bare `12-34-56` could be a date, so it needs context."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer


class UkSortCodeRecognizer(VeilPatternRecognizer):
    ENTITY = "UK_SORT_CODE"
    PATTERNS = [
        Pattern("sort code (labelled)", r"\bsort(?:ing)?\s*code\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d{2}[- ]?\d{2}[- ]?\d{2})\b", 0.95),
        # as a chat says it, `the sort is 30-94-57` (with dashes: `sort 12 34 56 files` is none)
        Pattern("sort code (said)",
                r"\bsort\s*(?:is\s+|[:#=]\s*)?(?P<value>\d{2}-\d{2}-\d{2})\b", 0.95),
        Pattern("sort code (bare)", r"\b\d{2}-\d{2}-\d{2}\b", 0.2),
        # Australia's bank-state-branch number, by its label (`my bsb is 062-000`)
        Pattern("BSB (labelled)", r"\bbsb\s*(?:number|no\.?|#)?\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d{3}-?\d{3})\b", 0.95),
        # before an account's eight digits, as a UK payment gives them: `12-34-56 12345678`
        Pattern("sort code (before an account)", r"\b(?P<value>\d{2}-\d{2}-\d{2})\s+\d{8}\b", 0.85),
    ]
    CONTEXT = ["sort code", "sort", "sortcode", "bank"]
    GATES = {"sort code (labelled)": "sort", "sort code (said)": "sort", "BSB (labelled)": "bsb",
             "sort code (bare)": r"-\d{2}-",
             "sort code (before an account)": r"-\d{2}-\d{2}\s"}
