"""`veil validate`: check a recipe (and, given an input, its columns) without running it."""

from __future__ import annotations

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import configure_logging, handled


@app.command("validate")
def validate_cli(
    recipe: str = typer.Argument(..., metavar="RECIPE", help="Recipe file, or the name of a bundled recipe."),
    input: str | None = typer.Option(None, "-i", "--input", help="Input to check the recipe's columns and types against (default: the recipe's input, when it exists)."),
    format: str | None = typer.Option(None, "--format", help="Input format when the extension does not tell."),
    encoding: str | None = typer.Option(None, "--encoding", help="Text encoding of the input, e.g. latin-1 (default: the recipe's `input.encoding`)."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Check RECIPE: schema, step names, keys, models, and columns against the input."""
    from veil.api import validate
    from veil.explain import reading_settings
    from veil.recipe.bundled import resolve_recipe_path

    configure_logging(debug=debug, quiet=False)
    with handled(debug):
        checked = validate(resolve_recipe_path(recipe), input, input_format=format,
                           encoding=encoding)
        steps = len(checked.recipe.steps)
        typer.echo(f"ok: recipe `{checked.recipe.name}` is valid ({steps} step"
                   f"{'' if steps == 1 else 's'}).")
        if checked.output_schema is not None:
            from veil.nlp.names import data_names

            schema = checked.output_schema
            masks = data_names(list(schema))
            columns = ", ".join(f"{masks.get(name, name)} ({label})"
                                for name, label in schema.items())
            typer.echo(f"checked against `{checked.input_label}`; output columns: {columns}")
            reading = reading_settings(checked.recipe.input)
            if reading:
                typer.echo("read as the recipe says:" + "".join(f"\n  {how}" for how in reading))
            for note in checked.notes:
                typer.echo(f"warning: {note}", err=True)
            if masks:
                typer.echo(f"warning: {len(masks)} output column name(s) hold an identifier "
                           f"({', '.join(masks.values())}): data used as names, as in a pivoted "
                           f"export. The residual check counts them as identifiers left in the "
                           f"output; keep only the other columns with a `select` step.", err=True)
        else:
            typer.echo(f"no input checked ({checked.skipped}): pass -i INPUT to check columns "
                       f"and types.")
