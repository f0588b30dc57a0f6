"""`veil explain`: print what a recipe will do to each column, before anything runs."""

from __future__ import annotations

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import handled


@app.command("explain")
def explain_cli(
    recipe: str = typer.Argument(..., help="Recipe file, or the name of a bundled recipe."),
    input: str | None = typer.Option(None, "-i", "--input", help="Input whose columns to explain against (default: the recipe's input, when it exists). Only its header is read."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Explain RECIPE in plain words: each step, each column's treatment, and the gates."""
    from veil.explain import explain, render
    from veil.recipe.bundled import resolve_recipe_path

    with handled(debug):
        typer.echo(render(explain(resolve_recipe_path(recipe), input)))
