"""The Python API: ``run(recipe, source)`` -> RunResult. The CLI is a thin layer over it.

A run goes: load the recipe -> prepare the steps (keys, models: fail before
reading anything) -> open the input -> build the plan step by step -> compute
the output -> checks -> write output and report atomically. Nothing is written
when any of it fails.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from veil.context import RunContext
from veil.dtypes import type_label
from veil.errors import UsageError
from veil.failures import FailureExplainer
from veil.io import writers
from veil.io.column_types import convert
from veil.io.formats import format_for
from veil.io.numbers import NumberFormat
from veil.io.readers import Source, frame_source, open_source
from veil.io.spill import prepare_spill
from veil.io.writers import (
    PLAIN_LAYOUT,
    CommitLock,
    TextLayout,
    atomic_write,
    refuse_overwriting_input,
    require_writable_folder,
)
from veil.recipe.loader import RecipeLike, load_recipe
from veil.recipe.schema import Recipe
from veil.report.files import refuse_replacing_another_report, write_report_files
from veil.report.hashing import FollowingHash, sha256_text
from veil.report.model import FileRecord, Report, runtime_versions
from veil.report.runtime import describe_inputs, prepare_report
from veil.report.summary import describe_limit

__all__ = ["run", "validate", "RunResult", "ValidationResult", "ProgressSink"]

_UNSET: Any = object()


class ProgressSink(Protocol):
    """What a progress display implements; veil calls it, never prints itself."""

    def start(self, total_rows: int | None) -> None: ...
    def advance(self, rows: int) -> None: ...
    def stop(self) -> None: ...


@dataclass
class RunResult:
    """The outcome of a run: the output frame, the report, and where things were written."""

    report: Report
    output_path: Path | None = None
    report_paths: list[Path] = field(default_factory=list)
    _frame: pl.DataFrame | None = None
    _output_format: str | None = None
    _schema: pl.Schema | None = None
    _layout: TextLayout = PLAIN_LAYOUT

    @property
    def frame(self) -> pl.DataFrame:
        """The output data. Read back from the output file when the run streamed to it.

        Read back with the types the run computed: a CSV holds only text, and the
        frame must not depend on whether the run streamed.
        """
        if self._frame is None and self.output_path is not None:
            self._frame = read_back(self.output_path, self._output_format, self._schema,
                                    self._layout).collect()
        if self._frame is None:
            return pl.DataFrame()
        return self._frame


def read_back(path: str | Path, fmt: str | None, schema: pl.Schema | None,
              layout: TextLayout = PLAIN_LAYOUT) -> pl.LazyFrame:
    """Scan a written output with the types the run computed (a CSV holds only text)."""
    if fmt == "jsonl" and Path(path).stat().st_size == 0:  # no rows: JSON Lines has no header
        return pl.LazyFrame(schema=schema)
    lf = open_source(path, format=fmt, infer_schema_rows=0, check_rows=False,
                     separator=layout.separator, decimal_comma=layout.decimal_comma).lf
    written = lf.collect_schema()
    numbers = NumberFormat.of(decimal_comma=layout.decimal_comma, thousands=None)
    return lf.with_columns(
        convert(pl.col(name), written[name], dtype, numbers=numbers).alias(name)
        for name, dtype in (schema or {}).items()
        if name in written and written[name] != dtype
    )


def run(recipe: RecipeLike, source: str | Path | pl.DataFrame | pl.LazyFrame | None = None,
        *, key: str | bytes | None = None, output: str | Path | None = _UNSET,
        output_format: str | None = None, input_format: str | None = None,
        encoding: str | None = None, report_dir: str | Path | None = _UNSET,
        limit: int | None = None, dry_run: bool = False, progress: ProgressSink | None = None,
        environ: Mapping[str, str] | None = None, spill_dir: str | Path | None = None,
        allow_spill: bool | None = None) -> RunResult:
    """Run `recipe` (a path, YAML text, a mapping or a `Recipe`, see `load_recipe`) on
    `source` (a path, a DataFrame or a LazyFrame; default: the recipe's input).

    Parameters
    ----------
    key
        Secret key for keyed steps; default: the environment variable the recipe names.
    output
        Where to write; default: the recipe's `output.path`. ``None`` writes no dataset
        (the frame is still returned).
    report_dir
        Folder for the report files; default: the recipe's `report.dir`. ``None`` writes none.
    limit
        Process only the first `limit` rows (for trying a recipe out).
    dry_run
        Run every step and check, write nothing.
    spill_dir, allow_spill
        Where Polars may write rows to disk when a step needs more memory than there is,
        and whether it may at all; default: `VEIL_SPILL_DIR` and `VEIL_SPILL` in `environ`,
        then /var/tmp/veil-<uid>. Per process, as Polars fixes its folder at its first
        spill (see `veil.io.spill`).
    """
    recipe = load_recipe(recipe)
    ctx = RunContext(recipe, key=key, environ=environ)
    ctx.progress = progress
    report = ctx.report
    report.versions = runtime_versions()
    report.limit = limit
    if limit is not None:
        report.warnings.append(describe_limit(limit))
    report.recipe_text = recipe.text
    report.recipe_sha256 = sha256_text(recipe.text)
    prepare_report(ctx)  # NLP model record; the residual PII check joins ctx.output_checks
    for step in recipe.steps:
        step.prepare(ctx)
    report.key_fingerprint = ctx.key_fingerprint()
    spill = prepare_spill(spill_dir, allowed=allow_spill, environ=environ)
    if spill.why_not is not None:
        report.warnings.append(spill.why_not)

    target = None if dry_run else _target(recipe, output)
    report_folder = None if dry_run else (recipe.report.dir if report_dir is _UNSET
                                          else report_dir)
    writes_file = target is not None and str(target) != "-"
    # Before the input is read: its checks read it all.
    out_format, layout = _check_destinations(recipe, target, output_format, report_folder)
    # A bzip2, xz or non-UTF-8 input too large to decode in memory is read through a copy
    # where Polars spills, under the same setting (see `veil.io.text`).
    ctx.copies_folder = spill.copies_folder()
    opened = _open(recipe, source, input_format, encoding, copies_folder=ctx.copies_folder)
    ctx.opened.append(opened)
    report.warnings.extend(opened.notes)
    try:
        if writes_file:
            refuse_overwriting_input(Path(target), opened.paths, read_from=opened.label)
        # sha256 and row count of each input file beside the run, in a background thread.
        input_records = describe_inputs(opened, recipe, limit=limit,
                                        copies_folder=ctx.copies_folder)
        lf = opened.lf
        if limit is not None:
            lf = lf.head(limit)
        if progress is not None:
            lf = _with_progress(lf, progress, opened)
        ctx.diagnose_input = opened.diagnose
        failure = FailureExplainer(opened, recipe.steps, ctx)
        lf = failure.run_steps(lf)
        schema = None if out_format is None else lf.collect_schema()
        if schema is not None:
            writers.refuse_unwritable_columns(target, out_format, schema)
        # Row-local steps only: stream to the file; output checks then scan what was written.
        streamed = writes_file and not any(step.global_pass for step in recipe.steps)
        frame = None if streamed else failure.collect(lf)
        result = RunResult(report=report, _output_format=out_format, _layout=layout,
                           _schema=schema if streamed else None)
        if frame is not None:
            result._frame = frame
            ctx.check_output(frame)
        with contextlib.ExitStack() as commit:
            lock = commit.enter_context(CommitLock(
                [Path(target).parent if writes_file else None, report_folder]))
            if target is not None:
                result.output_path = Path(target) if writes_file else None
                commit.enter_context(_writing(lf, frame, target, out_format, layout, failure,
                                              ctx))
            # The output is renamed into place after its reports are written: reports that
            # cannot be written (a full disk) leave no new output without them.
            report.inputs = input_records.result()
            opened.check_unchanged()  # else the hashes just taken may not be of what was read
            report.spill = spill.record()
            if ctx.report.residual is not None:
                from veil.report.residual import mask_column_lists

                mask_column_lists(ctx)
            report.finish()
            if not dry_run:
                lock.acquire()  # until the output's rename, the last thing the stack undoes
                if report_folder is not None:  # a run of another output may have finished
                    refuse_replacing_another_report(report_folder, recipe.name, target)
                result.report_paths = write_report_files(report, ctx, folder=report_folder,
                                                         output_path=result.output_path)
    finally:
        ctx.remove_copies()
        if progress is not None:
            progress.stop()
    return result


def _check_destinations(recipe: Recipe, target: str | None, output_format: str | None,
                        report_folder: str | Path | None) -> tuple[str | None, TextLayout]:
    """The output's format and layout; refuse an output or report folder a run could not
    write in. Nothing is read: a run and `validate` both call it first."""
    out_format, layout = None, PLAIN_LAYOUT
    if target is not None:
        writers.refuse_folder(target)  # before its extension is read: a folder has none
        out_format = format_for(target, output_format or recipe.output.format, role="output")
        layout = _layout(recipe, out_format)
        if str(target) != "-":
            require_writable_folder(Path(target).parent, "output")
    if report_folder is not None:
        require_writable_folder(Path(report_folder), "report")
        refuse_replacing_another_report(report_folder, recipe.name, target)
    return out_format, layout


#: The `output` keys that lay out CSV and TSV text, which other formats do not have.
TEXT_LAYOUT_KEYS = ("separator", "decimal_comma", "spreadsheet_safe", "bom", "line_end",
                    "quote_style")


def _layout(recipe: Recipe, fmt: str) -> TextLayout:
    """The output's `TEXT_LAYOUT_KEYS`, refused for a format that is not CSV or TSV."""
    spec = recipe.output
    if fmt not in ("csv", "tsv"):
        given = [f"`output.{key}`" for key in TEXT_LAYOUT_KEYS if spec.differs_from_default(key)]
        if given:
            named = ", ".join(given[:-1]) + " and " + given[-1] if len(given) > 1 else given[0]
            msg = (f"{named} {'lay' if len(given) > 1 else 'lays'} out CSV and TSV files; this "
                   f"output is {fmt}. Remove {'them' if len(given) > 1 else 'it'}, or write "
                   f"`.csv`.")
            raise UsageError(msg)
        return PLAIN_LAYOUT
    return TextLayout(spec.separator, spec.decimal_comma, spec.spreadsheet_safe, bom=spec.bom,
                      line_end="\r\n" if spec.line_end == "crlf" else "\n",
                      quote_style=spec.quote_style)


def _open(recipe: Recipe, source: Any, input_format: str | None, encoding: str | None, *,
          copies_folder: Path | None = None) -> Source:
    if isinstance(source, (pl.DataFrame, pl.LazyFrame)):
        return frame_source(source)
    # Not quoted: text or bytes of data passed by mistake would land in the message.
    if source is not None and not _is_path(source):
        kind = type(source).__name__
        if type(source).__module__.split(".")[0] == "pandas":
            msg = (f"the source to read is a path or a Polars DataFrame or LazyFrame; got a pandas "
                   f"{kind}. Convert it with `polars.from_pandas(frame)` (text columns need "
                   f"pyarrow: `pip install pyarrow`); its index is not kept, so call "
                   f"`frame.reset_index()` first if it holds data.")
            raise UsageError(msg)
        got = ("text of several lines" if isinstance(source, str)
               else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}")
        msg = (f"the source to read is a path (str or pathlib.Path; `-` reads standard input) "
               f"or a Polars DataFrame or LazyFrame; got {got}. Save text "
               f"to a file and pass its path: veil reads CSV and JSON Lines text itself (its "
               f"types, its row checks).")
        raise UsageError(msg)
    spec = recipe.input
    reading = spec.reading() | ({"encoding": encoding} if encoding else {})
    return open_source(source if source is not None else spec.path,
                       format=input_format or spec.format, types=dict(spec.types),
                       short_rows=spec.short_rows, copies_folder=copies_folder, **reading)


def _is_path(value: Any) -> bool:
    """Whether `value` can name a file: a str or path-like without a line break (text of
    data passed by mistake has them; no path does)."""
    return isinstance(value, (str, os.PathLike)) and "\n" not in str(value)


def _target(recipe: Recipe, output: Any) -> str | None:
    if output is _UNSET:
        return recipe.output.path
    if output is not None and not _is_path(output):
        # Not turned into a file name: a frame's text would name a file after its data.
        msg = (f"`output` is a path (str or pathlib.Path; `-` writes standard output) or None "
               f"(the result's frame only); got {type(output).__name__}.")
        raise UsageError(msg)
    return None if output is None else str(output)


def _with_progress(lf: pl.LazyFrame, progress: ProgressSink, source: Source) -> pl.LazyFrame:
    """Move the progress bar as batches stream through.

    Only when there is a bar: a Python callback on every batch costs the streaming
    engine about a tenth of its speed, and the report's row counts do not need it.
    """
    total = None
    if source.format in ("parquet", "ipc", "frame"):  # a count from metadata; `lf` has --limit
        total = lf.select(pl.len()).collect().item()
    progress.start(total)

    def advance(batch: pl.DataFrame) -> pl.DataFrame:
        progress.advance(batch.height)
        return batch

    return lf.map_batches(advance, streamable=True, schema=lf.collect_schema())


@contextlib.contextmanager
def _writing(lf: pl.LazyFrame, frame: pl.DataFrame | None, target: str, fmt: str,
             layout: TextLayout, failure: FailureExplainer, ctx: RunContext) -> Iterator[None]:
    """Write, hash and check the output in a temporary file; rename it when the block ends."""
    report = ctx.report
    if str(target) == "-":
        digest = writers.write_stdout(frame, fmt, layout)
        report.output = FileRecord(path="-", sha256=digest, rows=frame.height,
                                   columns=frame.columns, format=fmt)
        yield
        return
    with atomic_write(target) as temp:
        # Hashed while it is written; the rename after the checks does not change the bytes.
        with FollowingHash(temp) as output_hash:
            if frame is None:
                try:
                    writers.sink_to(lf, temp, fmt, layout)
                except pl.exceptions.PolarsError as exc:
                    if writers.refused_by_disk(exc):
                        raise  # atomic_write names the file the disk refused
                    raise failure.explain(exc) from exc
            else:
                writers.write_to(frame, temp, fmt, layout)
        if frame is None:
            schema = lf.collect_schema()
            written = read_back(temp, fmt, schema, layout)
            ctx.check_output(written)
            rows, columns = written.select(pl.len()).collect().item(), schema.names()
        else:
            rows, columns = frame.height, frame.columns
        digest = output_hash.result()
        report.output = FileRecord(path=str(target), sha256=digest, rows=rows,
                                   columns=list(columns), format=fmt)
        yield


@dataclass
class ValidationResult:
    """What `validate` checked: the recipe and, given an input, the output's columns."""

    recipe: Recipe
    input_label: str | None = None
    #: Column -> its type as shown (`veil.dtypes.type_label`: a map's keys are not named).
    output_schema: dict[str, str] | None = None
    #: Why no input was checked, when none was.
    skipped: str | None = None
    #: What reading the input changed, as a run's report warns of it (blank lines left out).
    notes: list[str] = field(default_factory=list)


def validate(recipe: RecipeLike, source: str | Path | pl.DataFrame | None = None, *,
             input_format: str | None = None, encoding: str | None = None,
             key: str | bytes | None = None,
             environ: Mapping[str, str] | None = None) -> ValidationResult:
    """Check a recipe without running it on data.

    Loads and validates the recipe, checks keys and models, and, given an input
    (or when the recipe's input exists), runs every step on zero rows of it so
    each referenced column is checked to exist with a usable type.
    """
    recipe = load_recipe(recipe)
    ctx = RunContext(recipe, key=key, environ=environ)
    for step in recipe.steps:
        step.prepare(ctx)
    # The output's name, layout and folder, and the report folder, as a run checks them.
    out_format, _ = _check_destinations(recipe, recipe.output.path, None, recipe.report.dir)
    if source is None and recipe.input.path in (None, "-"):
        return ValidationResult(recipe, skipped="the recipe names no input file")
    if source is None and not _exists(recipe.input.path):
        return ValidationResult(recipe, skipped=f"the recipe's input `{recipe.input.path}` does "
                                                f"not exist here")
    # Its rows are checked as a run checks them: a large bzip2, xz or non-UTF-8 input is read
    # through a copy where the run would read it.
    ctx.copies_folder = prepare_spill(environ=environ).copies_folder()
    opened = _open(recipe, source, input_format, encoding, copies_folder=ctx.copies_folder)
    ctx.opened.append(opened)
    try:
        ctx.diagnose_input = opened.diagnose
        failure = FailureExplainer(opened, recipe.steps, ctx)
        # Computing the plan on zero rows surfaces type errors (text compared with a number).
        schema = failure.collect(failure.run_steps(opened.lf.head(0))).schema
        if opened.format in ("csv", "tsv"):
            # Every field, as the run reads them: the row counts cannot see a long row that a
            # short one balances, nor a value past the typing rows that its column's type
            # cannot hold (see `veil.io.rows`). Streamed: the input may be larger than memory.
            try:
                opened.lf.select(pl.all().null_count()).collect(engine="streaming")
            except pl.exceptions.PolarsError as exc:
                raise failure.explain(exc) from exc
    finally:
        ctx.remove_copies()
    # Standard output's format is the run's `--format` unless the recipe names one.
    if out_format is not None and (recipe.output.path != "-" or recipe.output.format):
        writers.refuse_unwritable_columns(recipe.output.path, out_format, schema)
    return ValidationResult(recipe, opened.label,
                            {name: type_label(dtype) for name, dtype in schema.items()},
                            notes=list(opened.notes))


def _exists(path: str | None) -> bool:
    from veil.io.readers import BUNDLED_PREFIX, bundled_path

    if path is None:
        return False
    if path.startswith(BUNDLED_PREFIX):
        return bundled_path(path).exists()
    return Path(path).exists() or any(c in path for c in "*?[")
