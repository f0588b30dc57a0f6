"""spaCy's NER through Presidio's SpacyRecognizer, minus the small model's number-as-date noise.

The small English model tags bare numbers ("4821", "1234567893") as DATE; as DATE_TIME they
would out-score and displace the address or identifier the number belongs to.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

__all__ = ["NerRecognizer"]

_BARE_NUMBER = re.compile(r"^[\d\s,.-]+$")


class NerRecognizer(SpacyRecognizer):
    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not (r.entity_type == "DATE_TIME"
                                           and _BARE_NUMBER.match(text[r.start:r.end]))]
