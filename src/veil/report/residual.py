"""The residual PII check: scan the output again for identifiers before anything is written.

Every text column of the final frame is scanned, not only those a
`redact_text` step treated: a free-text or identifier column left untreated is
exactly what an auditor wants flagged. So is every number column (its whole numbers
of 5 digits or more: see `scanned_values`), every date column and every binary one
(as UTF-8 text). A value without letters (a number, `02134`, `00451234`), or one token of
letters and digits (`X12345678`), is read after its column's name (`phone: 2125551234`,
`passport no: X12345678`): a code alone has no words around it to be recognised by.
Each distinct value is scanned once (a finding counts once per row holding the value);
above `MAX_VALUES` distinct values per column a seeded sample is scanned and the report
says so.

The names of columns and of fields inside nested columns are output too: a JSON object
used as a map (`{"contacts": {"ann@example.org": "primary"}}`) becomes a struct with one
field per key, and its keys are data. Names are read with the pattern recognizers only
(see `_check_names`); a name with a finding counts as residual, and the report shows it
as a placeholder (`contacts.<EMAIL_ADDRESS 1>`), never as written.

A finding counts as *residual* unless the recipe meant it to stay:
the entity's operator is `keep` or `surrogate` (fake values look real on
purpose), or the column's `redact_text` step did not target that entity.
Those are reported as *expected*. With `residual: fail`, any residual finding
stops the run (PrivacyGateError, exit 1, nothing written).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

from veil.dtypes import field_names
from veil.errors import PrivacyGateError
from veil.report.model import GateRecord
from veil.report.scanned_values import ROWS, VALUE, Leaf, distinct_counts, scanned_paths

if TYPE_CHECKING:
    from veil.context import RunContext

__all__ = ["residual_check", "mask_column_lists", "MAX_VALUES", "DEFAULT_THRESHOLD"]

#: Distinct values scanned per column; above it a seeded sample of this size is scanned.
MAX_VALUES = 2_000
#: A column listed in `report.coded_columns` with more distinct values is not a code list.
CODED_MAX_DISTINCT = 1_000
CODED_REASON = "a coded column (`report.coded_columns`): its values come from a fixed list"
#: Threshold for columns no `redact_text` step treated (the detector's default).
DEFAULT_THRESHOLD = 0.5
_EXPECTED_OPERATORS = {"keep": "kept on purpose (`keep`)",
                       "surrogate": "realistic surrogates, which the detector finds again"}
#: The residual record of findings in column and field names.
NAMES_RECORD = "(column and field names)"
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>|\[[A-Z][A-Z0-9_]*\]")
PLACEHOLDER_REASON = "a placeholder veil wrote (such as <PERSON>), which the detector misreads"
#: Steps whose output values are deliberate transforms (tokens, bins, masks, shifted dates):
#: what the detector finds in them (a bin "30-45" read as a date) is expected, not residual.
_STRUCTURED = {"generalize": ("column",), "pseudonymize": ("columns",), "hash": ("columns",),
               "mask": ("columns",), "date_shift": ("columns",), "suppress": ("columns",),
               "noise": ("columns",), "top_k": ("columns",), "encrypt": ("columns",),
               "k_anonymity": ("quasi_identifiers",)}


@dataclass
class _Treatment:
    """What the recipe's redact_text steps did to one column."""

    steps: list[int] = field(default_factory=list)
    #: The structured step that produced the column's values, e.g. "step 4 `generalize`".
    structured: str | None = None
    threshold: float = DEFAULT_THRESHOLD
    entities: set[str] | None = None  # None: every entity
    operators: dict[str, str] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    #: The redact_text step's own detector settings (custom recognizers, deny list, ...).
    detector: Any = None
    #: Listed in `report.coded_columns`: findings are expected, not residual.
    coded: bool = False


