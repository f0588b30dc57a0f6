"""Shared pieces of the sample generators: seeded sources, formats, CSV writing."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from faker import Faker

from veil.samples.truth import Planted, write_truth

__all__ = ["Sources", "Table", "phone", "text_date", "write_table"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Sources:
    """One seeded Faker and one seeded `random.Random`: the only randomness a generator uses."""

    def __init__(self, seed: int, locale: str = "en_US") -> None:
        self.fake = Faker(locale)
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)
        self._issued: dict[str, set[str]] = {}

    def digits(self, count: int) -> str:
        return "".join(self.rng.choices("0123456789", k=count))

    def unique_id(self, kind: str, draw: Callable[[], str]) -> str:
        """`draw()` until it gives a `kind` identifier not issued before.

        Record numbers and customer IDs are keys other tables join on: drawn at random
        from a few million values, 100,000 patients would share about 500 of them.
        """
        issued = self._issued.setdefault(kind, set())
        while (value := draw()) in issued:
            pass
        issued.add(value)
        return value

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))


@dataclass
class Table:
    """Columns of one generated table plus the identifiers planted in it."""

    name: str
    columns: dict[str, list] = field(default_factory=dict)
    planted: list[Planted] = field(default_factory=list)

    def add_row(self, row: dict) -> int:
        index = len(next(iter(self.columns.values()))) if self.columns else 0
        for key, value in row.items():
            self.columns.setdefault(key, []).append(value)
        return index

    def plant_cells(self, row: int, cells: dict[str, tuple[str, str, int | None]]) -> None:
        """Record whole structured cells: {column: (value, entity, hipaa category)}."""
        for column, (value, entity, hipaa) in cells.items():
            self.planted.append(Planted(self.name, row, column, value, entity, hipaa))


_AREA_CODES = ("617", "781", "508", "978", "857", "339", "413", "774")


def phone(src: Sources, area: str | None = None) -> str:
    """A US number in one of the ways people write them (never a 555 or N11 exchange)."""
    area = area or src.rng.choice(_AREA_CODES)
    exchange = f"{src.rng.randint(2, 9)}{src.rng.choice('02346789')}{src.rng.randint(0, 9)}"
    line = src.digits(4)
    style = src.rng.randrange(4)
    if style == 0:
        return f"({area}) {exchange}-{line}"
    if style == 1:
        return f"{area}-{exchange}-{line}"
    if style == 2:
        return f"{area}.{exchange}.{line}"
    return f"+1 {area} {exchange} {line}"


def text_date(src: Sources, day: date) -> str:
    """A date as clinicians and customers write it."""
    style = src.rng.randrange(4)
    if style == 0:
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == 1:
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == 2:
        return day.isoformat()
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def write_table(table: Table, out_dir: Path) -> tuple[Path, Path]:
    """`<name>.csv` and `<name>.truth.jsonl` in `out_dir`; byte-identical for the same table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data_path = out_dir / f"{table.name}.csv"
    truth_path = out_dir / f"{table.name}.truth.jsonl"
    frame = pl.DataFrame(table.columns, schema={k: pl.String for k in table.columns})
    frame.write_csv(data_path, quote_style="necessary", line_terminator="\n")
    write_truth(truth_path, table.planted)
    return data_path, truth_path
