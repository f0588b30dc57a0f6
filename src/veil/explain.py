"""`explain`: what a recipe will do to each column, in plain words, before anything runs.

The columns come from the input's schema when it can be opened (only the
header is read: every step is planned on zero rows), else from the columns the
steps name. Each step's own `describe()` gives the sentence; a step that
cannot be planned without data (a missing model, for instance) leaves the
columns as they were and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from veil.context import RunContext
from veil.errors import VeilError
from veil.io.text import normal_encoding
from veil.recipe.loader import RecipeLike, load_recipe
from veil.recipe.schema import InputSpec, OutputSpec, Recipe

__all__ = ["explain", "Explanation", "ColumnPlan", "GATE_KINDS", "reading_settings"]

#: Step kinds that measure the result and stop the run when it falls short.
GATE_KINDS = ("k_anonymity", "l_diversity", "t_closeness")
# A placeholder so keyed steps can be planned on zero rows; it never touches data.
_PLANNING_KEY = "veil-explain-planning-key-never-used-on-data"


@dataclass
class ColumnPlan:
    """One column's story through the recipe."""

    name: str
    origin: str  # "input", or "added by step N"
    actions: list[str] = field(default_factory=list)
    fate: str = "kept in the output"
    first_name: str = ""  # the name it had when it appeared (before any rename)

    def __post_init__(self) -> None:
        self.first_name = self.first_name or self.name


@dataclass
class Explanation:
    recipe: Recipe
    input_label: str | None
    columns_from_input: bool
    steps: list[str]
    columns: list[ColumnPlan]
    gates: list[str]
    notes: list[str] = field(default_factory=list)


