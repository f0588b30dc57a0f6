"""Detection metrics against gold spans: precision, recall, F2 per entity, and leakage.

- A gold span is *found* when a finding of the same entity overlaps it; a finding is
  *correct* when it overlaps a gold span of its entity. Recall and precision count spans.
- F2 weighs recall four times as much as precision: a missed identifier leaks, a spurious
  one only costs a word of text.
- Leakage is the share of gold PII characters that no finding covers (of any entity): what
  would still be readable after every finding is replaced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from veil.nlp.types import Finding

__all__ = ["GoldSpan", "EntityScore", "Scores", "score"]


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    entity: str


@dataclass
class EntityScore:
    entity: str
    gold: int = 0
    found: int = 0  # gold spans overlapped by a finding of this entity
    predicted: int = 0
    correct: int = 0  # findings overlapping a gold span of this entity
    gold_chars: int = 0
    leaked_chars: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f2(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or (p == 0 and r == 0):
            return None if p is None or r is None else 0.0
        return 5 * p * r / (4 * p + r)

    @property
    def leakage(self) -> float | None:
        return self.leaked_chars / self.gold_chars if self.gold_chars else None

    def to_dict(self) -> dict:
        return {"entity": self.entity, "gold": self.gold, "predicted": self.predicted,
                "precision": self.precision, "recall": self.recall, "f2": self.f2,
                "leakage": self.leakage}


@dataclass
class Scores:
    entities: dict[str, EntityScore] = field(default_factory=dict)
    texts: int = 0

    def entity(self, name: str) -> EntityScore:
        return self.entities.setdefault(name, EntityScore(name))

    @property
    def total(self) -> EntityScore:
        total = EntityScore("ALL")
        for e in self.entities.values():
            for name in ("gold", "found", "predicted", "correct", "gold_chars", "leaked_chars"):
                setattr(total, name, getattr(total, name) + getattr(e, name))
        return total

    def to_dict(self) -> dict:
        return {"texts": self.texts, "overall": self.total.to_dict(),
                "entities": [self.entities[k].to_dict() for k in sorted(self.entities)]}


def score(gold: Sequence[Iterable[GoldSpan]], predicted: Sequence[Iterable[Finding]],
          *, scores: Scores | None = None) -> Scores:
    """Compare findings with gold spans text by text (both lists aligned)."""
    scores = scores or Scores()
    for gold_spans, findings in zip(gold, predicted, strict=True):
        gold_spans, findings = list(gold_spans), list(findings)
        scores.texts += 1
        for span in gold_spans:
            e = scores.entity(span.entity)
            e.gold += 1
            e.found += any(_overlap(span, f) and f.entity == span.entity for f in findings)
            covered = _covered(span, findings)
            e.gold_chars += span.end - span.start
            e.leaked_chars += span.end - span.start - covered
        by_entity: dict[str, list[GoldSpan]] = defaultdict(list)
        for span in gold_spans:
            by_entity[span.entity].append(span)
        for finding in findings:
            e = scores.entity(finding.entity)
            e.predicted += 1
            e.correct += any(_overlap(span, finding) for span in by_entity[finding.entity])
    return scores


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _covered(span: GoldSpan, findings: list[Finding]) -> int:
    """Characters of `span` inside at least one finding."""
    marks = bytearray(span.end - span.start)
    for f in findings:
        for i in range(max(f.start, span.start), min(f.end, span.end)):
            marks[i - span.start] = 1
    return sum(marks)
