"""Locate what is wrong in an input file that Polars could not read: line, byte, key.

Polars says *that* a file is malformed (and sometimes quotes the offending value);
these functions re-read the text to say *where*, in words that never contain data.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from veil.io.text import decompressing, open_binary

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

__all__ = ["FOOTER_ROWS", "find_json_lines_problem", "find_ragged_row", "first_bytes",
           "first_rejected_json_line", "first_rejected_line", "first_lines", "footer_advice",
           "header_names", "quotes_pair_up", "zero_byte_problem"]

#: Bytes read at a time when a file is checked without holding it in memory.
_BLOCK = 8 << 20
#: Values of one column handed to the type check at a time.
_BATCH = 100_000


def find_json_lines_problem(text: Path | bytes,
                            json_types: Mapping[str, pl.DataType] | None = None) -> str | None:
    """The first undecodable byte or bad record of a JSON Lines file or text; no data in it.

    Read line by line, so a file larger than memory can be checked. A line ends at
    `\\n` only, as for Polars: a JSON string may hold U+2028, which `str.splitlines`
    would take for a line end.
    """
    first = True  # the first line holding anything: a JSON document shows there
    kinds: dict[str, tuple[str, int]] = {}  # a key's first object, list or number, and its line
    with _binary(text) as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return _not_utf8(number, exc.start + 1, raw)
            if not line.strip():
                continue
            try:
                value = json.loads(line, parse_float=_finite, parse_constant=_no_constant)
            except json.JSONDecodeError as exc:
                if first and (document := _json_document(line, number)) is not None:
                    return document
                return (f"line {number}, character {exc.colno}: not valid JSON ({exc.msg}). "
                        f"JSON Lines needs one complete JSON object per line.")
            except _NotANumber:
                return (f"line {number}: a number is too large for a float (`1e400`), or is "
                        f"`NaN` or `Infinity`, which JSON does not have. Write such values as "
                        f"text (a JSON string), or null, in the export.")
            if not isinstance(value, dict):
                if first and (document := _json_document(line, number)) is not None:
                    return document
                return f"line {number}: a JSON Lines record must be an object `{{...}}`."
            first = False
            if problem := _record_problem(value, number, kinds, json_types or {}):
                return problem
    return None


def _record_problem(record: dict, number: int, kinds: dict[str, tuple[str, int]],
                    types: Mapping[str, pl.DataType]) -> str | None:
    """A value of record `number` that its key's column cannot hold."""
    misfit = _misfit_key(record, types)
    if misfit is not None:
        return _misfit_message(number, *misfit, types[misfit[0]])
    return _kind_clash(record, number, kinds, types)


_OBJECT, _LIST = "an object (`{...}`)", "a list (`[...]`)"
#: The kind of value each nested type holds.
_NESTED_KIND: dict[Any, str] = {pl.Struct: _OBJECT, pl.List: _LIST, pl.Array: _LIST}


def _kind(value: Any) -> str | None:
    """What a JSON value is, for the kinds one column cannot hold together; None for text
    and null, which any column takes (a key with text is read as text)."""
    if isinstance(value, dict):
        return _OBJECT
    if isinstance(value, list):
        return _LIST
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, (int, float)) else None


def _kind_clash(record: dict, number: int, kinds: dict[str, tuple[str, int]],
                types: Mapping[str, pl.DataType]) -> str | None:
    """A key holding an object or a list here and another kind of value on an earlier
    line, which Polars cannot make one column of (it fails with `failed to determine
    supertype`, naming no line). Keys of known type are `_misfit_key`'s."""
    from veil.listing import shown_name

    for key, value in record.items():
        kind = _kind(value)
        if kind is None or key in types:
            continue
        seen = kinds.setdefault(key, (kind, number))
        if seen[0] == kind or not {seen[0], kind} & {_OBJECT, _LIST}:
            continue  # numbers and true/false are `_misfit_key`'s, with the types inferred
        shown = shown_name(key)
        named = f"`{shown}`" if shown is not None else "a key whose name holds an identifier"
        return (f"line {number}: {named} holds {kind} here and {seen[0]} on line {seen[1]:,}: "
                f"a key's values are read as one column, so they need one kind (or null). "
                f"Fix the export so this key holds one kind of value.")
    return None


