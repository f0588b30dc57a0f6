"""Turn overlapping raw findings into one clean set: what gets replaced, and near misses.

Rules, applied once so no identifier is half-replaced:
1. allow-listed words are never findings, and a field's label alone (`Email:`, `Tel.`) is no
   name or place, though NER tags it one at the start of a line;
2. findings of one entity that overlap or touch (only spaces between, or for names and
   places the particles inside one: `Ella van der Stael`, `Rothenburg ob der Tauber`) merge
   into one span;
3. overlapping findings of different entities become one span covering all of them (so a
   losing finding's characters are never left readable), labelled by the winner: the highest
   score, then the longest span, then the more specific entity (a checksummed ID beats a
   phone number);
4. findings in [threshold - margin, threshold) that overlap nothing kept are near misses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from operator import attrgetter

from veil.nlp.types import PLACE_PARTICLES, Finding, is_name_prefix

__all__ = ["resolve"]

_WORD = re.compile(r"[^\s,]+")
#: Lower-case words inside a person's or a place's name, between its capitalised parts.
_PARTICLES = re.compile(rf"\s+(?:(?:{PLACE_PARTICLES})\s+)+")
_JOINED_BY_PARTICLES = frozenset({"PERSON", "LOCATION"})
#: Labels of the fields notes and forms write before a value: alone, never a name or a place.
_FIELD_LABELS = frozenset({
    "email", "e-mail", "tel", "phone", "telephone", "fax", "cell", "mobile", "pager", "dob",
    "mrn", "ssn", "address", "contact", "name", "subject", "re", "cc", "attn",
})
_NAMED_ENTITIES = frozenset({"PERSON", "LOCATION", "NRP"})
#: Broad entities that lose ties against specific ones covering the same characters.
_GENERIC = {"PHONE_NUMBER": 1, "US_BANK_NUMBER": 1, "DATE_TIME": 2, "URL": 1, "ZIP_CODE": 1,
            "LOCATION": 1, "NRP": 2}
#: A finding's fields in order: its sort order (as `Finding`'s own, at C speed).
_IN_ORDER = attrgetter("start", "end", "entity", "score", "recognizer")


def resolve(text: str, findings: list[Finding], *, threshold: float,
            allow_list: tuple[str, ...] = ()) -> tuple[list[Finding], Counter[str]]:
    """(kept findings sorted by start, near-miss count per entity)."""
    allowed = {word.strip().lower() for word in allow_list}
    if allowed:
        findings = [f for f in findings if text[f.start:f.end].strip().lower() not in allowed]
    findings = [f for f in findings if not _a_field_label(text, f)]
    above = _merge_same_entity(text, [f for f in findings if f.score >= threshold])
    kept = [_union(text, cluster) for cluster in _overlapping_clusters(above)]
    near: Counter[str] = Counter()
    seen: set[tuple[int, int, str]] = set()
    starts = [finding.start for finding in kept]
    for finding in findings:
        key = (finding.start, finding.end, finding.entity)
        if finding.score < threshold and key not in seen:
            seen.add(key)
            if not _overlaps_any(finding, kept, starts):
                near[finding.entity] += 1
    return kept, near


def _a_field_label(text: str, finding: Finding) -> bool:
    return (finding.entity in _NAMED_ENTITIES
            and text[finding.start:finding.end].strip(" .:#").lower() in _FIELD_LABELS)


def _overlaps_any(finding: Finding, kept: list[Finding], starts: list[int]) -> bool:
    """Whether `finding` overlaps a span of `kept` (sorted, disjoint; `starts` their starts).

    Only the last kept span starting before the finding ends can reach into it: the spans
    are disjoint, so their ends rise with their starts. A search, not a scan, because a
    whole book in one cell has tens of thousands of findings of each kind.
    """
    before_end = bisect_left(starts, finding.end)
    return before_end > 0 and kept[before_end - 1].end > finding.start


def _overlapping_clusters(findings: list[Finding]) -> list[list[Finding]]:
    clusters: list[list[Finding]] = []
    end = -1
    for finding in sorted(findings, key=_IN_ORDER):
        if clusters and finding.start < end:
            clusters[-1].append(finding)
            end = max(end, finding.end)
        else:
            clusters.append([finding])
            end = finding.end
    return clusters


def _union(text: str, cluster: list[Finding]) -> Finding:
    """One span over the whole cluster, labelled by its winner."""
    if len(cluster) == 1 and cluster[0].entity != "PERSON":  # most are: nothing to weigh
        return cluster[0]
    winner = min(cluster, key=_priority)
    start, end = min(f.start for f in cluster), max(f.end for f in cluster)
    if winner.entity in _NAMED_ENTITIES:  # `received Mar 3`: the model's name is the month
        winner = next((f for f in cluster if f.entity == "DATE_TIME"
                       and f.start == start and f.end == end), winner)
    if winner.entity == "PERSON":
        others = [f.start for f in cluster if f.entity != "PERSON"]
        start = min([_after_name_prefixes(text, start, end), *others])
    return Finding(start, end, winner.entity, winner.score, winner.recognizer)


def _after_name_prefixes(text: str, start: int, end: int) -> int:
    """Where the name starts in a PERSON span that opens with titles or role words.

    "Patient Ryan Gallagher" -> "Ryan Gallagher": the role word is not identifying, and
    replacing it too would turn "Patient Ryan Gallagher was seen" into "<PERSON> was seen".
    A span of nothing but such words is left whole.
    """
    position = start
    for match in _WORD.finditer(text, start, end):
        if not is_name_prefix(match.group()):
            return match.start() if match.start() > start else start
        position = match.end()
    return start if position >= end or not text[position:end].strip() else position


def _priority(finding: Finding) -> tuple[float, int, int, int]:
    return (-finding.score, finding.start - finding.end, _GENERIC.get(finding.entity, 0),
            finding.start)


def _merge_same_entity(text: str, findings: list[Finding]) -> list[Finding]:
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.entity, f.start, f.end)):
        last = merged[-1] if merged else None
        if last is not None and last.entity == finding.entity and (
                finding.start <= last.end or text[last.end:finding.start].isspace()
                or (finding.entity in _JOINED_BY_PARTICLES
                    and _PARTICLES.fullmatch(text, last.end, finding.start) is not None)):
            recognizer = last.recognizer if last.score >= finding.score else finding.recognizer
            merged[-1] = Finding(last.start, max(last.end, finding.end), last.entity,
                                 max(last.score, finding.score), recognizer)
        else:
            merged.append(finding)
    return merged
