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
they disagree is the file read row by row to name the line. Blank lines also land
there: Polars reads each as a row of nulls, so that read gives their positions, for
the caller to leave them out (`RowCheck.blank`), as pandas and the csv module do.

With `input: {short_rows: fill}` the counts are not compared: short rows are expected,
and the run's read refuses the long ones. Blank lines are still left out: found by a pass
over whole lines when they are all at the end, else by the row-by-row read.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import polars as pl

from veil.errors import InputError
from veil.io.diagnose import find_ragged_row, first_lines

__all__ = ["FULL_READ_COLUMNS", "RowCheck", "checked_rows", "csv_rows", "scannable"]


#: Up to this many columns the run's own read reads every field and so refuses long rows
#: (`veil.io.readers._every_field_read`); its plan grows with the square of the columns,
#: so a wider file's long rows are counted here, in a pass of their own.
FULL_READ_COLUMNS = 64


class RowCheck(NamedTuple):
    """What `checked_rows` found: the rows Polars reads (header excluded), and the blank
    lines among them as (row, line): the row's position from 0, and its line in the file."""

    read: int
    blank: list[tuple[int, int]]

    @property
    def records(self) -> int:
        """The rows that are records: blank lines left out."""
        return self.read - len(self.blank)


def checked_rows(label: str, text: Path | bytes, separator: str, width: int, *,
                 quote: str | None = '"', short_rows: str = "refuse",
                 fields_read: bool = True, columns: Sequence[str] | None = None,
                 skip_lines: int = 0, footer_lines: int = 0) -> RowCheck:
    """The rows of a UTF-8 CSV file or text (header excluded), once none has fewer than
    `width` fields (with `short_rows="fill"`, unchecked: fewer pass, as Polars reads them),
    and its blank lines. `columns`: the names `input.column_names` gives a file without a
    header line, whose first line is a row. `skip_lines`: lines over the table, unread;
    `footer_lines`: lines under it, already cut off `text` (for the advice of a message).

    Raises InputError naming the file and line of the first row of another width. A row
    with more fields is found here when the counts disagree, or, with `fields_read=False`
    (the caller's read does not read every field), by a count of its own; otherwise the
    caller reads every field, and Polars refuses it there (see the module's docstring).
    """
    rows = _count(text, separator=separator, line_end="\n", quote=quote, skip_lines=skip_lines)
    read = rows if columns is not None else max(rows - 1, 0)
    if width < 2:
        return RowCheck(read, [])
    long = not fields_read and _long_rows(text, separator, width, quote,
                                          header=columns is None, skip_lines=skip_lines)
    if short_rows == "fill":
        # Short rows are not counted, so the counts cannot tell blank lines; a pass over
        # whole lines can, when the only empty lines are at the end (an empty line anywhere
        # else, even inside a quoted field, sends the file to the row-by-row read).
        ends = None if long else _blank_line_ends(text, quote, skip_lines)
        if ends is not None and not ends.earlier:
            return RowCheck(read, ends.at_end(read))
    elif (separators := _separators(text, separator, quote, skip_lines)) is not None:
        short = rows * (width - 1) + 1 - separators  # separators missing
        if not long and short == 0:
            return RowCheck(read, [])
        if not long and short > 0:
            ends = _blank_line_ends(text, quote, skip_lines)
            if ends is not None and ends.trailing * (width - 1) == short:
                # The blank lines at the end hold all the separators missing: no other row
                # is short, and the row-by-row read is spared (1.3 s per million rows).
                return RowCheck(read, ends.at_end(read))
    blank: list[tuple[int, int]] = []
    problem = find_ragged_row(text, separator, quote=quote, short_rows=short_rows,
                              blank_lines=blank, columns=columns, skip_lines=skip_lines,
                              footer_lines=footer_lines)
    if problem is not None:
        msg = f"input `{label}`, {problem}"
        raise InputError(msg)
    return RowCheck(read, blank)


class _BlankLineEnds(NamedTuple):
    """What the lines of a text whose quotes all close tell of its empty lines."""

    trailing: int  # blank lines at the very end
    lines: int  # lines in the text (the skipped ones counted)
    earlier: bool  # an empty line (maybe inside a quoted field) before those

    def at_end(self, read: int) -> list[tuple[int, int]]:
        """The trailing blank lines as `RowCheck.blank` lists them, of `read` rows."""
        return [(read - self.trailing + offset, self.lines - self.trailing + 1 + offset)
                for offset in range(self.trailing)]