def _misfit_message(number: int, key: str, inside: bool, inferred: pl.DataType) -> str:
    from veil.listing import shown_name

    # A nested type is named by its kind: its fields' names are the objects' keys, which
    # can be data (`{"ann@example.org": ...}`).
    named = _NESTED_KIND.get(inferred.base_type(), f"the type {inferred}")
    if inside:
        named = "the type"
    shown = shown_name(key)
    if shown is None:  # a key that is data: named by nothing the message would carry
        return (f"line {number}: the value of a key whose name holds an identifier (not shown) "
                f"does not fit {named} inferred from the first rows. Fix the export "
                f"so the key's values have one type: reading it as text (`input.types`) would "
                f"need its name, the identifier, in the recipe and its report.")
    if inside:
        return (f"line {number}: a value inside `{shown}` does not fit the type inferred for it "
                f"from the first rows. Set `input: {{types: {{{shown}: string}}}}` to read the key "
                f"as its JSON text, or a larger `infer_schema_rows`.")
    if inferred.is_nested():  # no larger sample helps: Polars has no type for both kinds
        return (f"line {number}: the value of `{shown}` is not {named}, as in the first rows. "
                f"Set `input: {{types: {{{shown}: string}}}}` to read the key as text (objects "
                f"and lists as their JSON text), or fix the export so it holds one kind of value.")
    return (f"line {number}: the value of `{shown}` does not fit the type {inferred} inferred "
            f"from the first rows. Set `input: {{types: {{{shown}: string}}}}` or a larger "
            f"`infer_schema_rows`.")


def _json_document(first_line: str, number: int) -> str | None:
    """Advice for a JSON document (an array of records, or one object over many lines) read
    as JSON Lines, when its first line shows it is one."""
    opening = first_line.strip()
    if opening.startswith("["):
        shape, convert = "a JSON array (`[...]`)", "jq -c '.[]'"
    elif opening == "{":
        shape, convert = "one JSON object written over many lines", "jq -c ."
    else:
        return None
    return (f"line {number}: the file is {shape}, not JSON Lines (one object `{{...}}` per "
            f"line), which veil reads so that files larger than memory stream. Convert it "
            f"first, for instance `{convert} FILE > FILE.jsonl`, or in Python "
            f"`polars.read_json('FILE').write_ndjson('FILE.jsonl')`.")


class _NotANumber(ValueError):
    """A JSON number no float holds, or a `NaN`/`Infinity` literal: Polars' reader refuses
    both, with no line."""


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise _NotANumber(text)
    return number


def _no_constant(text: str) -> float:
    raise _NotANumber(text)


def _misfit_key(record: dict, types: Mapping[str, pl.DataType]) -> tuple[str, bool] | None:
    """The first key whose JSON value cannot be read as the column's inferred type, and
    whether the value is of the right kind with something inside it that is not."""
    for key, value in record.items():
        dtype = types.get(key)
        if dtype is not None and not _fits(value, dtype):
            return key, dtype.is_nested() and _kind(value) == _NESTED_KIND[dtype.base_type()]
    return None


def _fits(value: Any, dtype: pl.DataType) -> bool:
    """Whether Polars reads the JSON `value` as `dtype` (text takes anything: an object or a
    list as its JSON text, a number as its digits)."""
    if value is None or dtype == pl.String:
        return True
    if isinstance(dtype, pl.Struct):
        return isinstance(value, dict) and all(_fits(value.get(field.name), field.dtype)
                                               for field in dtype.fields)
    if isinstance(dtype, (pl.List, pl.Array)):
        return isinstance(value, list) and all(_fits(item, dtype.inner) for item in value)
    if dtype == pl.Boolean:
        return isinstance(value, bool)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return not dtype.is_numeric()
    if dtype.is_float():
        return True
    if dtype.is_integer():
        low, high = (-(1 << 63), 1 << 63) if dtype.is_signed_integer() else (0, 1 << 64)
        return isinstance(value, int) and low <= value < high
    return True  # other types JSON inference does not give: left to Polars' message


#: For a file that quotes nothing, where a `"` in a field is just a character.
_QUOTE_NONE_HINT = (" If the file quotes nothing (a `\"` is then just a character, as in "
                    "PostgreSQL's COPY text format and many TSV exports), set `input: {quote: "
                    "null}` in the recipe.")


