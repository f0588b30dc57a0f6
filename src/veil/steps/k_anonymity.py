"""`k_anonymity`: every combination of quasi-identifiers is shared by at least k rows.

On a violation the step fails (exit 1, nothing written), suppresses the rows
of the small classes within a budget, or searches the generalisation lattice
(``veil.privacy.lattice``) for the least-loss node that reaches k.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import polars as pl
from pydantic import Field, model_validator

from veil.errors import PrivacyGateError
from veil.privacy import kanon, lattice
from veil.privacy.generalization import HierarchyError, hierarchy_from_spec
from veil.recipe.schema import VeilModel
from veil.report.model import GateRecord
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class HierarchySpec(VeilModel):
    """Levels of one quasi-identifier, in the words of `veil.privacy.generalization`.

    Level 0 is the column as it is and the top level is `*`; give one kind of levels
    (or none: the column is kept or starred).
    """

    widths: list[float] | None = Field(
        None, description="Interval widths, each a multiple of the one before, e.g. [5, 10, 20]."
    )
    bins: list[list[float]] | None = Field(
        None,
        description="Bin edges per level, each a subset of the one before, "
        "e.g. [[0, 18, 30, 45, 65], [0, 45]].",
    )
    origin: float | None = Field(None, description="Where `widths` intervals start (default 0).")
    top_code: float | None = Field(
        None, description="Values at or above it become one `N+` group at every level (ages: 90)."
    )
    bottom_code: float | None = Field(
        None, description="Values below it become one `<N` group at every level."
    )
    zip_digits: list[int] | None = Field(
        None, description="ZIP digits kept per level, decreasing, e.g. [3, 2, 1]."
    )
    hipaa_list: str | None = Field(
        None,
        description="With `zip_digits`: restricted 3-digit prefixes become `000` "
        "(hhs-2000, census-2010, all).",
    )
    date_units: list[Literal["month", "quarter", "year"]] | None = Field(
        None, description="Date levels, e.g. [month, quarter, year]."
    )
    file: str | None = Field(
        None, description="Hierarchy CSV `value, level1, level2, ...`, relative to the recipe."
    )

    @model_validator(mode="after")
    def _one_kind(self):
        given = [
            n
            for n in ("widths", "bins", "zip_digits", "date_units", "file")
            if getattr(self, n) is not None
        ]
        if len(given) > 1:
            msg = (
                f"give one kind of levels, not {', '.join(given)}, e.g. "
                f"`zip: {{zip_digits: [3, 2, 1]}}` or `age: {{widths: [5, 10, 20], top_code: 90}}`"
            )
            raise ValueError(msg)
        return self


class KAnonymityParams(StepParams):
    quasi_identifiers: list[str] = Field(
        min_length=1, description="Columns an attacker may know (age, sex, zip, ...)."
    )
    k: int = Field(
        ge=2, description="Smallest number of rows every quasi-identifier combination must have."
    )
    on_violation: Literal["fail", "suppress", "generalize"] = Field(
        "fail",
        description="`fail`: stop, write nothing (exit 1); `suppress`: drop the rows of "
        "smaller classes; `generalize`: search the hierarchies for the least-loss levels "
        "reaching k.",
    )
    max_suppression: float = Field(
        0.0, ge=0, le=1, description="Largest share of rows `suppress` or `generalize` may drop."
    )
    hierarchies: dict[str, HierarchySpec] = Field(
        default_factory=dict,
        description="For `generalize`: levels per quasi-identifier, e.g. `{age: {widths: "
        "[5, 10, 20], top_code: 90}, zip: {zip_digits: [3, 2, 1]}, sex: {}}`; a QI not listed "
        "stays as it is.",
    )

    @model_validator(mode="after")
    def _hierarchies_fit(self):
        extra = sorted(set(self.hierarchies) - set(self.quasi_identifiers))
        if extra:
            msg = f"`hierarchies` names columns that are not quasi-identifiers: {', '.join(extra)}"
            raise ValueError(msg)
        if self.on_violation == "generalize" and not self.hierarchies:
            msg = (
                "`on_violation: generalize` needs `hierarchies`, e.g. "
                "`hierarchies: {age: {widths: [5, 10], top_code: 90}, zip: {zip_digits: [3, 1]}}`"
            )
            raise ValueError(msg)
        return self


@register_step("k_anonymity")
class KAnonymity(Step):
    """A privacy gate: classes of fewer than k rows fail the run, are suppressed or generalised."""

    Params = KAnonymityParams
    global_pass = True

    def columns_used(self) -> set[str]:
        return set(self.params.quasi_identifiers)

    def check(self, schema: pl.Schema) -> None:
        """Also build the hierarchies against the column types, before any data is read."""
        super().check(schema)
        base = Path(self.source).parent if Path(self.source).is_file() else None
        self._levels: list[lattice.Levels] = []
        for column in self.params.quasi_identifiers:
            spec = self.params.hierarchies.get(column)
            if spec is None:
                self._levels.append(lattice.Unchanged(column))
                continue
            try:
                self._levels.append(
                    hierarchy_from_spec(
                        column,
                        spec.model_dump(exclude_none=True),
                        dtype=schema[column],
                        base_dir=base,
                    )
                )
            except HierarchyError as exc:
                msg = f"hierarchy of `{column}`: {exc}."
                raise self.fail(msg) from None

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p = self.params
        frame = lf.collect()
        before = kanon.k_anonymity(frame, p.quasi_identifiers, p.k)
        out, search = frame, None
        if not before.passed and p.on_violation == "generalize":
            search = lattice.search(frame, self._levels, k=p.k, max_suppression=p.max_suppression)
            if search.best is not None:
                out = frame.with_columns(search.expressions())
        if not before.passed and p.on_violation != "fail" and (search is None or search.best):
            plan = kanon.suppression_plan(out, p.quasi_identifiers, p.k)
            if plan.share <= p.max_suppression + 1e-12:
                out = out.filter(plan.keep)
        after = kanon.k_anonymity(out, p.quasi_identifiers, p.k)
        self._record(ctx, before, after, frame.height - out.height, search)
        if not after.passed:
            raise PrivacyGateError(self._shortfall(before, search))
        return out.lazy()

    def _record(self, ctx, before, after, suppressed, search) -> None:
        p = self.params
        figures = {
            **after.as_dict(),
            "quasi_identifiers": list(p.quasi_identifiers),
            "suppressed_rows": suppressed,
            "before": before.as_dict(),
            "information_loss": 0.0,
            "chosen_levels": None,
        }
        if search is not None:
            figures.update(search.as_dict())
            figures["suppressed_rows"] = suppressed
        qi = ", ".join(p.quasi_identifiers)
        summary = (
            f"k-anonymity k={p.k} on {qi}: reached (smallest class {after.k}, "
            f"{suppressed} rows suppressed)"
            if after.passed
            else f"k-anonymity k={p.k} on {qi}: not reached ({before.records_at_risk} records "
            f"in {before.classes_at_risk} classes below k)"
        )
        ctx.report.add_gate(
            GateRecord(
                step=self.index,
                kind="k_anonymity",
                passed=after.passed,
                summary=summary,
                figures=figures,
            )
        )
        ctx.report.risk = figures
        ctx.report.step_record(self).details.update(
            {"suppressed_rows": suppressed, "chosen_levels": figures["chosen_levels"]}
        )

    def _shortfall(self, before: kanon.KAnonymity, search) -> str:
        p = self.params
        short = kanon.describe_shortfall(before.histogram, p.k)
        what = (
            f"k-anonymity with k={p.k} on {', '.join(p.quasi_identifiers)} is not reached: "
            f"{short} ({before.records_at_risk} of {before.records} records, "
            f"{before.records_at_risk / max(before.records, 1):.1%}, are in classes below k)."
        )
        if p.on_violation == "fail":
            fix = (
                "Generalise the quasi-identifiers first, or set `on_violation: suppress` with a "
                "`max_suppression` budget, or `on_violation: generalize` with `hierarchies`."
            )
        elif p.on_violation == "suppress":
            fix = (
                f"Suppressing them would drop more than `max_suppression` "
                f"({p.max_suppression:.1%}) of the rows; raise it, or generalise the "
                f"quasi-identifiers first."
            )
        else:
            fix = (
                f"No combination of the hierarchy levels reaches k with at most "
                f"{p.max_suppression:.1%} of rows suppressed ({search.nodes_total} combinations "
                f"tried); add coarser levels or raise `max_suppression`."
            )
        return self.fail(f"{what} {fix} Nothing was written.").message

    def describe(self) -> str:
        return (
            f"require every combination of {', '.join(self.params.quasi_identifiers)} to be "
            f"shared by at least {self.params.k} rows, else {self.params.on_violation}"
        )
