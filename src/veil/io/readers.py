"""Open an input (file, folder, glob, standard input or frame) as a LazyFrame.

CSV columns are read as text and typed by veil (`veil.io.column_types`), not by Polars'
inference. Errors name the file and line and say what to do; they never quote data.
"""

from __future__ import annotations

import functools
import glob as globlib
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from veil.dtypes import field_names
from veil.errors import InputError
from veil.identity import file_identity
from veil.io.column_types import (
    SAMPLED_TYPES,
    TYPE_NAMES,
    TYPE_WORDS,
    convert,
    inferred_numbers,
    typed,
)
from veil.io.diagnose import (
    FOOTER_ROWS,
    find_json_lines_problem,
    find_ragged_row,
    first_bytes,
    first_rejected_json_line,
    first_rejected_line,
    footer_advice,
    header_names,
    quotes_pair_up,
    zero_byte_problem,
)
from veil.io.file_types import common_types, read_as_one
from veil.io.formats import (
    EXTENSIONS,
    STREAM_FORMATS,
    format_for,
    read_in_folders,
)
from veil.io.json_keys import first_unread_key, merged_schema
from veil.io.numbers import PLAIN, NumberFormat
from veil.io.rows import FULL_READ_COLUMNS, checked_rows, scannable
from veil.io.text import (
    POLARS_DECOMPRESSES,
    compression_of_file,
    cut_footer,
    decoded,
    decompressing,
    in_memory_text_limit,
    normal_encoding,
    open_binary,
    remove_copies,
    standard_input,
    utf8_text,
    utf8_texts,
    without_footer,
)
from veil.listing import HEADERLESS_ADVICE, shown_name

__all__ = ["Source", "bundled_path", "open_source"]

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)
#: How messages and the report name standard input (`-i -`).
STANDARD_INPUT = "standard input"
BUNDLED_PREFIX = "veil:"
#: Polars' message when the CSV reader cannot parse a value as the column's type.
_UNPARSED = re.compile(r"could not parse .* as dtype .* at column '([^']*)'")
_DUPLICATED = re.compile(r"(.+)_duplicated_[0-9]+")
#: Most bytes read for the typing sample's lines before leaving them to Polars.
_HEAD_LIMIT = 64 << 20

