"""Read a recipe: YAML with line marks -> plain data -> schema -> steps from the registry.

Every error names the recipe file and line, the key or step, what is allowed,
and the nearest valid name when the key looks misspelt.
"""

from __future__ import annotations

import io
import re
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from veil.errors import RecipeError
from veil.recipe.schema import Recipe, StepParams
from veil.recipe.suggest import backticked, did_you_mean, suggestion_sentence
from veil.steps.registry import get_step

if TYPE_CHECKING:  # veil.steps.base imports the schema, so `import veil.steps` comes here first
    from veil.steps.base import Step

__all__ = ["RecipeLike", "load_recipe", "parse_yaml"]

Loc = tuple[str | int, ...]
#: What `load_recipe` takes: a path, YAML text, a mapping built in code, or a loaded recipe.
RecipeLike = str | Path | Recipe | Mapping[str, Any]
MAX_ERRORS_SHOWN = 5
_DUPLICATE_KEY = re.compile(r'found duplicate key "([^"]*)"')
#: Fields of `Recipe` the loader fills in; not keys a recipe may hold.
_INTERNAL_FIELDS = frozenset({"source", "text"})


def load_recipe(recipe: RecipeLike) -> Recipe:
    """Load and validate a recipe from a path, from YAML text, or from a mapping built in
    code (`{"veil": 1, "name": ..., "steps": [...]}`).

    A string that contains a newline, or that starts with ``veil:``, is read as
    YAML text; any other string is a path. Raises :class:`RecipeError`.
    """
    if isinstance(recipe, Recipe):
        return recipe
    if isinstance(recipe, Mapping):
        return _recipe_of_mapping(recipe)
    if not isinstance(recipe, (str, PurePath)):
        msg = (f"a recipe is a path, YAML text, a mapping or a `veil.Recipe`; got "
               f"{type(recipe).__name__}.")
        raise RecipeError(msg)
    if isinstance(recipe, str) and not recipe.strip():
        msg = "the recipe is empty: give a path to a YAML recipe, or YAML text with `veil: 1`."
        raise RecipeError(msg)
    if isinstance(recipe, Path) or ("\n" not in recipe and not recipe.lstrip().startswith("veil:")):
        path = Path(recipe)
        if not path.is_file():
            msg = (f"recipe `{path}` does not exist or is not a file. Give the path to a YAML "
                   f"recipe, or run `veil recipes` to list the bundled ones.")
            raise RecipeError(msg)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            msg = f"recipe `{path}` is not UTF-8 text (byte {exc.start}). Save it as UTF-8."
            raise RecipeError(msg) from None
        return parse_recipe_text(text, source=str(path))
    return parse_recipe_text(recipe, source="<recipe text>")


#: How errors name a recipe given as a mapping: its lines are those of the YAML veil writes
#: of it (the report's recipe text), which its author never saw, so none is named.
MAPPING_SOURCE = "the recipe mapping"


def _recipe_of_mapping(mapping: Mapping[str, Any]) -> Recipe:
    """A recipe built in code, validated as a file is. Its YAML, written in the mapping's
    order, is the recipe text the report keeps and hashes."""
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    written = io.StringIO()
    try:
        yaml.dump(_yaml_values(mapping), written)
    except YAMLError as exc:
        msg = (f"{MAPPING_SOURCE} holds a value YAML cannot write ({exc}). Give text, numbers, "
               f"true/false, null, lists and mappings only.")
        raise RecipeError(msg) from None
    return parse_recipe_text(written.getvalue(), source=MAPPING_SOURCE, located=False)