def residual_check(frame: pl.DataFrame | pl.LazyFrame, ctx: RunContext) -> None:
    """Registered in `ctx.output_checks` when `report.verify_output` is true.

    `frame` may be lazy (a streamed run scans its written file): only each text
    column's distinct values and their counts are computed, never the whole table.
    """
    spec = ctx.recipe.report
    started = time.perf_counter()
    try:
        from veil.nlp.detect import get_detector  # noqa: F401
    except ImportError:
        _not_checked(ctx, "the detector (veil.nlp.detect) is not available in this installation")
        return
    treatments = _treatments(ctx)
    schema = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    names = field_names(schema)
    masks, names_record = _check_names(ctx, names)
    ctx.name_masks = masks
    paths = scanned_paths(schema, masks)
    treatments = {name: treatments.get(name, _Treatment()) for name in paths}
    _mark_coded(ctx, treatments)
    records = _scan(frame, paths, treatments, ctx)
    if names_record is not None:
        records.append(names_record)
    by_entity: Counter[str] = Counter()
    for record in records:
        by_entity.update(record["residual"])
    total = sum(by_entity.values())
    expected = sum(sum(r["expected"].values()) for r in records)
    ctx.report.residual = {
        "checked": True, "mode": spec.residual, "total": total, "expected": expected,
        "by_entity": dict(sorted(by_entity.items())), "columns": records,
        "names_scanned": len(names),
        "model": _model_name(ctx) if ctx.recipe.nlp is not None else None,
        "seconds": round(time.perf_counter() - started, 6),
    }
    scanned = sum(1 for record in records
                  if not record["structured"] and record["column"] != NAMES_RECORD)
    summary = _summary(total, by_entity, records, spec.residual, scanned)
    failed = spec.residual == "fail" and total > 0
    ctx.report.add_gate(GateRecord(step=None, kind="residual_pii", passed=not failed,
                                   summary=summary,
                                   figures={"residual": total, "expected": expected,
                                            "columns_scanned": scanned}))
    if failed:
        names_advice = (" Identifiers in column or field names come from data used as names "
                        "(a pivoted export's headers, a JSON object used as a map): drop those "
                        "columns, or take out the values you need with a `sql` step."
                        if names_record is not None else "")
        msg = (f"{summary} Nothing was written. Extend the `redact_text` step (columns, "
               f"entities, threshold) or drop the column.{names_advice} Set "
               f"`report: {{residual: warn}}` to record findings without failing.")
        raise PrivacyGateError(msg)


def mask_column_lists(ctx: RunContext) -> None:
    """Show the column names that hold an identifier by their placeholders in the report's
    lists of input and output columns, as the residual table does (the same placeholder for
    the same name). The output's names were checked by the residual check; the inputs'
    columns it dropped are checked here. Nothing is masked when the check did not run: the
    report then says the output was not checked."""
    report = ctx.report
    if not (report.residual or {}).get("checked"):
        return
    records = [*report.inputs, *([report.output] if report.output is not None else [])]
    unchecked = sorted({name for record in records for name in record.columns}
                       - set(ctx.name_masks))
    from veil.nlp.names import number_found

    number_found(unchecked, _detect_in_names(ctx, _names_config(ctx), unchecked), ctx.name_masks)
    for record in records:
        record.columns = [ctx.name_masks.get(name, name) for name in record.columns]


def _mark_coded(ctx: RunContext, treatments: dict[str, _Treatment]) -> None:
    for name in ctx.recipe.report.coded_columns:
        if name in treatments:  # a copy: after to_chat, two paths share one treatment
            treatments[name] = dataclasses.replace(treatments[name], coded=True)
        else:
            ctx.report.warnings.append(
                f"`report.coded_columns` lists `{name}`, which is not a text, number or "
                f"date column of the output; nothing was treated as coded for it.")