@dataclass
class Source:
    """An opened input: the lazy frame plus what is needed to explain a read failure."""

    label: str
    format: str
    lf: pl.LazyFrame
    paths: list[Path] = field(default_factory=list)
    data: bytes | None = None
    #: sha256 of standard input's bytes as given (a file's is taken by the report).
    stdin_sha256: str | None = None
    #: A file as messages name it, when not by its path (standard input's private copy).
    names: dict[Path, str] = field(default_factory=dict)
    #: Standard input too large for memory, in a private file of the spill folder
    #: (`veil.io.text.standard_input`). Removed by `remove_copies`.
    spooled: Path | None = None
    #: What reading changed, for the report's warnings (blank lines left out).
    notes: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    separator: str = ","
    #: The character that quotes a CSV field; None: fields are not quoted.
    quote: str | None = '"'
    #: Columns of CSV input typed from the first `infer_schema_rows` rows (not by `input.types`).
    sampled_types: dict[str, str] = field(default_factory=dict)
    #: Rows the CSV column types were inferred from (for the message when a later row differs).
    infer_schema_rows: int = 10_000
    #: Column types Polars inferred for JSON Lines input, to find the value that breaks them.
    json_types: dict[str, pl.DataType] = field(default_factory=dict)
    #: Rows of each CSV file (header excluded), counted when its rows were checked.
    rows: dict[str, int] = field(default_factory=dict)
    #: `input.short_rows`: whether a CSV row with fewer fields than the header is refused.
    short_rows: str = "refuse"
    #: `input.column_names`: the columns of a CSV without a header line; None: its first
    #: line is the header.
    column_names: tuple[str, ...] | None = None
    #: `input.skip_lines`: lines over the table in each CSV file, left unread.
    skip_lines: int = 0
    #: `input.footer_lines`: lines under the table in each CSV file, cut off its text.
    footer_lines: int = 0
    #: The files are compressed in a way Polars does not read (`.csv.bz2`, `.csv.xz`): read
    #: through a decompressed copy. Polars reads gzip itself.
    compressed: bool = False
    #: While several files' texts are read from memory: (file, UTF-8 text) of each.
    pieces: list[tuple[str, bytes]] = field(default_factory=list)
    #: `input.types`, `input.null_values` and how numbers are written, to locate a value
    #: that does not convert.
    types: dict[str, str] = field(default_factory=dict)
    null_values: tuple[str, ...] = ()
    numbers: NumberFormat = PLAIN
    #: Each file as it was when the input was opened, before anything read it.
    identities: dict[Path, tuple[int, ...]] = field(default_factory=dict)
    #: File -> its UTF-8 copy in the spill folder, read instead of a bzip2, xz or non-UTF-8
    #: file too large to decode in memory (`veil.io.text`). Removed by `remove_copies`.
    copies: dict[Path, Path] = field(default_factory=dict)

    def remove_copies(self) -> None:
        """Remove the UTF-8 copies of the input (the run that read them is over)."""
        remove_copies(self.copies)
        self.copies = {}
        if self.spooled is not None:
            remove_copies({self.spooled: self.spooled})
            self.spooled = None

    def check_unchanged(self) -> None:
        """Refuse an input file that changed since it was opened (an export still writing it).

        The report's sha256 of the file would then not describe the data the output
        came from.
        """
        for path, before in self.identities.items():
            try:
                same = file_identity(path) == before
            except OSError:
                same = False
            if not same:
                msg = (f"input `{path}` changed while veil was reading it: it is not the file "
                       f"it was when the run opened it. The report's sha256 would not describe "
                       f"the data the output came from, so nothing was written. Wait until the "
                       f"file is complete (is an export still writing it?), then run again.")
                raise InputError(msg)

    @property
    def transcoded(self) -> bool:
        """Read through a UTF-8 text in memory: the file is compressed, in another encoding or
        read without its footer lines (and not copied to disk)."""
        return ((self.compressed or normal_encoding(self.encoding) != "utf-8"
                 or self.footer_lines > 0) and not self.copies)

    def sampled_type_error(self, column: str) -> InputError:
        """A column typed from the sample holds a later value of another type.

        A broken row (a stray separator shifting text into a number column) explains
        that more often than a change of type, so the file is checked for one first.
        Names the column and the line, never the value.
        """
        broken = self._broken_row()
        if broken is not None:
            return broken
        where, footer = (self._first_rejected(column, SAMPLED_TYPES.get(self.sampled_types[column]))
                         or (None, ""))
        shown = shown_name(column)
        said = (f"column `{shown}`" if shown is not None
                else "a column whose name holds an identifier (not shown)")
        advice = (f"Set `input: {{types: {{{shown}: string}}}}` in the recipe (or a larger "
                  f"`infer_schema_rows`)." if shown is not None else HEADERLESS_ADVICE)
        return InputError(
            f"{where or f'input `{self.label}`'}: {said} was read as "
            f"{self.sampled_types[column]} from its first {self.infer_schema_rows:,} rows, but "
            f"a later value is not of that type. {advice}{footer}")

    def typed_value_error(self, *columns: str) -> InputError:
        """A value of one of `columns` (named in `input.types`) does not convert to its type.

        Names the first of them whose failing value can be located, with its line.
        """
        broken = self._broken_row()
        if broken is not None:
            return broken
        located = None
        for column in columns:
            located = self._first_rejected(column, TYPE_NAMES[self.types[column].lower()])
            if located is not None:
                break
        where, footer = located or (f"input `{self.label}`", "")
        column = column if located else columns[0]
        name = self.types[column]
        to_type = TYPE_NAMES[name.lower()]
        written = ""
        if not self.numbers.plain and to_type in (pl.Int64, pl.Float64):
            written = _number_form_hint(self.numbers)
        return InputError(
            f"{where}: column `{column}` holds a value that is not {TYPE_WORDS[to_type]} "
            f"(`input.types` reads it as `{name}`).{written} Fix the value, or read the column "
            f"as `string` and convert it with a `cast` step with `strict: false`, which turns "
            f"such values into nulls.{footer}")

    def _first_rejected(self, column: str,
                        to_type: pl.DataType | None) -> tuple[str, str] | None:
        """`input `file`, line N` of the first value of `column` not of `to_type`, if found,
        and advice to leave it unread when it is among a CSV's last lines (a footer's total
        in a column of numbers), else ""."""
        if to_type is None or self.format not in ("csv", "tsv", "jsonl"):
            return None

        def rejected(values: list[str]) -> int | None:
            raw = pl.Series("v", values, dtype=pl.String)
            done = raw.to_frame().select(convert(pl.col("v"), pl.String, to_type, strict=False,
                                                 numbers=self.numbers)).to_series()
            given = (raw.str.strip_chars() != "") & ~raw.is_in(list(self.null_values))
            bad = (given & done.is_null()).arg_true()
            return int(bad[0]) if len(bad) else None

        for name, text in self._texts():
            under: list[int] = []
            where = (first_rejected_json_line(text, column, rejected) if self.format == "jsonl"
                     else first_rejected_line(text, self.separator, column, rejected,
                                              quote=self.quote, columns=self.column_names,
                                              skip_lines=self.skip_lines, under=under))
            if where is not None:
                return f"input `{name}`, {where}", _footer_advice(under, self.footer_lines)
        return None

    def diagnose(self, exc: BaseException, *, reading: bool = False) -> InputError | None:
        """Turn a Polars read failure into an InputError naming file and line, if it is one.

        `reading=True` says the error came from reading the input itself, so it is
        an input problem whatever Polars' message says (its JSON parser reports
        `TapeError at character N ('x')`, which matches no sign).
        """
        text = str(exc)
        if self.format == "frame":  # already in memory: nothing was read from a file
            return None
        unparsed = _UNPARSED.search(text)
        if unparsed and unparsed[1] in self.sampled_types:
            return self.sampled_type_error(unparsed[1])  # Polars' message quotes the value
        if not reading and not any(sign in text for sign in _READ_FAILURE_SIGNS):
            return None
        broken = self._broken_row()
        if broken is not None:
            return broken
        if not reading and self.format in ("csv", "tsv", "jsonl"):
            return None  # the text reads cleanly: the failure is a step's, not the file's
        hint = (" Its header reads as one column holding `,`: if the fields are separated by "
                "`,`, set `input: {separator: ','}` in the recipe."
                if self.one_column_of_commas() else self._bare_carriage_return_hint())
        return InputError(
            f"input `{self.label}` could not be read as {self.format} "
            f"({type(exc).__name__}). Check that the file is complete and of that format.{hint}"
        )

    def _broken_row(self) -> InputError | None:
        """The first malformed line of a text input (ragged row, bad encoding, ...), if any."""
        if self.format not in ("csv", "tsv", "jsonl"):
            return None
        for name, text in self._texts():
            try:
                if self.format == "jsonl":  # a file on disk is read line by line, not whole
                    problem = find_json_lines_problem(text, self.json_types)
                else:
                    problem = find_ragged_row(text, self.separator, quote=self.quote,
                                              short_rows=self.short_rows,
                                              columns=self.column_names,
                                              skip_lines=self.skip_lines,
                                              footer_lines=self.footer_lines)
            except InputError as exc:  # a compressed text cut short, named by its file
                if isinstance(text, Path):
                    raise InputError(str(exc).replace(str(text), name)) from None
                raise
            if problem:
                return InputError(f"input `{name}`, {problem}")
        return None

    def one_column_of_commas(self) -> bool:
        """Whether a CSV read with another separator than `,` has a header of one column
        holding commas (`_refuse_other_separator` tells why that is not refused)."""
        if self.format not in ("csv", "tsv") or self.separator == "," or not self.paths:
            return False
        text = next(self._texts())[1]
        try:
            names = pl.scan_csv(scannable(text), separator=self.separator, quote_char=self.quote,
                                skip_lines=self.skip_lines, infer_schema=False,
                                n_rows=0).collect_schema().names()
        except pl.exceptions.PolarsError:
            return False
        return len(names) == 1 and "," in names[0]

    def _bare_carriage_return_hint(self) -> str:
        """Advice for a CSV some of whose lines end with a carriage return alone (a file of
        `\n` lines with classic Mac ones appended): Polars ends lines at `\n` only, so the
        lines after it run together into one row of too many fields."""
        if self.format not in ("csv", "tsv"):
            return ""
        for name, text in self._texts():
            head = first_bytes(text, _BARE_CR_SEARCH)
            found = _BARE_CR.search(head)
            if found is not None:
                line = head.count(b"\n", 0, found.start()) + 1
                return (f" Line {line:,} of `{name}` ends with a carriage return alone (`\\r`, as "
                        f"classic Mac exports end lines): if that is a line end, Polars, which "
                        f"ends lines at `\\n` only, ran the lines after it together. Convert "
                        f"the line ends first, e.g. `tr '\\r' '\\n' < FILE > FILE.csv`.")
        return ""

    def _texts(self) -> Iterator[tuple[str, Path | bytes]]:
        """Each input as the UTF-8 text Polars read: a path, or transcoded input again."""
        yield from self.pieces
        if self.data is not None:
            yield self.label, self.data
        for path in self.paths:
            name = self.names.get(path, str(path))
            if path in self.copies:
                yield name, self.copies[path]
            elif self.transcoded:  # the file's own bytes are not its text: read that again
                yield name, _table_text(name, utf8_text(path, self.encoding), self.footer_lines)
            else:
                yield name, path


#: A carriage return not followed by a line feed, and how far into a file it is looked for.
_BARE_CR = re.compile(rb"\r(?!\n)")
_BARE_CR_SEARCH = 8 << 20

