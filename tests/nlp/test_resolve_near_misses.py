"""resolve() finds near misses by a search over the kept spans (a book-length cell has
tens of thousands of findings), with the same result as comparing each with every kept
span. The time it takes is in `python bench/bench_detection.py --long-note`."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.nlp.resolve import resolve
from veil.nlp.types import Finding

ENTITIES = ("PERSON", "LOCATION", "PHONE_NUMBER", "DATE_TIME")

finding = st.builds(
    lambda start, length, entity, score: Finding(start, start + length, entity, score, "r"),
    st.integers(0, 120), st.integers(0, 15), st.sampled_from(ENTITIES),
    st.sampled_from([0.2, 0.35, 0.45, 0.5, 0.6, 0.85, 1.0]))


def near_misses_by_comparing_all(findings: list[Finding], kept: list[Finding],
                                 threshold: float) -> Counter[str]:
    near: Counter[str] = Counter()
    seen = set()
    for f in findings:
        key = (f.start, f.end, f.entity)
        if f.score < threshold and key not in seen:
            seen.add(key)
            if not any(f.start < k.end and k.start < f.end for k in kept):
                near[f.entity] += 1
    return near


@settings(max_examples=300, deadline=None)
@given(st.lists(finding, max_size=40), st.sampled_from([0.4, 0.5]))
def test_resolve_near_misses_match_the_pairwise_definition(findings, threshold):
    # no field label (`tel`, `email`): resolve drops those first, as no finding at all
    text = "Ann Lee met Bo Chen in Oslo on 5 May, dial 555 0100; " * 3
    kept, near = resolve(text, findings, threshold=threshold)
    assert near == near_misses_by_comparing_all(findings, kept, threshold)
    # The search relies on this: kept spans are sorted and disjoint.
    assert all(a.end <= b.start for a, b in zip(kept, kept[1:], strict=False))