def _yaml_values(value: Any) -> Any:
    """`value` with paths as text, and tuples and sets as lists (a set's items sorted, so
    the recipe text and its hash are the same on every run), as a YAML recipe writes them."""
    if isinstance(value, Mapping):
        return {key: _yaml_values(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return [_yaml_values(item) for item in value]
    return str(value) if isinstance(value, PurePath) else value


def parse_yaml(text: str, *, source: str) -> tuple[Any, dict[Loc, int]]:
    """YAML -> (plain data, {location: 1-based line})."""
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark else ""
        duplicate = _DUPLICATE_KEY.search(exc.problem or "")
        if duplicate:
            first = exc.context_mark.line + 1 if exc.context_mark else None
            since = f" (the mapping starts on line {first})" if first else ""
            msg = (f"{source}{line}: duplicate key `{duplicate[1]}`{since}. A key may appear "
                   f"only once in a mapping; remove or merge the repeated one.")
            raise RecipeError(msg) from None
        problem = exc.problem or exc.context or "invalid YAML"
        msg = f"{source}{line}: the recipe is not valid YAML ({problem}). Check indentation and quoting."
        raise RecipeError(msg) from None
    except Exception as exc:  # ruamel raises a few non-marked errors (duplicate keys, ...)
        msg = f"{source}: the recipe is not valid YAML ({type(exc).__name__}). Check the syntax."
        raise RecipeError(msg) from None
    lines: dict[Loc, int] = {}
    if isinstance(data, CommentedMap):
        lines[()] = data.lc.line + 1
    return _plain(data, (), lines), lines


def _plain(node: Any, loc: Loc, lines: dict[Loc, int]) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            try:
                lines[(*loc, str(key))] = node.lc.key(key)[0] + 1
            except (KeyError, TypeError):
                pass
            out[str(key)] = _plain(value, (*loc, str(key)), lines)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            try:
                lines[(*loc, index)] = node.lc.item(index)[0] + 1
            except (KeyError, TypeError, IndexError):
                pass
            out_list.append(_plain(value, (*loc, index), lines))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def parse_recipe_text(text: str, *, source: str, located: bool = True) -> Recipe:
    """`text` as a recipe; errors name `source` and, when `located`, the line."""
    data, lines = parse_yaml(text, source=source)
    if not located:
        lines = {}
    if not isinstance(data, dict):
        msg = (f"{source}: a recipe is a YAML mapping with at least `veil: 1` and `name:`; "
               f"this file holds {type(data).__name__ if data is not None else 'nothing'}.")
        raise RecipeError(msg)
    raw_steps = data.get("steps", [])
    if raw_steps is None:
        raw_steps = []
    if not isinstance(raw_steps, list):
        msg = f"{_where(source, lines, ('steps',))}: `steps` must be a list of `- kind: parameters` items."
        raise RecipeError(msg)
    top = {key: value for key, value in data.items() if key != "steps"}
    try:
        recipe = Recipe.model_validate({**top, "steps": [], "source": source, "text": text})
    except ValidationError as exc:
        raise RecipeError(_explain(exc, Recipe, (), source, lines)) from None
    if "source" in top or "text" in top:
        bad = "source" if "source" in top else "text"
        allowed = _fields_at(Recipe, ())
        msg = f"{_where(source, lines, (bad,))}: unknown key `{bad}`. Allowed keys: {', '.join(allowed)}."
        raise RecipeError(msg)
    steps = [_build_step(item, index, source, lines) for index, item in enumerate(raw_steps)]
    return recipe.model_copy(update={"steps": steps})


def _build_step(item: Any, index: int, source: str, lines: dict[Loc, int]) -> Step:
    loc: Loc = ("steps", index)
    where = f"{_where(source, lines, loc)}, step {index + 1}"
    if not isinstance(item, dict) or len(item) != 1:
        if isinstance(item, dict):
            found = f"this one has {len(item)} keys ({backticked(item)})"
            fix = "Start each step with its own `- `."
        else:
            shown = f"`{item}`" if isinstance(item, str) and len(item) <= 40 else "a value"
            found = f"this one is {shown} with no `kind:`"
            fix = "Give the step's parameters after a colon, e.g. `- dedupe: {}`."
        msg = (f"{where}: each step is a one-key mapping `kind: parameters`, e.g. "
               f"`- drop: [insurance_notes]`; {found}. {fix}")
        raise RecipeError(msg)
    (kind, raw), = item.items()
    cls = get_step(kind, where=where)
    raw = _expand_shorthand(cls, raw)
    if not isinstance(raw, dict):
        fields = ", ".join(f"`{name}`" for name in cls.Params.model_fields)
        msg = f"{where} `{kind}`: parameters must be a mapping with keys {fields}."
        raise RecipeError(msg)
    try:
        params = cls.Params.model_validate(raw)
    except ValidationError as exc:
        raise RecipeError(
            _explain(exc, cls.Params, (*loc, kind), source, lines, step=(index + 1, kind))
        ) from None
    return cls(params, index=index + 1, line=lines.get(loc), source=source)


def _expand_shorthand(cls: type[Step], raw: Any) -> Any:
    """`drop: [a, b]` -> {columns: [a, b]}; `rename: {a: b}` -> {mapping: {a: b}}."""
    if raw is None:
        return {}
    if cls.shorthand is None:
        return raw
    if not isinstance(raw, dict):
        return {cls.shorthand: raw}
    fields = set(cls.Params.model_fields)
    shorthand_is_mapping = typing.get_origin(cls.Params.model_fields[cls.shorthand].annotation) is dict
    if shorthand_is_mapping and raw and not set(raw) <= fields:
        return {cls.shorthand: raw}
    return raw


def _where(source: str, lines: dict[Loc, int], loc: Loc) -> str:
    """`source, line N` for the closest located ancestor of `loc` (the top mapping: line 1)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return f"{source}, line {lines[loc[:end]]}"
    return source


def _explain(exc: ValidationError, model: type[BaseModel], prefix: Loc, source: str,
             lines: dict[Loc, int], *, step: tuple[int, str] | None = None) -> str:
    messages = []
    errors = _most_useful_first(exc.errors(include_input=True, include_url=False), model)
    for error in errors[:MAX_ERRORS_SHOWN]:
        rel: Loc = tuple(error["loc"])
        loc = (*prefix, *rel)
        where = _where(source, lines, loc)
        if step:
            where += f", step {step[0]} `{step[1]}`"
        dotted = ".".join(str(part) for part in rel if not isinstance(part, int)) or "(top level)"
        messages.append(f"{where}: {_sentence(error, model, rel, dotted)}")
    extra = len(errors) - MAX_ERRORS_SHOWN
    if extra > 0:
        messages.append(f"({extra} more problems not shown; fix these first.)")
    return "\n".join(messages)


def option_error(exc: ValidationError, model: type[BaseModel],
                 option: Callable[[str], str]) -> str:
    """The first problem in settings given on the command line and checked by `model`, as
    the recipe's message for the same key, naming the option (`option(key)`) instead."""
    error = _most_useful_first(exc.errors(include_input=True, include_url=False), model)[0]
    rel: Loc = tuple(error["loc"])
    return _sentence(error, model, rel, option(".".join(str(part) for part in rel)))


def _most_useful_first(errors: list[dict[str, Any]], model: type[BaseModel]) -> list[dict[str, Any]]:
    """Unknown keys first; a `missing x` explained by a misspelt `x` is dropped."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            guess = did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1]))
            if guess:
                misspelt.add((*loc[:-1], guess))
    kept = [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)]
    return sorted(kept, key=lambda e: e["type"] != "extra_forbidden")


def _sentence(error: dict[str, Any], model: type[BaseModel], rel: Loc, dotted: str) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(rel[-1])
        allowed = _fields_at(model, rel[:-1])
        listing = f" Allowed keys: {', '.join(allowed)}." if allowed else ""
        return f"unknown key `{key}`.{listing}{suggestion_sentence(key, allowed)}"
    if kind == "missing":
        return f"missing required key `{dotted}`. Add it; see the recipe reference in README.md."
    if kind == "value_error":
        # A validator's message is written for the recipe author; show it as written.
        text = str(error.get("ctx", {}).get("error", error["msg"])).rstrip(".")
        if not rel:
            return f"{text[0].upper()}{text[1:]}."
        return f"`{dotted}`: {text}."
    shown = _short(error.get("input"))
    got = f"; got {shown}" if shown else ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        if rel == ("veil",):  # the format version: a newer recipe needs a newer veil
            return (f"this veil reads recipe format `veil: {expected}`{got}. A recipe written "
                    f"for a newer format needs a newer version of veil; otherwise set "
                    f"`veil: {expected}`.")
        return f"`{dotted}` must be one of {expected}{got}."
    return f"`{dotted}`: {error['msg'][0].lower()}{error['msg'][1:]}{got}."


def _short(value: Any) -> str:
    # Recipe values are the author's settings, not data; still, keep it short.
    if isinstance(value, (str, int, float, bool)) and len(str(value)) <= 40:
        return f"`{value}`"
    return ""


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found by walking `loc` down from `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = _unwrap_model(current)
        if current is None or part not in current.model_fields:
            return []
        current = current.model_fields[part].annotation
    current = _unwrap_model(current)
    if current is None:
        return []
    hidden = _INTERNAL_FIELDS if current is Recipe else frozenset()
    return sorted(set(current.model_fields) - hidden)


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple, dict):
        for arg in typing.get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None


def is_params_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, StepParams)
