"""Compressed and non-UTF-8 inputs larger than memory allows.

Polars reads gzip itself, in batches. A bzip2 or xz file, or one in another encoding than
UTF-8, cannot be read in place: veil decodes it in memory while it fits in a share of the
memory it may use; past that, a run that may spill writes the UTF-8 text to a copy in its
spill folder (`veil.io.text`). The share is made tiny here, so small files take the copy's
path; each test checks what a run in memory gives against it.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import lzma
import os
import stat
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.api import validate
from veil.errors import InputError
from veil.io import readers, text
from veil.report.hashing import sha256_file
from veil.scan import scan

RECIPE = """\
veil: 1
name: large
nlp: none
report: {formats: [json], verify_output: false, dataset_card: false}
steps:
  - filter: "age >= 18"
"""
ROWS = 3_000
CSV = "id,name,note,age\n" + "".join(
    f'{i},Zoë {i},"two\nlines {i}",{i % 90}\n' for i in range(ROWS))


@pytest.fixture
def copies(monkeypatch, tmp_path: Path) -> list[dict[Path, Path]]:
    """Every file's text past 1,000 bytes goes to a copy; records what `utf8_texts` gave."""
    given: list[dict[Path, Path]] = []
    real = readers.utf8_texts

    def tiny_share(paths, encoding, folder, limit):
        texts = real(paths, encoding, folder, 1_000)
        given.append(texts)
        if folder is not None:
            assert all(isinstance(t, Path) for t in texts.values())
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            for copy in texts.values():
                assert copy.parent == folder and stat.S_IMODE(copy.stat().st_mode) == 0o600
        return texts

    monkeypatch.setattr(readers, "utf8_texts", tiny_share)
    monkeypatch.chdir(tmp_path)
    return given


def _in_memory(tmp_path: Path, source: str, recipe: str = RECIPE) -> bytes:
    """The output of the same run with the copies turned off (spilling off keeps text in
    memory whatever its size)."""
    veil.run(recipe, source, output=tmp_path / "memory.csv", report_dir=None, allow_spill=False)
    return (tmp_path / "memory.csv").read_bytes()


def test_an_xz_csv_is_read_through_a_private_copy_removed_after_the_run(copies, tmp_path):
    (tmp_path / "in.csv.xz").write_bytes(lzma.compress(CSV.encode("utf-8")))
    spill = tmp_path / "spill"
    result = veil.run(RECIPE, "in.csv.xz", output=tmp_path / "out.csv",
                      report_dir=tmp_path / "reports", spill_dir=spill)
    [texts] = copies
    [copy] = texts.values()
    assert copy.parent == spill / f"{os.getpid()}-input"
    assert not copy.exists()  # removed when the run ended, not only when the process exits
    assert result.report.inputs[0].rows == ROWS
    assert result.report.inputs[0].path == "in.csv.xz"
    assert result.report.inputs[0].sha256 == sha256_file(tmp_path / "in.csv.xz")  # as given
    assert (tmp_path / "out.csv").read_bytes() == _in_memory(tmp_path, "in.csv.xz")
    assert pl.read_csv(tmp_path / "out.csv").height == sum(i % 90 >= 18 for i in range(ROWS))


