"""`veil eval`: precision, recall, F2 and leakage of detection on a labelled JSON-lines file."""

from __future__ import annotations

import json

import typer

from veil.cli._app import DEBUG_HELP, app, model_option, threshold_option
from veil.cli.errors import configure_logging, handled


@app.command("eval")
def eval_cli(
    labelled: str | None = typer.Argument(
        None, help="JSON lines with `text` and gold `spans` (start, end, label); default: the "
        "labelled set veil generates (`veil:generated`); `veil:written` is the hand-written "
        "one."),
    model: str = model_option(),
    threshold: float = threshold_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Score veil's detection against gold spans: per entity precision, recall, F2, leakage."""
    from veil.evaluation import evaluate, labelled_set
    from veil.nlp.models import default_model_name
    from veil.nlp.types import DetectorConfig

    configure_logging(debug=debug, quiet=as_json)
    with handled(debug):
        name = {"default": default_model_name(), "none": None}.get(model, model)
        path = str(labelled_set(labelled))
        scores = evaluate(path, config=DetectorConfig(model=name, threshold=threshold))
        if as_json:
            typer.echo(json.dumps({"file": path, "model": name, **scores.to_dict()}, indent=2))
        else:
            _table(scores, title=f"{path}: {scores.texts:,} texts, model {name or 'none'}")


def _table(scores, *, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for header in ("entity", "gold", "predicted", "precision", "recall", "F2", "leakage"):
        table.add_column(header, justify="left" if header == "entity" else "right")
    rows = [scores.entities[name] for name in sorted(scores.entities)] + [scores.total]
    for row in rows:
        table.add_row(row.entity, f"{row.gold:,}", f"{row.predicted:,}", _pct(row.precision),
                      _pct(row.recall), _pct(row.f2), _pct(row.leakage),
                      end_section=row is rows[-2])
    Console().print(table)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"
