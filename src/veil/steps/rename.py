"""`rename`: give columns new names."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class RenameParams(StepParams):
    mapping: dict[str, str] = Field(min_length=1, description="Old name -> new name.")


@register_step("rename")
class Rename(Step):
    """Rename columns: `rename: {old: new}`."""

    Params = RenameParams
    shorthand = "mapping"

    def columns_used(self) -> set[str]:
        return set(self.params.mapping)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        kept = set(schema.names()) - set(self.params.mapping)
        targets = list(self.params.mapping.values())
        for new in targets:
            if new in kept or targets.count(new) > 1:
                raise self.fail(f"renaming would create two columns named `{new}`. "
                                f"Drop or rename the existing `{new}` first.")

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        return lf.rename(self.params.mapping)

    def describe(self) -> str:
        pairs = ", ".join(f"{old} -> {new}" for old, new in self.params.mapping.items())
        return f"rename columns: {pairs}"