def find_ragged_row(text: Path | bytes, separator: str, *, quote: str | None = '"',
                    short_rows: str = "refuse",
                    blank_lines: list[tuple[int, int]] | None = None,
                    columns: Sequence[str] | None = None, skip_lines: int = 0,
                    footer_lines: int = 0) -> str | None:
    """The first row of a CSV file or text with another width than its header, a quoted
    field never closed, or a byte that is not UTF-8; no data in the text. `columns`: the
    names `input.column_names` gives a file without a header line, whose first line is a row.

    Read row by row, never whole, so a file larger than memory can be checked. Blank
    lines pass (Polars reads each as a row of nulls); given a list, `blank_lines` gets
    (row, line) of each: its position among the rows Polars reads (0: the first after
    the header), and its line in the file.
    `short_rows="fill"` lets rows with fewer fields than the header pass too.
    `quote=None`: fields are not quoted (a quote is an ordinary character).
    `skip_lines`: lines over the table (`input.skip_lines`), left unread; lines are still
    numbered as in the file. `footer_lines`: the lines already cut off the text's end
    (`input.footer_lines`), which advice to cut more counts in.
    """
    with _binary(text, skip_lines) as stream:
        start = stream.tell()
        if quote is not None:
            mark = quote.encode("utf-8")
            quotes = _quotes(stream, mark)
            stream.seek(start)
            if quotes % 2:
                undecodable = _first_undecodable(stream, skip_lines)
                if undecodable is not None:
                    return undecodable
                stream.seek(start)
                opened, lines = _unclosed_quote_line(stream, mark)
                return (f"line {opened + skip_lines}: a quoted field starts on this line and is "
                        f"never closed. Check that row for a stray `{quote}` and export again "
                        f"with quoting."
                        f"{_around_the_table(opened, lines, columns is None, footer_lines)}"
                        f"{_QUOTE_NONE_HINT}")
        try:
            lines = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            with _fields_of_any_size():
                return _ragged_row(lines, separator, quote, allow_short=short_rows == "fill",
                                   blank_lines=blank_lines, columns=columns, skipped=skip_lines,
                                   cut=footer_lines)
        except UnicodeDecodeError:
            stream.seek(start)
            return _first_undecodable(stream, skip_lines)


def quotes_pair_up(text: Path | bytes, quote: str, skip_lines: int = 0) -> bool:
    """Whether the quote characters past the first `skip_lines` lines are even in number."""
    with _binary(text, skip_lines) as stream:
        return _quotes(stream, quote.encode("utf-8")) % 2 == 0


def _quotes(stream: io.BufferedIOBase, mark: bytes) -> int:
    return sum(block.count(mark) for block in _blocks(stream))


@contextlib.contextmanager
def _fields_of_any_size() -> Iterator[None]:
    """A 5 MB note is valid CSV; the csv module's default field limit is 128 KB."""
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def _ragged_row(lines: Iterable[str], separator: str, quote: str | None, *,
                allow_short: bool = False,
                blank_lines: list[tuple[int, int]] | None = None,
                columns: Sequence[str] | None = None, skipped: int = 0,
                cut: int = 0) -> str | None:
    # Strict: text after a closing quote (`"Ann" Lee`) is an error, as Polars makes it one.
    reader = csv.reader(lines, strict=True, **_dialect(separator, quote))
    ended = 0  # the line the previous row ended on: a row with a quoted line break spans more
    named_by = "the header has" if columns is None else "`input.column_names` names"

    def where() -> str:  # the row's lines in the file, the skipped ones counted
        return _lines(skipped + ended + 1, skipped + reader.line_num)

    try:
        header = list(columns) if columns is not None else next(reader, None)
        if header is None:
            return "the file holds no header line."
        ended = reader.line_num
        widths = [(1, len(header))]  # (first line, fields) of the first rows
        for index, row in enumerate(reader):
            if index < _TITLE_LINES:
                widths.append((ended + 1, len(row)))
            if not row and blank_lines is not None:
                blank_lines.append((index, skipped + reader.line_num))
            if row and len(row) != len(header) and not (allow_short and len(row) < len(header)):
                fields = f"{len(row)} field{'s' if len(row) != 1 else ''}"
                at = where()  # before reading on
                ahead, at_end = _rows_ahead(reader)
                return (f"{at}: the row has {fields} but {named_by} {len(header)}. "
                        + _width_advice(widths if columns is None and index < _TITLE_LINES
                                        else None, ahead, row=len(row), header=len(header),
                                        index=index, skipped=skipped,
                                        lines_to_end=(reader.line_num - ended + cut if at_end
                                                      else None)))
            ended = reader.line_num
    except csv.Error as exc:
        if "expected after" in str(exc):
            return (f"{where()}: a quoted field is followed by more text before the next "
                    f"separator (`{quote}...{quote} text`), or a quote opened inside a field "
                    f"closes further on. Quote the whole field, double each `{quote}` inside "
                    f"it, and export again.{_QUOTE_NONE_HINT}")
        hint = _QUOTE_NONE_HINT if quote is not None else ""
        return f"{where()}: the row is not valid CSV. Check its quoting and export again.{hint}"
    return None


