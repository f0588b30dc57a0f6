"""Generate the recipe reference (Markdown) from the schema and every registered step.

The README's reference is this module's output, so it cannot drift from the
code: ``tests/test_docs.py`` checks that the block between the markers is current.

    python -m veil.recipe.reference                    # print the reference
    python -m veil.recipe.reference --write README.md  # replace the block in README.md
    python -m veil.recipe.reference --check README.md  # exit 1 when the block is stale
"""

from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from veil.recipe.schema import Recipe
from veil.steps.registry import get_step, step_names

__all__ = ["START", "END", "generate", "replace_block", "main"]

START = "<!-- recipe-reference:start -->"
END = "<!-- recipe-reference:end -->"
#: Fields of `Recipe` the loader fills in; a recipe cannot hold them.
_INTERNAL = frozenset({"source", "text"})
_SCALARS = {str: "text", int: "integer", float: "number", bool: "boolean", Any: "any"}


def generate() -> str:
    """The whole reference, deterministic: schema sections, then steps by name."""
    parts = [
        "<!-- Generated from the schema by `python -m veil.recipe.reference --write README.md`; "
        "do not edit by hand. -->",
        "",
        "### Recipe keys",
        "",
        _table(Recipe, "key", skip=_INTERNAL),
    ]
    for name, info in Recipe.model_fields.items():
        model = _model_in(info.annotation)
        if name not in _INTERNAL and model is not None:
            parts += ["", f"#### `{name}`", "", info.description or "", "", _table(model, "key")]
    parts += ["", "### Steps", "", _steps_summary()]
    for name in step_names():
        parts += ["", _step_section(name)]
    parts += ["", "### Entities", "", _entities()]
    return "\n".join(line for line in _squeeze(parts)).rstrip() + "\n"


def _steps_summary() -> str:
    rows = [
        "Each step is a one-key mapping `- kind: parameters`. Steps marked *global* need the "
        "whole frame at once (veil collects the rows before them); the others stream in "
        "batches, so inputs larger than memory work when every step streams. Steps marked "
        "*keyed* need the secret key (`secrets.key_env`).",
        "",
        "| step | what it does | global | keyed |",
        "|---|---|---|---|",
    ]
    for name in step_names():
        cls = get_step(name)
        rows.append(f"| [`{name}`](#{name}) | {_cell(_first_line(cls.__doc__))} | "
                    f"{'yes' if cls.global_pass else ''} | {'yes' if cls.keyed else ''} |")
    return "\n".join(rows)


def _entities() -> str:
    from veil.nlp.recognizers import ENTITIES, NAME_ENTITIES, NER_ENTITIES

    rows = [
        "What `redact_text` (its `entities` and `operators`), `veil scan` and the residual "
        "check find in free text. Entities marked *NER* are found by the spaCy model too; "
        "those marked *model only* are not looked for with `nlp: none`. HL7 v2 segments (PID, "
        "NK1, GT1, IN1, PV1) and FHIR resources kept as JSON text are read by field: what "
        "stands in a name, address, identifier, phone or date of birth field is that entity, "
        "whatever it looks like (`DOE^JANE^A`, `19620415`); so are SWIFT MT payment "
        "messages, by tag (`:20:` a reference, `:50K:` and `:59:` an account, then a name and "
        "an address, `:57A:` a bank's code), and the machine-readable zone of a passport or "
        "an identity card (`P<GBRSMITH<<JOHN<<<...`), whose numbers count when their check "
        "digits do. Numbers a call's transcript spells digit by digit (`four one one one, ...`) "
        "are read as digits: a card's by Luhn's check, the others by the words before them.",
        "",
        "| entity | what it is | NER |",
        "|---|---|---|",
    ]
    for entity, what in ENTITIES.items():
        ner = ("model only" if entity in NAME_ENTITIES
               else "yes" if entity in NER_ENTITIES else "")
        rows.append(f"| `{entity}` | {_cell(what)} | {ner} |")
    return "\n".join(rows)


