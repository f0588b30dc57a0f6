"""Phone numbers: Presidio's recognizer (the `phonenumbers` matcher) with a usable base score.

Presidio scores every phone match 0.4, under veil's default threshold, although the matcher
already demands a plausible number; veil scores it 0.6 and adds the words chats use ("text",
"reach", "fax").
"""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer


class PhoneRecognizer(PresidioPhoneRecognizer):
    SCORE = 0.6
    CONTEXT = [*PresidioPhoneRecognizer.CONTEXT, "tel", "ph", "fax", "reach", "text", "contact"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, context=list(self.CONTEXT))
