"""The command line: a thin layer over ``veil.api``. One module per command."""

from __future__ import annotations

from veil.cli import recipes, run, validate  # noqa: F401  (registers the commands)
from veil.cli import decrypt  # noqa: F401
from veil.cli import scan  # noqa: F401
from veil.cli import explain, samples  # noqa: F401
from veil.cli import risk  # noqa: F401
from veil.cli import report  # noqa: F401
from veil.cli import eval  # noqa: F401
from veil.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
