"""Benchmark: one very long free-text cell against the same text as many short ones.

A scanned book, a whole patient history or a chat export pasted into one cell is one
text: veil cuts it into pieces and shares the pieces out to its worker processes, so it
should be read about as fast as the same characters spread over many rows. Prints the
characters per second of both, with veil's detector (spaCy model and recognizers).

    python bench/bench_long_note.py                  # a 2,000,000-character note
    python bench/bench_long_note.py --chars 200000
"""

from __future__ import annotations

import argparse
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_000_000, help="length of the long note")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated notes")
    args = parser.parse_args()

    from veil.evaluation.generate import generate
    from veil.nlp.detect import Detector
    from veil.nlp.models import default_model_name
    from veil.nlp.types import DetectorConfig

    notes: list[str] = []
    length = 0
    batch = 0
    while length < args.chars:
        for record in generate(2_000, seed=args.seed + batch):
            notes.append(record["text"])
            length += len(record["text"]) + 2
            if length >= args.chars:
                break
        batch += 1
    long_note = "\n\n".join(notes)
    detector = Detector(DetectorConfig(model=default_model_name(), threshold=0.5))
    try:
        detector.detect(["Warm up: Ann Walker called 212-555-0100."])
        started = time.perf_counter()
        one = detector.detect([long_note]).findings[0]
        one_seconds = time.perf_counter() - started
        started = time.perf_counter()
        many = detector.detect(notes).findings
        many_seconds = time.perf_counter() - started
    finally:
        detector.close()
    print(f"text: {len(long_note):,} characters, {len(notes):,} generated notes")
    print(f"one cell:       {one_seconds:8.1f} s  {len(long_note) / one_seconds:>10,.0f} chars/s"
          f"  {len(one):,} findings")
    print(f"one per note:   {many_seconds:8.1f} s  {len(long_note) / many_seconds:>10,.0f} chars/s"
          f"  {sum(map(len, many)):,} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
