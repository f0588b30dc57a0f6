"""veil: privacy-preserving data preparation.

The public API is small: load a recipe, run it on a path or a frame, and read
the report. Everything veil raises on purpose is a :class:`VeilError`.

The names below are imported on first use, not with the package: the command
line starts hashing its input before it imports Polars and the rest (see
``veil.cli``), and ``import veil.cli`` must not pull them in first.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veil.api import RunResult, run
    from veil.errors import PrivacyGateError, VeilError
    from veil.recipe import Recipe, load_recipe
    from veil.report import Report

    __version__: str

_EXPORTS = {
    "run": "veil.api", "RunResult": "veil.api",
    "VeilError": "veil.errors", "PrivacyGateError": "veil.errors",
    "Recipe": "veil.recipe", "load_recipe": "veil.recipe",
    "Report": "veil.report",
}

logging.getLogger("veil").addHandler(logging.NullHandler())

__all__ = ["__version__", "load_recipe", "run", "Recipe", "RunResult", "Report", "VeilError",
           "PrivacyGateError"]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("veil")
        except PackageNotFoundError:  # running from a source tree without installing
            value = "0.0.0"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
