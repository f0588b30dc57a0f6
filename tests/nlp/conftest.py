"""Detection fixtures: spaCy is loaded once per session (full and pattern-only detectors)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from veil.nlp.detect import Detector
from veil.nlp.models import default_model_name
from veil.nlp.types import DetectorConfig


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The default detector (pinned spaCy model, every entity, threshold 0.5)."""
    built = Detector(DetectorConfig(model=default_model_name(), n_process=1))
    yield built
    built.close()


@pytest.fixture(scope="session")
def pattern_detector() -> Detector:
    """The `nlp: none` detector: pattern recognizers only."""
    return Detector(DetectorConfig(model=None, n_process=1))


@pytest.fixture(scope="session")
def found(detector: Detector) -> Callable[[str], list[tuple[str, str]]]:
    """(entity, matched text) of each resolved finding of one text, through the full detector."""

    def run(text: str) -> list[tuple[str, str]]:
        findings = detector.detect([text]).findings[0]
        return [(f.entity, text[f.start:f.end]) for f in findings]

    return run


def matches(recognizer: EntityRecognizer, text: str) -> list[tuple[str, float]]:
    """(matched text, score) of one recognizer alone, before context and threshold."""
    recognizer.load()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted((text[r.start:r.end], r.score) for r in results)


def matched_texts(recognizer: EntityRecognizer, text: str) -> list[str]:
    return [value for value, _ in matches(recognizer, text)]