_READ_FAILURE_SIGNS = ("utf-8", "utf8", "more fields", "ragged", "parse", "could not", "invalid",
                       "EOF", "unexpected", "json", "JSON", "quote")


def bundled_path(path: str) -> Path:
    """Resolve `veil:samples/...` to the file shipped inside the package."""
    relative = path[len(BUNDLED_PREFIX):].lstrip("/")
    if relative.startswith("samples/") and not relative.startswith("samples/data/"):
        relative = "samples/data/" + relative[len("samples/"):]  # sample files ship in samples/data/
    return Path(str(resources.files("veil").joinpath(relative)))


@dataclass(frozen=True)
class ReadOptions:
    """How to read an input's text: the recipe's `input` settings (see `open_source`)."""

    format: str | None = None
    encoding: str = "utf-8"
    separator: str | None = None
    quote: str | None = '"'
    infer_schema_rows: int = 10_000
    null_values: list[str] | None = None
    types: Mapping[str, str] | None = None
    check_rows: bool = True
    short_rows: str = "refuse"
    numbers: NumberFormat = PLAIN
    column_names: tuple[str, ...] | None = None
    skip_lines: int = 0
    footer_lines: int = 0

    def separator_of(self, fmt: str) -> str:
        return self.separator or ("\t" if fmt == "tsv" else ",")


def open_source(path: str | Path | None, *, format: str | None = None, encoding: str = "utf-8",
                separator: str | None = None, quote: str | None = '"',
                infer_schema_rows: int = 10_000,
                null_values: list[str] | None = None,
                types: Mapping[str, str] | None = None, check_rows: bool = True,
                short_rows: str = "refuse", decimal_comma: bool = False,
                thousands: str | None = None, column_names: Sequence[str] | None = None,
                skip_lines: int = 0, footer_lines: int = 0, copies_folder: Path | None = None,
                in_memory_limit: int | None = None) -> Source:
    """Open `path` lazily. `-` reads standard input (CSV, TSV or JSON Lines).

    A bzip2, xz or non-UTF-8 text input (Polars reads gzip itself) is decoded in memory up
    to `in_memory_limit` bytes (default: `in_memory_text_limit()`); a larger one is read
    through UTF-8 copies in `copies_folder` when one is given (see `veil.io.text`;
    `Source.remove_copies`).

    A CSV is refused when a row has more or fewer fields than its header (see
    `veil.io.rows`; `short_rows="fill"` lets rows with fewer pass, as Polars reads
    them), and so is JSON Lines with a key past the rows its columns are inferred from (see
    `veil.io.json_keys`); `check_rows=False` skips both, for files veil wrote itself or only
    counts. `decimal_comma`: CSV numbers are written `12,50` (the separator must then be
    another than `,`); `thousands`: digits are grouped by this separator (`1.234,50`, `1'234.50`).
    `column_names`: the columns of a CSV without a header line (its first line is a row);
    `skip_lines`: lines over a CSV's table (a title, notes), left unread; `footer_lines`:
    lines under it (totals), cut off the text, which is then read in memory or through a
    copy (as a file in another encoding is).
    """
    if path is None:
        msg = ("no input given: set `input: {path: ...}` in the recipe or pass `-i FILE` "
               "(`-i -` reads standard input).")
        raise InputError(msg)
    options = ReadOptions(format=format, encoding=encoding, separator=separator, quote=quote,
                          infer_schema_rows=infer_schema_rows, null_values=null_values,
                          types=types, check_rows=check_rows, short_rows=short_rows,
                          numbers=NumberFormat.of(decimal_comma=decimal_comma,
                                                  thousands=thousands),
                          column_names=(tuple(column_names) if column_names is not None
                                        else None), skip_lines=skip_lines,
                          footer_lines=footer_lines)
    if str(path) == "-":
        return _open_standard_input(options, copies_folder, in_memory_limit)
    return _open_files(str(path), options, copies_folder, in_memory_limit)


def _open_standard_input(options: ReadOptions, copies_folder: Path | None,
                         in_memory_limit: int | None) -> Source:
    fmt = options.format or "jsonl"
    if fmt not in STREAM_FORMATS:
        msg = f"standard input can be {', '.join(STREAM_FORMATS)}; got `--format {fmt}`."
        raise InputError(msg)
    options = replace(options, format=fmt)
    _refuse_settings_of(STANDARD_INPUT, fmt, options)
    limit = in_memory_text_limit() if in_memory_limit is None else in_memory_limit
    text, digest = standard_input(sys.stdin.buffer, copies_folder, limit)
    if isinstance(text, Path):  # larger than memory allows: read as the file it went to
        source = _spooled_source(text, lambda spooled: _open_files(
            str(spooled), options, copies_folder, limit))
    else:
        source = _from_bytes(STANDARD_INPUT, [(STANDARD_INPUT, text)], fmt, options)
    source.stdin_sha256 = digest  # the report ties the run to the bytes piped in
    return source


def _open_files(text_path: str, options: ReadOptions, copies_folder: Path | None,
                in_memory_limit: int | None) -> Source:
    """A file, folder or glob (or a bundled sample, `veil:...`) as one source."""
    label = text_path
    if text_path.startswith(BUNDLED_PREFIX):
        text_path = str(bundled_path(text_path))
    paths = _expand(text_path)
    identities = {one: file_identity(one) for one in paths}
    fmt = _one_format(label, paths, options.format)
    _refuse_settings_of(label, fmt, options)
    encoding = options.encoding
    if fmt == "jsonl" and normal_encoding(encoding) == "utf-8" and any(map(_has_bom, paths)):
        encoding = "utf-8-sig"  # JSON allows no byte order mark, which Windows tools write
    # Polars reads gzip itself, in batches; bzip2, xz and other encodings are veil's to decode.
    compressed = any(compression_of_file(one) not in (None, *POLARS_DECOMPRESSES)
                     for one in paths)
    copies: dict[Path, Path] = {}
    if fmt in ("csv", "tsv", "jsonl") and (compressed or normal_encoding(encoding) != "utf-8"
                                           or options.footer_lines):
        limit = in_memory_text_limit() if in_memory_limit is None else in_memory_limit
        texts = utf8_texts(paths, encoding, copies_folder, limit)
        if not all(isinstance(text, Path) for text in texts.values()):
            source = _from_decoded(label, texts, fmt, options)
            source.encoding, source.compressed = encoding, compressed
            source.identities = identities
            return source
        copies = texts  # too large for memory: each file read through its UTF-8 copy
        _cut_footers(copies, options.footer_lines)
    reads = [copies.get(one, one) for one in paths]  # the files Polars reads
    if fmt in ("csv", "tsv", "jsonl") and normal_encoding(encoding) == "utf-8":
        for one, read in zip(paths, reads, strict=True):  # the text as Polars will read it
            if problem := zero_byte_problem(read):
                remove_copies(copies)
                msg = f"input `{one}`, {problem}"
                raise InputError(msg)
    # Built before reading, so a failure while typing the sample can still be located.
    source = _empty_source(label, fmt, options, paths=paths, identities=identities,
                           encoding=encoding, compressed=compressed, copies=copies)
    try:  # the copies go with any failure, after the errors that name a line read them
        try:
            _read_files(source, reads, options)
        except pl.exceptions.NoDataError:
            raise InputError(_no_data(label, options)) from None
        except pl.exceptions.PolarsError as exc:
            raise _unreadable(source, exc) from None
        except (OSError, EOFError):
            packed = next((one for one in paths if compression_of_file(one)), paths[0])
            with decompressing(packed, label if len(paths) > 1 else None):
                raise  # an InputError when a gzip file, read by Polars, is cut short or corrupt
    except BaseException:
        source.remove_copies()
        raise
    return source


