"""Which step (or which input line) to blame when a lazy plan fails late.

Row-local steps stay lazy, so a type error in step 2 only surfaces when a later
global step or the final write computes the plan, with Polars' message and no
step. `FailureExplainer` runs the steps and turns such failures into a VeilError
that names the step or the input problem.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl

from veil.errors import InputError, StepError, VeilError

if TYPE_CHECKING:
    from veil.context import RunContext
    from veil.io.readers import Source
    from veil.steps.base import Step

__all__ = ["FailureExplainer"]

_POLARS_TYPE_WORDS = {"i64": "integers", "i32": "integers", "f64": "numbers", "f32": "numbers",
                      "bool": "booleans", "date": "dates", "datetime": "datetimes",
                      "str": "text"}
_FAILED_CAST = re.compile(r"conversion from `([^`]*)` to `([^`]*)` failed in column '([^']*)'")


class FailureExplainer:
    """Runs the steps and, when the lazy plan fails later, finds the step to blame.

    Row-local steps stay lazy, so a type error in step 2 only surfaces when a later
    global step or the final write computes the plan. Errors are then replayed on
    an empty frame with the input's schema (type errors show there), and a failed
    strict cast is traced to the `cast` step or the CSV column typing that made it.
    """

    def __init__(self, source: Source, steps: list[Step], ctx: RunContext) -> None:
        self.source, self.steps, self.ctx = source, steps, ctx

    def run_steps(self, lf: pl.LazyFrame) -> pl.LazyFrame:
        for index, step in enumerate(self.steps):
            try:
                lf = step.run(lf, self.ctx)
            except StepError as exc:
                cause = exc.__cause__
                if step.global_pass and isinstance(cause, pl.exceptions.PolarsError):
                    raise (self.blame(cause, self.steps[:index]) or exc) from cause
                raise
        return lf

    def collect(self, lf: pl.LazyFrame) -> pl.DataFrame:
        try:
            return lf.collect()
        except pl.exceptions.PolarsError as exc:
            raise self.explain(exc) from exc

    def explain(self, exc: BaseException) -> VeilError:
        from veil.steps.base import polars_error_message  # veil.steps imports the recipe loader

        return self.blame(exc, self.steps) or InputError(
            f"the run failed while computing the output: {polars_error_message(exc)}"
            f"{self._steps_using(exc)}")

    def _steps_using(self, exc: BaseException) -> str:
        """The steps that name the column Polars' message names: where to look first.

        A failed conversion inside a SQL expression (`CAST(name AS INTEGER)`) cannot be
        replayed on no rows, so the step is not known for certain; these are the candidates.
        """
        found = _FAILED_CAST.search(str(exc))
        if found is None:
            return ""
        column = found[3]
        using = [step for step in self.steps if step.mentions(column)]
        if not using:
            return ""
        listed = ", ".join(f"step {s.index} `{s.name}`" + (f" (line {s.line})" if s.line else "")
                           for s in using)
        return f" Steps that use `{column}`: {listed}."

    def blame(self, exc: BaseException, steps: list[Step]) -> VeilError | None:
        problem = self.source.diagnose(exc)
        if problem is not None:
            return problem
        lf = pl.LazyFrame(schema=self.source.lf.collect_schema())
        for step in steps:
            try:
                lf = step.apply(lf, self.ctx).collect().lazy()
            except pl.exceptions.PolarsError as replayed:
                return step.polars_failure(replayed, lf)
            except Exception:  # a step that cannot replay on no rows: stop looking
                break
        return self._failed_cast(exc, steps)

    def _failed_temporal(self, steps: list[Step]) -> VeilError | None:
        for step in steps:
            columns = getattr(step.params, "columns", {}) if step.name == "cast" else {}
            temporal = [c for c, t in columns.items() if t in ("date", "datetime")]
            if temporal:
                written = step.params.date_format
                dates = (f"dates written as `{written}`" if written is not None else
                         "ISO 8601 dates or datetimes (e.g. 2020-01-31, 2020-01-31T14:05:00)")
                return step.fail(f"values in {', '.join(f'`{c}`' for c in temporal)} are not "
                                 f"{dates}. Clean them first, set `date_format` to the way "
                                 f"they are written, or set `strict: false` to turn them into "
                                 f"nulls.")
        return None

    def _failed_boolean(self, steps: list[Step]) -> VeilError | None:
        allowed = "true/false, yes/no, t/f, y/n or 1/0"
        for step in steps:
            columns = getattr(step.params, "columns", {}) if step.name == "cast" else {}
            booleans = [c for c, t in columns.items() if t == "bool"]
            if booleans:
                return step.fail(f"a value in {', '.join(f'`{c}`' for c in booleans)} is not a "
                                 f"boolean ({allowed}). Clean it first, or set `strict: false` "
                                 f"to turn such values into nulls.")
        booleans = [c for c, t in self.source.types.items() if t.lower() in ("bool", "boolean")]
        if booleans:
            return self.source.typed_value_error(*booleans)
        return None

    def _failed_cast(self, exc: BaseException, steps: list[Step]) -> VeilError | None:
        if "specified for `replace_strict`" in str(exc):  # text -> boolean; Polars names no column
            return self._failed_boolean(steps)
        if "appropriate format to parse" in str(exc):  # text -> datetime, format not recognised
            return self._failed_temporal(steps)
        found = _FAILED_CAST.search(str(exc))
        if found is None:
            return None
        origin, target = found[1], _POLARS_TYPE_WORDS.get(found[2].split("[")[0], found[2])
        column = found[3]
        if origin == "str" and column in self.source.sampled_types:
            # The reader's typing of a CSV column failed (a cast step would convert from it).
            return self.source.sampled_type_error(column)
        declared = self.source.types.get(column, "string").lower()
        if origin == "str" and declared not in ("string", "str", "text"):
            # `input.types` converts the text the reader gives; a cast step after it would
            # convert from the declared type, not from text.
            return self.source.typed_value_error(column)
        for step in steps:
            if step.name == "cast" and column in getattr(step.params, "columns", {}):
                written, cast_to = step.params.date_format, step.params.columns[column]
                if written is not None and cast_to in ("date", "datetime"):
                    # a date is read as a datetime first, which Polars' message names
                    target = f"{cast_to}s written as `{written}`"
                return step.fail(f"column `{column}` has values that cannot be converted to "
                                 f"{target}. Clean them first, or set `strict: false` to turn "
                                 f"them into nulls.")
        if column in self.source.types and declared not in ("string", "str", "text"):
            # `input.types` converting a typed column (Parquet floats with a fraction to int).
            return self.source.typed_value_error(column)
        return None