def _check_names(ctx: RunContext,
                 names: list[str]) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Names holding an identifier -> their placeholders, and the residual record of them
    (None when no name holds one).

    The pattern recognizers read names (e-mail, phone, card, IBAN, IP address, ...; not
    dates: see `veil.nlp.names`), and the name lists a person's full name (a name-keyed map,
    `{"Ann Walker": ...}`); the language model does not.
    """
    from veil.nlp.names import number_found

    config = _names_config(ctx)
    found = _detect_in_names(ctx, config, names)
    masks: dict[str, str] = {}
    number_found(names, found, masks)
    residual = Counter(span.entity for spans in found for span in spans)
    recognizers = Counter(span.recognizer for spans in found for span in spans)
    if not masks:
        return masks, None
    record = {
        "column": NAMES_RECORD, "treated_by_steps": [], "structured": None, "coded": False,
        "threshold": config.threshold, "distinct_values": len(names),
        "values_scanned": len(names), "sampled": False,
        # A name is in every row's schema, so it is the names that are counted.
        "rows_with_residual": None, "names_with_residual": len(masks),
        "residual": dict(sorted(residual.items())), "expected": {},
        "recognizers": dict(sorted(recognizers.items())), "expected_reasons": {},
    }
    return masks, record


def _is_code(text: str) -> bool:
    """Whether a value is read after its column's name: digits without letters
    (`2125551234`, `02134`), or one short token of letters and digits (`X12345678`, a
    passport number; `AB123456C`), which no words around it describe either."""
    if not any(char.isalpha() for char in text):
        return True
    return (len(text) <= 32 and any(char.isdigit() for char in text)
            and not any(char.isspace() for char in text))


def _label(column: str) -> str:
    """The words of a column's name, as the context of its codes (`_is_code`):
    `patient_phoneNo[]` -> `patient phone no: `. Recognizers score digits by the words
    before them, and a bare number has none ("2125551234" is not found; "phone: 2125551234"
    is, and so are "mrn: 00451234" and "zip: 02134")."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", column)
    words = re.sub(r"[\W_]+", " ", spaced).strip().lower()
    return f"{words}: " if words else ""


def _not_checked(ctx: RunContext, why: str) -> None:
    spec = ctx.recipe.report
    ctx.report.residual = {"checked": False, "mode": spec.residual, "total": 0, "reason": why}
    summary = f"Residual check not run: {why}."
    if spec.residual == "fail":
        ctx.report.add_gate(GateRecord(step=None, kind="residual_pii", passed=False,
                                       summary=summary, figures={}))
        msg = f"{summary} With `residual: fail` the run cannot pass without it; nothing written."
        raise PrivacyGateError(msg)
    ctx.report.warnings.append(summary)


def _summary(total: int, by_entity: Counter[str], records: list[dict[str, Any]], mode: str,
             scanned: int) -> str:
    if not scanned:
        return ("Residual check: the output has no text, number or date columns to scan "
                "(columns produced by structured steps are not scanned).")
    if not total:
        return (f"Residual check: no identifier found in the output's {scanned} scanned "
                f"column(s).")
    where = ", ".join(f"`{r['column']}`" for r in records if r["residual"])
    kinds = ", ".join(f"{entity} ({count})" for entity, count in by_entity.most_common())
    verb = "fails the run" if mode == "fail" else "is a warning (`residual: warn`)"
    return (f"Residual check: {total} possible identifier(s) left in {where}: {kinds}. "
            f"This {verb}.")


def _treatments(ctx: RunContext) -> dict[str, _Treatment]:
    """Output column -> what the recipe's steps did to it, following renames in step order."""
    treated: dict[str, _Treatment] = {}
    for record in ctx.report.steps:
        config = record.config
        if record.kind == "redact_text":
            _add_redaction(ctx, treated, record)
        for key in _STRUCTURED.get(record.kind, ()):
            names = config.get(key)
            for column in [names] if isinstance(names, str) else names or []:
                entry = treated.setdefault(column, _Treatment())
                entry.structured = f"values produced by step {record.index} `{record.kind}`"
        if record.kind == "to_chat" and config.get("content") in treated:
            # the treated text column now lives inside the messages list
            treated[f"{config.get('into', 'messages')}[].content"] = treated[config["content"]]
        if record.kind == "rename" and isinstance(config.get("mapping"), dict):
            moved = {new: treated.pop(old) for old, new in config["mapping"].items()
                     if old in treated}
            treated.update(moved)
    return treated


