"""`veil report verify | show | sign`: check a run's report, print it, sign it."""

from __future__ import annotations

from pathlib import Path

import typer

from veil.cli._app import DEBUG_HELP, app
from veil.cli.errors import handled

report_app = typer.Typer(name="report", help="Check, show or sign a run's redaction report.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(report_app, name="report")

_MARK = {"ok": "ok     ", "differs": "DIFFERS", "skipped": "skipped"}


@report_app.command("verify")
def verify_cli(
    report: Path = typer.Argument(..., help="The report JSON (internal or external view)."),
    data: Path | None = typer.Option(None, "--data", help="The output file the report describes; default: the output path recorded in the report, when it exists here."),
    recipe: Path | None = typer.Option(None, "--recipe", help="The recipe file the run used; its sha256 is compared with the report's."),
    inputs: list[Path] | None = typer.Option(None, "--input", help="A file the run read (repeat for several, a joined file too); its sha256 must be one the report records."),
    require_signature: bool = typer.Option(False, "--require-signature", help="Fail when the report is unsigned or its signature cannot be checked."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Check REPORT against its schema, the output data, the input data, the recipe and its signature. Exit 1 when anything differs."""
    from veil.report.verify import verify_report

    with handled(debug):
        result = verify_report(report, data=data, recipe=recipe,
                               require_signature=require_signature, inputs=inputs or ())
        for check in result.checks:
            typer.echo(f"{_MARK[check.status]}  {check.name}: {check.detail}")
        if not result.ok:
            names = ", ".join(check.name for check in result.differences)
            typer.echo(f"FAILED: {report} does not verify ({names} differ).", err=True)
            raise typer.Exit(1)
        typer.echo(f"verified: {report}")


@report_app.command("show")
def show_cli(
    report: Path = typer.Argument(..., help="The report JSON (internal or external view)."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Print the summary of REPORT in the terminal: verdict, rows, findings, gates, residual check."""
    from veil.errors import InputError
    from veil.report.verify import load_report

    with handled(debug):
        _, view = load_report(report)
        if not isinstance(view, dict) or "summary" not in view:
            msg = f"`{report}` is not a veil report; `veil report verify {report}` says why."
            raise InputError(msg)
        _show(view)


@report_app.command("sign")
def sign_cli(
    report: Path = typer.Argument(..., help="The report JSON to sign (rewritten in place)."),
    key_env: str = typer.Option("VEIL_KEY", "--key-env", help="Environment variable holding the run's secret key."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Add an HMAC-SHA256 signature to REPORT so `veil report verify` detects any later edit."""
    from veil.report.verify import sign_report_file

    with handled(debug):
        typer.echo(f"signed {sign_report_file(report, key_env=key_env)}")


def _show(view: dict) -> None:
    # rich is imported here, not at module level: every `veil` command imports this module.
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text  # a cell of Text is shown as is: `[/]` in a name is no markup

    console = Console(width=120)
    summary = view["summary"]
    style = "bold green" if view["verdict"] == "PASS" else "bold red"
    console.print(f"[{style}]{view['verdict']}[/]  {escape(view['recipe_name'])}  run "
                  f"{escape(view['run_id'])} "
                  f"({view['view']} view)", highlight=False)
    for reason in view["reasons"]:
        console.print(f"  - {reason}", highlight=False, markup=False)
    figures = Table("rows in", "rows out", "identifiers found", "k reached", "suppressed",
                    "residual left", box=None)
    figures.add_row(*(_n(summary.get(k)) for k in ("rows_in", "rows_out", "findings_total",
                                                   "k_reached", "suppressed_rows",
                                                   "residual_findings")))
    console.print(figures)
    by_column = summary.get("entities_by_column") or {}
    if by_column:
        found = Table("column", "entity", "found", box=None, title="found in free text")
        for column, counts in by_column.items():
            for entity, count in counts.items():
                found.add_row(Text(column), Text(entity), f"{count:,}")
        console.print(found)
    if view.get("steps"):
        steps = Table("#", "step", "rows in", "rows out", "seconds", box=None, title="steps")
        for step in view["steps"]:
            steps.add_row(str(step["index"]), Text(step["kind"]), _n(step["rows_in"]),
                          _n(step["rows_out"]), f"{step['seconds']:.3f}")
        console.print(steps)
    for gate in view.get("gates") or []:
        mark = "passed" if gate["passed"] else "FAILED"
        console.print(f"  {gate['kind']}: {mark}. {gate['summary']}", highlight=False, markup=False)
    if view.get("output"):
        console.print(f"output {view['output']['path']} sha256 {view['output']['sha256']}",
                      highlight=False, markup=False)
    console.print(f"recipe sha256 {view['recipe_sha256']}", highlight=False)


def _n(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else str(value)
