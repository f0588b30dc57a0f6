"""`veil decrypt`: reverse the `encrypt` operator's tokens, for the holder of the key."""

from __future__ import annotations

import typer

from veil.cli._app import DEBUG_HELP, QUIET_HELP, app
from veil.cli.errors import configure_logging, handled


@app.command("decrypt")
def decrypt_cli(
    input: str = typer.Argument(
        ..., help="File written by a run whose recipe used the `encrypt` operator."),
    output: str = typer.Option(
        ..., "-o", "--output",
        help="File to write the decrypted data to (never the input; `-` for stdout)."),
    columns: list[str] | None = typer.Option(
        None, "--columns", "-c",
        help="Columns to decrypt: repeat the option or separate names with commas. Default: "
        "every text column."),
    key_env: str = typer.Option(
        "VEIL_KEY", "--key-env",
        help="Environment variable holding the key the data was encrypted with."),
    format: str | None = typer.Option(
        None, "--format",
        help="Format of input and output when the extension does not tell: csv, tsv, parquet, "
        "jsonl, ipc."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Decrypt the ENC[...] tokens in INPUT and write the result to OUTPUT."""
    from veil.decrypt import decrypt

    configure_logging(debug=debug, quiet=quiet)
    with handled(debug):
        names = [n.strip() for value in columns or () for n in value.split(",") if n.strip()]
        result = decrypt(input, output, columns=names or None, key_env=key_env,
                         input_format=format, output_format=format)
        if not quiet:
            failed = f"; {result.failed:,} did not open with this key" if result.failed else ""
            typer.echo(f"decrypted {result.decrypted:,} token(s) in {result.rows:,} rows{failed}; "
                       f"wrote {output}", err=True)
