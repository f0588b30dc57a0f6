"""A file's bytes as the UTF-8 text Polars reads: decompressed, transcoded, in memory.

Compressed inputs (`.csv.gz`) and inputs in another encoding are turned into
UTF-8 text in memory, never into a temporary file: a plain copy of the data on
disk is what a de-identification tool must not leave behind. Errors name the
file and line, never the bytes.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path
from typing import BinaryIO

from veil.errors import InputError
from veil.io.formats import compression_of

__all__ = ["compression_of_file", "decoded", "decompressed_stream", "normal_encoding",
           "open_binary", "utf8_text"]

_OPENERS = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}
_DECOMPRESS = {"gzip": gzip.decompress, "bz2": bz2.decompress, "xz": lzma.decompress}


def _sniffed(head: bytes) -> str | None:
    """The compression whose signature `head` starts with; no text file starts so."""
    if head.startswith(b"\x1f\x8b\x08"):
        return "gzip"
    if head[:3] == b"BZh" and head[3:4] in b"123456789" and head[4:10] == b"1AY&SY":
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return None


def compression_of_file(path: Path) -> str | None:
    """`path`'s compression: by its extension, or by its first bytes (a gzip named `.csv`)."""
    named = compression_of(path)
    if named is not None or not path.is_file():
        return named
    with open(path, "rb") as stream:
        return _sniffed(stream.read(10))


def decompressed_stream(label: str, data: bytes) -> bytes:
    """Standard input as text: decompressed when it starts with a compression's signature."""
    kind = _sniffed(data[:10])
    if kind is None:
        return data
    try:
        return _DECOMPRESS[kind](data)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        msg = (f"input `{label}` starts like {kind} data but could not be decompressed "
               f"({type(exc).__name__}). Check that it is complete.")
        raise InputError(msg) from None


def normal_encoding(encoding: str) -> str:
    return encoding.lower().replace("_", "-").replace("utf8", "utf-8")


def utf8_text(path: Path, encoding: str) -> bytes:
    """The UTF-8 text of a file that is compressed or in another encoding."""
    raw = _decompressed(path)
    return raw if normal_encoding(encoding) == "utf-8" else decoded(str(path), raw, encoding)


def open_binary(path: Path) -> BinaryIO:
    """`path` opened for reading its bytes, decompressed when its extension says so."""
    opener = _OPENERS.get(compression_of_file(path) or "")
    return opener(path, "rb") if opener is not None else open(path, "rb")


def _decompressed(path: Path) -> bytes:
    """The whole file, decompressed in memory: never to a temporary file beside the data."""
    try:
        with open_binary(path) as stream:
            return stream.read()
    except (OSError, EOFError, lzma.LZMAError) as exc:  # gzip.BadGzipFile is an OSError
        msg = (f"input `{path}` could not be decompressed as {compression_of_file(path)} "
               f"({type(exc).__name__}). Check that the file is complete and of that kind.")
        raise InputError(msg) from None


def decoded(label: str, data: bytes, encoding: str) -> bytes:
    """`data` re-encoded from `encoding` to UTF-8; the error names the line, never the bytes."""
    try:
        return data.decode(encoding).encode("utf-8")
    except LookupError:
        msg = (f"input `{label}`: unknown text encoding `{encoding}`. Use a Python codec name "
               f"such as `utf-8`, `latin-1` or `cp1252`.")
        raise InputError(msg) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        msg = (f"input `{label}`, line {line}: the file is not valid `{encoding}` text. Check "
               f"the encoding the file was exported with and set `input: {{encoding: ...}}`.")
        raise InputError(msg) from None
