"""Pick the renderers a recipe asks for; each returns the file's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veil.report.render_json import render_json

if TYPE_CHECKING:
    from veil.report.model import Report


def render_all(report: Report, formats: list[str]) -> dict[str, str]:
    """{file suffix: text} for each requested format. JSON is always included."""
    files = {"report.json": render_json(report)}
    # html and md renderers are registered here as they are added.
    return files
