"""`generalize`: coarsen one column (numeric bins, ZIP prefixes, date units, categories).

The expressions come from :mod:`veil.privacy.generalization`, which the
k-anonymity lattice search uses too, so a recipe's manual generalisation and
the search's produce the same labels. The result is always text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from veil.dtypes import not_dates_warning, type_label
from veil.privacy import generalization as gen
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

HipaaList = Literal["hhs-2000", "census-2010", "all"]
_KINDS = ("bins", "width", "keep_digits", "date", "mapping", "hierarchy")


class GeneralizeParams(StepParams):
    column: str = Field(description="The column to generalise.")
    bins: list[float] | None = Field(
        None, min_length=1,
        description="Increasing bin edges, e.g. [0, 18, 30, 45, 65, 90]: 34 -> `30-44`.")
    width: float | None = Field(
        None, gt=0, description="Bins of this width from `origin`: 10 -> `30-39`.")
    origin: float = Field(0, description="Where `width` bins start.")
    top_code: float | None = Field(
        None, description="Values at or above it become one class, e.g. 90 -> `90+` (HIPAA ages).")
    bottom_code: float | None = Field(
        None, description="Values below it become one class, e.g. 18 -> `<18`.")
    keep_digits: int | None = Field(
        None, ge=1, le=5, description="ZIP codes: keep the first N digits, e.g. 3: 02134 -> `021`.")
    hipaa_restricted: bool = Field(
        False,
        description="ZIP codes: apply HIPAA Safe Harbor: three-digit prefixes covering 20,000 "
        "people or fewer become `000` (needs keep_digits <= 3).")
    hipaa_list: HipaaList = Field(
        gen.DEFAULT_HIPAA_LIST,
        description="Which restricted-prefix list: `hhs-2000` (HHS, 17 prefixes, 2000 Census), "
        "`census-2010` (14 prefixes from 2010 Census data; not published by HHS), or `all` (both).")
    date: Literal["year", "quarter", "month"] | None = Field(
        None, description="Dates (date, datetime, or text as `2020-03-02` or `20200302`): "
                          "`2020`, `2020-Q1` or `2020-03`.")
    mapping: dict[str, str] | None = Field(
        None, min_length=1, description="Category -> broader category, e.g. {flu: respiratory}.")
    hierarchy: str | None = Field(
        None,
        description="CSV file (value, level1, level2, ...), relative to the recipe; used with "
        "`level`.")
    level: int = Field(1, ge=1, description="Hierarchy level to apply (1 = first broader column).")
    default: str = Field(
        gen.SUPPRESSED, description="What values missing from `mapping` or `hierarchy` become.")

    @model_validator(mode="after")
    def _one_kind(self):
        given = [k for k in _KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            msg = (f"give exactly one of {', '.join(_KINDS)} (got {', '.join(given) or 'none'}), "
                   "e.g. "
                   "`generalize: {column: age, bins: [0, 18, 30, 45, 65, 90], top_code: 90}`")
            raise ValueError(msg)
        if self.hipaa_restricted and self.keep_digits is None:
            msg = "`hipaa_restricted` applies to ZIP codes: add `keep_digits: 3`"
            raise ValueError(msg)
        if self.hipaa_restricted and self.keep_digits > 3:
            msg = "HIPAA Safe Harbor keeps at most 3 ZIP digits; set `keep_digits: 3`"
            raise ValueError(msg)
        if (self.top_code is not None or self.bottom_code is not None) and \
                self.bins is None and self.width is None:
            msg = "`top_code`/`bottom_code` go with `bins` or `width`"
            raise ValueError(msg)
        return self

    @property
    def kind(self) -> str:
        return next(k for k in _KINDS if getattr(self, k) is not None)


@register_step("generalize")
class Generalize(Step):
    """Replace a column by a coarser version of itself (a text label)."""

    Params = GeneralizeParams
    global_pass = True  # counts (top-coded, restricted, invalid) for the report

    def columns_used(self) -> set[str]:
        return {self.params.column}

    def prepare(self, ctx) -> None:
        if self.params.hierarchy is not None:
            self._levels = self._load_hierarchy()

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        dtype, p = schema[self.params.column], self.params
        wanted = {"bins": "numeric", "width": "numeric", "date": "date"}.get(p.kind, "text")
        if wanted == "numeric" and not dtype.is_numeric():
            msg = (f"column `{p.column}` is {type_label(dtype)}; `{p.kind}` needs a numeric column "
                   f"(add a `cast` step to int or float first).")
            raise self.fail(msg)
        is_date = dtype in (pl.Date, pl.String) or isinstance(dtype, pl.Datetime)
        if wanted == "date" and not is_date:
            msg = (f"column `{p.column}` is {type_label(dtype)}; `date` needs a date, datetime "
                   f"or date text column.")
            raise self.fail(msg)
        if wanted == "text" and not (dtype == pl.String or dtype.is_integer()
                                     or dtype in (pl.Categorical, pl.Enum)):
            msg = f"column `{p.column}` is {type_label(dtype)}; `{p.kind}` needs text or integers."
            raise self.fail(msg)

    def expression(self, dtype: pl.DataType) -> pl.Expr:
        p, column, discrete = self.params, self.params.column, dtype.is_integer()
        try:
            if p.bins is not None:
                return gen.numeric_bins(column, p.bins, top_code=p.top_code,
                                        bottom_code=p.bottom_code, discrete=discrete)
            if p.width is not None:
                return gen.numeric_width(column, p.width, origin=p.origin, top_code=p.top_code,
                                         bottom_code=p.bottom_code, discrete=discrete)
            if p.keep_digits is not None:
                return gen.zip_prefix(column, p.keep_digits, dtype=dtype,
                                      hipaa_list=p.hipaa_list if p.hipaa_restricted else None)
            if p.date is not None:
                return gen.date_unit(column, p.date, dtype=dtype)
            if p.mapping is not None:
                levels = [p.mapping]
            else:  # loaded by `prepare`, before any data is read
                levels = getattr(self, "_levels", None) or self._load_hierarchy()
            return gen.map_categories(column, levels[p.level - 1], default=p.default)
        except gen.HierarchyError as exc:
            raise self.fail(str(exc)) from None

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p, frame = self.params, lf.collect()
        dtype = frame.schema[p.column]
        out = frame.with_columns(self.expression(dtype))
        before, after = frame.get_column(p.column), out.get_column(p.column)
        details = {"kind": p.kind, "values": before.len() - before.null_count(),
                   "nulled_invalid": after.null_count() - before.null_count(),
                   "distinct_before": before.drop_nulls().n_unique(),
                   "distinct_after": after.drop_nulls().n_unique()}
        if p.top_code is not None:
            details["top_coded"] = int((before.cast(pl.Float64) >= p.top_code).sum())
        if p.bottom_code is not None:
            details["bottom_coded"] = int((before.cast(pl.Float64) < p.bottom_code).sum())
        if p.hipaa_restricted:
            details["hipaa_list"] = p.hipaa_list
            details["hipaa_restricted_rows"] = int(frame.select(gen.zip_restricted(
                p.column, dtype=dtype, hipaa_list=p.hipaa_list)).to_series().sum())
        if p.mapping is not None or p.hierarchy is not None:
            unmapped = (after == p.default) & (before.cast(pl.String) != p.default)
            details["unmapped"] = int(unmapped.sum())
        ctx.report.step_record(self).details.update(details)
        if details["nulled_invalid"] and p.kind == "date":
            ctx.report.warnings.append(
                not_dates_warning(self.label, p.column, details["nulled_invalid"]))
        elif details["nulled_invalid"] and p.kind in ("bins", "width"):
            ctx.report.warnings.append(
                f"{self.label}: {details['nulled_invalid']:,} value(s) of `{p.column}` are not "
                f"finite numbers (NaN, or infinite with no `top_code` or `bottom_code` to band "
                f"them) and became null.")
        return out.lazy()

    def _load_hierarchy(self) -> list[dict[str, str]]:
        path = Path(self.params.hierarchy)
        if not path.is_absolute() and self.source not in ("<recipe>", "<recipe text>"):
            path = Path(self.source).parent / path
        if not path.is_file():
            msg = (f"hierarchy file `{path}` does not exist; give a CSV path relative to "
                   f"the recipe (rows: value, level1, level2, ...).")
            raise self.fail(msg)
        try:
            levels = gen.load_hierarchy_csv(path)
        except gen.HierarchyError as exc:
            msg = f"hierarchy file `{path}`: {exc}."
            raise self.fail(msg) from None
        if self.params.level > len(levels):
            msg = (f"`level: {self.params.level}` is beyond the {len(levels)} level(s) of "
                   f"hierarchy file `{path}`.")
            raise self.fail(msg)
        return levels

    def describe(self) -> str:
        p = self.params
        if p.kind == "bins":
            how = "into bins at " + ", ".join(f"{e:g}" for e in p.bins)
        elif p.kind == "width":
            how = f"into bins of width {p.width:g}"
        elif p.kind == "keep_digits":
            how = f"to its first {p.keep_digits} digits"
        elif p.kind == "date":
            how = f"to the {p.date}"
        elif p.kind == "mapping":
            how = "through a category mapping"
        else:
            how = f"to level {p.level} of {p.hierarchy}"
        extra = f", {p.top_code:g} and over as one class" if p.top_code is not None else ""
        if p.hipaa_restricted:
            extra += f", sparse HIPAA prefixes ({p.hipaa_list}) as 000"
        return f"generalise {p.column} {how}{extra}"
