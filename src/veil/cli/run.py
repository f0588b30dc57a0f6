"""`veil run`: run a recipe."""

from __future__ import annotations

from pathlib import Path

import typer

from veil.cli._app import DEBUG_HELP, QUIET_HELP, app
from veil.cli.errors import configure_logging, handled, unread_messages_dropped
from veil.cli.progress import progress_for


@app.command("run")
def run_cli(
    recipe: str = typer.Argument(..., metavar="RECIPE", help="Recipe file, or the name of a bundled recipe."),
    input: str | None = typer.Option(None, "-i", "--input", help="Input file, folder or glob; `-` for stdin. Overrides the recipe's input."),
    output: str | None = typer.Option(None, "-o", "--output", help="Output file; `-` for stdout. Overrides the recipe's output."),
    format: str | None = typer.Option(None, "--format", help="Format of `-` input/output (jsonl, csv, tsv) or to force one: csv, tsv, parquet, jsonl, ipc."),
    encoding: str | None = typer.Option(None, "--encoding", help="Text encoding of the input, e.g. latin-1."),
    report_dir: str | None = typer.Option(None, "--report-dir", help="Folder for the report files; overrides the recipe's report.dir."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Process only the first N rows (to try a recipe out)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Run every step and check, write nothing."),
    spill_dir: str | None = typer.Option(None, "--spill-dir", help=(
        "Folder where Polars may write rows to disk when a step needs more memory than there "
        "is (default: $VEIL_SPILL_DIR, else /var/tmp/veil-<uid>). What is written there is "
        "removed when veil exits.")),
    no_spill: bool = typer.Option(False, "--no-spill", help=(
        "Never write rows to disk outside the output: a run that does not fit in memory stops "
        "instead (also VEIL_SPILL=never).")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Run RECIPE: read, transform, check, and write the output and its report."""
    from veil.api import _UNSET, run
    from veil.recipe.bundled import resolve_recipe_path

    configure_logging(debug=debug, quiet=quiet)
    with handled(debug):
        progress = progress_for("veil run", quiet=quiet or output == "-")
        result = run(
            resolve_recipe_path(recipe), input,
            output=output if output is not None else _UNSET,
            output_format=_named_format(output, format),
            input_format=_named_format(input, format),
            encoding=encoding,
            report_dir=report_dir if report_dir is not None else _UNSET,
            limit=limit, dry_run=dry_run, progress=progress,
            spill_dir=spill_dir, allow_spill=False if no_spill else None,
        )
        if not quiet:
            with unread_messages_dropped():
                _summary(result, dry_run=dry_run)


def _named_format(path: str | None, fmt: str | None) -> str | None:
    """`--format` applies to `-` and to paths whose extension does not tell the format.

    So `-i data.csv -o - --format jsonl` reads CSV and writes JSON Lines.
    """
    from veil.io.formats import EXTENSIONS

    if path is None or fmt is None:
        return None
    if path == "-" or Path(path).suffix.lower() not in EXTENSIONS:
        return fmt
    return None


def _summary(result, *, dry_run: bool) -> None:
    report = result.report
    # What the report warns of is seen here too, not only by whoever opens the report.
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if dry_run:
        typer.echo(f"dry run: {result.frame.height:,} rows would be written; nothing written. "
                   f"Verdict {report.verdict}.", err=True)
        return
    if result.output_path is not None and report.output is not None:
        rows = report.output.rows
        typer.echo(f"wrote {result.output_path} ({rows:,} row{'' if rows == 1 else 's'})",
                   err=True)
    if report.spill and report.spill["spilled"]:
        typer.echo(f"memory ran short: Polars wrote rows to {report.spill['directory']} for a "
                   f"while; removed when veil exits", err=True)
    for path in result.report_paths:
        typer.echo(f"report {Path(path)}", err=True)
    typer.echo(f"verdict {report.verdict}: {' '.join(report.reasons)}", err=True)
