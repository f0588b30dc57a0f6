"""`veil scan`: find PII in an unknown extract and suggest a treatment per column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from veil.cli._app import DEBUG_HELP, app, model_option, threshold_option
from veil.cli.errors import configure_logging, handled

if TYPE_CHECKING:
    from veil.recipe.schema import TextReading


@app.command("scan")
def scan_cli(
    input: str = typer.Argument(
        ..., help="File, folder or glob to scan (csv, tsv, parquet, jsonl, ipc)."),
    sample: int = typer.Option(
        1000, "--sample", "-n", min=1, help="Rows to sample (seeded) and scan."),
    seed: int = typer.Option(
        0, "--seed", min=0, help="Seed of the sample, so a rescan sees the same rows."),
    model: str = model_option(),
    threshold: float = threshold_option(),
    format: str | None = typer.Option(
        None, "--format", help="Input format when the extension does not tell."),
    separator: str | None = typer.Option(
        None, "--separator", help="CSV field separator, e.g. ';'. Default: `,`, or the one the "
        "header uses when it holds `;`, a tab or `|` and no comma."),
    no_quote: bool = typer.Option(
        False, "--no-quote", help="The file quotes no field: a `\"` is just a character "
        "(PostgreSQL's COPY text format, many TSV exports)."),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="Text encoding of the input, e.g. latin-1 or cp1252."),
    skip_lines: int = typer.Option(
        0, "--skip-lines", min=0, help="Lines over a CSV's table to leave unread (a title, the "
        "export's date): its header is the next line."),
    footer_lines: int = typer.Option(
        0, "--footer-lines", min=0, help="Lines under a CSV's table to leave unread (totals, an "
        "end-of-report line), counted from the end."),
    column_names: str | None = typer.Option(
        None, "--column-names", help="The column names of a CSV without a header line, "
        "comma-separated (`id,name,dob`): its first line is then a record."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the result as JSON instead of a table."),
    emit_recipe: Path | None = typer.Option(
        None, "--emit-recipe",
        help="Write a starter recipe built from the suggestions to this file."),
    force: bool = typer.Option(
        False, "--force", help="Overwrite the --emit-recipe file when it exists."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Scan a sample of INPUT for PII: entity types, share of rows, masked example, suggestion."""
    from veil.errors import InputError, UsageError
    from veil.io.readers import reworded_settings
    from veil.io.writers import atomic_write
    from veil.scan import scan, starter_recipe

    configure_logging(debug=debug, quiet=as_json)
    with handled(debug):
        if emit_recipe is not None and emit_recipe.exists() and not force:
            msg = (f"`{emit_recipe}` exists; veil does not overwrite a recipe you may have edited. "
                   f"Choose another file, or pass --force.")
            raise UsageError(msg)
        reading = _reading(separator=separator, quote=None if no_quote else '"',
                           encoding=encoding, skip_lines=skip_lines, footer_lines=footer_lines,
                           column_names=(None if column_names is None
                                         else [name.strip() for name in column_names.split(",")]))
        try:
            result = scan(input, sample=sample, seed=seed, model=model, threshold=threshold,
                          input_format=format, separator=reading.separator,
                          quote=reading.quote, encoding=reading.encoding,
                          column_names=reading.column_names, skip_lines=reading.skip_lines,
                          footer_lines=reading.footer_lines)
        except InputError as exc:  # its advice names recipe keys; here they are options
            message = reworded_settings(exc.message, _as_option)
            for key in ("column_names", "skip_lines", "footer_lines"):
                message = message.replace(f"`input.{key}`", f"`{_option(key)}`")
            raise InputError(message) from None
        if as_json:
            typer.echo(json.dumps(result.to_dict(), indent=2))
        else:
            _table(result)
        if emit_recipe is not None:
            with atomic_write(emit_recipe) as temp:
                temp.write_text(starter_recipe(result, input_path=input), encoding="utf-8")
            typer.echo(f"wrote starter recipe {emit_recipe}", err=True)


def _reading(**given: Any) -> TextReading:
    """The reading options, checked by the rules the recipe's `input` keys of the same names
    follow, and refused in the same words, naming the options."""
    from pydantic import ValidationError

    from veil.errors import UsageError
    from veil.recipe.loader import option_error
    from veil.recipe.schema import TextReading

    try:
        return TextReading(**given)
    except ValidationError as exc:
        message = option_error(exc, TextReading, _option)
        message = message.replace("Set `separator`", "Set `--separator`")
        raise UsageError(message.replace("`quote: null`", "`--no-quote`")) from None


def _option(key: str) -> str:
    """The `veil scan` option of a recipe's `input` key: `skip_lines` -> `--skip-lines`."""
    return f"--{key.replace('_', '-')}"


def _as_option(setting: str) -> str:
    """`separator: ';'` -> `--separator ';'`; keys without a `veil scan` option stay recipe keys."""
    key, _, value = setting.partition(": ")
    if key in ("separator", "encoding", "skip_lines", "footer_lines"):
        return f"`{_option(key)} {value}` on the command line"
    if setting == "quote: null":
        return "`--no-quote` on the command line"
    if key == "column_names":
        return f"`{_option(key)}` on the command line"
    return f"`input: {{{setting}}}` in a recipe"


def _table(result) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # a cell of Text is shown as is: `[/]` in a name is no markup

    read = f", fields separated by {result.separator!r}" if result.separator not in (None, ",") \
        else ""
    title = (f"{result.source}: {result.rows_sampled:,} of {result.rows:,} rows sampled "
             f"(seed {result.seed}, model {result.model or 'none: patterns only'}{read})")
    table = Table("column", "type", "found (share of rows)", "rows", "masked example",
                  "suggestion", "why", title=Text(title), title_justify="left")
    for column in result.columns:
        found = ", ".join(f"{e} {_share(share)}" for e, share in column.entities.items()) or "-"
        cells = (column.column, column.dtype, found, _share(column.rows_with_finding),
                 column.example or "-", column.suggestion, column.reason)
        table.add_row(*map(Text, cells))
    Console(width=160).print(table)


def _share(share: float) -> str:
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"
