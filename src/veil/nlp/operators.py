"""Operators: what happens to an identifier found in text, one small model each.

In a recipe an operator is written as its name alone, or as a one-key
mapping from its name to its settings (a mapping, or one value for the main
setting)::

    operators:
      PERSON: surrogate                          # a fake name, keyed
      PHONE_NUMBER: {surrogate: phone}           # the same, naming the kind of fake
      US_SSN: {mask: {char: "*", count: 5}}      # ***-*-6789 style
      CREDIT_CARD: {mask: {count: 12, from_end: false}}
      EMAIL_ADDRESS: hash                        # <EMAIL_ADDRESS_3f9a0c1b2d4e>
      IBAN_CODE: encrypt                         # ENC[...], reversible by `veil decrypt`
      default: {replace: "<{entity}>"}

`hash`, `encrypt` and `surrogate` are keyed: they need the secret key, and the
same value gives the same output on every row, file and run with that key.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, field_validator, model_serializer

from veil.nlp.crypto import TokenCipher
from veil.nlp.readable import readable
from veil.nlp.surrogates import KINDS, TEXT_MAX_DAYS, Surrogates, kind_for
from veil.nlp.types import Finding
from veil.privacy.keyed import SUBJECT_MAX_DAYS, keyed_token
from veil.recipe.schema import VeilModel
from veil.recipe.suggest import suggestion_sentence

__all__ = ["OPERATOR_NAMES", "OperatorSpec", "ReplaceOp", "RedactOp", "MaskOp", "KeepOp",
           "HashOp", "EncryptOp", "SurrogateOp", "DEFAULT_OPERATOR", "Anonymizer", "Within",
           "resolve_overlaps"]


def _placeholders(template: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError as exc:
        msg = f"template is not valid ({exc}); write placeholders as `{{entity}}`"
        raise ValueError(msg) from None


def _check_template(template: str, allowed: set[str]) -> str:
    unknown = _placeholders(template) - allowed
    if unknown:
        msg = (f"template placeholder `{{{sorted(unknown)[0]}}}` is unknown; allowed: "
               f"{', '.join('{' + a + '}' for a in sorted(allowed))}, e.g. `<{{entity}}>`")
        raise ValueError(msg)
    return template


@dataclass(frozen=True)
class Within:
    """Where a finding sits: its whole text, and whose text it is (the step's `subject`)."""

    text: str = ""
    subject: str | None = None


NOWHERE = Within()


class _Operator(VeilModel):
    #: The setting filled when the recipe gives one value: `{mask: "#"}` sets `char`.
    main: ClassVar[str | None] = None
    keyed: ClassVar[bool] = False

    def describe(self) -> str:
        return self.op

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        raise NotImplementedError

    @model_serializer(mode="plain")
    def _recipe_form(self) -> str | dict[str, Any]:
        """Dump as the recipe writes it (`{mask: {char: '#'}}`), so the report reads the same."""
        settings = {name: getattr(self, name) for name in type(self).model_fields if name != "op"}
        return {self.op: settings} if settings else self.op


class ReplaceOp(_Operator):
    """Replace the value by a fixed text: `{replace: "<{entity}>"}` or `replace`."""

    op: Literal["replace"] = Field("replace", description="Operator name; in a recipe it is "
                                   "the key, as in `{replace: ...}`.")
    template: str = Field("<{entity}>", description="Replacement text; `{entity}` becomes the "
                          "entity type, e.g. `<{entity}>` -> `<PERSON>`.")
    main: ClassVar[str] = "template"

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        return _check_template(value, {"entity"})

    def describe(self) -> str:
        return f"replace with `{self.template.format(entity='ENTITY')}`"

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        return self.template.format(entity=entity)


class RedactOp(_Operator):
    """Remove the value: `redact`."""

    op: Literal["redact"] = Field("redact", description="Operator name: remove the value.")

    def describe(self) -> str:
        return "remove"

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        return ""


class KeepOp(_Operator):
    """Leave the value in place (it is still counted in the report): `keep`."""

    op: Literal["keep"] = Field("keep", description="Operator name: leave the value as is "
                                "(it is still counted in the report).")

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        return text


class MaskOp(_Operator):
    """Overwrite characters: `{mask: {char: "*", count: 5, from_end: false}}` or `{mask: "#"}`."""

    op: Literal["mask"] = Field("mask", description="Operator name; in a recipe it is the key, "
                             "as in `{mask: {count: 4}}`.")
    char: str = Field("*", min_length=1, max_length=1, description="Masking character.")
    count: int | None = Field(None, ge=1, description="How many characters to mask; "
                              "default: all of them.")
    from_end: bool = Field(False, description="Mask the last `count` characters instead of "
                           "the first.")
    main: ClassVar[str] = "char"

    def describe(self) -> str:
        side = "last" if self.from_end else "first"
        how = "all" if self.count is None else f"{side} {self.count}"
        return f"mask {how} characters with `{self.char}`"

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        count = len(text) if self.count is None else min(self.count, len(text))
        if self.from_end:
            return text[: len(text) - count] + self.char * count
        return self.char * count + text[count:]


class HashOp(_Operator):
    """A keyed HMAC-SHA256 token, the same for the same value: `hash` or `{hash: {length: 16}}`."""

    op: Literal["hash"] = Field("hash", description="Operator name: keyed HMAC-SHA256 token.")
    length: int = Field(12, ge=8, le=64, description="Hex characters of the digest to keep.")
    template: str = Field("<{entity}_{hash}>", description="Token layout; `{hash}` is the "
                          "digest, `{entity}` the entity type.")
    domain: str = Field("default", min_length=1, max_length=40, description="Digest namespace, "
                        "shared with the `hash` step: a value hashed in text and in a column "
                        "with the same key and domain gets the same digest (so they still join).")
    main: ClassVar[str] = "length"
    keyed: ClassVar[bool] = True

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        if "hash" not in _placeholders(value):
            msg = "a hash template must contain `{hash}`, e.g. `<{entity}_{hash}>`"
            raise ValueError(msg)
        return _check_template(value, {"entity", "hash"})

    def describe(self) -> str:
        return f"replace with a keyed hash ({self.length} hex characters)"

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        # One purpose for every entity, and the `hash` step's: equal values hash equal anywhere.
        digest = keyed_token(tools.key, text, purpose=f"hash:{self.domain}", length=self.length)
        return self.template.format(entity=entity, hash=digest)


class EncryptOp(_Operator):
    """A deterministic AES-SIV token `ENC[...]` that `veil decrypt` reverses: `encrypt`."""

    op: Literal["encrypt"] = Field("encrypt", description="Operator name: deterministic AES-SIV "
                                   "token `ENC[...]`, reversible with `veil decrypt`.")
    keyed: ClassVar[bool] = True

    def describe(self) -> str:
        return "encrypt (AES-SIV, reversible with `veil decrypt`)"

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        return tools.cipher.encrypt(text)


class SurrogateOp(_Operator):
    """A realistic keyed fake of the same kind and format: `surrogate` or `{surrogate: phone}`."""

    op: Literal["surrogate"] = Field("surrogate", description="Operator name: a realistic fake "
                                     "of the same kind, keyed on the original.")
    kind: Literal[KINDS] = Field(  # type: ignore[valid-type]
        "auto", description="Kind of fake: " + ", ".join(KINDS) + ". `auto` picks it from the "
        "entity (PERSON -> name, PHONE_NUMBER -> phone, ...); `shape` keeps the layout and draws "
        "new digits and letters. `date`: every date of one text moves by the same keyed number "
        "of days, either way, so intervals and order within a note hold; with the step's "
        "`subject`, every date of one subject's texts moves by that subject's days.")
    max_days: int | None = Field(
        None, ge=1, le=3650, description="Dates only: the largest shift in days, either way "
        f"(never 0). Default: {TEXT_MAX_DAYS} when each text moves on its own; "
        f"{SUBJECT_MAX_DAYS} with the step's `subject`, as `date_shift`'s default, so a "
        "subject's notes and date columns move by the same days.")
    main: ClassVar[str] = "kind"
    keyed: ClassVar[bool] = True

    def describe(self) -> str:
        return "replace with a keyed fake" + ("" if self.kind == "auto" else f" {self.kind}")

    def shifts_dates(self, entity: str) -> bool:
        return self.kind == "date" or (self.kind == "auto" and kind_for(entity) == "date")

    def apply(self, text: str, entity: str, tools: Anonymizer, within: Within = NOWHERE) -> str:
        surrogates = tools.surrogates
        if within.subject is not None and self.shifts_dates(entity):
            days = surrogates.subject_shift(within.subject, self.max_days or SUBJECT_MAX_DAYS)
            return surrogates.make(text, "date", days=days)
        return surrogates.make(text, self.kind, entity=entity, within=within.text,
                               max_days=self.max_days or TEXT_MAX_DAYS)


_MODELS: dict[str, type[_Operator]] = {
    model.model_fields["op"].default: model
    for model in (ReplaceOp, RedactOp, MaskOp, KeepOp, HashOp, EncryptOp, SurrogateOp)
}
OPERATOR_NAMES = tuple(_MODELS)


def _normalise(raw: Any) -> Any:
    """`hash` / `{hash: 16}` / `{hash: {length: 16}}` -> `{op: hash, length: 16}`."""
    if isinstance(raw, _Operator) or (isinstance(raw, dict) and "op" in raw):
        return raw  # already in the model's own form (`{op: hash, length: 16}`)
    if isinstance(raw, str):
        name, settings = raw, {}
    elif isinstance(raw, dict) and len(raw) == 1:
        (name, settings), = raw.items()
    else:
        msg = (f"an operator is its name or a one-key mapping `name: settings`, e.g. "
               f"`hash` or `{{mask: {{char: '*', count: 4}}}}`; operators: "
               f"{', '.join(OPERATOR_NAMES)}")
        raise ValueError(msg)
    if name not in _MODELS:
        msg = (f"unknown operator `{name}`.{suggestion_sentence(str(name), OPERATOR_NAMES)} "
               f"Operators: {', '.join(OPERATOR_NAMES)}")
        raise ValueError(msg)
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        main = _MODELS[name].main
        if main is None:
            msg = f"operator `{name}` takes no settings; write `{name}` alone"
            raise ValueError(msg)
        settings = {main: settings}
    return {**settings, "op": name}


OperatorSpec = Annotated[
    Annotated[ReplaceOp | RedactOp | MaskOp | KeepOp | HashOp | EncryptOp | SurrogateOp,
              Field(discriminator="op")],
    BeforeValidator(_normalise),
]

DEFAULT_OPERATOR = ReplaceOp()


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted, non-overlapping spans: overlapping (or touching same-entity) spans become one.

    The detector already resolves overlaps; this is the guard that makes sure
    no replacement ever leaves part of an identifier behind.
    """
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and (finding.start < merged[-1].end or (
                finding.start == merged[-1].end and finding.entity == merged[-1].entity)):
            last = merged[-1]
            keep = max(last, finding, key=lambda f: (f.score, f.end - f.start))
            merged[-1] = Finding(last.start, max(last.end, finding.end), keep.entity,
                                 max(last.score, finding.score), keep.recognizer)
        else:
            merged.append(finding)
    return merged


class Anonymizer:
    """Applies the operators to texts; keyed helpers are built once, when first needed."""

    def __init__(self, operators: dict[str, _Operator], *, key: bytes | None = None) -> None:
        self.operators = operators
        self._key = key
        self._surrogates: Surrogates | None = None
        self._cipher: TokenCipher | None = None

    def operator_for(self, entity: str) -> _Operator:
        return self.operators.get(entity) or self.operators.get("default") or DEFAULT_OPERATOR

    @property
    def key(self) -> bytes:
        if self._key is None:  # prepare() requires the key; reaching this is a veil bug
            msg = "a keyed operator ran without a key"
            raise RuntimeError(msg)
        return self._key

    @property
    def surrogates(self) -> Surrogates:
        if self._surrogates is None:
            self._surrogates = Surrogates(self.key)
        return self._surrogates

    def dates_moved_apart(self) -> int:
        """See `Surrogates.dates_moved_apart`; 0 when no surrogate was made."""
        return 0 if self._surrogates is None else self._surrogates.dates_moved_apart()

    @property
    def cipher(self) -> TokenCipher:
        if self._cipher is None:
            self._cipher = TokenCipher(self.key)
        return self._cipher

    def anonymize(self, text: str, findings: Sequence[Finding], *,
                  subject: str | None = None) -> str:
        """`text` with every finding replaced, right to left so offsets stay valid.

        `subject`: whose text it is (the step's `subject` column), for date surrogates.
        """
        out = text
        within = Within(text, subject)
        read = readable(text)
        for finding in reversed(resolve_overlaps(findings)):
            # As the detector read it: `J<ZWSP>ohn` gets John's surrogate, token or hash.
            original = read.read_within(finding.start, finding.end)
            new = self.operator_for(finding.entity).apply(original, finding.entity, self, within)
            out = out[:finding.start] + new + out[finding.end:]
        return out
