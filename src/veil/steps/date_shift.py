"""`date_shift`: move every date of one subject by the same keyed offset.

Each subject (the `by` column, e.g. a patient id) gets an offset of 1 to
`max_days` days, earlier or later, from an HMAC of its value under the secret
key: all of a subject's dates move together, so intervals within a record
(length of stay, days between visits) survive, while calendar dates no longer
match outside sources. The same key gives the same offset in every file and
run, so a patient's tables still line up.

The offset is never 0: it is drawn uniformly from the 2 x `max_days` non-zero
values in [-max_days, max_days] (the 64-bit HMAC taken modulo 2 x max_days,
so the bias is below 1e-15), which is unbiased over the non-zero values.
Without `by`, one offset moves the whole file.

Dates of rows whose subject is null are set to null (there is no subject to
keep them consistent with); text that is not a date, ISO (YYYY-MM-DD...) or eight
digits (YYYYMMDD..., as HL7 writes dates), is set to null too, never passed through
unshifted. Both are counted in the report.
"""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.dtypes import DATE_TEXT_LAYOUTS, not_dates_warning, type_label
from veil.privacy.keyed import SUBJECT_MAX_DAYS, SUBJECT_SHIFT, map_distinct, shift_function
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

_OFFSET = "__veil_date_offset__"


class DateShiftParams(StepParams):
    columns: list[str] = Field(
        min_length=1, description="Date, datetime or date-text columns to shift (`2024-03-02`, "
                                  "or `20240302` as HL7 writes it).")
    by: str | None = Field(
        None,
        description="Subject column (e.g. patient_id): all dates of one subject move by the same "
        "offset. Default: one offset for the whole file.")
    max_days: int = Field(
        SUBJECT_MAX_DAYS, ge=1, le=3650, description="Largest shift in days, either way (never 0).")


@register_step("date_shift")
class DateShift(Step):
    """Shift dates by a keyed per-subject offset, keeping each column's type and text format."""

    Params = DateShiftParams
    shorthand = "columns"
    global_pass = True
    keyed = True

    def columns_used(self) -> set[str]:
        return set(self.params.columns) | ({self.params.by} if self.params.by else set())

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column in self.params.columns:
            dtype = schema[column]
            if not (dtype in (pl.Date, pl.String) or isinstance(dtype, pl.Datetime)):
                msg = (f"column `{column}` is {type_label(dtype)}; `date_shift` takes date, "
                       f"datetime or date text columns (ISO `2024-03-02` or `20240302`).")
                raise self.fail(msg)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        key, p = ctx.require_key(self.label), self.params
        frame = lf.collect()
        if p.by is None:
            whole_file = shift_function(key, p.max_days, purpose="date_shift:file")("")
            offset = pl.lit(whole_file, pl.Int64)
            subjects = 1
        else:
            by = frame.get_column(p.by)
            offset = map_distinct(by, shift_function(key, p.max_days, purpose=SUBJECT_SHIFT),
                                  return_dtype=pl.Int64)
            subjects = by.drop_nulls().n_unique()
        frame = frame.with_columns(offset.alias(_OFFSET))
        counts = {}
        exprs = []
        for column in p.columns:
            shifted = self._shift(column, frame.schema[column])
            exprs.append(shifted.alias(column))
            counts[column] = frame.select(
                shifted=(shifted.is_not_null()).sum(),
                nulled_no_subject=(pl.col(column).is_not_null() & pl.col(_OFFSET).is_null()).sum(),
                nulled_not_a_date=(pl.col(column).is_not_null() & pl.col(_OFFSET).is_not_null()
                                   & shifted.is_null()).sum(),
            ).row(0, named=True)
        ctx.report.step_record(self).details.update(
            {"columns": counts, "subjects": subjects, "max_days": p.max_days,
             "zero_offsets": False})
        for column, count in counts.items():
            if count["nulled_not_a_date"]:
                ctx.report.warnings.append(
                    not_dates_warning(self.label, column, count["nulled_not_a_date"]))
            if count["nulled_no_subject"]:
                ctx.report.warnings.append(
                    f"{self.label}: {count['nulled_no_subject']:,} value(s) of `{column}` have "
                    f"no `{p.by}` to shift them by and became null.")
        return frame.with_columns(exprs).drop(_OFFSET).lazy()

    @staticmethod
    def _shift(column: str, dtype: pl.DataType) -> pl.Expr:
        delta = pl.duration(days=pl.col(_OFFSET))
        if dtype != pl.String:
            return pl.col(column) + delta
        text = pl.col(column)
        # The date part moves, written in its own layout (`2024-03-02`, `20240302`); whatever
        # follows it (a time, a zone) is kept as written. Text in none of them becomes null.
        shifted = pl.lit(None, pl.String)
        for layout, width in reversed(DATE_TEXT_LAYOUTS):  # the first layout that reads it
            day = text.str.slice(0, width).str.to_date(layout, strict=False)
            moved = pl.concat_str([(day + delta).dt.strftime(layout), text.str.slice(width)])
            shifted = pl.when(day.is_not_null()).then(moved).otherwise(shifted)
        return shifted

    def describe(self) -> str:
        p = self.params
        who = f"each {p.by}" if p.by else "the whole file"
        return (f"shift {', '.join(p.columns)} by a keyed offset of 1 to {p.max_days} days "
                f"(earlier or later), the same for {who}")