def _step_section(name: str) -> str:
    cls = get_step(name)
    lines = [f"#### `{name}`", "", _first_line(cls.__doc__), ""]
    if cls.shorthand:
        lines.append(f"Shorthand: `{name}: <{cls.shorthand}>` fills `{cls.shorthand}`.")
    lines += ["", _table(cls.Params, "parameter")]
    for nested in _nested_models(cls.Params):
        doc = _first_line(nested.__doc__)
        lines += ["", f"`{name}` › `{nested.__name__}`{': ' + doc if doc else ''}", "",
                  _table(nested, "key")]
    return "\n".join(lines)


def _table(model: type[BaseModel], what: str, *, skip: frozenset[str] = frozenset()) -> str:
    rows = [f"| {what} | type | default | description |", "|---|---|---|---|"]
    for name, info in _own_fields_first(model):
        if name in skip:
            continue
        rows.append(f"| `{name}` | {_cell(type_name(info.annotation))} | "
                    f"{_cell(_default(info))} | {_cell(info.description or '')} |")
    return "\n".join(rows)


def _own_fields_first(model: type[BaseModel]) -> list[tuple[str, Any]]:
    """The model's own keys, then those it shares (`input` starts with `path`, not `encoding`)."""
    own = model.__dict__.get("__annotations__", {})
    fields = list(model.model_fields.items())
    return [f for f in fields if f[0] in own] + [f for f in fields if f[0] not in own]


def _literal_value(value: object) -> str:
    """A value a key may take, as a reader types it: spaces must show (`' '`, U+00A0)."""
    if not isinstance(value, str):
        return f"`{json.dumps(value)}`"
    if value == " ":
        return "`' '` (space)"
    if value.isprintable() and not value.isspace():
        return f"`{value}`"
    return f"`\"\\u{ord(value):04x}\"` (U+{ord(value):04X})"


def type_name(annotation: Any) -> str:
    """A reader's name for a type, e.g. `list of text` or `mapping text → integer`."""
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if annotation is type(None):
        return "null"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"mapping (`{annotation.__name__}`)"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin is Literal:
        return "one of " + ", ".join(_literal_value(a) for a in args)
    if origin in (Union, types.UnionType):
        shown = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(shown))
    if origin in (list, tuple, set, frozenset):
        return f"list of {type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping {type_name(args[0])} → {type_name(args[1])}" if args else "mapping"
    return getattr(annotation, "__name__", str(annotation))


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        value = info.default_factory()
    else:
        value = info.default
    if value is PydanticUndefined:
        return "required"
    if isinstance(value, BaseModel):
        return "see below"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Models used inside `model`'s fields, depth first, each once, in field order."""
    found: dict[type[BaseModel], None] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found[annotation] = None
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    for info in model.model_fields.values():
        visit(info.annotation)
    return list(found)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        model = _model_in(arg)
        if model is not None:
            return model
    return None


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0].strip() if (doc or "").strip() else ""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _squeeze(parts: list[str]) -> list[str]:
    """Drop the empty lines a missing docstring leaves, never two blank lines in a row."""
    out: list[str] = []
    for part in "\n".join(parts).split("\n"):
        if part == "" and out and out[-1] == "":
            continue
        out.append(part)
    return out


def replace_block(document: str, reference: str) -> str:
    """`document` with the text between the reference markers replaced by `reference`."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        msg = (f"the markers `{START}` and `{END}` were not found (in that order); put them "
               f"on their own lines where the recipe reference belongs")
        raise ValueError(msg)
    return f"{document[:start]}{START}\n{reference}{document[end:]}"


def current_block(document: str) -> str | None:
    """The text between the markers (as `generate()` would give it), or None without markers."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        return None
    return document[start + len(START):end].removeprefix("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m veil.recipe.reference",
                                     description="Print or update the recipe reference.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="Replace the marked block in FILE.")
    group.add_argument("--check", metavar="FILE", help="Exit 1 when FILE's block is stale.")
    args = parser.parse_args(argv)
    reference = generate()
    if args.write is None and args.check is None:
        sys.stdout.write(reference)
        return 0
    path = Path(args.write or args.check)
    try:
        document = path.read_text(encoding="utf-8")
        updated = replace_block(document, reference)
    except (OSError, ValueError) as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return 2
    if args.check is not None:
        if updated != document:
            print(f"{path}: the recipe reference is stale; run "
                  f"`python -m veil.recipe.reference --write {path}`", file=sys.stderr)
            return 1
        return 0
    if updated != document:
        path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