def _blank_line_ends(text: Path | bytes, quote: str | None,
                     skip_lines: int = 0) -> _BlankLineEnds | None:
    """The empty lines at the end of a text whose quotes all close, else None: after its
    last quote, a line end is outside quoted fields, so an empty line there is one of the
    rows Polars counts.

    Polars reads each line whole, as one field (the separator is the line end, so no line
    holds one, and nothing is quoted): an empty line is a null. A pass at the speed of the
    counts, on every core; a loop over the bytes in Python took 1.1 s per 450 MB.
    """
    line = pl.col("line")
    quotes = (line.str.count_matches(quote, literal=True).sum() if quote is not None
              else pl.lit(0))
    found = (pl.scan_csv(scannable(text), has_header=False, separator="\n", quote_char=None,
                         schema={"line": pl.String}, raise_if_empty=False,
                         skip_lines=skip_lines)
             .with_row_index("at")
             .select(lines=pl.len(), empty=line.is_null().sum(), quotes=quotes,
                     last_text=pl.col("at").filter(line.is_not_null()).max())
             .collect(engine="streaming").row(0, named=True))
    if found["quotes"] % 2:
        return None
    last_text = -1 if found["last_text"] is None else found["last_text"]
    trailing = found["lines"] - 1 - last_text
    return _BlankLineEnds(trailing, skip_lines + found["lines"],
                          earlier=found["empty"] > trailing)


def csv_rows(text: Path | bytes, separator: str, quote: str | None = '"', *,
             header: bool = True, skip_lines: int = 0) -> int:
    """The rows of a UTF-8 CSV file or text (its header line excluded, if it has one, and
    the `skip_lines` lines over the table), unchecked: Polars' own count (a blank line is a
    row, as it reads one)."""
    rows = _count(text, separator=separator, line_end="\n", quote=quote, skip_lines=skip_lines)
    return max(rows - int(header), 0)


def _long_rows(text: Path | bytes, separator: str, width: int, quote: str | None, *,
               header: bool = True, skip_lines: int = 0) -> int:
    """Rows with a field past the header's `width` that is not empty: read as one column
    more than the header has, of which only that one is kept, so the pass stays linear
    in the columns. A long row whose extra fields are all empty is not counted."""
    schema = {f"c{index}": pl.String for index in range(width + 1)}
    # Polars takes skip_rows or skip_lines: past lines over the table, a header on one line.
    skipped = ({"skip_lines": skip_lines + int(header)} if skip_lines
               else {"skip_rows": int(header)})
    scan = pl.scan_csv(scannable(text), has_header=False, **skipped, schema=schema,
                       separator=separator, quote_char=quote, missing_columns="insert",
                       raise_if_empty=False)
    return int(scan.select(pl.col(f"c{width}").is_not_null().sum()).collect().item())


def _count(text: Path | bytes, *, separator: str, line_end: str, quote: str | None,
           skip_lines: int = 0) -> int:
    """Polars' own count of the line ends outside quoted fields (plus a last unended line),
    past the first `skip_lines` lines (`line_end` is then `\\n`, which Polars skips lines by)."""
    scan = pl.scan_csv(scannable(text), has_header=False, separator=separator, eol_char=line_end,
                       quote_char=quote, infer_schema=False, raise_if_empty=False,
                       skip_lines=skip_lines)
    return int(scan.select(pl.len()).collect().item())


def _separators(text: Path | bytes, separator: str, quote: str | None,
                skip_lines: int) -> int | None:
    """One more than the separators outside quoted fields past the first `skip_lines` lines
    (the second count of the module's docstring), or None when those lines hold a quote.

    Counted over the whole text, the lines before the table's and then taken off: Polars
    skips lines by its line end, which this count sets to the separator. A quote among the
    skipped lines could change which separators are quoted; the caller then reads the rows
    one by one.
    """
    whole = _count(text, separator="\n", line_end=separator, quote=quote)
    if not skip_lines:
        return whole
    over = first_lines(text, skip_lines)
    if quote is not None and quote.encode("utf-8") in over:
        return None
    return whole - over.count(separator.encode("utf-8"))


def scannable(text: Path | bytes) -> Path | io.BytesIO:
    """A file or text as Polars' CSV scan takes it."""
    return io.BytesIO(text) if isinstance(text, bytes) else text
