"""`veil recipes` and `veil models`: what ships with veil and what is installed."""

from __future__ import annotations

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import handled


@app.command("recipes")
def recipes_cli(debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP)) -> None:
    """List the bundled recipes with their descriptions."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # a description is shown as written, `[...]` included

    from veil.recipe.bundled import bundled_recipes
    from veil.recipe.loader import load_recipe

    with handled(debug):
        table = Table("recipe", "description", "path", box=None, show_header=True)
        for name, path in bundled_recipes().items():
            table.add_row(Text(name), Text(load_recipe(path).description.strip()),
                          Text(str(path)))
        Console(width=140).print(table)


@app.command("models")
def models_cli(
    requirements: bool = typer.Option(False, "--requirements", help="Print the pinned requirement lines (with hashes) for `pip install -r`."),
) -> None:
    """Show the spaCy pipelines veil pins, which are installed, and how to install the others."""
    from rich.console import Console
    from rich.table import Table

    from veil.nlp.models import install_command, pinned_models

    models = pinned_models()
    if requirements:
        for model in models:
            typer.echo(model.requirement)
        return
    table = Table("pipeline", "pinned", "installed", "sha256", box=None)
    missing = False
    for model in models:
        installed = model.installed_version()
        missing |= installed is None
        table.add_row(model.module, model.version, installed or "MISSING", (model.sha256 or "")[:16] + "…")
    Console(width=140).print(table)
    if missing:
        typer.echo(f"install the missing pipelines with {install_command()}")
