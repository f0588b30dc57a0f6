"""Write then read gives an equal frame, for every format veil reads and writes.

Limits (by design, documented in the README's I/O section):
- CSV/TSV hold text only. veil types a CSV column as integer or float when every
  sampled value is a number without a leading zero; everything else stays text,
  so ZIP codes and MRNs keep their zeros. Booleans, dates and datetimes come back
  as text unless `input.types` names them (the round trip below names them).
- JSON Lines has no date type: dates come back as ISO text unless `input.types`
  names them; a JSON Lines file of zero rows is empty and is refused on read.
- Parquet and Arrow IPC keep every type as written.
- NaN and infinities are left out: NaN never equals itself.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from veil.errors import InputError
from veil.io.readers import open_source
from veil.io.writers import write_frame

FORMATS = ["csv", "tsv", "parquet", "jsonl", "ipc"]
TYPES = {"n": "int", "x": "float", "t": "string", "b": "bool", "d": "date"}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@st.composite
def frames(draw, min_rows: int = 0) -> pl.DataFrame:
    rows = draw(st.integers(min_rows, 12))

    def column(values):
        return draw(st.lists(st.none() | values, min_size=rows, max_size=rows))

    return pl.DataFrame({
        "n": pl.Series(column(st.integers(-(2**63), 2**63 - 1)), dtype=pl.Int64),
        "x": pl.Series(column(st.floats(allow_nan=False, allow_infinity=False)), dtype=pl.Float64),
        "t": pl.Series(column(texts), dtype=pl.String),
        "b": pl.Series(column(st.booleans()), dtype=pl.Boolean),
        "d": pl.Series(column(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))), dtype=pl.Date),
    })


def _round_trip(frame: pl.DataFrame, folder: Path, fmt: str, **read) -> pl.DataFrame:
    path = folder / f"data.{fmt}"
    write_frame(frame, path, fmt)
    return open_source(path, **read).lf.collect()


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(frame=frames(min_rows=1))
def test_roundtrip_every_format_gives_equal_frame(tmp_path, fmt, frame):
    types = TYPES if fmt in ("csv", "tsv", "jsonl") else None
    assert_frame_equal(_round_trip(frame, tmp_path, fmt, types=types), frame)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet", "ipc"])
def test_roundtrip_zero_rows_keeps_columns(tmp_path, fmt):
    frame = pl.DataFrame(schema={"n": pl.Int64, "t": pl.String})
    back = _round_trip(frame, tmp_path, fmt, types={"n": "int"} if fmt in ("csv", "tsv") else None)
    assert_frame_equal(back, frame)


def test_roundtrip_zero_rows_jsonl_is_refused_on_read(tmp_path):
    with pytest.raises(InputError, match=r"is empty \(0 bytes\)"):
        _round_trip(pl.DataFrame(schema={"n": pl.Int64}), tmp_path, "jsonl")


@SETTINGS
@given(values=st.lists(st.from_regex(r"\A0[0-9]{1,8}\Z") | st.from_regex(r"\A[1-9][0-9]{0,8}\Z"),
                       min_size=1, max_size=20).filter(lambda v: any(x.startswith("0") for x in v)))
def test_roundtrip_csv_leading_zero_text_survives_untyped(tmp_path, values):
    """No `types` given: a column with one leading-zero value stays text, zeros intact."""
    frame = pl.DataFrame({"zip": values})
    assert_frame_equal(_round_trip(frame, tmp_path, "csv"), frame)


@pytest.mark.parametrize("values, dtype", [
    (["1", "-2", "3"], pl.Int64),           # every value an integer: integer
    (["1", "+3"], pl.String),                # a leading `+` (phone numbers) keeps it text
    (["1.5", "2", "3e2"], pl.Float64),       # numbers with a fraction or exponent: float
    (["1", "x"], pl.String),                 # one non-number keeps the column text
    (["01", "2"], pl.String),                # one leading zero keeps the column text
    (["0", "0.5"], pl.Float64),              # a lone zero is a number
    (["2020-01-01"], pl.String),             # dates stay ISO text unless `types` says so
    (["true", "false"], pl.String),
])
def test_roundtrip_csv_untyped_inference(tmp_path, values, dtype):
    path = tmp_path / "a.csv"
    path.write_text("c\n" + "\n".join(values) + "\n", encoding="utf-8")
    assert open_source(path).lf.collect_schema()["c"] == dtype


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", ["folder", "glob"])
def test_roundtrip_folder_or_glob_reads_as_one_input(tmp_path, fmt, layout):
    parts = [pl.DataFrame({"n": [1, 2], "t": ["a", "b"]}), pl.DataFrame({"n": [3], "t": ["c"]})]
    folder = tmp_path / "parts"
    folder.mkdir()
    for index, part in enumerate(parts):
        write_frame(part, folder / f"part-{index}.{fmt}", fmt)
    (folder / "README.txt").write_text("not data")  # ignored: not a data extension
    source = folder if layout == "folder" else f"{folder}/part-*.{fmt}"
    back = open_source(source, types={"n": "int", "t": "string"}).lf.collect()
    assert_frame_equal(back, pl.concat(parts))


@pytest.mark.parametrize("fmt", FORMATS)
def test_roundtrip_folder_of_files_with_columns_in_another_order_reads_by_name(tmp_path, fmt):
    write_frame(pl.DataFrame({"n": [1], "t": ["a"]}), tmp_path / f"a.{fmt}", fmt)
    write_frame(pl.DataFrame({"t": ["b"], "n": [2]}), tmp_path / f"b.{fmt}", fmt)
    back = open_source(tmp_path, types={"n": "int", "t": "string"}).lf.collect()
    assert_frame_equal(back, pl.DataFrame({"n": [1, 2], "t": ["a", "b"]}))


@pytest.mark.parametrize(("other", "message"), [
    ("n\n2\n", r"file `.*b\.csv` lacks column `t`, compared with `.*a\.csv`\."),
    ("n,t,u,v\n2,b,x,y\n", r"file `.*b\.csv` has columns `u`, `v` in addition, compared with "
                          r"`.*a\.csv`\. Every file of a folder or glob needs the same columns"),
    ("n,u\n2,x\n", r"file `.*b\.csv` lacks column `t` and has column `u` in addition"),
])
def test_roundtrip_folder_of_csv_files_with_other_columns_is_refused(tmp_path, other, message):
    """Polars would fill the missing column with nulls and drop the added one, silently."""
    (tmp_path / "a.csv").write_text("n,t\n1,a\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(other, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        open_source(tmp_path)


def test_roundtrip_folder_of_files_without_header_lines_shows_no_first_record(tmp_path):
    """Each file's first record is read as its header, and the headers differ: the message
    lists a name holding an identifier by its placeholder, and says why it may."""
    (tmp_path / "a.csv").write_text("Maria Gonzalez,617-555-0142,42\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("Ann Walker,617-555-0199,51\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        open_source(tmp_path)
    message = str(raised.value)
    assert ("lacks columns <PERSON 1>, <PHONE_NUMBER 1>, `42` and has columns <PERSON 2>, "
            "<PHONE_NUMBER 2>, `51` in addition") in message
    assert "name its columns with `input: {column_names: [...]}`" in message
    assert not any(data in message for data in ("Maria", "Walker", "0142", "0199"))


@pytest.mark.parametrize("fmt", ["parquet", "ipc", "tsv"])
def test_roundtrip_folder_of_files_with_other_columns_is_refused_in_every_table_format(tmp_path,
                                                                                      fmt):
    write_frame(pl.DataFrame({"n": [1], "t": ["a"]}), tmp_path / f"a.{fmt}", fmt)
    write_frame(pl.DataFrame({"n": [2], "u": ["b"]}), tmp_path / f"b.{fmt}", fmt)
    with pytest.raises(InputError, match=rf"file `.*b\.{fmt}` lacks column `t` and has column "
                                         rf"`u` in addition, compared with `.*a\.{fmt}`"):
        open_source(tmp_path)


def test_roundtrip_folder_mixing_formats_is_refused(tmp_path):
    write_frame(pl.DataFrame({"n": [1]}), tmp_path / "a.csv", "csv")
    write_frame(pl.DataFrame({"n": [1]}), tmp_path / "b.parquet", "parquet")
    with pytest.raises(InputError, match=r"mixes formats \(a\.csv is csv, b\.parquet is parquet\)"):
        open_source(tmp_path)


STDIO_RECIPE = """\
veil: 1
name: stdio
nlp: none
report: {verify_output: false, dataset_card: false}
steps:
  - derive: {n2: "n * 2"}