def _from_decoded(label: str, texts: dict[Path, bytes], fmt: str, options: ReadOptions) -> Source:
    """A source from each file's text, decoded in memory; it keeps the paths, not the text
    (a later diagnosis reads each file again)."""
    # Each file apart (CSV files have their headers; a JSON Lines file's last line may have
    # no line end), then one table.
    paths = list(texts)
    pieces = [(str(p) if len(paths) > 1 else label, text) for p, text in texts.items()]
    source = _from_bytes(label, pieces, fmt, replace(options, encoding="utf-8"))
    if len(paths) == 1 and label in source.rows:  # counted in the text: the file's
        source.rows = {str(paths[0]): source.rows[label]}
    source.paths, source.data, source.pieces = paths, None, []
    return source


def _empty_source(label: str, fmt: str, options: ReadOptions, **known: Any) -> Source:
    """A source with the options it is read with, and no frame yet."""
    return Source(label=label, format=fmt, lf=pl.LazyFrame(), separator=options.separator_of(fmt),
                  quote=options.quote, short_rows=options.short_rows,
                  column_names=options.column_names, skip_lines=options.skip_lines,
                  footer_lines=options.footer_lines, types=dict(options.types or {}),
                  null_values=tuple(options.null_values or ()),
                  numbers=options.numbers, infer_schema_rows=options.infer_schema_rows,
                  **known)


def _read_files(source: Source, reads: list[Path], options: ReadOptions) -> None:
    """Set `source.lf` to the scan of `reads`, the files (or their UTF-8 copies) Polars reads."""
    if source.format in ("csv", "tsv"):
        _read_csv_files(source, reads, check_rows=options.check_rows)
    elif source.format == "jsonl":
        schema = _json_columns([(str(one), read) for one, read in zip(source.paths, reads,
                                                                      strict=True)],
                               options.infer_schema_rows, options.types, check=options.check_rows)
        source.json_types = dict(schema)
        _refuse_duplicate_header(source.label, list(schema))
        source.lf = typed(pl.scan_ndjson(reads, schema=schema), None, options.types)
    else:
        source.lf = _binary_files(source.label, source.paths, source.format, options.types or {})


def _one_format(label: str, paths: list[Path], forced: str | None) -> str:
    """The format of the files of an input, once all have one and none is empty."""
    fmt = format_for(paths[0], forced)
    for other in paths[1:]:
        if format_for(other, forced) != fmt:
            msg = (f"input `{label}` mixes formats ({paths[0].name} is {fmt}, {other.name} is "
                   f"{format_for(other)}). Put one format per input folder or glob.")
            raise InputError(msg)
    for one in paths:
        if one.stat().st_size == 0:
            msg = (f"input `{one}` is empty (0 bytes). Check the export that produced it; a CSV "
                   f"needs at least a header line.")
            raise InputError(msg)
    return fmt


def _read_csv_files(source: Source, reads: list[Path], *, check_rows: bool) -> None:
    """Give `source` (its `paths`, each read from `reads`: the file or its UTF-8 copy) the
    lazy read of its CSV files as one table, typed, with their rows checked and blank
    lines left out (`veil.io.rows`)."""
    paths, types, given = source.paths, source.types, source.column_names
    by_name = unnamed = False

    def scan(overrides: dict[str, pl.DataType] | None = None, files: Any = reads, *,
             header: bool = given is None) -> pl.LazyFrame:
        names = ((lambda _: list(given)) if given is not None and not header
                 else header_names if unnamed else None)
        return pl.scan_csv(files, has_header=header, separator=source.separator,
                           quote_char=source.quote, infer_schema=False,
                           skip_lines=source.skip_lines,
                           null_values=list(source.null_values) or None,
                           raise_if_empty=True, schema_overrides=overrides,
                           missing_columns="insert" if by_name else None,
                           with_column_names=names)

    headers = {one: scan(files=read, header=True).collect_schema().names()
               for one, read in zip(paths, reads, strict=True)}
    for (one, names), read in zip(headers.items(), reads, strict=True):
        if given is not None:  # the first line is a row: its fields are data, shown nowhere
            headers[one] = _given_columns(str(one), names, read, source.separator, given)
            continue
        headers[one] = _checked_header(str(one), names, read, source)
        unnamed = unnamed or headers[one] != names
    # Files whose columns come in another order are read by name, as Parquet is.
    by_name = _same_columns(source.label, headers)
    # Narrow enough for the run's own read to read every field (see `veil.io.rows`).
    fields_read = len(headers[paths[0]]) <= FULL_READ_COLUMNS
    lf = scan()
    padded: dict[str, pl.DataType] = {}
    if source.infer_schema_rows:
        head = _head_lines(reads[0], source.skip_lines + source.infer_schema_rows + 1,
                           source.quote)
        taken = scan(files=io.BytesIO(head)) if head is not None else lf
        sample = taken.head(source.infer_schema_rows).collect(engine="streaming").lazy()
        text_columns = [n for n, t in lf.collect_schema().items()
                        if t == pl.String and n not in types]
        numeric, padded_names = inferred_numbers(sample, text_columns, numbers=source.numbers)
        # Numbers without surrounding spaces are parsed by Polars' CSV reader itself, as
        # plain Polars would: much cheaper than reading text and casting it. Not numbers in
        # another form (`1.234,50`): Polars' parser would take `1.500` for 1.5.
        by_veil = padded_names | (set() if source.numbers.plain else set(numeric))
        native = {c: t for c, t in numeric.items() if c not in by_veil}
        padded = {c: t for c, t in numeric.items() if c in by_veil}
        if native:
            source.sampled_types.update({c: str(t) for c, t in native.items()})
            lf = scan(native)
    if check_rows and fields_read:
        lf = _every_field_read(lf)
    source.lf = lf = typed(lf, None, types, record=source.sampled_types, inferred=padded,
                           numbers=source.numbers)
    if not check_rows:
        return
    blank_rows, rows_before = [], 0  # positions in the files' rows, read in turn
    for one, read in zip(paths, reads, strict=True):
        checked = checked_rows(str(one), read, source.separator, len(headers[one]),
                               quote=source.quote, short_rows=source.short_rows,
                               fields_read=fields_read, columns=given,
                               skip_lines=source.skip_lines, footer_lines=source.footer_lines)
        source.rows[str(one)] = checked.records
        blank_rows += [rows_before + row for row, _ in checked.blank]
        rows_before += checked.read
        if checked.blank:
            source.notes.append(_blank_lines_note(str(one), checked.blank))
    source.lf = _without_rows(lf, blank_rows)


