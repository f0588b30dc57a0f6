"""The step registry: step kinds are found by name, so adding one is one new module."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, TypeVar

from veil.errors import RecipeError
from veil.recipe.suggest import backticked, suggestion_sentence

if TYPE_CHECKING:
    from veil.steps.base import Step

__all__ = ["register_step", "get_step", "step_names", "load_all"]

_STEPS: dict[str, type[Step]] = {}
_LOADED = False

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
        if module.name not in {"base", "registry"} and not module.name.startswith("_"):
            importlib.import_module(f"veil.steps.{module.name}")
    _LOADED = True


def step_names() -> list[str]:
    load_all()
    return sorted(_STEPS)


def get_step(name: str, *, where: str = "") -> type[Step]:
    """The Step class registered as `name`; a miss lists what exists and suggests the nearest."""
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
