"""Names that are data: column and field names read for identifiers.

A pivoted export has a column per customer (`ann@example.org`), and a JSON object used as a
map a field per key: the names themselves identify people. Both the residual check and
`veil scan` read names with the pattern recognizers and the lists of people's first and last
names (`Ann Walker`, not the language model), and show a name holding an identifier as a
numbered placeholder (`<EMAIL_ADDRESS 1>`). So do the errors that list columns: a CSV without
a header line has its first record read as the header.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from veil.nlp.recognizers import ENTITIES, NAME_ENTITIES
from veil.nlp.types import DetectorConfig, Finding

__all__ = ["NOT_READ_IN_NAMES", "names_config", "number_found", "data_names",
           "with_full_names"]

#: Dates, ages and ZIP codes name the columns of pivoted aggregates (sales by day, counts
#: by ZIP) and the keys of time series (`{"2024-01-05": 12.5}`), which say nothing about
#: one person.
NOT_READ_IN_NAMES = frozenset({"DATE_TIME", "AGE", "ZIP_CODE"})


def names_config(language: str = "en", threshold: float = 0.5) -> DetectorConfig:
    """Pattern recognizers for names: the language model tags ordinary headers as people and
    places (`date_of_birth` as a PERSON, `customer_id` as a LOCATION), and a false finding
    in a header would fail every run, so people's names used as names are not found."""
    entities = tuple(entity for entity in ENTITIES
                     if entity not in NAME_ENTITIES and entity not in NOT_READ_IN_NAMES)
    # Names are short and few (a 500-key map is 500 short texts): worker processes would
    # cost more to start than they save.
    return DetectorConfig(model=None, language=language, entities=entities,
                          threshold=threshold, n_process=1)


def number_found(names: Sequence[str], found: Sequence[Sequence[Finding]],
                 masks: dict[str, str]) -> None:
    """Add each name with a finding to `masks` as `<ENTITY n>` (its likeliest entity),
    numbered per entity after the placeholders `masks` already holds."""
    numbered = Counter(placeholder[1:].rsplit(" ", 1)[0] for placeholder in masks.values())
    for name, spans in zip(names, found, strict=True):
        if spans:
            entity = max(spans, key=lambda span: span.score).entity
            numbered[entity] += 1
            masks[name] = f"<{entity} {numbered[entity]}>"


def with_full_names(names: Sequence[str],
                    found: Sequence[Sequence[Finding]]) -> list[list[Finding]]:
    """`found` (the pattern recognizers' findings in each name), and a PERSON finding for a
    name without one that holds a first and a last name of the name lists (`Ann Walker`):
    the one rule about people strict enough for names, whose words are no sentence."""
    from veil.nlp.recognizers.person import PersonNameRecognizer, holds_full_name

    return [list(spans) or ([Finding(0, len(name), "PERSON", PersonNameRecognizer.FULL_NAME_SCORE,
                                     PersonNameRecognizer.__name__)]
                            if holds_full_name(name) else [])
            for name, spans in zip(names, found, strict=True)]


def data_names(names: Sequence[str], language: str = "en") -> dict[str, str]:
    """The names in `names` that hold an identifier -> their placeholders, read by a detector
    of their own (for a command that has no run's detector to share)."""
    from veil.nlp.detect import Detector

    detector = Detector(names_config(language))
    try:
        found = with_full_names(names, detector.detect(list(names)).findings)
    finally:
        detector.close()
    masks: dict[str, str] = {}
    number_found(names, found, masks)
    return masks
