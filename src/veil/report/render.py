"""Pick the renderers a recipe asks for; each returns the file's text.

Renderers read the internal view (a plain dict, as in ``report.json``), so a
report can be re-rendered from its JSON file alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from veil.report.views import dump_view, external_view, internal_view, sign_view

if TYPE_CHECKING:
    from veil.report.model import Report

__all__ = ["render_all", "FILE_SUFFIXES"]

#: File name suffixes, after `<recipe name>.`: the two JSON views are always written.
FILE_SUFFIXES = {"json": "report.json", "external": "report.external.json",
                 "html": "report.html", "md": "report.md"}


def render_all(report: Report, formats: list[str], *, sign_key: bytes | None = None,
               key_env: str = "VEIL_KEY") -> dict[str, str]:
    """{file suffix: text} for each requested format. Both JSON views are always included."""
    internal, external = internal_view(report), external_view(report)
    if sign_key is not None:
        internal = sign_view(internal, sign_key, key_env=key_env)
        external = sign_view(external, sign_key, key_env=key_env)
    files = {FILE_SUFFIXES["json"]: dump_view(internal),
             FILE_SUFFIXES["external"]: dump_view(external)}
    if "html" in formats:
        from veil.report.render_html import render_html

        files[FILE_SUFFIXES["html"]] = render_html(internal)
    if "md" in formats:
        from veil.report.render_md import render_md

        files[FILE_SUFFIXES["md"]] = render_md(internal)
    return files