#: Rows from the top within which rows of another width than the first line's may be a
#: title or notes over the table (a bank statement's period and account holder).
_TITLE_LINES = 10
#: Rows past a row of another width read to see whether a table of one width starts
#: among them, or whether the file ends within `FOOTER_ROWS` (a footer under the table).
_TABLE_ROWS = 20
FOOTER_ROWS = 3


def _rows_ahead(reader: _CsvReader) -> tuple[list[tuple[int, int]], bool]:
    """(first line, fields) of the next `_TABLE_ROWS` rows, and whether the text ends there
    (no more rows, or one the csv module cannot read: the rows read so far decide)."""
    ahead: list[tuple[int, int]] = []
    try:
        for _ in range(_TABLE_ROWS):
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return ahead, True
            ahead.append((line, len(row)))
    except csv.Error:
        return ahead, False
    return ahead, False


def _width_advice(first_rows: list[tuple[int, int]] | None, ahead: list[tuple[int, int]], *,
                  row: int, header: int, index: int, skipped: int,
                  lines_to_end: int | None) -> str:
    """What to do about a row of another width than the header: skip the lines over the
    table, when the table starts further down (`first_rows`: the rows so far, when near
    the top); leave a footer under it unread, when the row is among the last
    (`lines_to_end`: the lines from its first to the file's last, those `input.footer_lines`
    cut off included, when the file ends within `ahead`); else fix it."""
    start = _table_start(first_rows + ahead) if first_rows is not None else None
    if start is not None:
        return (f"The lines above line {skipped + start} look like a title or notes over the "
                f"table, whose header is that line: set `input: {{skip_lines: "
                f"{skipped + start - 1}}}` in the recipe, so that the table starts at its header.")
    row_fix = ("the row (often an unquoted separator or line break inside a text field) and "
               "export again with quoting.")
    if lines_to_end is not None and index > 0 and row < header and len(ahead) < FOOTER_ROWS:
        footer = "it and the lines under it are" if ahead else "it is"
        return f"Fix {row_fix}{footer_advice(footer, lines_to_end)}"
    fill = (" If the file leaves out empty trailing fields, set `input: {short_rows: fill}` in "
            "the recipe." if row < header else "")
    return f"Fix {row_fix}{fill}"


def _table_start(widths: list[tuple[int, int]]) -> int | None:
    """The line a table starts on under lines of other widths over it, else None.

    `widths` holds (first line, fields) of the first rows. The table starts at the first
    row from which every row (blank ones aside) has the same width, of two fields or more,
    with a row under it at least, and none above it has; a file whose first line starts
    it, or with no such row among the first `_TITLE_LINES`, has none.
    """
    for position, (line, width) in enumerate(widths[:_TITLE_LINES]):
        under = [fields for _, fields in widths[position + 1:] if fields]
        if width >= 2 and under and all(fields == width for fields in under):
            # Above a table, no line has its width: a row of it there is a record of the
            # table, broken somewhere below.
            above = [fields for _, fields in widths[:position]]
            return line if line > 1 and width not in above else None
    return None


def _dialect(separator: str, quote: str | None) -> dict[str, Any]:
    """The csv module's reading of fields as Polars reads them with `quote_char=quote`."""
    if quote is None:
        return {"delimiter": separator, "quoting": csv.QUOTE_NONE}
    return {"delimiter": separator, "quotechar": quote}


def _lines(first: int, last: int) -> str:
    """`line 7`, or `lines 7-9` for a row whose quoted field holds line breaks."""
    return f"line {last}" if last <= first else f"lines {first}-{last}"


#: A CSV header field that is empty or blank, as Polars names it: the first as it is
#: (`` or ` `), the next ones of the same spelling with `_duplicated_0`, `_duplicated_1`, ...
_UNNAMED = re.compile(r"\s*(_duplicated_[0-9]+)?")


def header_names(names: list[str]) -> list[str]:
    """A CSV header's column names as veil reads them: a column whose header field is
    empty or blank (pandas writes its row index so; so does a separator ending every line)
    is named by its position from 1, `unnamed_1` for the first."""
    return [f"unnamed_{position}" if _UNNAMED.fullmatch(name) else name
            for position, name in enumerate(names, start=1)]


