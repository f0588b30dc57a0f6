"""`redact_text`: find identifiers in free-text columns and replace them, per entity type.

Detection is the expensive part, and text columns repeat themselves, so each
distinct text is analysed once and the result mapped back to every row that
holds it. The report gets counts, operators, recognizers and score buckets per
column and entity, never a matched value.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import polars as pl
from pydantic import Field, field_validator, model_validator

from veil.dtypes import TEXT_TYPES, text_advice, type_label
from veil.errors import RecipeError
from veil.nlp.operators import DEFAULT_OPERATOR, Anonymizer, OperatorSpec, SurrogateOp
from veil.nlp.redaction import redact_series
from veil.nlp.types import CustomRecognizerSpec, DetectorConfig
from veil.recipe.suggest import suggestion_sentence
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

if TYPE_CHECKING:
    from veil.context import RunContext
    from veil.nlp.detect import Detector



class RedactTextParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Free-text columns to scan and redact.")
    entities: list[str] | None = Field(
        None, description="Entity types to find, e.g. [PERSON, US_SSN]; default: every entity "
        "veil knows, plus those of `recognizers`.")
    language: str | None = Field(None, description="Language of the text; default: `nlp.language`.")
    threshold: float = Field(0.5, ge=0, le=1, description="Lowest score a finding needs to be "
                             "replaced; findings a little below are counted as near misses.")
    allow_list: list[str] = Field(default_factory=list, description="Words never treated as "
                                  "identifiers (e.g. the hospital's own name).")
    deny_list: dict[str, list[str]] = Field(
        default_factory=dict, description="Words always treated as an entity, per entity: "
        "{PERSON: [Dr. House]}.")
    recognizers: list[CustomRecognizerSpec] = Field(
        default_factory=list, description="Extra pattern recognizers: name, entity, regex, "
        "score, context words, optional validator (luhn, mod97, aba).")
    operators: dict[str, OperatorSpec] = Field(
        default_factory=dict, description="What to do per entity, and `default` for the rest: "
        "replace (template with {entity}), redact, mask (char, count, from_end), keep, hash "
        "(keyed), encrypt (reversible, keyed), surrogate (keyed fake of the same kind). E.g. "
        "{PERSON: {surrogate: name}, US_SSN: {mask: {count: 5}}, default: {replace: "
        "'<{entity}>'}}. Default: replace with `<ENTITY>`.")
    subject: str | None = Field(
        None, description="Column saying whose text each row is (e.g. patient_id). Dates "
        "replaced by `surrogate` then move by that subject's keyed offset: every note of one "
        "patient together, and by the same days as `date_shift` with `by` on that column "
        "(same key and `max_days`). Rows whose subject is null move per text. Default: the "
        "dates of each text move together, by that text's own offset; a date repeated in many "
        "texts then moves differently in each, and their average drifts back towards the real "
        "date. Set `subject` whenever the texts belong to people.")

    @field_validator("columns")
    @classmethod
    def _columns_once(cls, columns: list[str]) -> list[str]:
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            msg = f"column `{repeated[0]}` is listed twice; list each column once"
            raise ValueError(msg)
        return columns

    @field_validator("recognizers")
    @classmethod
    def _regexes_compile(cls, specs: list[CustomRecognizerSpec]) -> list[CustomRecognizerSpec]:
        for spec in specs:
            try:
                re.compile(spec.regex)
            except re.error as exc:
                msg = (f"recognizer `{spec.name}`: `regex` is not a valid regular expression "
                       f"({exc.msg} at position {exc.pos}). Check brackets and escapes.")
                raise ValueError(msg) from None
        return specs

    @model_validator(mode="after")
    def _entities_known(self) -> RedactTextParams:
        from veil.nlp.recognizers import ENTITIES  # lazily: it imports Presidio

        known = [*ENTITIES, *(r.entity for r in self.recognizers)]
        named = [*(self.entities or ()), *self.deny_list, *self.operators]
        for entity in named:
            if entity not in known and entity != "default":
                msg = (f"unknown entity `{entity}`.{suggestion_sentence(entity, known)} Entities "
                       f"veil knows: {', '.join(known)}. Declare another one with `recognizers:`.")
                raise ValueError(msg)
        if self.entities is not None:  # an operator for an entity nobody looks for is a gap
            searched = {*self.entities, *(r.entity for r in self.recognizers), *self.deny_list}
            unused = [e for e in self.operators if e != "default" and e not in searched]
            if unused:
                msg = (f"`operators` names `{unused[0]}`, which is not in `entities`, so it would "
                       f"never be found. Add it to `entities`, or remove its operator.")
                raise ValueError(msg)
        if self.subject is not None and not self.shifts_dates():
            msg = ("`subject` only steers dates replaced by `surrogate`, and no operator here "
                   "does that. Add `DATE_TIME: {surrogate: date}` to `operators`, or remove "
                   "`subject`.")
            raise ValueError(msg)
        return self

    def shifts_dates(self) -> bool:
        """Some operator replaces dates by shifted ones (DATE_TIME by `default` counts too)."""
        fallback = self.operators.get("default", DEFAULT_OPERATOR)
        named = [(entity, op) for entity, op in self.operators.items() if entity != "default"]
        unnamed = [] if "DATE_TIME" in self.operators else [("DATE_TIME", fallback)]
        return any(isinstance(op, SurrogateOp) and op.shifts_dates(entity)
                   for entity, op in [*named, *unnamed])


@register_step("redact_text")
class RedactText(Step):
    """Detect identifiers in text columns and apply an operator per entity type."""

    Params = RedactTextParams
    shorthand = "columns"
    global_pass = True  # detection runs over the distinct values of the whole column

    def __init__(self, params: RedactTextParams, **where: Any) -> None:
        super().__init__(params, **where)
        self.keyed = any(op.keyed for op in params.operators.values())

    def columns_used(self) -> set[str]:
        return set(self.params.columns) | ({self.params.subject} if self.params.subject else set())

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        for column in self.params.columns:
            if not isinstance(schema[column], TEXT_TYPES):
                msg = (f"column `{column}` holds {type_label(schema[column])}, not text; "
                       f"redact_text reads text columns. Treat it with a structured step "
                       f"(pseudonymize, generalize, drop), or "
                       f"{text_advice(column, schema[column])}.")
                raise self.fail(msg)

    def prepare(self, ctx: RunContext) -> None:
        super().prepare(ctx)  # the key, when an operator is keyed
        config = self.detector_config(ctx)
        if config.model is not None:
            from veil.nlp.models import require_model

            require_model(config.model)
        try:  # builds the analyzer now, so a bad setting stops the run before any data is read
            _detector(ctx, config)
        except RecipeError as exc:
            msg = f"{self.label}: {exc.message}"
            raise RecipeError(msg) from None

    def detector_config(self, ctx: RunContext) -> DetectorConfig:
        p, nlp = self.params, ctx.recipe.nlp
        model = None
        if nlp is not None:
            from veil.nlp.models import default_model_name

            model = nlp.model or default_model_name()
        entities = None
        if p.entities is not None:
            entities = tuple(dict.fromkeys([*p.entities, *(r.entity for r in p.recognizers)]))
        return DetectorConfig(
            model=model, language=p.language or (nlp.language if nlp else "en"),
            entities=entities, threshold=p.threshold, allow_list=tuple(p.allow_list),
            deny_list=tuple((e, tuple(words)) for e, words in sorted(p.deny_list.items())),
            custom=tuple(p.recognizers))

    def apply(self, lf: pl.LazyFrame, ctx: RunContext) -> pl.LazyFrame:
        frame = lf.collect()
        detector = _detector(ctx, self.detector_config(ctx))
        key = ctx.require_key(self.label) if self.keyed else None
        anonymizer = Anonymizer(dict(self.params.operators), key=key)
        record = ctx.report.step_record(self).details
        details = record.setdefault("columns", {})
        subjects = None
        if self.params.subject is not None:
            subjects = frame.get_column(self.params.subject)
            record["subject"] = {"column": self.params.subject,
                                 "rows_without_subject": subjects.null_count()}
        for column in self.params.columns:
            replaced, stats = redact_series(frame.get_column(column), detector, anonymizer,
                                            subjects)
            frame = frame.with_columns(replaced)
            details[column] = {"distinct_texts": stats.distinct_texts,
                               "rows_changed": stats.rows_changed}
            for finding in stats.entity_findings(step=self.index, column=column,
                                                 anonymizer=anonymizer):
                ctx.report.add_finding(finding)
        apart = anonymizer.dates_moved_apart()
        if apart:
            ctx.report.warnings.append(
                f"{self.label}: {apart} date(s) appear in several texts and moved by different "
                f"days in each, since dates shift per text; the average of such copies drifts "
                f"back towards the real date. Set `subject` (the patient or customer column) so "
                f"that one person's dates move together.")
        return frame.lazy()

    def describe(self) -> str:
        p = self.params
        what = ", ".join(p.entities) if p.entities else "every kind of identifier veil knows"
        if p.recognizers:
            what += f" (plus {len(p.recognizers)} pattern(s) declared in the recipe)"
        how = "; ".join(f"{entity}: {op.describe()}" for entity, op in p.operators.items()
                        if entity != "default")
        rest = p.operators["default"].describe() if "default" in p.operators else \
            "replace with `<ENTITY>`"
        ops = f"{how}; anything else: {rest}" if how else rest
        whose = ""
        if p.subject:
            whose = f"; every date of one `{p.subject}` moves by the same keyed days"
        elif p.shifts_dates():
            whose = ("; each text's dates move by that text's own keyed days (no `subject`: one "
                     "date in several texts moves apart)")
        return (f"find {what} in {', '.join(p.columns)} (score at least {p.threshold}) and "
                f"{ops}{whose}")


def _detector(ctx: RunContext, config: DetectorConfig) -> Detector:
    from veil.nlp.detect import get_detector

    return get_detector(ctx, config)
