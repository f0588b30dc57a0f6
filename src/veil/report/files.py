"""Write a run's report files and dataset card, each atomically.

Files, in the report folder (`report.dir`, `--report-dir`):

* ``<recipe>.report.json``           internal view (always)
* ``<recipe>.report.external.json``  external view, safe to ship with the data (always)
* ``<recipe>.report.html``           when `formats` lists html
* ``<recipe>.report.md``             when `formats` lists md

and ``DATASET_CARD.md`` beside the output file when `report.dataset_card` is
true and the run wrote a file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from veil.io.writers import atomic_write

if TYPE_CHECKING:
    from veil.context import RunContext
    from veil.report.model import Report

__all__ = ["write_report_files", "DATASET_CARD_NAME"]

DATASET_CARD_NAME = "DATASET_CARD.md"


def write_report_files(report: Report, ctx: RunContext, *, folder: str | Path | None,
                       output_path: str | Path | None) -> list[Path]:
    """Render and write the report files the recipe asks for; return the paths written.

    All or none: every file is rendered and written to a temporary file first, and only
    then are they renamed into place, so a full disk leaves no mix of new and old reports.
    """
    from veil.report.render import render_all

    spec = ctx.recipe.report
    texts: dict[Path, str] = {}
    if folder is not None:
        key = ctx.require_key("`report: {sign: true}`") if getattr(spec, "sign", False) else None
        files = render_all(report, list(spec.formats), sign_key=key, key_env=ctx.key_env)
        for suffix, text in files.items():
            texts[Path(folder) / f"{ctx.recipe.name}.{suffix}"] = text
    if spec.dataset_card and output_path is not None and str(output_path) != "-":
        from veil.report.card import render_card
        from veil.report.views import external_view

        card = render_card(external_view(report), output_name=Path(output_path).name)
        texts[Path(output_path).parent / DATASET_CARD_NAME] = card
    with contextlib.ExitStack() as renames:  # the renames run as the stack closes
        for path, text in texts.items():
            temp = renames.enter_context(atomic_write(path, role="report"))
            temp.write_text(text, encoding="utf-8")
    return list(texts)
