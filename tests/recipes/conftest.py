"""Run each bundled recipe once per session on its bundled sample, and check for canaries.

The canary check: every identifier the sample generator planted (its ground
truth) is searched for in every file the run wrote. A value counts as found
only as a whole token (not inside a longer number or a hex token).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest
from tests.conftest import TEST_KEY

import veil
from veil.recipe.bundled import bundled_recipes
from veil.samples import Planted, bundled_dir, read_truth

#: Recipe -> (sector, tables whose ground truth applies).
RECIPE_DATA = {
    "hospital-safe-harbor": ("hospital", ("patients", "encounters")),
    "clinical-notes-llm": ("hospital", ("patients", "encounters")),
    "bank-transactions": ("bank", ("customers", "transactions")),
    "bank-support-chat-llm": ("bank", ("customers", "support_chats")),
    "kyc-analytics": ("bank", ("customers",)),
}


@dataclass
class BundledRun:
    name: str
    result: veil.RunResult
    folder: Path

    @property
    def frame(self) -> pl.DataFrame:
        return self.result.frame

    def written_files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.is_file())


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory):
    """`bundled_run(name)`: the run of bundled recipe `name` (cached for the session)."""
    runs: dict[str, BundledRun] = {}

    def get(name: str) -> BundledRun:
        if name not in runs:
            recipe = bundled_recipes()[name]
            folder = tmp_path_factory.mktemp(name)
            suffix = Path(veil.load_recipe(recipe).output.path).suffix
            result = veil.run(
                recipe,
                key=TEST_KEY,
                output=folder / f"output{suffix}",
                report_dir=folder / "reports",
            )
            runs[name] = BundledRun(name, result, folder)
        return runs[name]

    return get


def truth_for(recipe: str) -> list[Planted]:
    sector, tables = RECIPE_DATA[recipe]
    return [p for t in tables for p in read_truth(bundled_dir(sector) / f"{t}.truth.jsonl")]


@functools.lru_cache(maxsize=None)
def token_pattern(value: str) -> re.Pattern:
    if value.isdigit():
        # A ZIP such as 02134 must not "match" the decimals of a timing (0.02134) in a report.
        return re.compile(r"(?<![0-9A-Za-z.])" + re.escape(value) + r"(?![0-9A-Za-z]|\.[0-9])")
    return re.compile(r"(?<![0-9A-Za-z])" + re.escape(value) + r"(?![0-9A-Za-z])")


def found_in(values: list[Planted], text: str) -> list[Planted]:
    """The planted values that occur in `text` as whole tokens."""
    # The plain substring test first: most planted values are absent, and `in` is far
    # cheaper than a regex scan of every written file.
    return [p for p in values if p.value in text and token_pattern(p.value).search(text)]


def files_text(run: BundledRun) -> str:
    """Everything the run wrote, as text (Parquet read back and printed cell by cell)."""
    parts = []
    for path in run.written_files():
        if path.suffix == ".parquet":
            frame = pl.read_parquet(path)
            parts.append("\n".join(json.dumps(row, default=str) for row in frame.iter_rows()))
        else:
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def row_texts(run: BundledRun) -> list[str]:
    """The output's rows as JSON text, in order (LLM outputs keep one row per input unit)."""
    return [json.dumps(row, ensure_ascii=False) for row in run.frame.iter_rows(named=True)]
