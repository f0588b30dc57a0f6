"""Redact one text column: detect once per distinct text, anonymise, map back, count.

Used by the `redact_text` step; usable on its own (evaluation, benchmarks) with
any detector that has `detect(texts) -> DetectionResult`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from veil.report.model import EntityFinding

if TYPE_CHECKING:
    from veil.nlp.detect import Detector
    from veil.nlp.operators import Anonymizer

__all__ = ["ColumnRedaction", "redact_series", "score_bucket"]


@dataclass
class ColumnRedaction:
    """What redacting one column found, weighted by how many rows hold each text."""

    distinct_texts: int = 0
    rows_changed: int = 0
    count: Counter[str] = field(default_factory=Counter)  # entity -> findings
    rows: Counter[str] = field(default_factory=Counter)  # entity -> rows with one
    recognizers: dict[str, Counter[str]] = field(default_factory=dict)
    buckets: dict[str, Counter[str]] = field(default_factory=dict)
    near_misses: dict[str, int] = field(default_factory=dict)

    def entity_findings(self, *, step: int, column: str,
                        anonymizer: Anonymizer) -> list[EntityFinding]:
        """One report record per entity found (or only nearly found) in the column."""
        entities = set(self.count) | {e for e, n in self.near_misses.items() if n}
        return [EntityFinding(
            step=step, column=column, entity=entity, count=self.count[entity],
            operator=anonymizer.operator_for(entity).op, rows_with_finding=self.rows[entity],
            near_misses=self.near_misses.get(entity, 0),
            recognizers=dict(sorted(self.recognizers.get(entity, {}).items())),
            score_histogram=dict(sorted(self.buckets.get(entity, {}).items())))
            for entity in sorted(entities)]


def redact_series(series: pl.Series, detector: Detector, anonymizer: Anonymizer,
                  subjects: pl.Series | None = None) -> tuple[pl.Series, ColumnRedaction]:
    """`series` with every finding replaced; nulls and empty strings pass through.

    `subjects`, one per row, says whose text each row is: date surrogates then move
    by the subject's offset, so one text can change differently for two subjects. Each
    distinct text is still analysed once.
    """
    text = series.cast(pl.String)
    rows = pl.DataFrame({"text": text})
    keys = ["text"]
    if subjects is not None:
        rows = rows.with_columns(subject=subjects.cast(pl.String))
        keys.append("subject")
    counts = (rows.drop_nulls("text").filter(pl.col("text") != "")
              .group_by(keys, maintain_order=True).len())
    texts = counts.get_column("text").unique(maintain_order=True).to_list()
    result = detector.detect(texts)
    stats = ColumnRedaction(distinct_texts=len(texts), near_misses=dict(result.near_misses))
    found_in = dict(zip(texts, result.findings, strict=True))
    old, new, whose = [], [], []
    for value, *subject, weight in counts.iter_rows():
        found = found_in[value]
        if not found:
            continue
        old.append(value)
        whose.append(subject[0] if subject else None)
        new.append(anonymizer.anonymize(value, found, subject=whose[-1]))
        stats.rows_changed += weight
        for finding in found:
            entity = finding.entity
            stats.count[entity] += weight
            stats.recognizers.setdefault(entity, Counter())[finding.recognizer] += weight
            stats.buckets.setdefault(entity, Counter())[score_bucket(finding.score)] += weight
        for entity in {f.entity for f in found}:
            stats.rows[entity] += weight
    if not old:
        out = text
    elif subjects is None:
        out = text.replace(old, new)
    else:
        changes = pl.DataFrame({"text": old, "subject": whose, "new": new},
                               schema={"text": pl.String, "subject": pl.String, "new": pl.String})
        out = (rows.join(changes, on=keys, how="left", nulls_equal=True, maintain_order="left")
               .select(pl.coalesce("new", "text")).to_series())
    return out.alias(series.name), stats


def score_bucket(score: float) -> str:
    """`0.8-0.9`: tenths, with 1.0 in the top bucket."""
    low = min(int(score * 10), 9) / 10
    return f"{low:.1f}-{low + 0.1:.1f}"