def first_rejected_line(text: Path | bytes, separator: str, column: str,
                        rejected: Callable[[list[str]], int | None], *,
                        quote: str | None = '"', columns: Sequence[str] | None = None,
                        skip_lines: int = 0, under: list[int] | None = None) -> str | None:
    """Where the first value of `column` that `rejected` refuses is (`line 7`, `lines 7-9`);
    `columns` names the columns of a file without a header line (`input.column_names`).

    `rejected` gets a batch of the column's raw values and returns the index of the
    first it refuses (the reader's own conversion, so the two cannot disagree).
    Read row by row, never whole. Given a list, `under` gets the number of lines under
    that row (read on to the end: a total under a statement's table is its last lines).
    """
    with _binary(text, skip_lines) as stream, _fields_of_any_size():
        reader = csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline=""),
                            **_dialect(separator, quote))
        try:
            header = list(columns) if columns is not None else next(reader, None)
            if header is None or column not in (header := header_names(header)):
                return None
            index = header.index(column)
            found = _first_rejected(_cells_with_lines(reader, index, skip_lines), rejected)
            if found is None:
                return None
            if under is not None:
                for _ in reader:
                    pass
                under.append(skip_lines + reader.line_num - found[1])
            return _lines(*found)
        except (csv.Error, UnicodeDecodeError):
            return None  # a broken file is named by `find_ragged_row`, not here


def _cells_with_lines(reader: _CsvReader, index: int,
                      skipped: int = 0) -> Iterator[tuple[tuple[int, int], str]]:
    """((first line, last line), the row's value at `index`) for each row that has one;
    `skipped` lines came before the reader's first."""
    ended = reader.line_num
    for row in reader:
        if len(row) > index:
            yield (skipped + ended + 1, skipped + reader.line_num), row[index]
        ended = reader.line_num


def first_rejected_json_line(text: Path | bytes, key: str,
                             rejected: Callable[[list[str]], int | None]) -> str | None:
    """As `first_rejected_line`, for a key of a JSON Lines file (lines end at `\\n` only).

    A JSON value is handed over as the text Polars reads it as: a string as it is,
    anything else as its JSON (`30`, `true`); a missing key or null is skipped.
    """
    with _binary(text) as stream:
        try:
            found = _first_rejected(_json_values(stream, key), rejected)
            return _lines(*found) if found is not None else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None  # a broken line is named by `find_json_lines_problem`, not here


def _json_values(stream: io.BufferedIOBase, key: str) -> Iterator[tuple[tuple[int, int], str]]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        record = json.loads(raw)
        value = record.get(key) if isinstance(record, dict) else None
        if value is not None:
            yield (number, number), value if isinstance(value, str) else json.dumps(value)


def _first_rejected(cells: Iterable[tuple[tuple[int, int], str]],
                    rejected: Callable[[list[str]], int | None]) -> tuple[int, int] | None:
    """The (first, last) lines of the first ((first, last), value) `rejected` refuses,
    asking in batches."""
    lines: list[tuple[int, int]] = []
    values: list[str] = []
    for line, value in cells:
        lines.append(line)
        values.append(value)
        if len(values) == _BATCH:
            found = rejected(values)
            if found is not None:
                return lines[found]
            lines, values = [], []
    found = rejected(values) if values else None
    return lines[found] if found is not None else None


@contextlib.contextmanager
def _binary(text: Path | bytes, skip_lines: int = 0) -> Iterator[io.BufferedIOBase]:
    """The text as a stream of bytes, past its first `skip_lines` lines (as Polars skips
    them: whole lines, whatever quotes they hold)."""
    if isinstance(text, bytes):
        stream: io.BufferedIOBase = io.BytesIO(text)
        _past_lines(stream, skip_lines)
        yield stream
    else:
        with decompressing(text), open_binary(text) as stream:  # a gzipped file's text
            _past_lines(stream, skip_lines)
            yield stream


def first_lines(text: Path | bytes, lines: int) -> bytes:
    """The first `lines` lines of the text, whole (as `_binary` skips them)."""
    with _binary(text) as stream:
        return b"".join(stream.readline() for _ in range(lines))


def first_bytes(text: Path | bytes, size: int) -> bytes:
    """The first `size` bytes of the text (of a compressed file, its decompressed text)."""
    if isinstance(text, bytes):
        return text[:size]
    with _binary(text) as stream:
        return stream.read(size)


