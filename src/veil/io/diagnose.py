"""Locate what is wrong in an input file that Polars could not read: line, byte, key.

Polars says *that* a file is malformed (and sometimes quotes the offending value);
these functions re-read the text to say *where*, in words that never contain data.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import polars as pl

__all__ = ["find_problem", "find_ragged_row"]

#: Bytes read at a time when a file is checked without holding it in memory.
_BLOCK = 8 << 20


def find_problem(blob: bytes, fmt: str, separator: str,
                  json_types: Mapping[str, pl.DataType] | None = None) -> str | None:
    """Locate the first undecodable byte, ragged row or bad JSON line; no data in the text."""
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob.count(b"\n", 0, exc.start) + 1
        column = exc.start - (blob.rfind(b"\n", 0, exc.start) + 1) + 1
        return (f"line {line}, byte {column}: the file is not UTF-8. It is probably Latin-1 or "
                f"Windows-1252: set `input: {{encoding: latin-1}}` in the recipe or pass "
                f"`--encoding latin-1`, or convert the file to UTF-8.")
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                return (f"line {number}, character {exc.colno}: not valid JSON ({exc.msg}). "
                        f"JSON Lines needs one complete JSON object per line.")
            if not isinstance(value, dict):
                return f"line {number}: a JSON Lines record must be an object `{{...}}`."
            misfit = _misfit_key(value, json_types or {})
            if misfit is not None:
                return (f"line {number}: the value of `{misfit}` does not fit the type "
                        f"{json_types[misfit]} inferred from the first rows. Set `input: {{types: "
                        f"{{{misfit}: string}}}}` or a larger `infer_schema_rows`.")
        return None
    if fmt in ("csv", "tsv"):
        return _find_csv_problem(text, separator)
    return None


def _misfit_key(record: dict, types: Mapping[str, pl.DataType]) -> str | None:
    """The first key whose JSON value cannot be read as the column's inferred type."""
    for key, value in record.items():
        dtype = types.get(key)
        if value is None or dtype is None:
            continue
        fits = {
            pl.Int64: isinstance(value, int) and not isinstance(value, bool),
            pl.Float64: isinstance(value, (int, float)) and not isinstance(value, bool),
            pl.Boolean: isinstance(value, bool),
            pl.String: isinstance(value, str),
        }.get(dtype.base_type(), True)  # nested types: leave to Polars' own message
        if not fits:
            return key
    return None


def find_ragged_row(text: Path | bytes, separator: str, *,
                    short_rows: str = "refuse") -> str | None:
    """`find_problem` for a UTF-8 CSV that may not fit in memory: read row by row.

    Only a file whose quotes do not pair up, or that is not UTF-8, is read whole, to
    name the line (those are errors either way). Blank lines pass: Polars reads them as
    empty rows, and they hold nothing. `short_rows="fill"` lets rows with fewer fields
    than the header pass too.
    """
    with _binary(text) as stream:
        quotes = sum(block.count(b'"') for block in _blocks(stream))
        if quotes % 2:
            return find_problem(_whole(text), "csv", separator)
        stream.seek(0)
        try:
            lines = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            return _ragged_row(lines, separator, allow_short=short_rows == "fill")
        except UnicodeDecodeError:
            return find_problem(_whole(text), "csv", separator)


def _find_csv_problem(text: str, separator: str) -> str | None:
    unclosed = _unclosed_quote_line(text)
    if unclosed is not None:
        return (f"line {unclosed}: a quoted field starts on this line and is never closed. "
                f"Check that row for a stray `\"` and export again with quoting.")
    return _ragged_row(io.StringIO(text, newline=""), separator)


def _ragged_row(lines: Iterable[str], separator: str, *, allow_short: bool = False) -> str | None:
    reader = csv.reader(lines, delimiter=separator)
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # a 5 MB note is valid CSV; the default limit is 128 KB
    try:
        header = next(reader, None)
        if header is None:
            return "the file holds no header line."
        for row in reader:
            if row and len(row) != len(header) and not (allow_short and len(row) < len(header)):
                fields = f"{len(row)} field{'s' if len(row) != 1 else ''}"
                fill = (" If the file leaves out empty trailing fields, set `input: {short_rows: "
                        "fill}` in the recipe." if len(row) < len(header) else "")
                return (f"line {reader.line_num}: the row has {fields} but the header "
                        f"has {len(header)}. Fix the row (often an unquoted separator or line "
                        f"break inside a text field) and export again with quoting.{fill}")
    except csv.Error:
        return (f"line {reader.line_num}: the row is not valid CSV. Check its quoting and "
                f"export again.")
    finally:
        csv.field_size_limit(limit)
    return None


@contextlib.contextmanager
def _binary(text: Path | bytes) -> Iterator[io.BufferedIOBase]:
    if isinstance(text, bytes):
        yield io.BytesIO(text)
    else:
        with open(text, "rb") as stream:
            yield stream


def _blocks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while block := stream.read(_BLOCK):
        yield block


def _whole(text: Path | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.read_bytes()


def _unclosed_quote_line(text: str) -> int | None:
    """The line on which a never-closed quoted field starts, or None (quotes pair up)."""
    if text.count('"') % 2 == 0:
        return None
    inside, opened = False, 0
    for quote in re.finditer('"', text):
        inside = not inside
        if inside:
            opened = quote.start()
    return text.count("\n", 0, opened) + 1 if inside else None
