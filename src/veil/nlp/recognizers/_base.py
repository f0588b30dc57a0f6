"""The base of veil's pattern recognizers: Presidio's PatternRecognizer, plus three habits.

- a pattern may mark the identifier itself with a named group `value`, so a keyword that
  proves the type ("MRN: 0048213") is matched but not replaced;
- a checksum that passes sets the score to `VALIDATED_SCORE` (1.0 unless a format is common
  enough by chance that context must still decide), a checksum that fails drops the match;
- regex flags belong to the recognizer (names need case, IDs do not).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["VeilPatternRecognizer"]


class VeilPatternRecognizer(PatternRecognizer):
    """Subclasses set ENTITY, PATTERNS, CONTEXT and optionally validate/invalidate hooks."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    FLAGS: ClassVar[int] = re.IGNORECASE
    VALIDATED_SCORE: ClassVar[float] = 1.0

    def __init__(self, supported_language: str = "en", *, name: str | None = None) -> None:
        super().__init__(supported_entity=self.ENTITY, patterns=list(self.PATTERNS),
                         context=list(self.CONTEXT), supported_language=supported_language,
                         name=name or type(self).__name__)
        self._compiled = [(p, re.compile(p.regex, self.FLAGS)) for p in self.patterns]

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        found: dict[tuple[int, int], RecognizerResult] = {}
        metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        for pattern, regex in self._compiled:
            for match in regex.finditer(text):
                group = "value" if "value" in regex.groupindex else 0
                start, end = match.span(group)
                if start < 0 or start == end:
                    continue
                score = self._score(text[start:end], pattern.score)
                if score <= 0:
                    continue
                previous = found.get((start, end))
                if previous is None or previous.score < score:
                    explanation = AnalysisExplanation(self.name, score, pattern_name=pattern.name)
                    found[(start, end)] = RecognizerResult(
                        self.ENTITY, start, end, score, analysis_explanation=explanation,
                        recognition_metadata=dict(metadata))
        return _outermost(list(found.values()))

    def _score(self, matched: str, score: float) -> float:
        valid = self.validate_result(matched)
        if valid is False or self.invalidate_result(matched):
            return 0.0
        if valid:
            return max(score, self.VALIDATED_SCORE)
        return score

    def validate_result(self, pattern_text: str) -> bool | None:
        return None

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return None


def _outermost(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop matches inside a longer match of the same recognizer that scores at least as high
    (`Jul 2023` inside `07 Jul 2023`, `example.com/a` inside `https://example.com/a`)."""
    return [r for r in results if not any(
        o is not r and o.start <= r.start and r.end <= o.end and o.score >= r.score
        and (o.end - o.start) > (r.end - r.start) for o in results)]
