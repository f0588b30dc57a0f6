"""File formats veil reads and writes, chosen by extension or named explicitly."""

from __future__ import annotations

from pathlib import Path

from veil.errors import UsageError

__all__ = ["EXTENSIONS", "FORMATS", "format_for", "STREAM_FORMATS"]

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
#: Workbook extensions, named in the error: exports from hospital and bank systems often are.
SPREADSHEETS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".numbers"})
#: Every format veil reads and writes.
FORMATS = ("csv", "tsv", "parquet", "jsonl", "ipc")
#: Formats that can be read from standard input or written to standard output.
STREAM_FORMATS = ("csv", "tsv", "jsonl")


def format_for(path: str | Path, explicit: str | None = None, *, role: str = "input") -> str:
    """The format of `path`: `explicit` if given, else from the extension."""
    if explicit:
        if explicit not in FORMATS:
            msg = (f"unknown {role} format `{explicit}`; use one of {', '.join(FORMATS)}.")
            raise UsageError(msg)
        return explicit
    suffix = Path(str(path)).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted(EXTENSIONS))
    hint = " (JSON Lines files end in .jsonl)" if suffix == ".json" else ""
    if suffix in SPREADSHEETS:  # `--format csv` would read the workbook's zip bytes as text
        msg = (f"{role} `{path}` is a spreadsheet workbook, which veil does not "
               f"{'read' if role == 'input' else 'write'}. "
               + ("Save the sheet as CSV UTF-8 and give that file." if role == "input" else
                  "Write CSV (`.csv`) and open that in the spreadsheet program."))
        raise UsageError(msg)
    msg = (f"cannot tell the format of {role} `{path}` from its extension `{suffix or '(none)'}`"
           f"{hint}. Known extensions: {known}. Name the format explicitly with `--format` "
           f"or `{role}: {{format: ...}}` in the recipe.")
    raise UsageError(msg)
