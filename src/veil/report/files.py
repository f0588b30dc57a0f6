"""Write a run's report files and dataset card, each atomically.

Files, in the report folder (`report.dir`, `--report-dir`), named after the output file
(`out/jan.parquet` -> `jan`), or after the recipe when the run writes no file:

* ``<name>.report.json``           internal view (always)
* ``<name>.report.external.json``  external view, safe to ship with the data (always)
* ``<name>.report.html``           when `formats` lists html
* ``<name>.report.md``             when `formats` lists md

and ``<name>.card.md`` beside the output file when `report.dataset_card` is true and
the run wrote a file. Named after the output, one recipe run on January's and then
February's extract keeps a report and a card for each, and two recipes writing into
one folder do not replace each other's card. Two outputs with one name (`a/jan.csv` and
`b/jan.csv`, or `jan.csv` and `jan.parquet`) would share a report name in one folder: a
run refuses, before it starts, to replace the report of another output (see
`refuse_replacing_another_report`), so an output never loses the report that vouches for it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from veil.errors import UsageError
from veil.io.writers import atomic_write

if TYPE_CHECKING:
    from veil.context import RunContext
    from veil.report.model import Report

__all__ = ["write_report_files", "report_name", "card_path", "refuse_replacing_another_report"]

CARD_SUFFIX = ".card.md"


def report_name(recipe_name: str, output_path: str | Path | None) -> str:
    """What a run's report files are called: its output file's name without the extension,
    or the recipe's name when the run writes no file."""
    if output_path is None or str(output_path) == "-":
        return recipe_name
    return Path(output_path).stem


def refuse_replacing_another_report(folder: str | Path, recipe_name: str,
                                    output_path: str | Path | None) -> None:
    """Refuse a run whose report would replace the report of a different output.

    The report already in `folder` under this run's report name records its output's path,
    as that run was given it, and hash. A rerun writing the same output replaces its own
    report, as expected: the same path, the same file from here, or the file the report
    hashed. So does a report veil cannot read (not one of its own).
    """
    existing = Path(folder) / f"{report_name(recipe_name, output_path)}.report.json"
    try:
        output = json.loads(existing.read_text(encoding="utf-8")).get("output") or {}
        recorded, recorded_sha256 = output.get("path"), output.get("sha256")
    except (OSError, ValueError, AttributeError):
        return
    if _same_output(recorded, output_path) or _holds(output_path, recorded_sha256):
        return
    theirs = "standard output" if recorded in (None, "-") else f"`{recorded}`"
    ours = "standard output" if output_path in (None, "-") else f"`{output_path}`"
    msg = (f"report folder `{folder}` already holds `{existing.name}`, the report of another "
           f"output ({theirs}); this run writes {ours}, and its report would replace that one. "
           f"Give this run a report folder of its own (`--report-dir`) or an output with "
           f"another name; move the old report away first if it is no longer needed.")
    raise UsageError(msg)


def _same_output(recorded: str | None, output_path: str | Path | None) -> bool:
    """Whether a report's recorded output is `output_path`: the same path as written, or
    the same file from this working folder. No file (`-`, none) matches no file."""
    if recorded in (None, "-") or output_path is None or str(output_path) == "-":
        return recorded in (None, "-") and (output_path is None or str(output_path) == "-")
    return recorded == str(output_path) or Path(recorded).resolve() == Path(output_path).resolve()


def _holds(output_path: str | Path | None, sha256: str | None) -> bool:
    """Whether the file at `output_path` is the one a report vouches for (by its hash): the
    same output, written by a run started from another folder."""
    from veil.report.hashing import sha256_file

    if sha256 is None or output_path is None or str(output_path) == "-":
        return False
    try:
        return Path(output_path).is_file() and sha256_file(output_path) == sha256
    except OSError:
        return False


def card_path(output_path: str | Path) -> Path:
    """The dataset card beside `output_path` (`out/jan.parquet` -> `out/jan.card.md`)."""
    return Path(output_path).with_name(Path(output_path).stem + CARD_SUFFIX)


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
        name = report_name(ctx.recipe.name, output_path)
        for suffix, text in files.items():
            texts[Path(folder) / f"{name}.{suffix}"] = text
    if spec.dataset_card and output_path is not None and str(output_path) != "-":
        from veil.report.card import render_card
        from veil.report.views import external_view

        card = render_card(external_view(report), output_name=Path(output_path).name)
        texts[card_path(output_path)] = card
    with contextlib.ExitStack() as renames:  # the renames run as the stack closes
        for path, text in texts.items():
            temp = renames.enter_context(atomic_write(path, role="report"))
            temp.write_text(text, encoding="utf-8")
    return list(texts)
