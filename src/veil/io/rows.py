"""Count a CSV's rows, and refuse one whose rows do not all have the header's width.

Polars fills a row that is short of fields with nulls, and a recipe that reads only
some columns can pass over a row with too many (a read of every column refuses
it). Either way a record broken by an unquoted line break or separator moves its
fields into other columns: `Doe` alone on a line becomes the `id` of a row, text a
recipe treats as safe. veil refuses such a file before the run reads it.

Two of Polars' quote-aware counts decide it at a fraction of the cost of parsing:
the line ends outside quoted fields (the rows) and the separators outside quoted
fields (counted as the ends of "lines" ending in the separator: one more than
there are separators). A row with more fields than the header is refused by the
run's own read, which reads every field (`veil.io.readers`, `_every_field_read`), or, in
a file of more than `FULL_READ_COLUMNS` columns, found by a count of its own;
with none of those, every row holds `width - 1` separators exactly when the second
count is `rows * (width - 1) + 1`, so the counts settle the short rows. Only when
they disagree is the file read row by row to name the line; blank lines, which
Polars reads as empty rows, also land there, and pass.

With `input: {short_rows: fill}` the counts are not compared: short rows are expected,
and the run's read refuses the long ones.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from veil.errors import InputError
from veil.io.diagnose import find_ragged_row

__all__ = ["FULL_READ_COLUMNS", "checked_rows", "csv_rows"]


#: Up to this many columns the run's own read reads every field and so refuses long rows
#: (`veil.io.readers._every_field_read`); its plan grows with the square of the columns,
#: so a wider file's long rows are counted here, in a pass of their own.
FULL_READ_COLUMNS = 64


def checked_rows(label: str, text: Path | bytes, separator: str, width: int, *,
                 quote: str | None = '"', short_rows: str = "refuse",
                 fields_read: bool = True) -> int:
    """The rows of a UTF-8 CSV file or text (header excluded), once none has fewer than
    `width` fields (with `short_rows="fill"`, unchecked: fewer pass, as Polars reads them).

    Raises InputError naming the file and line of the first row of another width. A row
    with more fields is found here when the counts disagree, or, with `fields_read=False`
    (the caller's read does not read every field), by a count of its own; otherwise the
    caller reads every field, and Polars refuses it there (see the module's docstring).
    """
    rows = _count(text, separator=separator, line_end="\n", quote=quote)
    if width > 1 and (
            (not fields_read and _long_rows(text, separator, width, quote))
            or (short_rows != "fill" and _count(text, separator="\n", line_end=separator,
                                                quote=quote) != rows * (width - 1) + 1)):
        problem = find_ragged_row(text, separator, quote=quote, short_rows=short_rows)
        if problem is not None:
            msg = f"input `{label}`, {problem}"
            raise InputError(msg)
    return max(rows - 1, 0)


def csv_rows(text: Path | bytes, separator: str, quote: str | None = '"') -> int:
    """The rows of a UTF-8 CSV file or text (header excluded), unchecked: Polars' own count
    (a blank line is a row, as it reads one)."""
    return max(_count(text, separator=separator, line_end="\n", quote=quote) - 1, 0)


def _long_rows(text: Path | bytes, separator: str, width: int, quote: str | None) -> int:
    """Rows with a field past the header's `width` that is not empty: read as one column
    more than the header has, of which only that one is kept, so the pass stays linear
    in the columns. A long row whose extra fields are all empty is not counted."""
    source = io.BytesIO(text) if isinstance(text, bytes) else text
    schema = {f"c{index}": pl.String for index in range(width + 1)}
    scan = pl.scan_csv(source, has_header=False, skip_rows=1, schema=schema,
                       separator=separator, quote_char=quote, missing_columns="insert",
                       raise_if_empty=False)
    return int(scan.select(pl.col(f"c{width}").is_not_null().sum()).collect().item())


def _count(text: Path | bytes, *, separator: str, line_end: str, quote: str | None) -> int:
    """Polars' own count of the line ends outside quoted fields (plus a last unended line)."""
    source = io.BytesIO(text) if isinstance(text, bytes) else text
    scan = pl.scan_csv(source, has_header=False, separator=separator, eol_char=line_end,
                       quote_char=quote, infer_schema=False, raise_if_empty=False)
    return int(scan.select(pl.len()).collect().item())