"""


@pytest.mark.parametrize("fmt, data, expected", [
    ("jsonl", '{"n":1,"t":"Zoë"}\n{"n":null,"t":"007"}\n',
     '{"n":1,"t":"Zoë","n2":2}\n{"n":null,"t":"007","n2":null}\n'),
    ("csv", "n,t\n1,Zoë\n,007\n", "n,t,n2\n1,Zoë,2\n,007,\n"),
])
def test_roundtrip_stdin_to_stdout_through_cli(veil_cli, recipe_file, fmt, data, expected):
    recipe = recipe_file(STDIO_RECIPE)
    result = veil_cli("run", recipe, "-i", "-", "-o", "-", "--format", fmt, "--report-dir",
                      "reports", "-q", input=data)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == expected


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_roundtrip_stdout_is_the_only_thing_on_stdout(veil_cli, recipe_file):
    """Summaries go to stderr, so `veil run ... -o - | next-tool` gets data only."""
    recipe = recipe_file(STDIO_RECIPE)
    result = veil_cli("run", recipe, "-i", "-", "-o", "-", "--format", "jsonl",
                      "--report-dir", "reports", input='{"n":1}\n')
    assert result.exit_code == 0
    assert result.stdout == '{"n":1,"n2":2}\n'
    assert "verdict" in result.stderr


def test_jsonl_key_first_seen_after_the_typing_rows_is_refused_and_read_with_infer_schema_rows_0(
        tmp_path):
    """The limit of `input.infer_schema_rows` for JSON Lines is said, and so is its remedy."""
    path = tmp_path / "late.jsonl"
    lines = [f'{{"id": {i}, "text": "t{i}"}}' for i in range(30)]
    lines[25] = '{"id": 25, "text": "t25", "late": "x"}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(InputError, match=r"line 26: key `late` first appears after the 10 lines"):
        open_source(path, infer_schema_rows=10)
    everything = open_source(path, infer_schema_rows=0).lf.collect()
    assert everything.columns == ["id", "text", "late"]
    assert everything["late"].to_list() == [None] * 25 + ["x"] + [None] * 4


def test_a_spreadsheet_unicode_text_export_reads_as_tsv_utf16(tmp_path):
    """Excel's "Unicode text": tab-separated UTF-16 with a byte-order mark and CRLF."""
    path = tmp_path / "export.txt"
    path.write_bytes("id\tname\r\n1\tJürgen\r\n".encode("utf-16"))
    frame = open_source(path, format="tsv", encoding="utf-16").lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1], "name": ["Jürgen"]}


def test_jsonl_with_a_byte_order_mark_reads_as_without(tmp_path, monkeypatch):
    """PowerShell 5 and Notepad write UTF-8 with a BOM, which JSON allows nowhere: the file
    was refused as 'not valid JSON (Unexpected UTF-8 BOM)'."""
    import gzip
    import io

    text = '{"id": 1, "name": "Zoë"}\n{"id": 2, "name": "Bo"}\n'.encode()
    expected = open_source(_put(tmp_path / "plain.jsonl", text)).lf.collect()
    marked = b"\xef\xbb\xbf" + text
    for path in (_put(tmp_path / "bom.jsonl", marked),
                 _put(tmp_path / "bom.jsonl.gz", gzip.compress(marked))):
        assert_frame_equal(open_source(path).lf.collect(), expected)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(marked)))
    assert_frame_equal(open_source("-").lf.collect(), expected)


def _put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