def test_a_latin_1_folder_and_bzip2_json_lines_read_through_copies(copies, tmp_path):
    (tmp_path / "parts").mkdir()
    for part in range(2):
        lines = CSV.splitlines(keepends=True)
        body = "".join(lines[1 + part * 2_000:1 + (part + 1) * 2_000])  # whole records
        (tmp_path / "parts" / f"p{part}.csv").write_bytes(
            (lines[0] + body).encode("latin-1"))
    latin = RECIPE.replace("nlp: none", "nlp: none\ninput: {encoding: latin-1}")
    result = veil.run(latin, "parts", output=tmp_path / "out.csv", report_dir=None)
    assert len(copies[0]) == 2  # one copy per file, all or none
    assert [i.rows for i in result.report.inputs] == [1_000, 1_000]  # two lines per record
    assert (tmp_path / "out.csv").read_bytes() == _in_memory(tmp_path, "parts", latin)

    with bz2.open(tmp_path / "in.jsonl.bz2", "wt", encoding="utf-8") as packed:
        for i in range(ROWS):
            packed.write(json.dumps({"id": i, "name": f"Zoë {i}", "age": i % 90}) + "\n")
    result = veil.run(RECIPE, "in.jsonl.bz2", output=tmp_path / "out.jsonl", report_dir=None)
    assert isinstance(next(iter(copies[-1].values())), Path)
    assert result.report.inputs[0].rows == ROWS
    veil.run(RECIPE, "in.jsonl.bz2", output=tmp_path / "memory.jsonl", report_dir=None,
             allow_spill=False)
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "memory.jsonl").read_bytes()


@pytest.mark.parametrize(("name", "lines", "encoding", "message"), [
    ("ragged.csv.xz", {90_000: "1,2,3,4,5"}, "utf-8",
     r"input `ragged\.csv\.xz`, line 90002: the row has 5 fields but the header has 4"),
    ("typed.csv.bz2", {90_100: "5,x,y,old"}, "utf-8",
     r"input `typed\.csv\.bz2`, line 90102: column `age` was read as Int64 from its first"),
    ("cp.csv", {90_200: "7,\x81,z,3"}, "cp1252",
     r"input `cp\.csv`, line 90202: the file is not valid `cp1252` text"),
], ids=["ragged row", "type past the sample", "undecodable byte"])
def test_errors_name_the_file_and_line_and_leave_no_copy(copies, tmp_path, name, lines,
                                                         encoding, message):
    """Past the first MiB of text, so the copy was being written when the error came."""
    rows = [f"{i},n{i},x,{i % 90}" for i in range(100_000)]
    for number, line in lines.items():
        rows[number] = line
    body = ("id,name,note,age\n" + "\n".join(rows) + "\n")
    raw = body.encode("latin-1") if encoding != "utf-8" else body.encode("utf-8")
    raw = raw.replace("\x81".encode("latin-1"), b"\x81")  # undefined in cp1252
    if name.endswith((".xz", ".bz2")):
        raw = (lzma.compress if name.endswith(".xz") else bz2.compress)(raw)
    (tmp_path / name).write_bytes(raw)
    recipe = RECIPE.replace("nlp: none", f"nlp: none\ninput: {{encoding: {encoding}, "
                                         f"infer_schema_rows: 1000}}")
    spill = tmp_path / "spill"
    with pytest.raises(InputError, match=message) as raised:
        veil.run(recipe, name, output=tmp_path / "out.csv", report_dir=None, spill_dir=spill)
    assert "n90000" not in str(raised.value)
    assert not (tmp_path / "out.csv").exists()
    assert list((spill / f"{os.getpid()}-input").iterdir()) == []


def test_without_spilling_the_text_stays_in_memory(copies, tmp_path):
    """`--no-spill` writes no row to disk: the text is decoded in memory, however large."""
    (tmp_path / "in.csv.xz").write_bytes(lzma.compress(CSV.encode("utf-8")))
    veil.run(RECIPE, "in.csv.xz", output=tmp_path / "out.csv", report_dir=None,
             allow_spill=False, spill_dir=tmp_path / "spill")
    assert all(isinstance(t, bytes) for t in copies[0].values())
    assert not (tmp_path / "spill").exists()


def test_copies_a_killed_run_left_are_removed_by_the_next(tmp_path):
    spill = tmp_path / "spill"
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    left = spill / f"{ended.pid}-input"
    left.mkdir(parents=True)
    (left / "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.txt").write_text("id\n1\n")
    alive = spill / f"{os.getpid()}-input"  # this test's own process
    alive.mkdir()
    (alive / "1f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.txt").write_text("id\n2\n")
    pl.DataFrame({"age": [20]}).write_csv(tmp_path / "in.csv")
    veil.run(RECIPE, tmp_path / "in.csv", output=tmp_path / "out.csv", report_dir=None,
             spill_dir=spill)
    assert not left.exists()
    assert len(list(alive.iterdir())) == 1