def _past_lines(stream: io.BufferedIOBase, lines: int) -> None:
    for _ in range(lines):
        if not stream.readline():
            return


def _blocks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while block := stream.read(_BLOCK):
        yield block


def zero_byte_problem(text: Path | bytes) -> str | None:
    """Where a text file (or text read from standard input) turns out to be UTF-16 by its
    start, or None.

    UTF-16 begins with a byte-order mark, or (without one) puts a zero byte beside every
    ASCII character, the header's included. Zero bytes are valid UTF-8, so without this
    check such a file reads without an error, its column names spelt with zeros between
    their letters. A zero in a field is valid text: only a quarter or more of zeros tells.
    """
    start = first_bytes(text, _ZERO_BYTE_WINDOW)
    if start[:2] in _UTF16_MARKS:
        return _not_utf8(1, 1, start)
    zero = start.find(b"\x00")
    if zero < 0 or start.count(b"\x00") * 4 < len(start):
        return None
    line = start.count(b"\n", 0, zero) + 1
    byte = zero - (start.rfind(b"\n", 0, zero) + 1) + 1
    return _utf16(f"line {line}, byte {byte}: the file is not UTF-8 text (a quarter or more of "
                  f"its first bytes are zeros).")


#: Bytes of a text file's start searched for zero bytes (see `zero_byte_problem`).
_ZERO_BYTE_WINDOW = 64 << 10
#: UTF-16's byte-order marks (little- and big-endian).
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _utf16(where: str) -> str:
    return (f"{where} It looks like UTF-16 (Windows' \"Unicode\" exports): set `input: "
            f"{{encoding: utf-16}}` in the recipe or pass `--encoding utf-16`, or convert the "
            f"file to UTF-8.")


def _not_utf8(line: int, byte: int, raw: bytes) -> str:
    """Where the text stops being UTF-8, and the encoding it probably is instead."""
    where = f"line {line}, byte {byte}: the file is not UTF-8."
    # UTF-16 (Windows' "Unicode" exports) puts a zero byte beside every ASCII character.
    if b"\x00" in raw or (line == 1 and raw[:2] in _UTF16_MARKS):
        return _utf16(where)
    return (f"{where} It is probably Latin-1 or Windows-1252: set `input: {{encoding: "
            f"latin-1}}` in the recipe or pass `--encoding latin-1`, or convert the file to "
            f"UTF-8.")


def _first_undecodable(stream: io.BufferedIOBase, skipped: int = 0) -> str | None:
    """Where the first byte that is not UTF-8 lies, read line by line; None if none is.
    `skipped` lines came before the stream's first."""
    for number, raw in enumerate(stream, start=skipped + 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _not_utf8(number, exc.start + 1, raw)
    return None


def _unclosed_quote_line(stream: io.BufferedIOBase, mark: bytes = b'"') -> tuple[int, int]:
    """The line on which the never-closed quoted field starts, when the quotes do not pair
    up, and the lines of the text.

    That is the line of the last quote that opens a field: a line with quotes holds one
    when it starts outside a field, or holds two or more (it closes one, then opens the
    next).
    """
    inside, opened, number = False, 1, 0
    for number, raw in enumerate(stream, start=1):
        quotes = raw.count(mark)
        if quotes and (not inside or quotes >= 2):
            opened = number
        inside ^= quotes % 2 == 1
    return opened, number


def _around_the_table(opened: int, lines: int, header: bool, cut: int) -> str:
    """Advice for a quote never closed on a line that may not belong to the table: the
    first line read, where a header is expected (a title over the table), or one of the
    last `FOOTER_ROWS` (a footer under it; `cut`: lines `input.footer_lines` already
    leaves unread)."""
    if header and opened == 1:
        return (" If that line is a title or a note over the table, set `input: {skip_lines: "
                "N}` in the recipe, N being the lines above the table's header.")
    under = lines - opened + 1
    if opened > 2 and under <= FOOTER_ROWS:
        return footer_advice(f"that line{' and those under it are' if under > 1 else ' is'}",
                             under + cut)
    return ""


def footer_advice(subject: str, lines: int) -> str:
    """` If {subject} a footer under the table ..., set footer_lines: {lines} ...`: what
    leaves the last `lines` lines of a CSV unread, when they may be totals under its table."""
    return (f" If {subject} a footer under the table (totals, an end-of-report line), set "
            f"`input: {{footer_lines: {lines}}}` in the recipe instead, which leaves the last "
            f"{f'{lines:,} lines' if lines > 1 else 'line'} unread.")
