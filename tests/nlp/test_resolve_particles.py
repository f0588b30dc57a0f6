"""Findings of a name or a place split by its lower-case particles merge into one span."""

from __future__ import annotations

import pytest

from veil.nlp.resolve import resolve
from veil.nlp.types import Finding


def _spans(text: str, *parts: tuple[str, str]) -> list[tuple[str, str]]:
    findings = [Finding(text.index(word), text.index(word) + len(word), entity, 0.85, "test")
                for word, entity in parts]
    kept, _ = resolve(text, findings, threshold=0.5)
    return [(f.entity, text[f.start:f.end]) for f in kept]


@pytest.mark.parametrize("text, parts, expected", [
    ("Hi, my name is Ella van der Stael.", [("Ella", "PERSON"), ("Stael", "PERSON")],
     [("PERSON", "Ella van der Stael")]),
    ("at 63511 Rothenburg ob der Tauber.", [("Rothenburg", "LOCATION"), ("Tauber", "LOCATION")],
     [("LOCATION", "Rothenburg ob der Tauber")]),
    # other words between, or a particle between two different entities: apart
    ("Ann and Bob called", [("Ann", "PERSON"), ("Bob", "PERSON")],
     [("PERSON", "Ann"), ("PERSON", "Bob")]),
    ("Ann de Paris", [("Ann", "PERSON"), ("Paris", "LOCATION")],
     [("PERSON", "Ann"), ("LOCATION", "Paris")]),
    ("order 12 de 34", [("12", "US_BANK_NUMBER"), ("34", "US_BANK_NUMBER")],
     [("US_BANK_NUMBER", "12"), ("US_BANK_NUMBER", "34")]),
])
def test_resolve_joins_a_name_split_by_its_particles(text, parts, expected):
    assert _spans(text, *parts) == expected
