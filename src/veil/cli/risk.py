"""`veil risk`: re-identification figures of any file; writes nothing."""

from __future__ import annotations

import json

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import configure_logging, handled


def _names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


@app.command("risk")
def risk_cli(
    input: str = typer.Argument(
        ..., help="File, folder or glob to assess (CSV, TSV, Parquet, JSONL, IPC)."
    ),
    qi: str = typer.Option(
        ..., "--qi", help="Quasi-identifier columns, comma-separated, e.g. age,sex,zip."
    ),
    sensitive: str | None = typer.Option(
        None,
        "--sensitive",
        help="Sensitive columns for l-diversity and t-closeness, comma-separated.",
    ),
    k: int | None = typer.Option(
        None, "-k", "--k", min=1, help="Target k: count the records in classes smaller than k."
    ),
    format: str | None = typer.Option(
        None, "--format", help="Input format when the extension does not tell."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the figures as JSON instead of a table."
    ),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Print the equivalence classes, k, prosecutor risk and l of INPUT; nothing is written."""
    from veil.privacy.risk import assess_path

    configure_logging(debug=debug, quiet=True)
    with handled(debug):
        report = assess_path(input, _names(qi), _names(sensitive), k=k, format=format)
        if as_json:
            typer.echo(json.dumps(report.as_dict(), indent=2, sort_keys=True))
        else:
            _table(report)


def _table(report) -> None:
    from rich.console import Console
    from rich.table import Table

    figures = report.as_dict()
    table = Table(title=f"Re-identification risk on {', '.join(report.quasi_identifiers)}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    rows = [
        ("records", figures["records"]),
        ("equivalence classes", figures["classes"]),
        ("smallest class (k)", figures["smallest_class"]),
        ("prosecutor risk, highest", f"{figures['prosecutor_risk_highest']:.4f}"),
        ("prosecutor risk, average", f"{figures['prosecutor_risk_average']:.4f}"),
    ]
    if report.k.target_k is not None:
        rows += [
            (f"records in classes below k={report.k.target_k}", figures["records_at_risk"]),
            (f"classes below k={report.k.target_k}", figures["classes_at_risk"]),
        ]
    for column, sens in figures.get("sensitive", {}).items():
        rows += [
            (f"`{column}` distinct l", sens["distinct_l"]),
            (f"`{column}` entropy l", f"{sens['entropy_l']:.3f}"),
            (f"`{column}` t-closeness", f"{sens['t_closeness']:.3f}"),
        ]
    for name, value in rows:
        table.add_row(name, str(value))
    sizes = Table(title="Class sizes")
    sizes.add_column("size", justify="right")
    sizes.add_column("classes", justify="right")
    for entry in figures["class_size_histogram"][:20]:
        sizes.add_row(str(entry["size"]), str(entry["classes"]))
    if len(figures["class_size_histogram"]) > 20:
        sizes.add_row("...", f"(+{len(figures['class_size_histogram']) - 20} sizes; use --json)")
    console = Console()
    console.print(table)
    console.print(sizes)
