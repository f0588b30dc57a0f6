"""A file's bytes as the UTF-8 text Polars reads: decompressed, transcoded.

Polars reads gzip itself, in batches (`POLARS_DECOMPRESSES`); veil's own checks read a
gzip file's text through `open_binary`. Other compressed inputs (`.csv.bz2`, `.csv.xz`)
and inputs in another encoding are turned into UTF-8 text in memory while it fits in a
share of the memory the process may use (`in_memory_text_limit`). Past that, and only
when the run may spill (`veil.io.spill`),
the text goes on into a copy in veil's private spill folder, so an input larger than
memory can still be read: the same rows Polars would write there when memory runs short,
with the same protections (a folder only this user can read, removed when the process
exits, and what a killed run left removed by the next). Nothing is ever written beside
the data. Errors name the file and line, never the bytes.
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import gzip
import hashlib
import io
import lzma
import os
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from veil.errors import InputError
from veil.io.formats import compression_of

__all__ = ["POLARS_DECOMPRESSES", "compression_of_file", "cut_footer", "decoded",
           "decompressing", "in_memory_text_limit", "normal_encoding", "open_binary",
           "remove_copies", "standard_input", "utf8_text", "utf8_texts", "without_footer"]

_OPENERS = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}
#: Compressions Polars reads itself, in batches (whatever the file's name): no copy needed.
POLARS_DECOMPRESSES = ("gzip",)


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


def standard_input(stream: BinaryIO, folder: Path | None, limit: int) -> tuple[bytes | Path, str]:
    """Standard input as (its text, the sha256 of its bytes as given).

    The text is decompressed (when the bytes start with a compression's signature) and held
    in memory while it takes at most `limit` bytes. Past that, with a `folder` (the run may
    spill), the bytes as given go on into a private file there (see `_copies`), which is
    then read as a file is, in batches (Polars reads gzip itself): a pipe larger than memory
    can be read. The caller removes the file.
    """
    digest = hashlib.sha256()
    given = bytearray()
    while block := stream.read(1 << 20):
        digest.update(block)
        given += block
        if folder is not None and len(given) > limit:
            spooled = _spooled(folder, given, stream, digest)
            return spooled, digest.hexdigest()
    kind = _sniffed(bytes(given[:10]))
    text = bytes(given) if kind is None else _decompressed(
        "standard input", kind, given, None if folder is None else limit + 1)
    if folder is not None and len(text) > limit:  # compressed, and larger than memory allows
        del text
        return _spooled(folder, given, stream, digest), digest.hexdigest()
    return text, digest.hexdigest()


def _decompressed(label: str, kind: str, data: bytes | bytearray, most: int | None) -> bytes:
    """`data` decompressed; at most `most` bytes of it, if given (enough to tell it is more)."""
    try:
        with _OPENERS[kind](io.BytesIO(data)) as stream:
            return stream.read(-1 if most is None else most)
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        msg = (f"input `{label}` starts like {kind} data but could not be decompressed "
               f"({type(exc).__name__}). Check that it is complete.")
        raise InputError(msg) from None


def _spooled(folder: Path, head: bytes | bytearray, rest: BinaryIO, digest: Any) -> Path:
    """`head` and what is left of `rest` (hashed into `digest` as it is read) in a private
    file in `folder`."""
    copy, out = _private_file(folder)
    try:
        with out:
            out.write(head)
            while block := rest.read(1 << 20):
                digest.update(block)
                out.write(block)
    except BaseException:
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    return copy


def _private_file(folder: Path) -> tuple[Path, BinaryIO]:
    """A new file in `folder` (created for this user alone), readable by its owner only and
    open for writing. Its name is a UUID, which the spill folder's clean-up of killed runs
    recognises."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4()}.txt"
    return path, open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def normal_encoding(encoding: str) -> str:
    return encoding.lower().replace("_", "-").replace("utf8", "utf-8")


def open_binary(path: Path) -> BinaryIO:
    """`path` opened for reading its bytes, decompressed when its extension says so."""
    opener = _OPENERS.get(compression_of_file(path) or "")
    return opener(path, "rb") if opener is not None else open(path, "rb")


@contextlib.contextmanager
def decompressing(path: Path, label: str | None = None) -> Iterator[None]:
    """Turn the error of reading a compressed file that is cut short or corrupt (from Python
    or from Polars, which reads gzip itself) into an InputError naming it."""
    try:
        yield
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        kind = compression_of_file(path) if path.is_file() else None
        if kind is None or isinstance(exc, InputError):
            raise
        msg = (f"input `{label or path}` could not be decompressed as {kind} "
               f"({type(exc).__name__}). Check that the file is complete and of that kind.")
        raise InputError(msg) from None


def utf8_text(path: Path, encoding: str) -> bytes:
    """The UTF-8 text of a file that is compressed or in another encoding, in memory."""
    return b"".join(_utf8_blocks(path, encoding))


def utf8_texts(paths: list[Path], encoding: str, folder: Path | None,
               limit: int) -> dict[Path, bytes] | dict[Path, Path]:
    """The UTF-8 text of each file (compressed, or in another encoding): all in memory while
    together they take at most `limit` bytes; else, with a `folder`, every one as a copy
    in it (files only this user can read; the caller removes them, see `remove_copies`).

    Without a folder (spilling is off), the texts stay in memory whatever their size.
    """
    texts: dict[Path, bytes] = {}
    used = 0
    for index, path in enumerate(paths):
        blocks = _utf8_blocks(path, encoding)
        text = bytearray()
        for block in blocks:
            text += block
            if folder is not None and used + len(text) > limit:
                return _copies(folder, [*texts.items(), (path, bytes(text))],
                               [(path, blocks), *((later, _utf8_blocks(later, encoding))
                                                  for later in paths[index + 1:])])
        texts[path] = bytes(text)
        used += len(text)
    return texts


def _copies(folder: Path, read: list[tuple[Path, bytes]],
            unread: list[tuple[Path, Iterator[bytes]]]) -> dict[Path, Path]:
    """Write each file's text read so far, then the rest of its blocks, to a copy of its own."""
    copies: dict[Path, Path] = {}
    heads = dict(read)
    rests = dict(unread)
    try:
        for path in [*heads, *(p for p in rests if p not in heads)]:
            copies[path], out = _private_file(folder)
            with out:
                out.write(heads.get(path, b""))
                for block in rests.get(path, ()):
                    out.write(block)
    except BaseException:
        remove_copies(copies)
        raise
    return copies


def without_footer(label: str, text: bytes, lines: int) -> bytes:
    """`text` without its last `lines` lines (`input.footer_lines`), counted as `head -n
    -LINES` counts them: whole lines, quotes or not; the line end that ends the text starts
    no line of its own, and a last line without one is a line.

    Raises InputError when no line is left, or only blank ones."""
    start = _footer_start(text, lines)
    if start is None or not text[:start].strip():
        msg = (f"input `{label}` holds no data above the {lines:,} last lines "
               f"`input.footer_lines` leaves out. Check that number: it counts the lines "
               f"under the table.")
        raise InputError(msg)
    return text[:start]


def cut_footer(label: str, copy: Path, lines: int) -> None:
    """Cut the last `lines` lines off a private copy of a file's text (see
    `without_footer`), reading only as much of its end as they take."""
    size = copy.stat().st_size
    block = 1 << 16
    while True:
        with open(copy, "rb") as stream:
            stream.seek(max(size - block, 0))
            tail = stream.read()
        if len(tail) == size:  # the whole text (raises when no line is left)
            os.truncate(copy, len(without_footer(label, tail, lines)))
            return
        start = _footer_start(tail, lines)
        if start is not None:  # a line end found in the tail is one of the text's
            os.truncate(copy, size - len(tail) + start)
            return
        block *= 4


def _footer_start(text: bytes, lines: int) -> int | None:
    """The offset of the first of the last `lines` lines of `text`, or None when those
    are all its lines (or more)."""
    position = len(text) - 1 if text.endswith(b"\n") else len(text)
    for _ in range(lines):
        position = text.rfind(b"\n", 0, position)
        if position < 0:
            return None
    return position + 1 if lines else len(text)


def remove_copies(copies: dict[Path, Path]) -> None:
    for copy in copies.values():
        with contextlib.suppress(OSError):
            copy.unlink()


def _utf8_blocks(path: Path, encoding: str) -> Iterator[bytes]:
    """The file's text in UTF-8, a block at a time: decompressed, and decoded from `encoding`."""
    decoder = None
    if normal_encoding(encoding) != "utf-8":
        try:
            decoder = codecs.getincrementaldecoder(encoding)()
        except LookupError:
            raise InputError(_unknown_encoding(str(path), encoding)) from None
    lines = 0
    with decompressing(path), open_binary(path) as stream:
        while block := stream.read(1 << 20):
            if decoder is None:
                yield block
                continue
            try:
                yield decoder.decode(block).encode("utf-8")
            except UnicodeDecodeError as exc:
                line = lines + block.count(b"\n", 0, max(exc.start, 0)) + 1
                raise InputError(_not_valid(str(path), line, encoding)) from None
            lines += block.count(b"\n")
        if decoder is not None:
            try:
                yield decoder.decode(b"", final=True).encode("utf-8")
            except UnicodeDecodeError:
                raise InputError(_not_valid(str(path), lines + 1, encoding)) from None


def in_memory_text_limit() -> int:
    """How much decoded text an input may keep in memory: an eighth of what this process may
    use (the machine's memory, or its container's limit when lower). Polars' table of the
    text, and the typed table after it, take several times the text itself."""
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") \
        if hasattr(os, "sysconf") else 8 << 30
    return min(total, _cgroup_limit() or total) // 8


def _cgroup_limit() -> int | None:
    """The lowest memory limit set on this process's cgroup or a parent of it (v2
    `memory.max`, v1 `memory.limit_in_bytes`), if any."""
    try:
        entries = Path("/proc/self/cgroup").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    places = []
    for entry in entries:
        _, controllers, path = entry.split(":", 2)
        if controllers == "":
            places.append((Path("/sys/fs/cgroup"), path, "memory.max"))
        elif "memory" in controllers.split(","):
            places.append((Path("/sys/fs/cgroup/memory"), path, "memory.limit_in_bytes"))
    limits = []
    for root, path, name in places:
        folder = root / path.strip().lstrip("/")
        for level in (folder, *folder.parents):
            if not level.is_relative_to(root):
                break
            try:
                value = (level / name).read_text(encoding="utf-8").strip()
            except OSError:
                continue
            if value.isdigit() and int(value) < 1 << 60:  # v1 writes "no limit" as ~2**63
                limits.append(int(value))
    return min(limits, default=None)


def decoded(label: str, data: bytes, encoding: str) -> bytes:
    """`data` re-encoded from `encoding` to UTF-8; the error names the line, never the bytes."""
    try:
        return data.decode(encoding).encode("utf-8")
    except LookupError:
        raise InputError(_unknown_encoding(label, encoding)) from None
    except UnicodeDecodeError as exc:
        raise InputError(_not_valid(label, data.count(b"\n", 0, exc.start) + 1,
                                    encoding)) from None


def _unknown_encoding(label: str, encoding: str) -> str:
    return (f"input `{label}`: unknown text encoding `{encoding}`. Use a Python codec name such "
            f"as `utf-8`, `latin-1` or `cp1252`.")


def _not_valid(label: str, line: int, encoding: str) -> str:
    return (f"input `{label}`, line {line}: the file is not valid `{encoding}` text. Check the "
            f"encoding the file was exported with and set `input: {{encoding: ...}}`.")
