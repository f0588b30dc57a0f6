"""Share of the identifiers planted in the bundled samples' free text that detection covers.

    python bench/bench_planted_recall.py

The samples' generator records where it planted each identifier in a free-text cell
(`*.truth.jsonl`, with `start` and `end`): the hospital notes and discharge summaries, the
bank's support chats. This reads every such cell with veil's detector (the pinned model, the
default threshold, no recipe settings) and counts a planted identifier as covered when one
finding, of any entity, spans all of it: what a `redact_text` step would replace. Unlike
`veil eval`, the texts were not written from the labelled set's templates.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

import polars as pl

from veil.nlp.detect import Detector
from veil.nlp.models import default_model_name
from veil.nlp.types import DetectorConfig
from veil.samples import bundled_dir, read_truth

SECTORS = ("hospital", "bank")


def coverage() -> dict[str, dict[str, tuple[int, int]]]:
    """Sector -> entity -> (covered, planted)."""
    detector = Detector(DetectorConfig(model=default_model_name()))
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    try:
        for sector in SECTORS:
            folder = bundled_dir(sector)
            covered: Counter[str] = Counter()
            planted: Counter[str] = Counter()
            for truth in sorted(folder.glob("*.truth.jsonl")):
                spans = [p for p in read_truth(truth) if p.start is not None]
                if not spans:
                    continue
                table = pl.read_csv(folder / truth.name.replace(".truth.jsonl", ".csv"),
                                    infer_schema=False)
                by_column = defaultdict(list)
                for span in spans:
                    by_column[span.column].append(span)
                for column, in_column in by_column.items():
                    found = detector.detect(table[column].to_list()).findings
                    for span in in_column:
                        planted[span.entity] += 1
                        start, end = _without_spaces(table[column][span.row], span)
                        covered[span.entity] += any(f.start <= start and f.end >= end
                                                    for f in found[span.row])
            counts[sector] = {entity: (covered[entity], planted[entity])
                              for entity in sorted(planted)}
    finally:
        detector.close()
    return counts


def _without_spaces(text: str, span) -> tuple[int, int]:
    """The planted span less the spaces at its ends (the generator keeps a Spanish address's
    trailing one), which no finding need cover."""
    value = text[span.start:span.end]
    start = span.start + len(value) - len(value.lstrip())
    return start, span.end - len(value) + len(value.rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)
    counts = coverage()
    if args.json:
        print(json.dumps(counts, indent=2))
        return 0
    for sector, entities in counts.items():
        covered = sum(c for c, _ in entities.values())
        planted = sum(p for _, p in entities.values())
        print(f"{sector}: {covered:,} of {planted:,} planted identifiers covered "
              f"({covered / planted:.3f})")
        for entity, (hit, total) in entities.items():
            print(f"  {entity:<22} {hit:>6,} / {total:<6,} {hit / total:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