def test_the_share_of_memory_follows_a_container_limit(monkeypatch):
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    monkeypatch.setattr(text, "_cgroup_limit", lambda: None)
    assert text.in_memory_text_limit() == total // 8
    monkeypatch.setattr(text, "_cgroup_limit", lambda: 400 << 20)
    assert text.in_memory_text_limit() == 50 << 20


def test_gzip_is_read_by_polars_itself_without_a_copy(copies, tmp_path):
    """However large: no text in memory, no copy on disk. Its rows are checked and its
    problems located as a plain file's, by reading its text again."""
    rows = [f"{i},n{i},x,{i % 90}" for i in range(100_000)]
    body = "id,name,note,age\n" + "\n".join(rows) + "\n"
    (tmp_path / "in.csv.gz").write_bytes(gzip.compress(body.encode("utf-8")))
    result = veil.run(RECIPE, "in.csv.gz", output=tmp_path / "out.csv", report_dir=None,
                      spill_dir=tmp_path / "spill")
    assert copies == []  # nothing decoded by veil
    assert result.report.inputs[0].rows == 100_000
    (tmp_path / "plain.csv").write_text(body, encoding="utf-8")
    veil.run(RECIPE, "plain.csv", output=tmp_path / "plain_out.csv", report_dir=None)
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "plain_out.csv").read_bytes()

    rows[90_000] = "1,2,3,4,5"
    ragged = ("id,name,note,age\n" + "\n".join(rows) + "\n").encode("utf-8")
    (tmp_path / "ragged.csv.gz").write_bytes(gzip.compress(ragged))
    with pytest.raises(InputError, match=r"input `ragged\.csv\.gz`, line 90002: the row has 5 "
                                         r"fields but the header has 4"):
        veil.run(RECIPE, "ragged.csv.gz", output=tmp_path / "r.csv", report_dir=None)
    packed = gzip.compress(body.encode("utf-8"))
    (tmp_path / "cut.csv.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(InputError, match=r"input `cut\.csv\.gz` could not be decompressed as "
                                         r"gzip \(\w+\)\. Check that the file is complete"):
        veil.run(RECIPE, "cut.csv.gz", output=tmp_path / "c.csv", report_dir=None)
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "c.csv").exists()


def test_scan_and_validate_read_a_large_input_through_a_copy_too(copies, tmp_path, monkeypatch):
    """The first look at an extract (`veil scan`) and `veil validate` read it as a run does."""
    monkeypatch.setenv("VEIL_SPILL_DIR", str(tmp_path / "spill"))
    (tmp_path / "in.csv.xz").write_bytes(lzma.compress(CSV.encode("utf-8")))
    scanned = scan(tmp_path / "in.csv.xz", model=None, sample=50)
    assert scanned.rows == ROWS and scanned.rows_sampled == 50
    checked = validate(RECIPE, tmp_path / "in.csv.xz")
    assert list(checked.output_schema) == ["id", "name", "note", "age"]
    assert len(copies) == 2 and all(isinstance(t, Path) for c in copies for t in c.values())
    assert all(not copy.exists() for c in copies for copy in c.values())


def test_a_joined_latin_1_file_is_read_through_a_copy_removed_after_the_run(copies, tmp_path):
    """The join step and the report's record of the joined file read it as the input is
    read; every copy is gone when the run ends."""
    people = "pid,name\n" + "".join(f"{i},Zoë {i}\n" for i in range(ROWS))
    (tmp_path / "people.csv").write_bytes(people.encode("latin-1"))
    recipe = RECIPE.replace("steps:", "steps:\n  - join: {path: people.csv, on: [id], other_on: "
                                      "[pid], encoding: latin-1, columns: [name]}")
    recipe = recipe.replace('  - filter: "age >= 18"\n', "")
    pl.DataFrame({"id": [5, 7], "age": [30, 40]}).write_csv(tmp_path / "in.csv")
    result = veil.run(recipe, "in.csv", output=None, report_dir=None,
                      spill_dir=tmp_path / "spill")
    assert result.frame.rows() == [(5, 30, "Zoë 5"), (7, 40, "Zoë 7")]
    joined = [r for r in result.report.inputs if r.role == "joined by step 1"]
    assert [(r.path, r.rows) for r in joined] == [("people.csv", ROWS)]
    assert len(copies) >= 2  # the step's read and the report's
    assert all(isinstance(t, Path) and not t.exists() for c in copies for t in c.values())


