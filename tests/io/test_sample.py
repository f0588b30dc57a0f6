"""The CSV typing sample: the first rows, read without pulling a large file into memory."""

from __future__ import annotations

import io

import polars as pl
import pytest

from veil.io.readers import _head_lines, open_source


def test_head_lines_does_not_count_line_breaks_inside_quoted_fields(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b'a,b\n"x\ny",1\n"say ""hi""\n",2\n3,4\n')
    assert _head_lines(path, 2) == b'a,b\n"x\ny",1\n'
    assert _head_lines(path, 3) == b'a,b\n"x\ny",1\n"say ""hi""\n",2\n'
    assert _head_lines(path, 5) is None  # the file has fewer lines: read it whole


def test_head_lines_across_blocks_gives_the_rows_polars_reads(tmp_path):
    """Quoted multi-line fields longer than a block land on block boundaries."""
    path = tmp_path / "long.csv"
    rows = [f'{i},"line one\nline ""two"" {"x" * (i % 700)}",{i * 2}' for i in range(9000)]
    path.write_text("id,note,n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 << 20
    head = _head_lines(path, 5001)
    expected = pl.read_csv(path, infer_schema=False).head(5000)
    assert pl.read_csv(io.BytesIO(head), infer_schema=False).equals(expected)


@pytest.mark.parametrize("quoted", [False, True])
def test_sampled_types_come_from_the_first_rows_only(tmp_path, quoted):
    """A column numeric in its first rows is typed from them (a later text value is an error
    of the run, with its own message), so the sample must be exactly the first rows."""
    path = tmp_path / "data.csv"
    note = '"a\nb"' if quoted else "ab"
    lines = [f"{i},{note},{i}" for i in range(30)] + [f"{i},{note},x{i}" for i in range(30, 60)]
    path.write_text("id,note,code\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert open_source(path, infer_schema_rows=30).sampled_types == {"id": "Int64", "code": "Int64"}
    assert open_source(path, infer_schema_rows=31).sampled_types == {"id": "Int64"}


def test_head_lines_without_quotes_ends_at_a_line_end_past_the_rows_asked(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("a,b\n" + "".join(f"{i},{i}\n" for i in range(300_000)), encoding="utf-8")
    head = _head_lines(path, 1001)
    assert head.endswith(b"\n") and head.count(b"\n") >= 1001
    assert path.read_bytes().startswith(head)
    assert len(head) < path.stat().st_size  # only the head was read


def test_head_lines_gives_up_on_lines_longer_than_its_limit(tmp_path, monkeypatch):
    """Huge fields: the sample is left to Polars rather than the head read whole."""
    from veil.io import readers

    monkeypatch.setattr(readers, "_HEAD_LIMIT", 2 << 20)
    path = tmp_path / "long-fields.csv"
    path.write_text("a,b\n" + "".join(f'{i},"{"x" * (1 << 20)}"\n' for i in range(8)),
                    encoding="utf-8")
    assert _head_lines(path, 5) is None
    assert open_source(path, infer_schema_rows=5).sampled_types == {"a": "Int64"}


@pytest.mark.parametrize("thousands", [None, ","])
def test_a_column_is_typed_only_when_its_type_holds_every_value_as_written(tmp_path, thousands):
    """Typing from the sample never changes a value: a phone number keeps its `+`, a
    20-digit account number neither overflows Int64 nor is rounded as Float64."""
    columns = {
        "count": (["3", "-12", "123456789012345678"], pl.Int64),  # 18 digits fit Int64
        "phone": (["+447700900123", "+15550001111", "2125551234"], pl.String),
        "account": (["12345678901234567890", "98765432109876543210", "5"], pl.String),
        "id19": (["9223372036854775807", "1", "2"], pl.String),  # fits, but 19 digits: text
        "amount": (["1.5", "123456789012345", "-0.25"], pl.Float64),  # 15 whole digits
        "mixed": (["1.5", "1234567890123456", "2"], pl.String),  # 16 digits as Float64: rounded
        "signed": (["+1.5", "2.5", "3"], pl.String),
    }
    path = tmp_path / "numbers.csv"
    rows = zip(*(values for values, _ in columns.values()), strict=True)
    lines = ["\t".join(columns), *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = open_source(path, separator="\t", thousands=thousands)
    frame = source.lf.collect()
    for name, (values, dtype) in columns.items():
        assert frame.schema[name] == dtype, name
        if dtype == pl.String:
            assert frame[name].to_list() == values, name  # every character kept


@pytest.mark.parametrize("blank", [" ", "   ", "\t"])
def test_a_blank_value_in_a_number_column_is_null_as_an_empty_one_is(tmp_path, blank):
    """Spaces alone hold no number: the column is typed from the values it has, and the
    blank one reads as null, in the typing rows or past them (it failed the whole run)."""
    path = tmp_path / "amounts.csv"
    rows = [f"{i},{blank if i % 3 == 1 else f' {i}'}" for i in range(40)]
    path.write_text("id,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for sample in (5, 100):
        frame = open_source(path, infer_schema_rows=sample).lf.collect()
        assert frame.schema["amount"] == pl.Int64
        assert frame["amount"].to_list() == [None if i % 3 == 1 else i for i in range(40)]
