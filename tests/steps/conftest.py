"""Fixtures for step tests: run steps through the real loader and executor."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

import veil


def recipe_text(*steps: str, seed: int = 0) -> str:
    """A minimal recipe whose steps are the given one-line YAML items (step 1 is on line 7)."""
    body = "".join(f"  - {step}\n" for step in steps)
    return (f"veil: 1\nname: t\nnlp: none\nseed: {seed}\n"
            f"report: {{verify_output: false, dataset_card: false}}\nsteps:\n{body}")


@pytest.fixture
def run_steps() -> Callable[..., pl.DataFrame]:
    """`run_steps(frame, "select: [a]", ...)` -> the output frame (nothing written)."""

    def run(frame: pl.DataFrame | pl.LazyFrame, *steps: str, seed: int = 0) -> pl.DataFrame:
        return veil.run(recipe_text(*steps, seed=seed), frame, output=None, report_dir=None).frame

    return run
