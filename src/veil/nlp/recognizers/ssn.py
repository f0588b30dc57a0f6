"""US social security numbers: Presidio's recognizer, with the labels forms and notes use.

Presidio leaves `ss#` and `ssn#` out of its context words because its own context matcher
splits words at `#`; veil's keeps the `#` (`veil.nlp.analysis`), so `SS# 457239108` is found.
Its weak patterns (nine digits, 3-2-4 with dashes) still need one of these words nearby.
"""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import UsSsnRecognizer as PresidioUsSsnRecognizer

__all__ = ["UsSsnRecognizer"]


class UsSsnRecognizer(PresidioUsSsnRecognizer):
    CONTEXT = [*PresidioUsSsnRecognizer.CONTEXT, "ss#", "ssn#", "soc sec", "ss no", "ss number"]