def _add_redaction(ctx: RunContext, treated: dict[str, _Treatment], record: Any) -> None:
    config = record.config
    step = next((s for s in ctx.recipe.steps if s.index == record.index), None)
    for column in config.get("columns") or []:
        entry = treated.setdefault(column, _Treatment(config=config))
        if hasattr(step, "detector_config"):
            entry.detector = step.detector_config(ctx)
        entry.steps.append(record.index)
        if isinstance(config.get("threshold"), (int, float)):
            entry.threshold = float(config["threshold"])
        entities = config.get("entities")
        entry.entities = None if entities is None else set(entities) | set(entry.entities or ())
        entry.operators.update(_operator_names(config.get("operators") or {}))
        for finding in ctx.report.findings:
            if finding.step == record.index and finding.column == column:
                entry.operators.setdefault(finding.entity, finding.operator)


def _operator_names(operators: dict[str, Any]) -> dict[str, str]:
    """{entity: operator name} from a recipe's operators mapping (`name` or `{name: settings}`)."""
    names = {}
    for entity, spec in operators.items():
        if isinstance(spec, str):
            names[entity] = spec
        elif isinstance(spec, dict) and isinstance(spec.get("op"), str):  # {op: mask, count: 2}
            names[entity] = spec["op"]
        elif isinstance(spec, dict) and len(spec) == 1:  # {mask: {count: 2}}
            names[entity] = next(iter(spec))
    return names


@dataclass
class _Column:
    name: str
    treatment: _Treatment
    texts: list[str]
    weights: list[int]  # rows holding each text
    distinct: int
    #: The name in the report: `name` with any name holding an identifier masked.
    reported_as: str
    #: The column's name in words, put before each value that is a code (see `_is_code`).
    label: str = ""

    def shown(self) -> list[str]:
        """The values as the detector reads them: free text alone, codes labelled."""
        return [self.label + text if _is_code(text) else text for text in self.texts]


def _scan(frame: pl.DataFrame | pl.LazyFrame, columns: dict[str, Leaf],
          treatments: dict[str, _Treatment],
          ctx: RunContext) -> list[dict[str, Any]]:
    """Scan every column in `columns`; one detector call per configuration covers them all.

    A column a redact_text step treated is scanned with that step's own detector settings
    (its custom recognizers, deny list, threshold and entities); any other column
    with every entity veil knows at the default threshold.
    """
    counts = distinct_counts(frame, columns)
    plans = [_column_plan(name, counts[name], treatments.get(name, _Treatment()), ctx.seed,
                          reported_as=leaf.shown)
             for name, leaf in columns.items()]
    for plan in plans:
        if plan.treatment.coded and plan.distinct > CODED_MAX_DISTINCT:
            # Too many values for a code list: a free-text column listed by mistake is
            # checked as free text, so the declaration cannot hide identifiers.
            plan.treatment.coded = False
            ctx.report.warnings.append(
                f"`report.coded_columns` lists `{plan.reported_as}`, but it holds "
                f"{plan.distinct:,} distinct values (a code list has at most "
                f"{CODED_MAX_DISTINCT:,}): it was checked as free text.")
    by_config: dict[Any, list[_Column]] = {}
    for plan in plans:
        if not plan.treatment.structured:
            config = plan.treatment.detector or _default_config(ctx, plan.treatment.threshold)
            by_config.setdefault(config, []).append(plan)
    findings: dict[str, list[list[Any]]] = {}
    for config, group in by_config.items():
        shown = {plan.name: plan.shown() for plan in group}
        found = _detect(ctx, config, [text for plan in group for text in shown[plan.name]])
        offset = 0
        for plan in group:
            findings[plan.name] = [
                _in_value(spans, len(read) - len(text)) for spans, read, text in
                zip(found[offset:offset + len(plan.texts)], shown[plan.name], plan.texts,
                    strict=True)]
            offset += len(plan.texts)
    return [_tally(plan, findings.get(plan.name)) for plan in plans]


def _in_value(findings: list[Any], label_length: int) -> list[Any]:
    """The findings in the value itself, at offsets into the value (not its label)."""
    if not label_length:
        return findings
    return [dataclasses.replace(found, start=max(found.start - label_length, 0),
                                end=found.end - label_length)
            for found in findings if found.end > label_length]


