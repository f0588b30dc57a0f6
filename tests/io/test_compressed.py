"""Compressed text inputs (`.csv.gz`, `.jsonl.xz`, ...): read in memory, diagnosed like the rest."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import lzma

import pytest
from polars.testing import assert_frame_equal

import veil
from veil.errors import InputError, UsageError
from veil.io.readers import open_source

CANARY = "CANARY-5521-GZQ"
CSV = "id,zip,amount,note\n1,02134,12.5,first\n2,10001,,second\n"
COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
RECIPE = """\
veil: 1
name: gz
nlp: none
report: {verify_output: false, dataset_card: false}
steps:
  - filter: "amount > 1"
"""


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(COMPRESS["." + name.rsplit(".", 1)[1]](data))
    return path


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_compressed_csv_reads_as_the_plain_file(tmp_path, suffix):
    plain = tmp_path / "plain.csv"
    plain.write_text(CSV, encoding="utf-8")
    packed = _write(tmp_path, f"data.csv{suffix}", CSV.encode())
    expected = open_source(plain).lf.collect()
    assert_frame_equal(open_source(packed).lf.collect(), expected)
    assert expected["zip"].to_list() == ["02134", "10001"]  # typed by veil, zeros kept


def test_compressed_jsonl_reads(tmp_path):
    lines = "".join(json.dumps({"id": i, "note": f"n{i}"}) + "\n" for i in range(3))
    frame = open_source(_write(tmp_path, "data.jsonl.gz", lines.encode())).lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [0, 1, 2], "note": ["n0", "n1", "n2"]}


def test_compressed_latin_1_reads_with_its_encoding(tmp_path):
    path = _write(tmp_path, "latin.csv.gz", "id,name\n1,Jürgen\n".encode("latin-1"))
    assert open_source(path, encoding="latin-1").lf.collect()["name"].to_list() == ["Jürgen"]


@pytest.mark.parametrize("content, message", [
    (f"id,age,name\n1,30,a\n{CANARY},x\n".encode(),
     r"^input `[^`]*bad\.csv\.gz`, line 3: the row has 2 fields but the header has 3\."),
    (f"id,age,name\n1,30,{CANARY}-J\xfcrgen\n".encode("latin-1"),
     r"^input `[^`]*bad\.csv\.gz`, line 2, byte \d+: the file is not UTF-8\. It is probably "
     r"Latin-1"),
], ids=["ragged-row", "latin-1"])
def test_compressed_bad_rows_are_located_in_the_decompressed_text(tmp_path, content, message):
    path = _write(tmp_path, "bad.csv.gz", content)
    with pytest.raises(InputError, match=message) as caught:
        open_source(path).lf.collect()
    assert CANARY not in caught.value.message


def test_a_broken_archive_is_named(tmp_path):
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(gzip.compress(CSV.encode() * 100)[:60])
    with pytest.raises(InputError, match=r"`[^`]*cut\.csv\.gz` could not be decompressed as "
                                         r"gzip \(EOFError\)\. Check that the file is complete"):
        open_source(path)


@pytest.mark.parametrize("name, role, message", [
    ("data.parquet.gz", "input", r"reads CSV, TSV and JSON Lines compressed with gzip, not "
                                 r"parquet"),
    ("data.gz", "input", r"a gzip file is read by the extension before `\.gz` \(e\.g\. "
                         r"`\.csv\.gz`\), and `\(none\)` is not one veil reads"),
    ("out.csv.gz", "output", r"names a gzip file; veil writes files uncompressed"),
    ("export.zip", "input", r"is an archive of files \(\.zip\)\. Extract it and give the data "
                            r"file inside"),
])
def test_compressed_names_veil_does_not_take(name, role, message):
    from veil.io.formats import format_for

    with pytest.raises(UsageError, match=message):
        format_for(name, role=role)


def test_cli_runs_a_gzip_input_and_the_report_hashes_the_file_as_given(veil_cli, recipe_file,
                                                                      tmp_path):
    (tmp_path / "plain.csv").write_text(CSV, encoding="utf-8")
    packed = _write(tmp_path, "data.csv.gz", CSV.encode())
    recipe = recipe_file(RECIPE)
    done = veil_cli("run", recipe, "-i", packed, "-o", "out.csv", "--report-dir", "reports", "-q")
    assert done.exit_code == 0, done.stderr
    plain = veil_cli("run", recipe, "-i", "plain.csv", "-o", "plain-out.csv", "-q")
    assert plain.exit_code == 0, plain.stderr
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "plain-out.csv").read_bytes()
    report = json.loads((tmp_path / "reports" / "out.report.json").read_text(encoding="utf-8"))
    (record,) = report["inputs"]
    assert record["sha256"] == hashlib.sha256(packed.read_bytes()).hexdigest()
    assert record["rows"] == 2


def test_cli_refuses_a_compressed_output_name_and_writes_nothing(veil_cli, recipe_file, tmp_path):
    (tmp_path / "plain.csv").write_text(CSV, encoding="utf-8")
    done = veil_cli("run", recipe_file(RECIPE), "-i", "plain.csv", "-o", "out.csv.gz")
    assert done.exit_code == 2
    assert "veil writes files uncompressed" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.csv.gz").exists()


def test_api_reads_a_compressed_path(tmp_path):
    path = _write(tmp_path, "data.tsv.xz", CSV.replace(",", "\t").encode())
    out = veil.run(RECIPE, path, output=None, report_dir=None).frame
    assert out["id"].to_list() == [1]


def test_a_gzip_file_named_csv_is_recognised_by_its_first_bytes(tmp_path):
    """Exports renamed on the way (`export.csv` that is gzip) read, not 'not UTF-8 at byte 2'."""
    path = tmp_path / "export.csv"
    path.write_bytes(gzip.compress(CSV.encode()))
    assert open_source(path).lf.collect()["id"].to_list() == [1, 2]


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_cli_compressed_standard_input(veil_cli, recipe_file, tmp_path, suffix):
    import subprocess
    import sys

    recipe = recipe_file(RECIPE)
    done = subprocess.run([sys.executable, "-m", "veil", "run", str(recipe), "-i", "-",
                           "--format", "csv", "-o", "-", "-q"], cwd=tmp_path,
                          input=COMPRESS[suffix](CSV.encode()), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == "id,zip,amount,note\n1,02134,12.5,first\n"


def test_cli_truncated_compressed_standard_input_is_named(recipe_file, tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "veil", "run", str(recipe_file(RECIPE)), "-i",
                           "-", "--format", "csv", "-o", "-"], cwd=tmp_path,
                          input=gzip.compress(CSV.encode())[:20], capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: input `standard input` starts like gzip data "
                                           "but could not be decompressed (EOFError).")


def _folder(tmp_path, files: dict[str, bytes]):
    folder = tmp_path / "monthly"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(gzip.compress(text))
    return folder


def test_a_glob_of_compressed_csv_files_is_one_table(tmp_path):
    """Monthly exports: each file read apart (its own header), typed as one table."""
    folder = _folder(tmp_path, {"2024-01.csv.gz": b"id,amount\n1,5\n2,7\n",
                                "2024-02.csv.gz": b"amount,id\n12.5,3\n"})  # columns reordered
    source = open_source(str(folder / "*.csv.gz"))
    frame = source.lf.collect()
    assert frame.to_dict(as_series=False) == {"id": [1, 2, 3], "amount": [5.0, 7.0, 12.5]}
    assert source.rows == {str(folder / "2024-01.csv.gz"): 2, str(folder / "2024-02.csv.gz"): 1}


def test_a_glob_of_compressed_files_names_the_file_and_line_of_a_bad_row(tmp_path):
    folder = _folder(tmp_path, {"a.csv.gz": b"id,amount\n1,5\n",
                                "b.csv.gz": f"id,amount\n2,7\n3,{CANARY},x\n".encode()})
    with pytest.raises(InputError, match=r"^input `[^`]*b\.csv\.gz`, line 3: the row has 3 "
                                         r"fields but the header has 2\.") as caught:
        open_source(str(folder / "*.csv.gz"))
    assert CANARY not in caught.value.message


def test_a_glob_of_compressed_files_with_other_columns_is_refused(tmp_path):
    folder = _folder(tmp_path, {"a.csv.gz": b"id,amount\n1,5\n", "b.csv.gz": b"id,total\n2,7\n"})
    with pytest.raises(InputError, match=r"file `[^`]*b\.csv\.gz` lacks column `amount` and has "
                                         r"column `total` in addition"):
        open_source(str(folder / "*.csv.gz"))


def test_a_folder_of_latin_1_csv_files_reads_as_one_table(tmp_path):
    folder = tmp_path / "latin"
    folder.mkdir()
    (folder / "a.csv").write_bytes("id,name\n1,Jürgen\n".encode("latin-1"))
    (folder / "b.csv").write_bytes("id,name\n2,Zoë\n".encode("latin-1"))
    frame = open_source(folder, encoding="latin-1").lf.collect()
    assert frame["name"].to_list() == ["Jürgen", "Zoë"]


def test_a_folder_of_compressed_csv_files_is_read(tmp_path):
    """A folder is its data files: `.csv.gz` counts as one, a `.gz` of unknown kind does not."""
    folder = _folder(tmp_path, {"a.csv.gz": b"id\n1\n", "b.csv.gz": b"id\n2\n",
                                "notes.txt.gz": b"not data"})
    assert open_source(folder).lf.collect()["id"].to_list() == [1, 2]