def _binary_files(label: str, paths: list[Path], fmt: str,
                  types: Mapping[str, str]) -> pl.LazyFrame:
    """Parquet or IPC files read as one table, by column name, in whatever order, each
    column of one type (`veil.io.file_types`)."""
    scan_binary = pl.scan_parquet if fmt == "parquet" else pl.scan_ipc
    schemas = {one: scan_binary(one).collect_schema() for one in paths}
    _same_columns(label, {one: schema.names() for one, schema in schemas.items()})
    widened = common_types(label, schemas, given=types)
    if widened or any(_differ(schemas, column) for column in types):
        return read_as_one(paths, schemas[paths[0]].names(), widened, scan_binary,
                           lambda part: typed(part, None, types))
    return typed(scan_binary(paths), None, types)


def _json_columns(texts: list[tuple[str, Path | bytes]], infer_schema_rows: int,
                  types: Mapping[str, str] | None, *, check: bool) -> pl.Schema:
    """The columns of JSON Lines files or texts: each one's own, all of them in one schema
    (Polars would take the first file's alone and drop the keys only later files have);
    with `check`, refuse a text with a key past the rows its columns were inferred from
    (see `veil.io.json_keys`).

    Texts no longer than their typing rows are read together, at once: each is read
    whole for its columns, so no key of theirs can be missed, and a folder of many small
    files (a day of chats each) costs one inference, not one per file. Keys
    `input.types` reads as text are read as text (JSON numbers become their digits), so
    a key holding numbers in the first rows and codes later is readable at all.
    """
    text = {c: pl.String for c, t in (types or {}).items() if TYPE_NAMES.get(t) == pl.String}

    def columns(source: Path | bytes, rows: int | None) -> pl.Schema:
        return pl.scan_ndjson(source, infer_schema_length=rows,
                              schema_overrides=text or None).collect_schema()

    schemas, long_texts, batch = [], [], bytearray()
    for name, one in texts:
        data = _short_text(one, infer_schema_rows)
        if data is None:
            long_texts.append((name, one))
            schemas.append(columns(one, infer_schema_rows or None))
            continue
        batch += data if data.endswith(b"\n") else data + b"\n"
        if len(batch) > _SHORT_FILE_BYTES:  # bounded: the input may be larger than memory
            schemas.append(columns(bytes(batch), None))
            batch.clear()
    if batch:
        schemas.append(columns(bytes(batch), None))
    schema = merged_schema(schemas)
    if check and infer_schema_rows:
        _refuse_unread_keys(long_texts, schema, infer_schema_rows)
    return schema


#: A file up to this size is read whole to see whether it has more lines than its typing
#: rows; short files are inferred together in batches of about this size.
_SHORT_FILE_BYTES = 4 << 20


def _short_text(text: Path | bytes, lines: int) -> bytes | None:
    """The text of a file or text with at most `lines` lines (the typing rows), or None."""
    if not lines:
        return None
    if isinstance(text, Path):
        if compression_of_file(text) is None and text.stat().st_size > _SHORT_FILE_BYTES:
            return None  # told by its size, without reading it
        with open_binary(text) as stream:  # a gzipped file's text
            text = stream.read(_SHORT_FILE_BYTES + 1)
        if len(text) > _SHORT_FILE_BYTES:
            return None
    return text if text.count(b"\n") - text.endswith(b"\n") < lines else None


def _refuse_unread_keys(texts: list[tuple[str, Path | bytes]], schema: pl.Schema,
                        infer_schema_rows: int) -> None:
    names = set(field_names(schema))
    for name, text in texts:
        unread = first_unread_key(text, names, skip_lines=infer_schema_rows)
        if unread is not None:
            msg = (f"input `{name}`, {unread.describe(infer_schema_rows)} Set `input: "
                   f"{{infer_schema_rows: 0}}` to infer the columns from every line (slower), "
                   f"then handle the new column in the recipe.")
            raise InputError(msg)


def _head_lines(path: Path, lines: int, quote: str | None = '"') -> bytes | None:
    """The first lines of a CSV file (at least `lines`), as bytes, cut at a line end outside
    quoted fields; a quoted field's line breaks do not count (`quote=None`: none is quoted).

    For the typing sample: Polars reads a CSV in large blocks, and taking 10,000 rows of
    a large file through it held some 250 MB of the file in memory. None when the file
    has fewer lines (it is small: Polars reads it whole anyway) or they are longer than
    `_HEAD_LIMIT` in all (huge fields, or no line ends at all): Polars then reads them.
    """
    mark = None if quote is None else quote.encode("utf-8")
    line_end = None if mark is None else _line_ends(mark)
    head = bytearray()
    found = position = 0
    with open_binary(path) as handle:  # a gzipped file's text
        while len(head) < _HEAD_LIMIT and (block := handle.read(1 << 20)):
            head += block
            if line_end is None or mark not in head:  # every line end counts; C counts them
                if head.count(b"\n") >= lines:
                    return bytes(head[: head.rindex(b"\n") + 1])  # at least `lines` lines
                continue
            for match in line_end.finditer(head, position):
                if match[0] == mark:  # a quote that closes in the next block: read on
                    break
                position = match.end()
                if match[0] == b"\n":
                    found += 1
                    if found == lines:
                        return bytes(head[:position])
    return None


@functools.cache
def _line_ends(mark: bytes) -> re.Pattern[bytes]:
    """A quoted field (a doubled quote inside one is two adjacent matches), an unclosed
    quote, or a line end."""
    quote = re.escape(mark)
    return re.compile(rb"%s[^%s]*%s|%s|\n" % (quote, quote, quote, quote))


def _refuse_other_separator(label: str, names: list[str], separator: str) -> None:
    """One column whose name holds `;` (or a tab, or `|`): the file uses another separator.
    A first line `sep=;`: a spreadsheet's separator hint stands where the header should.

    Not `,`, which a title over the table (`Statement for Ann Lee, account 4471`) holds as
    often as a header: a comma file read with another separator is named where its one
    column fails a step (`veil.steps.base.column_missing`) or the read (`Source.diagnose`)."""
    hint = _SEPARATOR_HINT.match(separator.join(names))
    if hint:
        hinted = _as_written(hint[1])
        setting = "" if hint[1] == separator else f", separator: '{hinted}'"
        msg = (f"input `{label}`, line 1: `sep={hinted}` is a spreadsheet's separator hint, not "
               f"the header. Set `input: {{skip_lines: 1{setting}}}` in the recipe to read "
               f"the table under it.")
        raise InputError(msg)
    if len(names) != 1:
        return
    for other in (";", "\t", "|"):
        if other != separator and other in names[0]:
            shown, given = _as_written(other), _as_written(separator)
            msg = (f"input `{label}` has a single column whose header contains `{shown}`: the "
                   f"fields look separated by `{shown}`, not `{given}`. Set `input: "
                   f"{{separator: '{shown}'}}` in the recipe.")
            raise InputError(msg)


