"""The step registry: step kinds are found by name, so adding one is one new module."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import TYPE_CHECKING, TypeVar

from veil.errors import RecipeError
from veil.recipe.suggest import backticked, suggestion_sentence

if TYPE_CHECKING:
    from veil.steps.base import Step

__all__ = ["register_step", "get_step", "step_names", "load_all"]

_STEPS: dict[str, type[Step]] = {}
_LOADED = False
_KIND = re.compile(r"[a-z][a-z0-9_]*")
_NOT_STEPS = frozenset({"base", "registry"})

S = TypeVar("S", bound="type[Step]")


def register_step(name: str):
    """Class decorator: make a Step subclass available to recipes as `name`."""

    def decorate(cls: S) -> S:
        if name in _STEPS and _STEPS[name] is not cls:
            msg = f"step kind `{name}` is registered twice ({_STEPS[name].__module__}, {cls.__module__})"
            raise RuntimeError(msg)
        cls.name = name
        _STEPS[name] = cls
        return cls

    return decorate


def load_all() -> None:
    """Import every module of ``veil.steps`` once, so their decorators run."""
    global _LOADED
    if _LOADED:
        return
    import veil.steps as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_STEPS and not module.name.startswith("_"):
            importlib.import_module(f"veil.steps.{module.name}")
    _LOADED = True


def step_names() -> list[str]:
    load_all()
    return sorted(_STEPS)


def get_step(name: str, *, where: str = "") -> type[Step]:
    """The Step class registered as `name`; a miss lists what exists and suggests the nearest.

    Each kind lives in ``veil.steps.<kind>``, so only that module is imported: a
    transforms-only recipe does not pay for importing the NLP and privacy steps.
    Anything else (a kind registered under another module name, a misspelling)
    falls back to importing every step module.
    """
    if name not in _STEPS and _KIND.fullmatch(name) and name not in _NOT_STEPS:
        try:
            importlib.import_module(f"veil.steps.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"veil.steps.{name}":
                raise
    if name not in _STEPS:
        load_all()
    try:
        return _STEPS[name]
    except KeyError:
        prefix = f"{where}: " if where else ""
        msg = (
            f"{prefix}unknown step `{name}`.{suggestion_sentence(name, _STEPS)} "
            f"Available steps: {backticked(sorted(_STEPS))}."
        )
        raise RecipeError(msg) from None
