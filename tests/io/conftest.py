"""Fixtures for the readers' tests."""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st

from veil.io.readers import open_source

#: The ways veil reads a CSV's text: a file as it is, gzipped, decoded from Latin-1 in memory
#: or through a copy, piped in, and a folder of two such files.
READ_WAYS = ["on-disk", "gzip", "decoded-in-memory", "decoded-to-copies", "standard input",
             "folder"]


#: A CSV field's text that needs quoting now and then: separators, quotes, line breaks.
CSV_CELLS = st.text(st.sampled_from(list('ab ,;"\n1')), max_size=5)
#: Random tables of three columns of such fields.
CSV_ROWS = st.lists(st.lists(CSV_CELLS, min_size=3, max_size=3), max_size=6)


def csv_table(rows: list[list[str]]) -> str:
    """`rows` under the header `id,name,note`, written by the csv module (quoted as needed)."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([["id", "name", "note"], *rows])
    return out.getvalue()


@pytest.fixture
def read_csv_text(tmp_path, monkeypatch) -> Callable[..., tuple[Any, int, list[str], str]]:
    """`read(how, text, name, **settings)`: `text` written as `how` (one of `READ_WAYS`)
    says, in a folder `name`, and opened with `open_source`'s `settings`; gives the frame,
    the rows counted, the reading notes, and the folder's path as messages show it."""

    def read(how: str, text: str, name: str, **settings: Any):
        encoding = "latin-1" if how.startswith("decoded") else "utf-8"
        suffix = ".csv.gz" if how == "gzip" else ".csv"
        folder = tmp_path / name
        folder.mkdir()
        data = text.encode(encoding)
        for stem in (["a", "b"] if how == "folder" else ["data"]):
            (folder / f"{stem}{suffix}").write_bytes(gzip.compress(data) if how == "gzip"
                                                     else data)
        path: Any = folder if how == "folder" else folder / f"data{suffix}"
        if how == "standard input":
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
            path = "-"
        limit = {"in_memory_limit": 0} if how == "decoded-to-copies" else {}
        source = open_source(path, format="csv" if how == "standard input" else None,
                             encoding=encoding, copies_folder=tmp_path, **limit, **settings)
        try:
            return source.lf.collect(), sum(source.rows.values()), source.notes, str(folder)
        finally:
            source.remove_copies()

    return read
