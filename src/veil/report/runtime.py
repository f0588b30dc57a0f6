"""What `veil.api.run` calls to fill the report beyond its own bookkeeping.

`prepare_report` records the NLP model and registers the residual check;
`describe_inputs` hashes and counts the input files beside the run.
"""

from __future__ import annotations

import concurrent.futures
from typing import TYPE_CHECKING, Any

import polars as pl

from veil.io.rows import csv_rows
from veil.report.hashing import sha256_file
from veil.report.model import FileRecord

if TYPE_CHECKING:
    from pathlib import Path

    from veil.context import RunContext
    from veil.io.readers import Source
    from veil.recipe.schema import NlpSpec, Recipe

__all__ = ["prepare_report", "nlp_model_record", "describe_inputs"]


def prepare_report(ctx: RunContext) -> None:
    """Record the recipe's description and NLP model; register the residual PII check."""
    ctx.report.recipe_description = ctx.recipe.description.strip()
    ctx.report.nlp_model = nlp_model_record(ctx.recipe.nlp)
    if getattr(ctx.recipe.report, "sign", False):
        ctx.require_key("`report: {sign: true}`")  # fail before reading data, not after writing
    if ctx.recipe.report.verify_output:
        from veil.report.residual import residual_check

        if ctx.recipe.nlp is not None:  # a missing model stops the run before any data is read
            from veil.nlp.models import require_model

            require_model(ctx.report.nlp_model["name"])
        ctx.output_checks.append(residual_check)


def nlp_model_record(nlp: NlpSpec | None) -> dict[str, Any] | None:
    """Name, pinned version and sha256 (from models.txt) and installed version of the pipeline."""
    if nlp is None:
        return None
    from veil.nlp.models import default_model_name, pinned_models

    name = (nlp.model or default_model_name()).replace("-", "_")
    pinned = {model.module: model for model in pinned_models()}.get(name)
    return {
        "name": name,
        "version": pinned.version if pinned else None,
        "sha256": pinned.sha256 if pinned else None,
        "installed_version": pinned.installed_version() if pinned else _installed(name),
        "language": nlp.language,
    }


def _installed(module: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        return None


class InputRecords:
    """The input files' records, hashed and counted in a background thread beside the run.

    Counting is Polars' own fast row count (for CSV a quote-aware newline count, for
    Parquet and IPC the metadata), far cheaper than a callback on every batch of the run.
    A CSV was counted when it was opened, before the run starts (`Source.rows`, beside
    the check of its rows' widths): the count maps the whole file into memory, and
    beside the run's own read that doubled the peak resident memory. With `limit`, an
    input records the rows the run read: at most `limit`.
    """

    def __init__(self, source: Source, recipe: Recipe | None, limit: int | None = None, *,
                 copies_folder: Path | None = None) -> None:
        self._limit = limit
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._future = pool.submit(_all_records, source, recipe, copies_folder)
        pool.shutdown(wait=False)

    def result(self) -> list[FileRecord]:
        records = self._future.result()
        left = self._limit
        for record in records:  # files are read in order, so the limit runs out in order
            if left is not None and record.role == "input" and record.rows is not None:
                record.rows = min(record.rows, left)
                left -= record.rows
        return records


def describe_inputs(source: Source, recipe: Recipe | None = None, *,
                    limit: int | None = None, copies_folder: Path | None = None) -> InputRecords:
    """Hash and count each input file in a background thread, hidden by the run's own read.

    Files that `join` steps of `recipe` read are recorded too. A frame passed to `run` has
    no file: it is recorded as `<frame>` with its row count.
    """
    return InputRecords(source, recipe, limit, copies_folder=copies_folder)


def _all_records(source: Source, recipe: Recipe | None,
                 copies_folder: Path | None = None) -> list[FileRecord]:
    records = _records(source, "input")
    for step in recipe.steps if recipe is not None else []:
        if step.name == "join":
            records += _joined(step, copies_folder)
    return records


def _joined(step: Any, copies_folder: Path | None) -> list[FileRecord]:
    from veil.io.readers import open_source

    try:  # read as the step reads it (separator, encoding, ...), without typing a sample;
        # its rows checked as the step checks them, so the count leaves blank lines out too
        reading = step.params.reading() | {"infer_schema_rows": 0}
        joined = open_source(step.params.path, format=step.params.format,
                             copies_folder=copies_folder, **reading)
    except Exception:  # the join step itself reports a file it cannot read
        return []
    try:
        return _records(joined, f"joined by step {step.index}")
    finally:
        joined.remove_copies()


def _records(source: Source, role: str) -> list[FileRecord]:
    columns = list(source.lf.collect_schema().names())
    if not source.paths or source.spooled is not None:  # a frame or standard input
        # Counted when the rows' widths were checked (CSV), else counted here.
        rows = (sum(source.rows.values()) if source.rows
                else source.lf.select(pl.len()).collect().item())
        return [FileRecord(path=source.label, sha256=source.stdin_sha256, rows=rows,
                           columns=columns, format=source.format, role=role)]
    return [FileRecord(path=str(path), sha256=sha256_file(path),
                       rows=_rows(path, source),
                       columns=columns, format=source.format, role=role)
            for path in source.paths]


def _rows(path: Any, source: Source) -> int | None:
    from veil.io.readers import open_source

    if str(path) in source.rows:  # counted when its rows' widths were checked
        return source.rows[str(path)]
    try:
        if source.format in ("csv", "tsv") and not source.transcoded:
            return csv_rows(source.copies.get(path, path), source.separator, source.quote,
                            header=source.column_names is None, skip_lines=source.skip_lines)
        # 0 = read a (transcoded) CSV as text without sampling; JSONL takes 0 as "infer
        # from every line", 1 reads the first line only.
        sample = 0 if source.format in ("csv", "tsv") else 1
        copy = source.copies.get(path)  # UTF-8 already
        one = open_source(copy or path, format=source.format,
                          encoding="utf-8" if copy else source.encoding,
                          separator=source.separator, quote=source.quote,
                          column_names=source.column_names, skip_lines=source.skip_lines,
                          footer_lines=0 if copy else source.footer_lines,  # a copy is cut
                          infer_schema_rows=sample,
                          check_rows=False)
        return int(one.lf.select(pl.len()).collect().item())
    except Exception:  # a row count is a nicety; a read problem surfaces in the run itself
        return None
