"""Ground truth: every identifier a sample plants, where it is, and what kind it is.

One JSON object per line: ``table``, ``row`` (0-based), ``column``, ``value``,
``start``/``end`` (character span inside a free-text cell; absent for a whole
structured cell), ``entity`` (veil's entity name) and ``hipaa`` (the HIPAA
Safe Harbor category number 1-18 where one applies; absent otherwise).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Planted", "TextBuilder", "HIPAA_CATEGORIES", "write_truth", "read_truth"]

#: 45 CFR 164.514(b)(2)(i): the 18 identifiers Safe Harbor removes, by number.
HIPAA_CATEGORIES = {
    1: "names",
    2: "geographic subdivisions smaller than a state (street, city, ZIP beyond 3 digits)",
    3: "all elements of dates (except year) and ages over 89",
    4: "telephone numbers",
    5: "fax numbers",
    6: "email addresses",
    7: "social security numbers",
    8: "medical record numbers",
    9: "health plan beneficiary numbers",
    10: "account numbers",
    11: "certificate and license numbers",
    12: "vehicle identifiers and serial numbers, including license plates",
    13: "device identifiers and serial numbers",
    14: "web URLs",
    15: "IP addresses",
    16: "biometric identifiers",
    17: "full-face photographs and comparable images",
    18: "any other unique identifying number, characteristic or code",
}


@dataclass(frozen=True)
class Planted:
    table: str
    row: int
    column: str
    value: str
    entity: str
    hipaa: int | None = None
    start: int | None = None
    end: int | None = None


class TextBuilder:
    """Assemble one free-text cell and remember the span of every planted value."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.spans: list[tuple[int, int, str, str, int | None]] = []

    def text(self, chunk: str) -> TextBuilder:
        self._parts.append(chunk)
        self._length += len(chunk)
        return self

    def plant(self, value: str, entity: str, hipaa: int | None = None) -> TextBuilder:
        self.spans.append((self._length, self._length + len(value), value, entity, hipaa))
        return self.text(value)

    def build(self, table: str, row: int, column: str) -> tuple[str, list[Planted]]:
        return "".join(self._parts), [
            Planted(table, row, column, value, entity, hipaa, start, end)
            for start, end, value, entity, hipaa in self.spans
        ]


def write_truth(path: Path, planted: list[Planted]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in planted:
            fields = {k: v for k, v in asdict(record).items() if v is not None}
            handle.write(json.dumps(fields, ensure_ascii=False, sort_keys=True) + "\n")


def read_truth(path: str | Path) -> list[Planted]:
    with open(path, encoding="utf-8") as handle:
        return [Planted(**json.loads(line)) for line in handle if line.strip()]
