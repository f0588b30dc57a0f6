"""veil: privacy-preserving data preparation.

The public API is small: load a recipe, run it on a path or a frame, and read
the report. Everything veil raises on purpose is a :class:`VeilError`.
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from veil.api import RunResult, run
from veil.errors import PrivacyGateError, VeilError
from veil.recipe import Recipe, load_recipe
from veil.report import Report

try:
    __version__ = version("veil")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

logging.getLogger("veil").addHandler(logging.NullHandler())

__all__ = ["__version__", "load_recipe", "run", "Recipe", "RunResult", "Report", "VeilError",
           "PrivacyGateError"]