def _as_written(separator: str) -> str:
    """A separator as a recipe writes it: a tab as `\\t`."""
    return "\\t" if separator == "\t" else separator


_BOM = b"\xef\xbb\xbf"


def _has_bom(path: Path) -> bool:
    """Whether the text of `path` (decompressed) starts with a UTF-8 byte order mark."""
    with open_binary(path) as stream:
        return stream.read(len(_BOM)) == _BOM


def _refuse_carriage_return_lines(label: str, names: list[str], text: Path | bytes) -> None:
    """Refuse a text whose lines end with a carriage return alone (classic Mac): Polars ends
    lines at `\\n` only, so every row went into the header's names, identifiers included."""
    if not any("\r" in name for name in names):
        return
    head = first_bytes(text, 1 << 16)
    if b"\n" in head:  # a quoted name holding a carriage return, in a file of `\n` lines
        return
    msg = (f"input `{label}`: its lines end with a carriage return alone (`\\r`, as in "
           f"classic Mac exports), so the whole file reads as one header line. Convert its "
           f"line ends first, e.g. `tr '\\r' '\\n' < FILE > FILE.csv`, or save it again as "
           f"CSV with Windows or Unix line ends.")
    raise InputError(msg)


#: Excel's first line naming the separator (`sep=;`), read as a header.
_SEPARATOR_HINT = re.compile(r"sep=(.)\Z", re.DOTALL)


def _same_columns(label: str, headers: Mapping[Path, list[str]]) -> bool:
    """Refuse files of one input whose columns are not the first file's; True when they
    are, in another order (a CSV is then read by name).

    Told to, Polars would fill a column a file lacks with nulls and drop one it adds;
    otherwise it fails mid-run with a message about the recipe.
    """
    (first, names), *others = headers.items()
    _refuse_duplicate_header(str(first), names)
    reordered = False
    for other, other_names in others:
        _refuse_duplicate_header(str(other), other_names)
        missing = [n for n in names if n not in other_names]
        extra = [n for n in other_names if n not in names]
        if missing or extra:
            from veil.nlp.names import data_names  # on this error path only

            masks = data_names(missing + extra)
            differences = [f"lacks {_listed(missing, masks)}" if missing else "",
                           f"has {_listed(extra, masks)} in addition" if extra else ""]
            headerless = (" Names holding identifiers are shown as placeholders. "
                          + HEADERLESS_ADVICE if masks else "")
            msg = (f"input `{label}`: file `{other}` {' and '.join(d for d in differences if d)}, "
                   f"compared with `{first}`. Every file of a folder or glob needs the same "
                   f"columns (their order may differ): fix the export, or run veil on each "
                   f"file.{headerless}")
            raise InputError(msg)
        reordered |= other_names != names
    return reordered


def _differ(schemas: Mapping[Path, pl.Schema], column: str) -> bool:
    """Whether `column` has more than one type across the files (absent counts as none)."""
    return len({schema.get(column) for schema in schemas.values()}) > 1


def _listed(names: list[str], masks: Mapping[str, str]) -> str:
    """`columns `a`, `b``, a name of `masks` (holding an identifier) by its placeholder."""
    shown = ", ".join(masks.get(n) or f"`{n}`" for n in names)
    return f"column{'s' if len(names) > 1 else ''} {shown}"


#: Advice to set an `input` key, with the `veil run` option that does the same, if named.
_INPUT_SETTING = re.compile(
    r"`input: \{([^`]*)\}`(?: in the recipe)?(?: or pass `--[a-z-]+ [^`]*`)?")


def as_step_settings(message: str, step: str) -> str:
    """A reader's message about a file a step reads: its settings are the step's.

    Reader messages name the recipe's `input` settings (`input: {separator: ';'}`);
    the same keys of a step that reads a file (`join`) sit in that step instead.
    """
    message = reworded_settings(message, lambda setting: f"`{setting}` in the `{step}` step")
    return message.replace("`input.types", "`types")


def reworded_settings(message: str, where: Callable[[str], str]) -> str:
    """`message` with each `input: {key: value}` advice replaced by `where("key: value")`."""
    return _INPUT_SETTING.sub(lambda found: where(found[1]), message)


def _number_form_hint(numbers: NumberFormat) -> str:
    """What a number must look like under the recipe's `decimal_comma` and `thousands`."""
    if numbers.thousands is None:  # a decimal comma alone
        return (" With `decimal_comma: true` a number reads `1234,50`; a point is refused, "
                "not guessed (`1.500`: 1.5 or 1500?). If the file groups digits as `1.234,50`, "
                "set `thousands: '.'`.")
    return (f" Numbers here read `{numbers.describe()}` (`thousands: '{numbers.thousands}'`"
            f"{', `decimal_comma: true`' if numbers.decimal == ',' else ''}); a value in "
            f"another form is refused, not guessed.")


def _refuse_comma_with_comma(label: str, fmt: str, separator: str,
                             numbers: NumberFormat) -> None:
    if numbers.decimal == "," and fmt in ("csv", "tsv") and separator == ",":
        msg = (f"input `{label}`: `decimal_comma: true` needs fields separated by something "
               f"other than `,` (decimal-comma exports use `;`): set `input: {{separator: ';'}}`.")
        raise InputError(msg)


def _refuse_duplicate_header(label: str, names: list[str]) -> None:
    """Polars renames a repeated CSV header `id` to `id_duplicated_0`; veil refuses it."""
    for name in names:
        found = _DUPLICATED.fullmatch(name)
        if found and found[1] in names:
            shown = shown_name(found[1])
            if shown is None:
                msg = (f"input `{label}`: the header names a column more than once, by a "
                       f"name holding an identifier (not shown). {HEADERLESS_ADVICE}")
                raise InputError(msg)
            msg = (f"input `{label}`: the header names column `{shown}` more than once. Rename "
                   f"the repeated column in the file.")
            raise InputError(msg)


def _checked_header(label: str, names: list[str], text: Path | bytes,
                    source: Source) -> list[str]:
    """A CSV header's names as veil reads them (`_named_header`, its note added to the
    source's notes), once they show lines, a separator and quotes veil reads: checked before
    the rows are read, which would all look ragged, or be none at all."""
    _refuse_carriage_return_lines(label, names, text)
    _refuse_other_separator(label, names, source.separator)
    quote = source.quote
    if quote is not None and any(quote in name for name in names) and not quotes_pair_up(
            text, quote, source.skip_lines):
        # A quote inside a header name (a title over the table: `Statement for "Ann`) is a
        # character to Polars' header, but its rows' reader opens a field there that never
        # closes: the file read as no rows at all.
        problem = find_ragged_row(text, source.separator, quote=quote,
                                  skip_lines=source.skip_lines, footer_lines=source.footer_lines)
        if problem is not None:
            msg = f"input `{label}`, {problem}"
            raise InputError(msg)
    named, note = _named_header(label, names)
    if note:
        source.notes.append(note)
    return named


