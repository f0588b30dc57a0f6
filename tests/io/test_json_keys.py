"""JSON Lines keys Polars would drop: found by file, line and name, never missed.

Polars takes the columns from the first `infer_schema_rows` rows of the first file;
`veil.io.json_keys` finds the keys past them, and several files get the union of
their columns.
"""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.errors import InputError
from veil.io import json_keys
from veil.io.json_keys import first_unread_key, merged_schema
from veil.io.readers import open_source

CANARY = "CANARY-4410-JSK"


def _lines(*records: object, ascii_only: bool = True, **dumps: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=ascii_only, **dumps) + "\n"
                   for r in records).encode("utf-8")


def test_json_keys_a_new_top_level_key_is_named_with_its_line():
    text = _lines(*({"id": i} for i in range(5)), {"id": 5, "ssn": CANARY})
    unread = first_unread_key(text, {"id"}, skip_lines=3)
    assert (unread.line, unread.key, unread.parent) == (6, "ssn", None)


def test_json_keys_a_new_nested_key_is_placed_but_not_named():
    """Keys inside values can be data (a map keyed by e-mail address): the message gives
    the object holding the key, never the key."""
    text = _lines({"id": 1, "addr": {"city": "x"}},
                  {"id": 2, "addr": {"city": "y", CANARY: {"since": 2020}}})
    unread = first_unread_key(text, {"id", "addr", "city"})
    assert (unread.line, unread.key, unread.parent) == (2, CANARY, "addr")
    message = unread.describe(1)
    assert message.startswith("line 2: a key inside `addr` (its name is not shown")
    assert CANARY not in message


def test_json_keys_a_new_key_in_a_list_of_objects_is_found():
    text = _lines({"id": 1, "items": [{"sku": "a"}, {"sku": "b", "price": 2}]})
    unread = first_unread_key(text, {"id", "items", "sku"})
    assert (unread.key, unread.parent) == ("price", "items[]")


def test_json_keys_the_rows_inferred_from_are_not_searched():
    text = _lines({"id": 1, "new": 1}, {"id": 2})
    assert first_unread_key(text, {"id"}, skip_lines=1) is None
    assert first_unread_key(text, {"id"}, skip_lines=0).line == 1


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": "), (" , ", " : "), (",\t", "\t:\t")],
                         ids=["compact", "python", "spaced", "tabs"])
def test_json_keys_spacing_around_keys_does_not_hide_one(separators):
    text = _lines({"id": 1}, {"id": 2, "late": 3}, separators=separators)
    assert first_unread_key(text, {"id"}).key == "late"
    assert first_unread_key(text, {"id", "late"}) is None


def test_json_keys_text_that_looks_like_a_key_inside_a_value_is_not_one(monkeypatch):
    """Not even a suspect: each suspect line would cost another pass over the file."""
    values = ['a,"x": 1', '{"y": 2}', 'ends with ,', '"quoted"', "\\", ',"z":{"w":1}']
    text = _lines(*({"id": i, "note": v} for i, v in enumerate(values)))
    searches = []
    search = json_keys._first_line_with_other_keys
    monkeypatch.setattr(json_keys, "_first_line_with_other_keys",
                        lambda *args: searches.append(args) or search(*args))
    assert first_unread_key(text, {"id", "note"}) is None
    assert len(searches) == 1


def test_json_keys_a_known_name_spelt_with_escapes_is_known():
    """`caf\\u00e9` is `café`: after the first such line the spelling counts as known."""
    text = _lines(*({"id": i, "café": i} for i in range(3)), ascii_only=True)
    text += _lines({"id": 3, "café": 3, "naïve": 1}, ascii_only=False)
    unread = first_unread_key(text, {"id", "café"})
    assert (unread.line, unread.key) == (4, "naïve")


def test_json_keys_blank_lines_crlf_and_invalid_lines_are_passed_over():
    text = b'{"id": 1}\r\n\r\nnot json ,"fake": 1\n{"id": 2}\r\n'
    assert first_unread_key(text, {"id"}) is None
    assert first_unread_key(text + b'{"id": 3, "x": 1}\r\n', {"id"}).line == 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.text(min_size=0, max_size=4), st.one_of(
    st.none(), st.integers(), st.text(max_size=6),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)), max_size=4),
    min_size=1, max_size=6), st.booleans(), st.sampled_from([(",", ":"), (", ", ": ")]))
def test_json_keys_agree_with_a_parser(records, ascii_only, separators):
    """Whatever the keys and values, the first line with a key outside the known names is
    the one a JSON parser finds (known names: those of the first record)."""
    text = _lines(*records, ascii_only=ascii_only, separators=separators)
    known = set(records[0]) | {k for v in records[0].values() if isinstance(v, dict) for k in v}

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        return set()

    expected = next((n for n, r in enumerate(records, start=1) if keys(r) - known), None)
    unread = first_unread_key(text, known)
    assert (unread.line if unread else None) == expected
    if unread:
        assert unread.key in keys(records[unread.line - 1]) - known


