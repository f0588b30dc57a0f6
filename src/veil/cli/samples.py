"""`veil samples`: write the seeded synthetic sector data and its ground truth."""

from __future__ import annotations

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import handled


@app.command("samples")
def samples_cli(
    rows: int | None = typer.Option(None, "--rows", min=1, help="Rows of the main table (encounters, transactions); the other tables scale with it. Default: the size of the bundled sample."),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed: the same seed and rows give byte-identical files."),
    out: str = typer.Option("samples", "--out", help="Folder to write into; each sector gets a subfolder."),
    kind: str = typer.Option("all", "--kind", help="Which sector: hospital, bank or all."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Write synthetic hospital and bank extracts (CSV) with a ground-truth file of every planted identifier."""
    from veil.samples import generate

    with handled(debug):
        for name, path in generate(kind, rows, seed, out).items():
            typer.echo(f"{name}: {path} (truth: {path.with_suffix('.truth.jsonl').name})")
