"""The typer application object; commands register on it from their own modules."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="veil",
    help="Privacy-preserving data preparation: run recipes that de-identify tables and free "
    "text, and leave a redaction report an auditor can check.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DEBUG_HELP = "Show the Python traceback on errors (it may include data values)."
QUIET_HELP = "No progress bar and no summary on stderr."


def model_option():
    """`--model`, shared by the commands that run detection (scan, eval)."""
    return typer.Option(
        "default", "--model",
        help="spaCy pipeline for names and places; `default` is the pinned one, `none` runs "
        "pattern recognizers only.")


def threshold_option():
    """`--threshold`, shared by the commands that run detection (scan, eval)."""
    return typer.Option(
        0.5, "--threshold", min=0, max=1, help="Lowest score a finding needs to count.")


def version_callback(value: bool) -> None:
    if value:
        from veil import __version__

        typer.echo(f"veil {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Print veil's version and exit."),
) -> None:
    """veil: privacy-preserving data preparation."""