@pytest.fixture
def piped(monkeypatch):
    """Put `data` on standard input, and make every text past 1,000 bytes too large for
    memory; records where standard input went (its text, or its private file)."""
    import io

    went: list[bytes | Path] = []
    real = readers.standard_input

    def pipe(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    def tiny_share(stream, folder, limit):
        given = real(stream, folder, 1_000)
        went.append(given[0])
        if isinstance(given[0], Path):
            assert stat.S_IMODE(given[0].stat().st_mode) == 0o600
        return given

    monkeypatch.setattr(readers, "standard_input", tiny_share)
    pipe.went = went
    return pipe


@pytest.mark.parametrize("packing", ["plain", "gzip", "xz"])
def test_standard_input_larger_than_memory_goes_through_a_private_file(piped, tmp_path,
                                                                       packing):
    """`zcat export.csv.gz | veil run -i -` held the whole text in memory, however large."""
    given = {"plain": bytes, "gzip": gzip.compress, "xz": lzma.compress}[packing](
        CSV.encode("utf-8"))
    piped(given)
    spill = tmp_path / "spill"
    result = veil.run(RECIPE, "-", output=tmp_path / "out.csv", report_dir=None,
                      spill_dir=spill, input_format="csv")
    [spooled] = piped.went
    assert isinstance(spooled, Path) and spooled.parent == spill / f"{os.getpid()}-input"
    assert not spooled.exists()  # removed when the run ended
    [record] = result.report.inputs
    assert (record.path, record.rows) == ("standard input", ROWS)
    assert record.sha256 == hashlib.sha256(given).hexdigest()  # the bytes as piped in
    piped(given)
    veil.run(RECIPE, "-", output=tmp_path / "memory.csv", report_dir=None, allow_spill=False,
             input_format="csv")
    assert isinstance(piped.went[-1], bytes)  # no spilling: in memory, whatever its size
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "memory.csv").read_bytes()


def test_standard_input_small_enough_stays_in_memory(piped, tmp_path):
    piped(gzip.compress(b"id,name,note,age\n1,a,b,30\n"))
    veil.run(RECIPE, "-", output=tmp_path / "out.csv", report_dir=None,
             spill_dir=tmp_path / "spill", input_format="csv")
    assert piped.went == [b"id,name,note,age\n1,a,b,30\n"]
    assert not (tmp_path / "spill" / f"{os.getpid()}-input").exists() or not any(
        (tmp_path / "spill" / f"{os.getpid()}-input").iterdir())


def test_standard_input_errors_name_standard_input_and_leave_no_file(piped, tmp_path):
    rows = [f"{i},n{i},x,{i % 90}" for i in range(5_000)]
    rows[4_000] = "1,2,3,4,5"
    piped(("id,name,note,age\n" + "\n".join(rows) + "\n").encode("utf-8"))
    spill = tmp_path / "spill"
    with pytest.raises(InputError, match=r"^input `standard input`, line 4002: the row has 5 "
                                         r"fields but the header has 4") as raised:
        veil.run(RECIPE, "-", output=tmp_path / "out.csv", report_dir=None, spill_dir=spill,
                 input_format="csv")
    assert str(spill) not in str(raised.value)
    assert list((spill / f"{os.getpid()}-input").iterdir()) == []
    assert not (tmp_path / "out.csv").exists()