def _column_plan(name: str, counts: pl.DataFrame, treatment: _Treatment, seed: int, *,
                 reported_as: str) -> _Column:
    distinct = counts.height
    if distinct > MAX_VALUES:
        counts = counts.sample(n=MAX_VALUES, seed=seed)
    return _Column(name, treatment, counts.get_column(VALUE).to_list(),
                   counts.get_column(ROWS).to_list(), distinct, reported_as,
                   label=_label(reported_as))


def _tally(plan: _Column, findings: list[list[Any]] | None) -> dict[str, Any]:
    """Per-column counts; `findings` is None for a column not scanned (a structured step's)."""
    residual: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    recognizers: Counter[str] = Counter()
    rows = 0
    # No findings (a column not scanned) means no iterations: strict=False on purpose.
    for text, weight, found in zip(plan.texts, plan.weights, findings or [], strict=False):
        left = False
        for finding in found:
            why = (PLACEHOLDER_REASON if _is_placeholder(text, finding.start, finding.end)
                   else _expected_reason(finding.entity, plan.treatment))
            # Counted once per row holding the value, as redact_text counts its findings.
            (expected if why else residual)[finding.entity] += weight
            if not why:
                left = True
                recognizers[finding.recognizer] += weight
        rows += weight if left else 0
    return {
        "column": plan.reported_as, "treated_by_steps": plan.treatment.steps,
        "structured": plan.treatment.structured, "coded": plan.treatment.coded,
        "threshold": plan.treatment.threshold,
        "distinct_values": plan.distinct,
        "values_scanned": 0 if findings is None else len(plan.texts),
        "sampled": findings is not None and plan.distinct > len(plan.texts),
        "rows_with_residual": rows, "residual": dict(sorted(residual.items())),
        "expected": dict(sorted(expected.items())),
        "recognizers": dict(sorted(recognizers.items())),
        "expected_reasons": {e: _expected_reason(e, plan.treatment) or PLACEHOLDER_REASON
                             for e in sorted(expected)},
    }


def _is_placeholder(text: str, start: int, end: int) -> bool:
    """True when a span holds nothing but veil placeholders (NER reads `<PHONE_NUMBER>` as a
    name, and its span leaves out the brackets, so one character either side is included)."""
    span = text[max(start - 1, 0):end + 1]
    return not any(char.isalnum() for char in _PLACEHOLDER.sub("", span))


def _expected_reason(entity: str, treatment: _Treatment) -> str | None:
    if treatment.structured:
        return treatment.structured
    if treatment.coded:
        return CODED_REASON
    if not treatment.steps:
        return None
    operator = treatment.operators.get(entity, treatment.operators.get("default"))
    if operator in _EXPECTED_OPERATORS:
        return _EXPECTED_OPERATORS[operator]
    if treatment.entities is not None and entity not in treatment.entities:
        return "not targeted by the column's redact_text step"
    return None


def _model_name(ctx: RunContext) -> str:
    from veil.nlp.models import default_model_name

    return ctx.recipe.nlp.model or default_model_name()


def _names_config(ctx: RunContext) -> Any:
    from veil.nlp.names import names_config

    return names_config(_language(ctx), DEFAULT_THRESHOLD)


def _default_config(ctx: RunContext, threshold: float) -> Any:
    from veil.nlp.types import DetectorConfig

    model = _model_name(ctx) if ctx.recipe.nlp is not None else None
    return DetectorConfig(model=model, language=_language(ctx), threshold=threshold)


def _language(ctx: RunContext) -> str:
    return ctx.recipe.nlp.language if ctx.recipe.nlp is not None else "en"


def _detect_in_names(ctx: RunContext, config: Any, names: list[str]) -> list[list[Any]]:
    """`_detect` for column and field names: patterns, and the name lists for full names."""
    from veil.nlp.names import with_full_names

    return with_full_names(names, _detect(ctx, config, names))


def _detect(ctx: RunContext, config: Any, texts: list[str]) -> list[list[Any]]:
    """Findings per text at or above the configuration's threshold, with the run's detector."""
    if not texts:
        return []
    from veil.nlp.detect import get_detector

    return get_detector(ctx, config).detect(texts).findings