def test_json_keys_merged_schema_holds_every_column_with_a_common_type():
    merged = merged_schema([pl.Schema({"id": pl.Int64, "a": pl.String}),
                            pl.Schema({"id": pl.Float64, "b": pl.Struct({"c": pl.Int64})})])
    assert merged == pl.Schema({"id": pl.Float64, "a": pl.String,
                                "b": pl.Struct({"c": pl.Int64})})


def test_json_keys_open_source_refuses_a_late_key_without_quoting_values(tmp_path):
    path = tmp_path / "late.jsonl"
    path.write_bytes(_lines(*({"id": i} for i in range(30)), {"id": 30, "ssn": CANARY}))
    with pytest.raises(InputError) as caught:
        open_source(path, infer_schema_rows=10)
    message = str(caught.value)
    assert message.startswith(f"input `{path}`, line 31: key `ssn` first appears after the 10 ")
    assert "infer_schema_rows: 0" in message
    assert CANARY not in message


def test_json_keys_open_source_refuses_a_late_key_in_compressed_input(tmp_path):
    path = tmp_path / "late.jsonl.gz"
    path.write_bytes(gzip.compress(_lines(*({"id": i} for i in range(30)), {"id": 1, "x": 2})))
    with pytest.raises(InputError, match=r"line 31: key `x` first appears"):
        open_source(path, infer_schema_rows=10)


def test_json_keys_several_files_give_the_union_of_their_columns(tmp_path):
    """Polars alone would read file b's `b` column as nothing at all."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(_lines({"id": 1, "a": "x"}))
    (folder / "b.jsonl").write_bytes(_lines({"id": 2.5, "b": {"c": 1}}))
    frame = open_source(folder).lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1.0, 2.5], "a": ["x", None],
                                             "b": [None, {"c": 1}]}


def test_json_keys_a_late_key_in_a_second_file_names_that_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(_lines(*({"id": i} for i in range(20))))
    second = folder / "b.jsonl"
    second.write_bytes(_lines(*({"id": i} for i in range(12)), {"id": 1, "late": 1}))
    with pytest.raises(InputError, match=rf"^input `{second}`, line 13: key `late`"):
        open_source(folder, infer_schema_rows=10)
    assert "late" in open_source(folder, infer_schema_rows=0).lf.collect().columns


def test_json_keys_compressed_files_are_read_apart_and_named_apart(tmp_path):
    """A compressed file whose last line has no line end does not run into the next one,
    and a key past the typing rows is named in its own file, at its own line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": 1}\n{"id": 2}'))
    (folder / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": 3, "b": "x"}\n'))
    frame = open_source(folder).lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1, 2, 3], "b": [None, None, "x"]}

    late = folder / "c.jsonl.gz"
    late.write_bytes(gzip.compress(_lines(*({"id": i} for i in range(12)), {"id": 1, "z": 1})))
    with pytest.raises(InputError, match=rf"^input `{late}`, line 13: key `z`"):
        open_source(folder, infer_schema_rows=10)


def test_json_keys_files_no_longer_than_their_typing_rows_are_read_whole_and_not_searched(
        tmp_path, monkeypatch):
    """A folder of many small files (a day of chats each) costs one inference, no search;
    every key of theirs is read, whichever line it is on."""
    from veil.io import readers

    folder = tmp_path / "in"
    folder.mkdir()
    for day in range(3):
        records = [{"id": day * 10 + i} for i in range(9)] + [{"id": day * 10 + 9, f"k{day}": 1}]
        (folder / f"day-{day}.jsonl").write_bytes(_lines(*records))
    monkeypatch.setattr(readers, "first_unread_key", lambda *args, **kwargs: pytest.fail(
        "a file no longer than its typing rows was searched"))
    frame = open_source(folder, infer_schema_rows=10).lf.collect()
    assert frame.columns == ["id", "k0", "k1", "k2"]
    assert frame.select(pl.col("k0", "k1", "k2").sum()).row(0) == (1, 1, 1)


def test_json_keys_small_files_are_inferred_in_bounded_batches(tmp_path, monkeypatch):
    """Batches of small files are bounded (the input may be larger than memory); the
    columns of every batch still make the schema."""
    from veil.io import readers

    folder = tmp_path / "in"
    folder.mkdir()
    for day in range(4):
        (folder / f"day-{day}.jsonl").write_bytes(_lines({"id": day, f"k{day}": "x" * 40}))
    monkeypatch.setattr(readers, "_SHORT_FILE_BYTES", 100)
    inferred = []
    columns_of = pl.scan_ndjson
    monkeypatch.setattr(pl, "scan_ndjson",
                        lambda *a, **k: inferred.append(a) or columns_of(*a, **k))
    assert open_source(folder).lf.collect().columns == ["id", "k0", "k1", "k2", "k3"]
    assert 2 <= len(inferred) - 1 < 4  # bounded batches, then the scan that reads them
