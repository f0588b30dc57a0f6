"""Report -> canonical JSON (sorted keys, UTF-8, stable layout): the internal view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veil.report.views import dump_view, internal_view

if TYPE_CHECKING:
    from veil.report.model import Report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    return dump_view(internal_view(report))