def _given_columns(label: str, first_line: list[str], text: Path | bytes, separator: str,
                   columns: Sequence[str]) -> list[str]:
    """The names `input.column_names` gives a CSV without a header line, once its first line
    (read as a header: `first_line`) shows a row of as many fields, and no header."""
    _refuse_carriage_return_lines(label, first_line, text)
    if len(columns) > 1:  # a one-column file's text may hold any character
        _refuse_other_separator(label, first_line, separator)
    named = sum(field.strip().casefold() == name.strip().casefold()
                for field, name in zip(first_line, columns, strict=False))
    if 2 * named > len(columns):  # no record holds most of its columns' own names
        held = "the names" if named == len(columns) else f"{named} of the {len(columns)} names"
        msg = (f"input `{label}`, line 1 holds {held} `input.column_names` gives: the file "
               f"has a header line. Leave `column_names` out of the recipe's `input`.")
        raise InputError(msg)
    if len(first_line) != len(columns):
        fields = f"{len(first_line)} field{'s' if len(first_line) != 1 else ''}"
        msg = (f"input `{label}`, line 1: the row has {fields} but `input.column_names` names "
               f"{len(columns)}. Name one column per field of the file's lines, in order.")
        raise InputError(msg)
    return list(columns)


def _refuse_settings_of(label: str, fmt: str, options: ReadOptions) -> None:
    """Refuse settings an input of format `fmt` cannot be read with, before it is read.

    Checked where standard input and files are opened; the text they decode in memory
    (`_from_bytes`) comes with the same settings. `input.column_names` and
    `input.skip_lines` say where a CSV's table starts and what its columns are; other
    formats hold named columns from their first byte.
    """
    _refuse_comma_with_comma(label, fmt, options.separator_of(fmt), options.numbers)
    if fmt in ("csv", "tsv"):
        return
    if options.column_names is not None:
        msg = (f"input `{label}` is {fmt}, whose columns are named in the data: "
               f"`input.column_names` names those of a CSV or TSV file without a header line. "
               f"Leave it out.")
        raise InputError(msg)
    for key, where in (("skip_lines", "over"), ("footer_lines", "under")):
        if getattr(options, key):
            msg = (f"input `{label}` is {fmt}: `input.{key}` leaves out lines {where} the table "
                   f"of a CSV or TSV file. Leave it out.")
            raise InputError(msg)


def _cut_footers(copies: dict[Path, Path], footer_lines: int) -> None:
    """Cut the `input.footer_lines` lines off each file's copy; on failure, remove them all."""
    try:
        for one, copy in copies.items() if footer_lines else ():
            cut_footer(str(one), copy, footer_lines)
    except BaseException:
        remove_copies(copies)
        raise


def _footer_advice(under: list[int], footer_lines: int) -> str:
    """Advice for a value that breaks its column's type among the last `FOOTER_ROWS` lines
    (`under`: the lines under its row, if counted; `footer_lines`: those already unread)."""
    if not under or under[0] >= FOOTER_ROWS:
        return ""
    return footer_advice(f"that row{' and those under it are' if under[0] else ' is'}",
                         under[0] + 1 + footer_lines)


def _table_text(label: str, text: bytes, footer_lines: int) -> bytes:
    """A CSV file's text without the `input.footer_lines` lines under its table."""
    return without_footer(label, text, footer_lines) if footer_lines else text


def _no_data(label: str, options: ReadOptions) -> str:
    skipped, cut = options.skip_lines, options.footer_lines
    if skipped and cut:
        return (f"input `{label}` holds no data between the {skipped:,} lines `input.skip_lines` "
                f"leaves out and the {cut:,} last lines `input.footer_lines` leaves out. Check "
                f"those numbers: the header is the first line read.")
    if skipped:
        return (f"input `{label}` holds no data past the {skipped:,} lines `input.skip_lines` "
                f"leaves out. Check that number: the header is the first line read.")
    return f"input `{label}` holds no data. A CSV needs at least a header line."


def _named_header(label: str, names: list[str]) -> tuple[list[str], str | None]:
    """A CSV header's names with its empty ones named (`header_names`), and the report's
    note saying so, if any. An empty column name is awkward in every later step and in
    the output (a Parquet column, a JSON key named ``)."""
    named = header_names(names)
    given = [(position, name) for position, (name, was) in enumerate(zip(named, names,
                                                                        strict=True), start=1)
             if name != was]
    if not given:
        return named, None
    taken = next((name for _, name in given if named.count(name) > 1), None)
    if taken is not None:
        msg = (f"input `{label}`: a column of the header has no name, and `{taken}`, the name "
               f"veil gives it, is another column's too. Name the column in the file.")
        raise InputError(msg)
    many = len(given) > 1
    return named, (
        f"input `{label}`: column{'s' if many else ''} "
        f"{', '.join(str(position) for position, _ in given)} of the header "
        f"{'have' if many else 'has'} no name, read as "
        f"{', '.join(f'`{name}`' for _, name in given)} (pandas writes its row index without "
        f"a name, and a separator ending every line adds an empty column).")


def _unreadable(source: Source, exc: BaseException) -> InputError:
    return source.diagnose(exc, reading=True) or InputError(
        f"input `{source.label}` could not be read as {source.format} ({type(exc).__name__}). "
        f"Check that the file is complete and of that format, or name the format with `--format`."
    )


#: The row positions `_without_rows` numbers rows by: NUL is refused in text input, so no
#: CSV header holds this name.
_ROW = "\x00veil row"


def _without_rows(frame: FrameT, rows: list[int]) -> FrameT:
    """`frame` without the rows at `rows` (from 0): the rows Polars read from blank lines."""
    if not rows:
        return frame
    return frame.with_row_index(_ROW).filter(~pl.col(_ROW).is_in(rows)).drop(_ROW)


def _blank_lines_note(name: str, blank: list[tuple[int, int]]) -> str:
    lines = [str(line) for _, line in blank]
    shown = ", ".join(lines[:5]) + (f" and {len(lines) - 5:,} more" if len(lines) > 5 else "")
    many = len(lines) > 1
    return (f"input `{name}`: {len(lines):,} blank line{'s' if many else ''} "
            f"(line{'s' if many else ''} {shown}) left out, not read as rows of nulls.")


def _spooled_source(spooled: Path, opened: Callable[[Path], Source]) -> Source:
    """The source `opened` makes of standard input's private file, named as standard input
    (in its messages too, which would otherwise name a file in the spill folder)."""
    try:
        source = opened(spooled)
    except InputError as exc:
        spooled.unlink(missing_ok=True)
        raise InputError(str(exc).replace(str(spooled), STANDARD_INPUT)) from None
    except BaseException:
        spooled.unlink(missing_ok=True)
        raise
    source.label = STANDARD_INPUT
    source.names[spooled] = STANDARD_INPUT
    source.notes = [note.replace(str(spooled), STANDARD_INPUT) for note in source.notes]
    source.spooled = spooled
    return source


