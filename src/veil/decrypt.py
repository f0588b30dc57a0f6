"""`decrypt`: turn the `ENC[...]` tokens of the `encrypt` operator back into their values.

Only the holder of the run key can do this. The output is written atomically,
never over the input, and, as a new file, readable by its owner only. A file in
which no token opens under the key is an error (the wrong key, most likely), and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from veil.context import RunContext
from veil.dtypes import TEXT_TYPES, type_label
from veil.errors import UsageError
from veil.io.formats import format_for
from veil.io.readers import open_source
from veil.io.writers import refuse_folder, write_frame
from veil.listing import column_listing
from veil.nlp.crypto import TokenCipher
from veil.recipe.schema import Recipe, SecretsSpec
from veil.recipe.suggest import suggestion_sentence

__all__ = ["decrypt", "DecryptResult"]



@dataclass
class DecryptResult:
    output_path: Path | None
    rows: int
    decrypted: int = 0  # tokens opened (counted per row)
    failed: int = 0  # token-shaped text that did not open under the key
    columns: dict[str, int] = field(default_factory=dict)  # column -> tokens opened


def decrypt(source: str | Path, output: str | Path, *, columns: Sequence[str] | None = None,
            key: str | bytes | None = None, key_env: str = "VEIL_KEY",
            input_format: str | None = None, output_format: str | None = None,
            environ: Mapping[str, str] | None = None) -> DecryptResult:
    """Decrypt the `encrypt` tokens in `columns` (default: every text column) of `source`."""
    # The run context owns the key lookup (and its message naming the variable to set).
    holder = Recipe(veil=1, name="decrypt", secrets=SecretsSpec(key_env=key_env))
    # Any key that tokens were made with opens them: the length check guards making tokens.
    cipher = TokenCipher(RunContext(holder, key=key, environ=environ).require_key(
        "`veil decrypt`", shortest=1))
    opened = open_source(source, format=input_format, infer_schema_rows=0)  # CSV stays text
    refuse_folder(output)
    fmt = format_for(output, output_format, role="output")
    frame = opened.lf.collect()
    targets = _columns(frame, columns)
    result = DecryptResult(output_path=None if str(output) == "-" else Path(output),
                           rows=frame.height)
    for name in targets:
        frame = frame.with_columns(_decrypt_column(frame.get_column(name), cipher, result))
    if result.failed and not result.decrypted:
        msg = (f"{result.failed} encrypted token(s) found and none opened with the key in "
               f"`{key_env}`: it is not the key the data was encrypted with. Nothing was written.")
        raise UsageError(msg)
    # The identifiers are back in clear: a new file is readable by its owner only.
    write_frame(frame, output, fmt, inputs=opened.paths, private=True)
    return result


def _columns(frame: pl.DataFrame, wanted: Sequence[str] | None) -> list[str]:
    text = [name for name, dtype in frame.schema.items() if isinstance(dtype, TEXT_TYPES)]
    if not wanted:
        return text
    for name in wanted:
        if name not in frame.columns:
            shown, suggestable = column_listing(frame.columns)
            msg = (f"column `{name}` is not in the input.{suggestion_sentence(name, suggestable)}"
                   f" Columns: {shown}.")
            raise UsageError(msg)
        if name not in text:
            msg = (f"column `{name}` holds {type_label(frame.schema[name])}, not text; it has "
                   f"no tokens.")
            raise UsageError(msg)
    return list(wanted)


def _decrypt_column(series: pl.Series, cipher: TokenCipher, result: DecryptResult) -> pl.Series:
    text = series.cast(pl.String)
    counts = (text.to_frame("v").filter(pl.col("v").str.contains("ENC[", literal=True))
              .group_by("v", maintain_order=True).len())
    old, new, opened = [], [], 0
    for value, rows in counts.iter_rows():
        plain, done, failed = cipher.decrypt_text(value)
        opened += done * rows
        result.failed += failed * rows
        if done:
            old.append(value)
            new.append(plain)
    result.decrypted += opened
    result.columns[series.name] = opened
    return (text.replace(old, new) if old else text).alias(series.name)
