"""Find the JSON Lines keys that Polars would drop without a word.

Polars takes the columns of a JSON Lines input from its first rows (`infer_schema_rows`)
and, for several files, from the first file alone. A key first seen later, at the top
level or inside a nested object, is not read: its values vanish from the output and
nothing says so. veil refuses such an input, naming the file, line and key, and
gives several files the union of their columns.

Polars inferring the columns from every line costs four reads of the file. This module
counts, per line, the keys of any name and the keys of a known name with two regular
expressions over the raw text, which costs about two (0.65 µs per 155-byte line here,
`bench/bench_json_keys.py`). Both match a string only where a key can begin, after `{` or
`,`: inside a JSON string a `"` is always escaped, so `,"x":` there is not a key, and
neither count takes it for one. A line with more keys than known ones is parsed in Python
to name the new key; a known key spelt another way (`\\u00e9` for `é`) is learnt and the
search goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

__all__ = ["UnreadKey", "first_unread_key", "merged_schema"]

_SPACE = r"[ \t\r\n]*"
#: A key where one can begin: after `{` or `,`, a JSON string, then `:`.
_ANY_KEY = r'[{,]' + _SPACE + r'"(?:[^"\\]|\\.)*"' + _SPACE + ":"
_ANY_KEY_TEXT = re.compile(r'[{,]' + _SPACE + r'"((?:[^"\\]|\\.)*)"' + _SPACE + ":")
#: Characters the Rust regex syntax Polars uses gives a meaning (escaped in key names).
_META = set("\\.+*?()|[]{}^$#&-~")


@dataclass(frozen=True)
class UnreadKey:
    """A key of line `line` (1-based) that the input's columns lack.

    `parent` is the path of the object holding it (`contact`, `items[]`), or None for a
    top-level key. A top-level key is a column's name and is shown, unless it holds an
    identifier; a nested one is not: a JSON object can be a map whose keys are data
    (`{"ann@example.org": ...}`).
    """

    line: int
    key: str
    parent: str | None = None

    def describe(self, inferred_from: int) -> str:
        """`line N: ...` for an error message; `inferred_from` is `infer_schema_rows`."""
        from veil.listing import shown_name

        shown = shown_name(self.key) if self.parent is None else None
        what = (f"key `{shown}`" if shown is not None
                else "a key holding an identifier (not shown)" if self.parent is None
                else f"a key inside `{self.parent}` (its name is not shown: it may be data)")
        return (f"line {self.line:,}: {what} first appears after the {inferred_from:,} lines "
                f"the columns were inferred from, so its values would be dropped without a "
                f"word.")


def merged_schema(schemas: Iterable[pl.Schema]) -> pl.Schema:
    """One schema holding every column of `schemas`; a column typed apart gets the type
    that holds both (Int64 and Float64 -> Float64, a number and text -> String), structs
    the union of their fields."""
    frames = [pl.DataFrame(schema=schema) for schema in schemas]
    return pl.concat(frames, how="diagonal_relaxed").schema if len(frames) > 1 else frames[0].schema


def first_unread_key(text: Path | bytes, names: set[str], *, skip_lines: int = 0
                     ) -> UnreadKey | None:
    """The first key, after the first `skip_lines` lines, whose name is not in `names`.

    Lines that are not valid JSON are passed over: the read itself names them.
    """
    spellings = {_spelt(name, ascii_only) for name in names for ascii_only in (True, False)}
    start = skip_lines
    while True:
        found = _first_line_with_other_keys(text, spellings, start)
        if found is None:
            return None
        number, line = found
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            for raw in _ANY_KEY_TEXT.findall(line):
                name = json.loads(f'"{raw}"')
                if name not in names:
                    if name in record:
                        return UnreadKey(number, name)
                    return UnreadKey(number, name, _parent_of(record, name) or "a nested object")
                spellings.add(raw)  # a known name spelt another way: count it from now on
        start = number


def _parent_of(value: object, name: str, path: str = "") -> str | None:
    """The path (`a.b`, `items[]`) of the first object below the top that holds `name`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == name and path:
                return path
            found = _parent_of(inner, name, f"{path}.{key}" if path else key)
            if found is not None:
                return found
    elif isinstance(value, list):
        for inner in value:
            found = _parent_of(inner, name, f"{path}[]")
            if found is not None:
                return found
    return None


def _first_line_with_other_keys(text: Path | bytes, spellings: set[str], start: int
                                ) -> tuple[int, str] | None:
    line = pl.col("line")
    known = line.str.count_matches(_known_key_pattern(spellings)) if spellings else pl.lit(0)
    lines = pl.scan_lines(text, row_index_name="number", row_index_offset=1).slice(start)
    try:
        hit = (lines.filter(line.str.count_matches(_ANY_KEY) > known).head(1)
               .collect(engine="streaming"))
    except pl.exceptions.PolarsError:  # not UTF-8: the read refuses the file with its line
        return None
    return (int(hit["number"][0]), hit["line"][0]) if hit.height else None


def _known_key_pattern(spellings: set[str]) -> str:
    alternatives = "|".join(_escaped(raw) for raw in sorted(spellings, key=len, reverse=True))
    return r"[{,]" + _SPACE + '"(?:' + alternatives + ')"' + _SPACE + ":"


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in _META else char for char in text)


def _spelt(name: str, ascii_only: bool) -> str:
    """`name` as a JSON writer spells it between the quotes."""
    return json.dumps(name, ensure_ascii=ascii_only)[1:-1]