def explain(
    recipe: RecipeLike,
    source: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> Explanation:
    """Plan `recipe` on the header of `source` (default: the recipe's input) and describe it."""
    recipe = load_recipe(recipe)
    steps = [f"{s.index}. {s.name}: {s.describe()}" for s in recipe.steps]
    lf, label, notes = _header(recipe, source)
    plans: dict[str, ColumnPlan] = {}
    if lf is not None:
        plans = {name: ColumnPlan(name, "input") for name in lf.collect_schema().names()}
    ctx = RunContext(recipe, key=_PLANNING_KEY, environ=environ or {})
    gone: list[ColumnPlan] = []
    for step in recipe.steps:
        lf = _follow(step, lf, plans, gone, ctx, notes)
    ordered = sorted(plans.values(), key=lambda p: p.origin != "input") + gone
    return Explanation(recipe, label, label is not None, steps, ordered, _gates(recipe), notes)


def _header(recipe: Recipe, source) -> tuple[pl.LazyFrame | None, str | None, list[str]]:
    from veil.api import _exists, _open

    path = source if source is not None else recipe.input.path
    if path is None or (source is None and not _exists(str(path))):
        return (
            None,
            None,
            [
                "the input could not be opened, so only the columns the steps name "
                "are listed; pass an input to see every column"
            ],
        )
    opened = _open(recipe, source, None, None)
    return opened.lf.head(0), opened.label, []


def _follow(
    step, lf, plans: dict[str, ColumnPlan], gone: list[ColumnPlan], ctx, notes
) -> pl.LazyFrame | None:
    sentence = f"step {step.index} ({step.name}): {step.describe()}"
    # What select, rename and drop do to a column shows in its fate and name; not repeated.
    for column in sorted(step.columns_used()):
        plan = plans.get(column) or plans.setdefault(
            column, ColumnPlan(column, "named by the recipe")
        )
        if step.name not in ("select", "rename", "drop"):
            plan.actions.append(sentence)
    if lf is None:
        return None
    before = list(lf.collect_schema().names())
    try:
        step.check(lf.collect_schema())
        after_lf = step.apply(lf, ctx)
        after = list(after_lf.collect_schema().names())
    except (VeilError, pl.exceptions.PolarsError) as exc:
        notes.append(
            f"step {step.index} ({step.name}) could not be planned without data "
            f"({type(exc).__name__}); columns after it are shown as before it"
        )
        return lf
    renamed = dict(getattr(step.params, "mapping", {}) or {}) if step.name == "rename" else {}
    for old, new in renamed.items():
        plan = plans.pop(old)
        plan.actions.append(f"step {step.index} (rename): renamed to `{new}`")
        plan.name = new
        plans[new] = plan
    for column in before:
        if column not in after and column not in renamed and column in plans:
            plan = plans.pop(column)
            plan.fate = f"removed by step {step.index} ({step.name})"
            gone.append(plan)
    computed = getattr(step.params, "columns", None)
    for column in after:
        if column not in plans:
            plan = plans[column] = ColumnPlan(column, f"new, from step {step.index} {step.name}")
            if isinstance(computed, dict) and column in computed:  # derive: show its own formula
                plan.actions.append(
                    f"step {step.index} ({step.name}): {column} = {computed[column]}"
                )
    return after_lf


def _gates(recipe: Recipe) -> list[str]:
    gates = [
        f"step {s.index} ({s.name}): {s.describe()}"
        for s in recipe.steps
        if s.name in GATE_KINDS or getattr(s, "is_gate", False)
    ]
    report = recipe.report
    if report.verify_output:
        effect = (
            "fails the run (exit 1) and nothing is written"
            if report.residual == "fail"
            else "is recorded as a warning in the report"
        )
        gates.append(
            f"residual check: the output's text columns are scanned again for "
            f"identifiers; a finding {effect}"
        )
    gates.append("fail closed: if any step or gate fails, no output dataset is written")
    return gates


def reading_settings(spec: InputSpec) -> list[str]:
    """How the recipe reads its input, where it is not a plain UTF-8 CSV typed from a sample
    (for `veil explain` and `veil validate`)."""
    how = []
    if spec.skip_lines:
        how.append(f"its first {_lines(spec.skip_lines)} left unread (`skip_lines`)")
    if spec.footer_lines:
        how.append(f"its last {_lines(spec.footer_lines)} left unread (`footer_lines`)")
    if spec.column_names is not None:
        how.append(f"no header line: the columns are {', '.join(spec.column_names)} "
                   f"(`column_names`)")
    if spec.separator not in (None, ","):
        how.append(f"fields separated by {_separator_shown(spec.separator)}")
    if spec.quote is None:
        how.append("no field quoted (`quote: null`)")
    elif spec.quote != '"':
        how.append(f"fields quoted with `{spec.quote}` (`quote`)")
    if normal_encoding(spec.encoding) != "utf-8":
        how.append(f"text in {spec.encoding}")
    how += _number_settings(spec)
    if spec.null_values:
        how.append(f"{', '.join(f'`{value}`' for value in spec.null_values)} read as null "
                   f"(`null_values`)")
    if spec.types:
        given = ", ".join(f"{column} as {kind}" for column, kind in spec.types.items())
        how.append(f"columns read as given: {given} (`types`)")
    if spec.short_rows == "fill":
        how.append("rows with too few fields filled with nulls (`short_rows: fill`)")
    if spec.differs_from_default("infer_schema_rows"):
        how.append(f"types inferred from the first {spec.infer_schema_rows:,} rows"
                   if spec.infer_schema_rows else "every column of a CSV read as text, and a JSON "
                   "Lines file's columns inferred from every line (`infer_schema_rows: 0`)")
    return how


def _lines(count: int) -> str:
    return "line" if count == 1 else f"{count:,} lines"


def _number_settings(spec: InputSpec) -> list[str]:
    how = []
    if spec.decimal_comma:
        how.append("numbers with a decimal comma, `12,5` (`decimal_comma`)")
    if spec.thousands is not None:
        shown = {" ": "a space", "\u00a0": "a no-break space", "\u202f": "a narrow no-break space"}
        how.append(f"digits grouped by {shown.get(spec.thousands, f'`{spec.thousands}`')} "
                   f"(`thousands`)")
    return how


def _writing(spec: OutputSpec) -> list[str]:
    """How the recipe lays out a CSV or TSV output, where it differs from the plain one."""
    how = []
    if spec.separator is not None:
        how.append(f"fields separated by {_separator_shown(spec.separator)}")
    if spec.decimal_comma:
        how.append("numbers with a decimal comma (`decimal_comma`)")
    if spec.quote_style != "necessary":
        how.append(f"every field that is not a number quoted (`quote_style: {spec.quote_style}`)")
    if spec.line_end != "lf":
        how.append(f"lines ended by `\\r\\n` (`line_end: {spec.line_end}`)")
    if spec.bom:
        how.append("a UTF-8 byte order mark first (`bom`)")
    if spec.spreadsheet_safe:
        how.append("text that starts like a spreadsheet formula prefixed with `'` "
                   "(`spreadsheet_safe`)")
    return how


def _separator_shown(separator: str) -> str:
    return "a tab" if separator == "\t" else f"`{separator}`"


def render(explanation: Explanation) -> str:
    """The explanation as plain text for the terminal."""
    recipe = explanation.recipe
    lines = [f"Recipe `{recipe.name}`: {recipe.description.strip()}", ""]
    lines.append(f"Reads:  {explanation.input_label or recipe.input.path or '(given with -i)'}"
                 + "".join(f"\n        {how}" for how in reading_settings(recipe.input)))
    lines.append(
        f"Writes: {recipe.output.path or '(given with -o)'}, with a report in {recipe.report.dir}"
        + "".join(f"\n        {how}" for how in _writing(recipe.output))
    )
    lines += ["", "Steps, in order:"] + [f"  {s}" for s in explanation.steps]
    lines += ["", "What happens to each column:"]
    for plan in explanation.columns:
        origin = "" if plan.origin == "input" else f" ({plan.origin})"
        renamed = f" (now `{plan.name}`)" if plan.name != plan.first_name else ""
        lines.append(f"  {plan.first_name}{origin}{renamed}: {plan.fate}")
        untouched = not plan.actions and plan.origin == "input" and plan.fate.startswith("kept")
        for action in plan.actions:
            lines.append(f"      - {action}")
        if untouched:
            lines.append("      - passed through unchanged")
    lines += ["", "Gates and checks:"] + [f"  - {g}" for g in explanation.gates]
    if explanation.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in explanation.notes]
    return "\n".join(lines)
