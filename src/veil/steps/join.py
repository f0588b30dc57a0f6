"""`join`: add the columns of another file (or a bundled one) matched on key columns."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from veil.errors import InputError, StepError
from veil.io.column_types import TYPE_NAMES
from veil.io.readers import Source, as_step_settings, open_source
from veil.listing import column_listing
from veil.recipe.schema import ColumnList, Format, TextReading
from veil.recipe.suggest import suggestion_sentence
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class JoinParams(StepParams, TextReading):
    path: str = Field(
        description="File to join with; `veil:samples/...` names data bundled with "
        "veil. Relative paths start at the current folder."
    )
    on: ColumnList = Field(
        min_length=1,
        description="Key columns of the current table, e.g. "
        "`[mrn]`. Rows match when every key is equal.",
    )
    other_on: ColumnList | None = Field(
        None,
        description="Key columns of the other file when "
        "their names differ, in the same order as `on`.",
    )
    how: Literal["inner", "left", "full", "semi", "anti"] = Field(
        "left",
        description="inner: only matching rows; left: every row of the current table "
        "(unmatched ones get nulls); full: every row of both; semi/anti: keep the rows that "
        "do/do not have a match, adding no column.",
    )
    columns: ColumnList | None = Field(
        None,
        description="Columns of the other file to bring in (default: all). Keys are always used.",
    )
    unique: bool = Field(
        False,
        description="Fail when a key appears more than once in the other "
        "file (a lookup table), so rows are never duplicated by the join.",
    )
    suffix: str = Field(
        "_right",
        description="Added to other-file column names that already exist in the current table.",
    )
    format: Format | None = Field(
        None, description="Format of the other file; default: from its extension."
    )
    types: dict[str, Literal["string", "int", "float", "bool", "date", "datetime"]] = Field(
        default_factory=dict,
        description="Column types to read the other file's columns as, "
        "e.g. `{mrn: string}`, like `input.types`.",
    )

    @model_validator(mode="after")
    def _same_length(self) -> JoinParams:
        if self.other_on is not None and len(self.other_on) != len(self.on):
            msg = (
                "`other_on` must name as many columns as `on`, in the same order, e.g. "
                "`on: [mrn], other_on: [patient_mrn]`."
            )
            raise ValueError(msg)
        return self


@register_step("join")
class Join(Step):
    """Join with another file on key columns; the other file's columns are checked before running.

    The other file is read with its own settings (`separator`, `encoding`, ...), not
    `input`'s: the two often come from different systems.
    """

    Params = JoinParams
    #: The other file as last opened, to locate a value that breaks its typing mid-run.
    _opened: Source | None = None

    def columns_used(self) -> set[str]:
        return set(self.params.on)

    def polars_failure(self, exc: BaseException, lf: pl.LazyFrame) -> StepError:
        """A failure reading the other file (a late value of another type) names its line."""
        opened = self._opened
        problem = opened.diagnose(exc) if opened is not None else None
        if problem is not None:
            return self.fail(f"the file to join: {as_step_settings(problem.message, self.name)}")
        return super().polars_failure(exc, lf)

    def _other(self, ctx) -> pl.LazyFrame:
        p = self.params
        try:
            # A large bzip2, xz or non-UTF-8 file is read through a copy, as the input is;
            # the run removes it when it ends.
            self._opened = opened = open_source(p.path, format=p.format, types=p.types,
                                                copies_folder=ctx.copies_folder, **p.reading())
        except InputError as exc:
            msg = f"cannot open the file to join: {as_step_settings(exc.message, self.name)}"
            raise self.fail(msg) from None
        ctx.opened.append(opened)
        other = opened.lf
        names = other.collect_schema().names()
        keys = list(p.other_on or p.on)
        for column in keys + list(p.columns or []):
            if column not in names:
                shown, suggestable = column_listing(names)
                msg = (
                    f"the file to join, `{p.path}`, has no column `{column}`."
                    f"{suggestion_sentence(column, suggestable)} Its columns: {shown}."
                )
                raise self.fail(msg)
        if p.columns is not None:
            other = other.select(keys + [c for c in p.columns if c not in keys])
        return other

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p = self.params
        other = self._other(ctx)
        keys = list(p.other_on or p.on)
        mine, theirs = lf.collect_schema(), other.collect_schema()
        for left, right in zip(p.on, keys, strict=True):
            if mine[left] != theirs[right]:
                wanted = next(
                    (n for n, t in TYPE_NAMES.items() if t == mine[left]), str(mine[left])
                )
                msg = (
                    f"key `{left}` is {mine[left]} here but `{right}` is {theirs[right]} in "
                    f"`{p.path}`. Read it with the same type: `types: {{{right}: {wanted}}}`."
                )
                raise self.fail(msg)
        ctx.report.step_record(self).details["joined"] = {"path": p.path, "how": p.how}
        return lf.join(
            other,
            left_on=list(p.on),
            right_on=keys,
            how=p.how,
            suffix=p.suffix,
            validate="m:1" if p.unique else "m:m",
            coalesce=True,
            maintain_order="left" if p.how in ("inner", "left", "semi", "anti") else "left_right",
        )

    def describe(self) -> str:
        p = self.params
        brought = f"columns {', '.join(p.columns)}" if p.columns else "every column"
        if p.how in ("semi", "anti"):
            keep = "have" if p.how == "semi" else "do not have"
            return f"keep only the rows that {keep} a match in {p.path} on {', '.join(p.on)}"
        return f"add {brought} of {p.path}, matching rows on {', '.join(p.on)} ({p.how} join)"
