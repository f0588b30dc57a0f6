"""`l_diversity`: within each class of quasi-identifiers, the sensitive values are varied enough.

Distinct l counts different values per class; entropy l asks that the values
be as spread out as l equally frequent ones. `t_closeness` (optional) bounds
the earth mover's distance between each class's sensitive values and the
whole table's. A t-closeness violation always fails: dropping rows changes the
table's own distribution, so suppression cannot be relied on to fix it.
"""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import Field

from veil.errors import PrivacyGateError
from veil.privacy import kanon
from veil.recipe.schema import VeilModel
from veil.report.model import GateRecord
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step


class TClosenessSpec(VeilModel):
    t: float = Field(
        gt=0, le=1, description="Largest earth mover's distance allowed (0-1], e.g. 0.2."
    )


class LDiversityParams(StepParams):
    sensitive: list[str] = Field(
        min_length=1, description="Sensitive columns (diagnosis, income, ...)."
    )
    l: float = Field(  # noqa: E741  (the standard name)
        2,
        ge=1,
        description="Least number of (distinct or entropy-equivalent) sensitive values per class.",
    )
    kind: Literal["distinct", "entropy"] = Field(
        "distinct", description="`distinct` values or `entropy` l-diversity."
    )
    t_closeness: TClosenessSpec | None = Field(
        None,
        description="Also require t-closeness, e.g. `{t: 0.2}`: equal distance for "
        "categories, ordered distance for numbers and dates.",
    )
    quasi_identifiers: list[str] | None = Field(
        None, description="Default: those of the last `k_anonymity` step before this one."
    )
    on_violation: Literal["fail", "suppress"] = Field(
        "fail",
        description="`fail`: stop, write nothing (exit 1); `suppress`: drop the classes below l.",
    )
    max_suppression: float = Field(
        0.0, ge=0, le=1, description="Largest share of rows `suppress` may drop."
    )


@register_step("l_diversity")
class LDiversity(Step):
    """A privacy gate on the sensitive values within each equivalence class."""

    Params = LDiversityParams
    global_pass = True
    _qi: list[str] | None = None

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        self._qi = self.params.quasi_identifiers
        if self._qi is None:
            earlier = [
                s for s in ctx.recipe.steps if s.name == "k_anonymity" and s.index < self.index
            ]
            if not earlier:
                msg = (
                    "no quasi-identifiers: give `quasi_identifiers: [...]`, or put a "
                    "`k_anonymity` step before this one."
                )
                raise self.fail(msg)
            self._qi = list(earlier[-1].params.quasi_identifiers)

    def columns_used(self) -> set[str]:
        return set(self.params.sensitive) | set(self._qi or self.params.quasi_identifiers or [])

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p, qi = self.params, self._qi or []
        frame = lf.collect()
        before = kanon.l_diversity(frame, qi, p.sensitive, kind=p.kind, l=p.l)
        out, problems = frame, []
        if (
            before.classes_below
            and p.on_violation == "suppress"
            and before.records_below <= frame.height * p.max_suppression + 1e-9
        ):
            out = frame.filter(before.keep)
        after = kanon.l_diversity(out, qi, p.sensitive, kind=p.kind, l=p.l)
        if after.classes_below:
            histogram = kanon.size_histogram(self._short_classes(frame, qi, before))
            problems.append(
                f"{p.kind} l-diversity with l={p.l:g} is not reached in {before.classes_below} "
                f"class{'' if before.classes_below == 1 else 'es'}: "
                f"{kanon.describe_shortfall(histogram, float('inf'))} "
                f"({before.records_below} records)"
                + (
                    f"; suppressing them would drop more than `max_suppression` "
                    f"({p.max_suppression:.1%})"
                    if p.on_violation == "suppress"
                    else ""
                )
            )
        t_figures = {}
        if p.t_closeness is not None:
            t_figures = {c: round(kanon.t_closeness(out, qi, c), 6) for c in p.sensitive}
            over = {c: t for c, t in t_figures.items() if t > p.t_closeness.t + 1e-9}
            if over:
                problems.append(
                    "t-closeness with t={:g} is not reached: {}".format(
                        p.t_closeness.t, ", ".join(f"`{c}` at {t:.3f}" for c, t in over.items())
                    )
                )
        self._out = out
        self._record(ctx, after, frame.height - out.height, t_figures, problems)
        if problems:
            fix = (
                "Generalise the quasi-identifiers (a `k_anonymity` step with `on_violation: "
                "generalize`)"
                + (
                    ", or set `on_violation: suppress` with a `max_suppression` budget."
                    if after.classes_below
                    else ", or generalise the sensitive column."
                )
            )
            raise PrivacyGateError(
                self.fail(f"{'; '.join(problems)}. {fix} Nothing was written.").message
            )
        return out.lazy()

    @staticmethod
    def _short_classes(
        frame: pl.DataFrame, qi: list[str], diversity: kanon.Diversity
    ) -> pl.DataFrame:
        """Class sizes of the rows outside `keep` (the classes below l), for the message."""
        return kanon.equivalence_classes(frame.filter(~diversity.keep), qi)

    def _record(self, ctx, after: kanon.Diversity, suppressed: int, t_figures, problems) -> None:
        p = self.params
        figures = {
            **after.as_dict(),
            "quasi_identifiers": list(self._qi or []),
            "sensitive": list(p.sensitive),
            "suppressed_rows": suppressed,
        }
        if p.t_closeness is not None:
            figures.update({"t_target": p.t_closeness.t, "t_per_column": t_figures})
        summary = f"{p.kind} l-diversity l={p.l:g} on {', '.join(p.sensitive)}: " + (
            "; ".join(problems) if problems else f"reached (l={after.l:.3g})"
        )
        ctx.report.add_gate(
            GateRecord(
                step=self.index,
                kind="l_diversity",
                passed=not problems,
                summary=summary,
                figures=figures,
            )
        )
        risk = dict(ctx.report.risk or {})
        if "classes" not in risk:  # no k_anonymity step before: the class figures still belong here
            risk.update(kanon.k_anonymity(self._out, self._qi or []).as_dict())
        risk["l_diversity"] = figures
        risk["suppressed_rows"] = risk.get("suppressed_rows", 0) + suppressed
        ctx.report.risk = risk
        ctx.report.step_record(self).details["suppressed_rows"] = suppressed

    def describe(self) -> str:
        p = self.params
        return (
            f"require {p.kind} l-diversity of at least {p.l:g} for {', '.join(p.sensitive)} "
            f"in every class, else {p.on_violation}"
        )
