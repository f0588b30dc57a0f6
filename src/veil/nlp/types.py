"""Shared types of the detection side: what a finding is, how detection is configured.

The detector (``veil.nlp.detect``) produces findings; redact_text, scan, the
residual check and the evaluation consume them. Findings carry positions and
types only: the matched text is never stored in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from veil.recipe.schema import VeilModel

__all__ = ["Finding", "CustomRecognizerSpec", "DetectorConfig", "DetectionResult",
           "NAME_PARTICLES", "NAME_PREFIXES", "PLACE_PARTICLES", "is_name_prefix"]

#: Titles and role words a PERSON span may start with ("Patient Ryan Gallagher"). They are
#: not identifying: findings are trimmed to the name after them, and surrogates keep them.
NAME_PREFIXES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "mx", "rev", "nurse", "patient", "pt",
    "doctor", "mother", "father", "son", "daughter", "wife", "husband", "sister", "brother",
})


#: Lower-case words inside a person's name, between its capitalised parts (`Mette de Bock`,
#: `Ella van der Stael`), as a regex alternation.
NAME_PARTICLES = "van|von|de|der|den|du|da|di|del|della|la|le|ten|ter|dos|das|do|bin|ibn|al"
#: The same inside a place's name (`Rothenburg ob der Tauber`, `Frankfurt am Main`).
PLACE_PARTICLES = f"{NAME_PARTICLES}|am|an|im|ob|upon|sur|en"


def is_name_prefix(token: str) -> bool:
    return token.strip(".").lower() in NAME_PREFIXES


@dataclass(frozen=True, order=True)
class Finding:
    """One detected identifier: a character span of one text, its entity type and score."""

    start: int
    end: int
    entity: str
    score: float
    recognizer: str


class CustomRecognizerSpec(VeilModel):
    """A pattern recognizer declared in a recipe (redact_text `recognizers:`)."""

    name: str = Field(description="Name shown in the report, e.g. `hospital_mrn`.")
    entity: str = Field(description="Entity type it finds, e.g. `MEDICAL_RECORD_NUMBER`.",
                        pattern=r"^[A-Z][A-Z0-9_]*$")
    regex: str = Field(description="Regular expression (Python `re` syntax) matching the value. "
                       "Case-sensitive; start it with `(?i)` to ignore case.")
    score: float = Field(0.6, ge=0, le=1, description="Score of a match before context boosts.")
    context: tuple[str, ...] = Field(default_factory=tuple,  # a tuple: detectors are cached by config
                               description="Words near a match that raise its score.")
    validator: Literal["luhn", "mod97", "aba"] | None = Field(
        None, description="Checksum a match must pass: luhn (cards, NPI), mod97 (IBAN), aba "
        "(US routing numbers).")


@dataclass(frozen=True)
class DetectorConfig:
    """Everything that changes what is detected. Hashable: detectors are cached per config."""

    model: str | None  # spaCy pipeline name; None = pattern recognizers only (`nlp: none`)
    language: str = "en"
    entities: tuple[str, ...] | None = None  # None = every entity veil knows
    threshold: float = 0.5
    allow_list: tuple[str, ...] = ()
    deny_list: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (entity, words)
    custom: tuple[CustomRecognizerSpec, ...] = ()
    near_miss_margin: float = 0.15  # findings in [threshold - margin, threshold) are near misses
    n_process: int | None = None  # worker processes; None = one per core


@dataclass
class DetectionResult:
    """Findings per input text (resolved: non-overlapping, at or above the threshold)."""

    findings: list[list[Finding]]
    near_misses: dict[str, int] = field(default_factory=dict)  # entity -> count
