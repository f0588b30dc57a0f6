"""Seeded synthetic sector data with ground truth, for the bundled recipes, tests and benchmarks.

``generate("hospital", rows=600, seed=7, out_dir="samples")`` writes
``samples/hospital/patients.csv``, ``encounters.csv`` and, beside each, a
``.truth.jsonl`` listing every planted identifier (see :mod:`veil.samples.truth`).
The same kind, rows and seed give byte-identical files. No value is real:
names and addresses come from Faker, numbers are random with valid check digits.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from veil.errors import UsageError
from veil.samples.truth import HIPAA_CATEGORIES, Planted, read_truth

__all__ = ["generate", "KINDS", "bundled_dir", "read_truth", "Planted", "HIPAA_CATEGORIES"]

#: Sector -> rows of its main table in the bundled sample.
KINDS = {"hospital": 600, "bank": 600}


def generate(
    kind: str, rows: int | None = None, seed: int = 0, out_dir: str | Path = "samples"
) -> dict[str, Path]:
    """Write the `kind` sample ("hospital", "bank" or "all") under ``out_dir/<sector>/``.

    `rows` is the number of rows of the main table (encounters, transactions);
    the other tables scale with it. Returns {"<sector>/<table>": csv path}.
    """
    from veil.samples._common import write_table
    from veil.samples.bank import generate_bank
    from veil.samples.hospital import generate_hospital

    builders = {"hospital": generate_hospital, "bank": generate_bank}
    if kind not in (*builders, "all"):
        msg = f"unknown sample kind `{kind}`; use one of hospital, bank, all."
        raise UsageError(msg)
    if rows is not None and rows < 1:
        msg = f"`rows` must be at least 1; got {rows}."
        raise UsageError(msg)
    written: dict[str, Path] = {}
    for sector in builders if kind == "all" else (kind,):
        for table in builders[sector](rows or KINDS[sector], seed):
            data_path, _ = write_table(table, Path(out_dir) / sector)
            written[f"{sector}/{table.name}"] = data_path
    return written


def bundled_dir(sector: str) -> Path:
    """Folder of the sample shipped with veil (``veil:samples/<sector>/...`` in recipes)."""
    return Path(str(resources.files("veil").joinpath("samples", "data", sector)))
