"""One process's detection engine: spaCy NER over batches, then every recognizer, then context.

Presidio's `AnalyzerEngine.analyze` costs more than the recognizers it calls: per text it
builds NLP artifacts (a stop-word lookup per token), deep-copies every result, and walks the
tokens again for context. veil keeps Presidio's recognizers and NER mapping but runs the loop
itself: NER entities come straight from `doc.ents`, pattern recognizers are called directly,
and context words are matched in one pass over a lower-cased word index of the text. With
`nlp: none` spaCy is not run at all.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult

from veil.nlp.engine import (
    CONTEXT_BOOST,
    CONTEXT_FLOOR,
    LABELS,
    WORDS_AFTER,
    WORDS_BEFORE,
    build_analyzer,
)
from veil.nlp.recognizers import PRESIDIO_GATES, custom_recognizer, deny_list_recognizer
from veil.nlp.recognizers._base import Found, VeilPatternRecognizer, fold_case, reads_as_ascii
from veil.nlp.recognizers.ner import NerRecognizer, plausible_in, span_start

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from veil.nlp.types import DetectorConfig

__all__ = ["Analysis", "RawFinding"]

RawFinding = tuple[int, int, str, float, str]

NER_SCORE = 0.85
PIPE_BATCH = 256

_WORDS = re.compile(r"[\w#/]+")


class Analysis:
    """The loaded recognizers and pipeline for one config; built once per process."""

    def __init__(self, config: DetectorConfig, entities: Sequence[str]) -> None:
        extra = [custom_recognizer(spec, config.language) for spec in config.custom]
        extra += [deny_list_recognizer(entity, words, config.language)
                  for entity, words in config.deny_list if words]
        self.config = config
        self.analyzer = build_analyzer(config.model, config.language, extra_recognizers=extra)
        self.nlp = self.analyzer.nlp_engine.get_nlp(config.language)
        self.entities = list(entities)
        wanted = self._wanted = frozenset(self.entities)
        self.recognizers: list[EntityRecognizer] = [
            r for r in self.analyzer.registry.recognizers
            if not isinstance(r, NerRecognizer) and wanted & set(r.supported_entities)]
        self.ner_entities = {label: entity for label, entity in LABELS.items()
                             if entity in wanted}
        self.use_ner = config.model is not None and bool(self.ner_entities)
        self.floor = max(0.0, config.threshold - config.near_miss_margin)
        self._plan = [(r, isinstance(r, VeilPatternRecognizer),
                       tuple(w.lower() for w in r.context or ()),
                       re.compile(PRESIDIO_GATES[type(r)]) if type(r) in PRESIDIO_GATES else None)
                      for r in self.recognizers]
        self.gated = True

    def set_gated(self, gated: bool) -> None:
        """Scan texts the gates rule out too (the gates' tests compare both ways)."""
        self.gated = gated
        for recognizer in self.recognizers:
            if isinstance(recognizer, VeilPatternRecognizer):
                recognizer.gated = gated

    def run(self, texts: Sequence[str]) -> list[list[RawFinding]]:
        """Raw findings (at or above threshold - margin) for each text."""
        if not self.use_ner:
            return [self.analyse(text, None) for text in texts]
        return [self.analyse(doc.text, doc) for doc in self.nlp.pipe(texts, batch_size=PIPE_BATCH)]

    def analyse(self, text: str, doc: Doc | None) -> list[RawFinding]:
        found: list[RawFinding] = []
        words: _WordIndex | None = None
        folded = fold_case(text)
        ascii_only = reads_as_ascii(text)
        passed: dict[object, bool] = {}  # gate -> found in this text
        for recognizer, is_veil, context, gate in self._plan:
            results: list[RecognizerResult] | list[Found]
            if is_veil:
                results = recognizer.find(text, folded, passed, ascii_only)
            elif gate is not None and self.gated and gate.search(text) is None:
                continue
            else:
                results = recognizer.analyze(text, self.entities, None)
            for result in results:
                if result.entity_type not in self._wanted:
                    continue
                score = result.score
                if context and score < 1.0:
                    words = words or _WordIndex(folded)
                    if words.near(result.start, result.end, context):
                        score = min(1.0, max(score + CONTEXT_BOOST, CONTEXT_FLOOR))
                if score >= self.floor:
                    found.append((result.start, result.end, result.entity_type,
                                  round(float(score), 4), recognizer.name))
        if doc is not None:
            for ent in doc.ents:
                entity = self.ner_entities.get(ent.label_)
                if (entity and NER_SCORE >= self.floor
                        and plausible_in(entity, text, ent.start_char, ent.end_char)):
                    found.append((span_start(entity, text, ent.start_char, ent.end_char),
                                  ent.end_char, entity, NER_SCORE, "NerRecognizer"))
        return found


class _WordIndex:
    """Lower-cased words of a text and where they start, for context lookups.

    Built from `fold_case(text)`, whose offsets are the text's: `str.lower` writes `İ` as two
    characters, and the words after it would be looked up one place too far on.
    """

    def __init__(self, folded: str) -> None:
        matches = list(_WORDS.finditer(folded))
        self.starts = [m.start() for m in matches]
        self.words = [m.group() for m in matches]

    def near(self, start: int, end: int, context: tuple[str, ...]) -> bool:
        first = bisect.bisect_left(self.starts, start)
        after = bisect.bisect_left(self.starts, end)
        window = self.words[max(0, first - WORDS_BEFORE):first] + \
            self.words[after:after + WORDS_AFTER]
        if not window:
            return False
        joined = " " + " ".join(window)
        return any(" " + word in joined for word in context)