def frame_source(frame: pl.DataFrame | pl.LazyFrame) -> Source:
    lf = frame.lazy() if isinstance(frame, pl.DataFrame) else frame
    return Source(label="<frame>", format="frame", lf=lf)


def _from_bytes(label: str, pieces: list[tuple[str, bytes]], fmt: str,
                options: ReadOptions) -> Source:
    """A source from text in memory: `pieces` are (name, bytes), one per file of the input.

    CSV pieces are read apart (each has its header), checked like files, and made one
    table; a JSON Lines input comes as one piece.
    """
    encoding = options.encoding
    texts = []
    for name, data in pieces:
        if fmt == "jsonl" and normal_encoding(encoding) == "utf-8":
            data = data.removeprefix(_BOM)  # JSON allows none, which Windows tools write
        if normal_encoding(encoding) != "utf-8":
            data = decoded(name, data, encoding)
        elif problem := zero_byte_problem(data):
            msg = f"input `{name}`, {problem}"
            raise InputError(msg)
        if not data.strip():
            msg = f"input `{name}` is empty. A CSV needs at least a header line."
            raise InputError(msg)
        texts.append((name, _table_text(name, data, options.footer_lines)))
    sep, quote, types, null_values = (options.separator_of(fmt), options.quote, options.types,
                                      options.null_values)
    source = _empty_source(label, fmt, options, data=texts[0][1] if len(texts) == 1 else None,
                           pieces=texts if len(texts) > 1 else [])
    try:
        if fmt == "jsonl":
            schema = _json_columns(texts, options.infer_schema_rows, types,
                                   check=options.check_rows)
            source.json_types = dict(schema)
            _refuse_duplicate_header(label, list(schema))
            frame = pl.concat([pl.read_ndjson(io.BytesIO(data), schema=schema)
                               for _, data in texts])
            source.lf = typed(frame.lazy(), None, types)
        else:
            frames, blank = {}, {}
            for name, data in texts:
                frames[name], blank[name] = _csv_piece(source, name, data, options)
            _same_columns(label, {name: frame.columns for name, frame in frames.items()})
            first = next(iter(frames.values())).columns
            frame = pl.concat([f.select(first) for f in frames.values()])
            lf = frame.lazy()
            if frame.height == 0:
                # Header only (a day without records): its columns are text, and a step that
                # compares one with a number fails on a frame, though it passes on the same
                # file from disk, whose scan has no rows to compare. Read it as that file is.
                lf = _without_rows(pl.scan_csv(io.BytesIO(texts[0][1]), separator=sep,
                                               quote_char=quote, infer_schema=False,
                                               null_values=null_values or None,
                                               with_column_names=header_names,
                                               skip_lines=options.skip_lines),
                                   blank.get(texts[0][0], []))
            source.lf = typed(lf, frame.head(options.infer_schema_rows).lazy(), types,
                              record=source.sampled_types, numbers=options.numbers)
        source.lf.collect_schema()
    except pl.exceptions.PolarsError as exc:  # NoDataError: blank lines only, under a title
        raise (InputError(_no_data(label, options)) if isinstance(exc, pl.exceptions.NoDataError)
               else _unreadable(source, exc)) from None
    return source


def _csv_piece(source: Source, name: str, data: bytes,
               options: ReadOptions) -> tuple[pl.DataFrame, list[int]]:
    """One file's CSV text in memory, read as text with its header checked (or its columns
    named by `input.column_names`), its rows checked and counted into `source`, and its
    blank lines left out: the frame, and the rows those blank lines were."""
    sep, quote = source.separator, source.quote
    given, skip = options.column_names, options.skip_lines
    try:
        frame = pl.read_csv(io.BytesIO(data), separator=sep, quote_char=quote, infer_schema=False,
                            null_values=options.null_values or None, has_header=given is None,
                            skip_lines=skip)
    except pl.exceptions.NoDataError:
        raise InputError(_no_data(name, options)) from None
    if given is None:
        _refuse_duplicate_header(name, frame.columns)
        frame.columns = _checked_header(name, frame.columns, data, source)
    else:  # the first line is a row: its fields are data, shown nowhere
        first_line = pl.read_csv(io.BytesIO(data), separator=sep, quote_char=quote,
                                 infer_schema=False, n_rows=0, skip_lines=skip).columns
        frame.columns = _given_columns(name, first_line, data, sep, given)
    if not options.check_rows:
        return frame, []
    checked = checked_rows(name, data, sep, frame.width, quote=quote,
                           short_rows=options.short_rows, columns=given, skip_lines=skip,
                           footer_lines=options.footer_lines)
    source.rows[name] = checked.records
    if checked.blank:
        source.notes.append(_blank_lines_note(name, checked.blank))
    blank = [row for row, _ in checked.blank]
    return _without_rows(frame, blank), blank


def _expand(text_path: str) -> list[Path]:
    path = Path(text_path)
    if any(char in text_path for char in "*?["):
        matches = sorted(Path(m) for m in globlib.glob(text_path, recursive=True) if Path(m).is_file())
        if not matches:
            msg = f"input glob `{text_path}` matches no file. Check the pattern and the folder."
            raise InputError(msg)
        return matches
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and read_in_folders(p))
        if not files:
            msg = (f"input folder `{path}` holds no file veil can read "
                   f"({', '.join(sorted(EXTENSIONS))}, and text ones compressed, such as "
                   f"`.csv.gz`).")
            raise InputError(msg)
        return files
    if not path.exists():
        msg = f"input `{path}` does not exist. Check the path (relative paths start at the current folder)."
        raise InputError(msg)
    return [path]


def _every_field_read(lf: pl.LazyFrame) -> pl.LazyFrame:
    """`lf`, a CSV scan, with every field of every row read, whichever columns the steps use.

    Polars refuses a row with more fields than the header only when it reads every
    column; a recipe that keeps some columns would pass over it, and with it the
    second half of a broken record (`Doe, John` split over two lines puts `John` in the
    `id` column of a row of its own). Row counts cannot see such a pair: one line's
    extra field balances the other's missing one. A filter that every row passes but
    that looks at every column (one of them not null, or all of them null) keeps Polars
    from leaving any column unread. Packing all columns into a struct and unpacking it
    again did the same until Polars 2.2, which sees through the pair and reads only the
    columns used; `tests/io/test_rows.py` checks that the read still refuses such a row.
    A file of more than `FULL_READ_COLUMNS` columns has its long rows counted in a pass
    of its own instead (`veil.io.rows`): the struct's plan grew with the square of the
    columns (95 s for 5,000), and a filter over thousands of columns is no better.
    """
    every_row = (pl.any_horizontal(pl.all().is_not_null())
                 | pl.all_horizontal(pl.all().is_null()))
    return lf.filter(every_row)
