"""Every command, registered on the typer application by importing its module."""

from __future__ import annotations

from veil.cli import (  # noqa: F401  (imported to register the commands)
    decrypt,
    eval,
    explain,
    recipes,
    report,
    risk,
    run,
    samples,
    scan,
    validate,
)
from veil.cli._app import app

__all__ = ["app"]
