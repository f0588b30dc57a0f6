"""File formats veil reads and writes, chosen by extension or named explicitly."""

from __future__ import annotations

from pathlib import Path

from veil.errors import UsageError

__all__ = ["COMPRESSIONS", "EXTENSIONS", "FORMATS", "compression_of", "format_for",
           "read_in_folders", "STREAM_FORMATS"]

EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".arrow": "ipc",
    ".ipc": "ipc",
    ".feather": "ipc",
}
#: Compression a text input may carry, by extension: `transactions.csv.gz` is CSV.
COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}
#: Archives of files: one of them is the data, and which one is for the user to say.
ARCHIVES = frozenset({".zip", ".tar", ".tgz", ".7z", ".rar"})
#: Workbook extensions, named in the error: exports from hospital and bank systems often are.
SPREADSHEETS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".numbers"})
#: Every format veil reads and writes.
FORMATS = ("csv", "tsv", "parquet", "jsonl", "ipc")
#: Formats that can be read from standard input or written to standard output.
STREAM_FORMATS = ("csv", "tsv", "jsonl")


def compression_of(path: str | Path) -> str | None:
    """`gzip`, `bz2` or `xz` when `path` names a compressed file, else None."""
    return COMPRESSIONS.get(Path(str(path)).suffix.lower())


def format_for(path: str | Path, explicit: str | None = None, *, role: str = "input") -> str:
    """The format of `path`: `explicit` if given, else from the extension (`-`: JSON Lines).

    A compressed file's format is the extension before the compression's
    (`x.csv.gz`); only text formats are read compressed, and nothing is written so.
    """
    if str(path) == "-" and not explicit:  # standard input or output
        return "jsonl"
    compression = compression_of(path)
    if compression is not None:
        return _compressed_format(Path(str(path)), explicit, role, compression)
    if explicit:
        if explicit not in FORMATS:
            msg = (f"unknown {role} format `{explicit}`; use one of {', '.join(FORMATS)}.")
            raise UsageError(msg)
        return explicit
    suffix = Path(str(path)).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted(EXTENSIONS))
    hint = {".json": " (JSON Lines files end in .jsonl; a JSON array `[...]` converts to JSON "
                     "Lines with `jq -c '.[]' FILE > FILE.jsonl`)",
            ".txt": " (a spreadsheet's \"Unicode text\" export is tab-separated UTF-16: "
                    "`--format tsv --encoding utf-16`)"}.get(suffix, "")
    if suffix in SPREADSHEETS:  # `--format csv` would read the workbook's zip bytes as text
        msg = (f"{role} `{path}` is a spreadsheet workbook, which veil does not "
               f"{'read' if role == 'input' else 'write'}. "
               + ("Save the sheet as CSV UTF-8 and give that file." if role == "input" else
                  "Write CSV (`.csv`) and open that in the spreadsheet program."))
        raise UsageError(msg)
    if suffix in ARCHIVES and role == "input":
        msg = (f"input `{path}` is an archive of files ({suffix}). Extract it and give the data "
               f"file inside (a `.csv.gz` is read as it is).")
        raise UsageError(msg)
    msg = (f"cannot tell the format of {role} `{path}` from its extension `{suffix or '(none)'}`"
           f"{hint}. Known extensions: {known}. Name the format explicitly with `--format` "
           f"or `{role}: {{format: ...}}` in the recipe.")
    raise UsageError(msg)


def _compressed_format(path: Path, explicit: str | None, role: str, compression: str) -> str:
    if role != "input":
        msg = (f"{role} `{path}` names a {compression} file; veil writes files uncompressed. "
               f"Write `.parquet` (compressed, and typed), or compress the file afterwards.")
        raise UsageError(msg)
    inner = path.with_suffix("").suffix.lower()
    if explicit is None and inner not in EXTENSIONS:
        msg = (f"cannot tell the format of {role} `{path}`: a {compression} file is read by the "
               f"extension before `{path.suffix}` (e.g. `.csv{path.suffix}`), and "
               f"`{inner or '(none)'}` is not one veil reads. Name the format with `--format` "
               f"or `{role}: {{format: ...}}` in the recipe.")
        raise UsageError(msg)
    fmt = format_for(path.with_suffix(""), explicit, role=role)
    if fmt not in STREAM_FORMATS:
        msg = (f"{role} `{path}`: veil reads CSV, TSV and JSON Lines compressed with "
               f"{compression}, not {fmt} (which is compressed inside already). Decompress it "
               f"first.")
        raise UsageError(msg)
    return fmt


def read_in_folders(path: Path) -> bool:
    """Whether a folder input reads `path`: named as a file veil reads (`.csv`, `.parquet`,
    ..., or compressed text, `.csv.gz`)."""
    suffix = path.suffix.lower()
    if compression_of(path) is not None:
        suffix = path.with_suffix("").suffix.lower()
    return suffix in EXTENSIONS
