"""Atomic outputs: a failed run leaves the previous output byte-identical, no temporary
file, no report; the input is never overwritten, whatever path names it."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.errors import InputError, OutputError, StepError, UsageError
from veil.io import writers

ROWS = 200_000
PREVIOUS = b"previous output, must survive\n"


def _recipe(*steps: str, output: str = "out.csv") -> str:
    body = "".join(f"  - {step}\n" for step in steps)
    return (f"veil: 1\nname: atomic\nnlp: none\noutput: {{path: {output}}}\n"
            f"input: {{types: {{v: string}}}}\n"
            f"report: {{dir: reports, verify_output: false, dataset_card: false}}\n"
            f"steps:\n{body}")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch) -> Path:
    """A folder with an input whose LAST row breaks a strict cast, and a previous output."""
    monkeypatch.chdir(tmp_path)
    values = [str(i) for i in range(ROWS - 1)] + ["not-a-number"]
    pl.DataFrame({"id": list(range(ROWS)), "v": values}).write_csv(tmp_path / "in.csv")
    (tmp_path / "out.csv").write_bytes(PREVIOUS)
    return tmp_path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in {"in.csv", "out.csv"})


@pytest.mark.parametrize("steps", [
    # streamed: the whole plan is sunk to the temporary file and fails near the end
    ("cast: {v: int}",),
    # collected: a global step materialises the frame, the failure comes before writing
    ("cast: {v: int}", "dedupe: [id]"),
    # fails in a later step, after a global one
    ("dedupe: [id]", "cast: {v: int}"),
])
def test_atomic_failed_step_leaves_previous_output_and_no_temp(workdir, steps):
    with pytest.raises(StepError, match=r"`cast`: column `v` has values that cannot be converted"):
        veil.run(_recipe(*steps), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []  # no temporary file, no report folder


@pytest.mark.parametrize("exception", [RuntimeError("disk gone"), KeyboardInterrupt()])
def test_atomic_interrupted_sink_leaves_previous_output(workdir, monkeypatch, exception):
    """The writer dies after writing part of the file: the partial file is removed."""
    real_sink = pl.LazyFrame.sink_csv

    def half_then_die(self, path, *args, **kwargs):
        real_sink(self.head(10), path, *args, **kwargs)
        assert Path(path).stat().st_size > 0
        raise exception

    monkeypatch.setattr(pl.LazyFrame, "sink_csv", half_then_die)
    with pytest.raises(type(exception)):
        veil.run(_recipe("select: [id]"), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []


def test_atomic_interrupted_frame_write_leaves_previous_output(workdir, monkeypatch):
    real_write = writers.write_to

    def half_then_die(frame, path, fmt, *layout):
        real_write(frame.head(5), path, fmt, *layout)
        raise RuntimeError("interrupted")

    monkeypatch.setattr(writers, "write_to", half_then_die)
    with pytest.raises(RuntimeError):
        writers.write_frame(pl.DataFrame({"a": [1]}), workdir / "out.csv", "csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []


def test_atomic_success_replaces_output_and_keeps_mode(workdir):
    os.chmod(workdir / "out.csv", 0o640)
    veil.run(_recipe("select: [id]", "filter: 'id < 3'"), "in.csv")
    assert (workdir / "out.csv").read_text() == "id\n0\n1\n2\n"
    assert (workdir / "out.csv").stat().st_mode & 0o777 == 0o640
    assert _leftovers(workdir) == ["reports"]


def test_atomic_new_output_gets_default_permissions(workdir):
    umask = os.umask(0o022)
    try:
        veil.run(_recipe("select: [id]", output="fresh.csv"), "in.csv")
    finally:
        os.umask(umask)
    assert (workdir / "fresh.csv").stat().st_mode & 0o777 == 0o644


def _same_file_paths(workdir: Path) -> list[str]:
    (workdir / "sub").mkdir()
    os.symlink(workdir / "in.csv", workdir / "link.csv")
    return ["in.csv", "./in.csv", "sub/../in.csv", str(workdir / "in.csv"), "link.csv"]


def test_atomic_refuses_to_overwrite_input_under_any_name(workdir):
    before = (workdir / "in.csv").read_bytes()
    for output in _same_file_paths(workdir):
        shown = re.escape(str(Path(output)))
        with pytest.raises(OutputError, match=rf"output `{shown}` is the input file\. veil never "
                                              rf"overwrites its input: choose another output path"):
            veil.run(_recipe("select: [id]"), "in.csv", output=output)
    assert (workdir / "in.csv").read_bytes() == before


def test_atomic_refuses_output_that_is_one_of_a_folders_files(workdir):
    (workdir / "parts").mkdir()
    pl.DataFrame({"id": [1], "v": ["1"]}).write_csv(workdir / "parts" / "a.csv")
    with pytest.raises(OutputError, match=r"is the input file"):
        veil.run(_recipe("select: [id]"), "parts", output="parts/a.csv")


@pytest.mark.parametrize(("read_from", "output"), [
    ("parts", "parts/new.csv"),
    ("parts/", "./parts/new.parquet"),  # any format a folder input reads
    ("parts/*.csv", "parts/new.csv"),
    ("parts/**/*.csv", "parts/2024/new.csv"),
])
def test_atomic_refuses_output_the_next_run_would_read_as_input(workdir, read_from, output):
    # Written there, the next run of the recipe reads the output beside its own input.
    (workdir / "parts" / "2024").mkdir(parents=True)
    pl.DataFrame({"id": [1], "v": ["1"]}).write_csv(workdir / "parts" / "a.csv")
    with pytest.raises(OutputError, match=rf"output `{re.escape(str(Path(output)))}` would be one "
                                          rf"of the files of input `{re.escape(read_from)}`: the "
                                          rf"next run would read it as input"):
        veil.run(_recipe("select: [id]"), read_from, output=output)
    assert sorted(path.name for path in (workdir / "parts").rglob("*")) == ["2024", "a.csv"]


@pytest.mark.parametrize(("read_from", "output"), [
    ("parts", "parts/2024/new.csv"),  # a folder input reads its own files, not its folders'
    ("parts", "parts/notes.md"),  # nor files of other kinds
    ("parts/a*.csv", "parts/new.csv"),
    ("parts/*.csv", "parts/2024/new.csv"),  # `*` stops at `/`, as the glob's does
])
def test_atomic_writes_beside_input_files_it_will_not_read(workdir, read_from, output):
    (workdir / "parts" / "2024").mkdir(parents=True)
    pl.DataFrame({"id": [1], "v": ["1"]}).write_csv(workdir / "parts" / "a.csv")
    veil.run(_recipe("select: [id]"), read_from, output=output,
             output_format="csv" if output.endswith(".md") else None)
    assert (workdir / output).exists()


def test_atomic_refusal_through_cli_exit_2(workdir, veil_cli, recipe_file):
    recipe = recipe_file(_recipe("select: [id]"))
    result = veil_cli("run", recipe, "-i", "in.csv", "-o", "sub/../in.csv", cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: output `sub/../in.csv` is the input file.")


def test_atomic_nothing_written_when_any_step_fails(workdir):
    (workdir / "out.csv").unlink()
    with pytest.raises(StepError):
        veil.run(_recipe("select: [id]", "filter: 'idd > 1'"), "in.csv")
    assert _leftovers(workdir) == []
    assert not (workdir / "out.csv").exists()


@pytest.mark.parametrize("steps", [("cast: {v: int}",), ("dedupe: [id]", "cast: {v: int}")],
                         ids=["streamed", "collected"])
def test_atomic_failed_run_leaves_no_folder_it_made_for_its_output(workdir, steps):
    with pytest.raises(StepError):
        veil.run(_recipe(*steps, output="new/day/out.csv"), "in.csv")
    assert _leftovers(workdir) == []  # neither `new/` nor `new/day/`


def test_atomic_output_that_is_a_folder_is_refused(workdir):
    (workdir / "folder.csv").mkdir()
    with pytest.raises(OutputError, match=r"^output `folder\.csv` is a folder\. Give a file path"):
        veil.run(_recipe("select: [id]", output="folder.csv"), "in.csv")
    assert list((workdir / "folder.csv").iterdir()) == []


def test_atomic_full_disk_while_streaming_is_named_and_leaves_previous_output(workdir,
                                                                             monkeypatch):
    def fill_the_disk(self, path, *args, **kwargs):
        Path(path).write_bytes(b"id\n0\n1\n")
        message = "No space left on device (os error 28)"  # as Polars raises it: no errno
        raise OSError(message)

    monkeypatch.setattr(pl.LazyFrame, "sink_csv", fill_the_disk)
    with pytest.raises(OutputError, match=r"^output `out\.csv` could not be written: no space "
                                          r"left on device\. Nothing was written"):
        veil.run(_recipe("select: [id]"), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []


def _disk_full_for(monkeypatch, name_part: str) -> None:
    """Writing text to a file whose name holds `name_part` fails as on a full disk."""
    real_write_text = Path.write_text

    def full_disk(self, text, *args, **kwargs):
        if name_part in self.name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_text(self, text, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)


def test_atomic_reports_that_cannot_be_written_leave_no_new_output(workdir, monkeypatch):
    """The output is renamed into place only once its reports are: all or nothing."""
    (workdir / "reports").mkdir()
    (workdir / "reports/out.report.json").write_bytes(b"the previous run's report")
    _disk_full_for(monkeypatch, "report.external")
    with pytest.raises(OutputError, match=r"^report `reports/out\.report\.external\.json` "
                                          r"could not be written: no space left on device"):
        veil.run(_recipe("select: [id]"), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert os.listdir(workdir / "reports") == ["out.report.json"]
    assert (workdir / "reports/out.report.json").read_bytes() == b"the previous run's report"
    assert _leftovers(workdir) == ["reports"]


def test_atomic_reports_that_cannot_be_written_leave_no_report_folder_made(workdir,
                                                                          monkeypatch):
    """A report folder the run made for its reports goes with them (`reports/day/`)."""
    _disk_full_for(monkeypatch, ".report.")
    recipe = _recipe("select: [id]").replace("dir: reports", "dir: reports/day")
    with pytest.raises(OutputError, match="could not be written: no space left on device"):
        veil.run(recipe, "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []  # neither `reports/` nor `reports/day/`


def _run_with_small_files_only(workdir: Path) -> subprocess.CompletedProcess[str]:
    """`veil run recipe.yaml -i in.csv` where the system refuses files past 100 KB (EFBIG)."""

    def small_files_only() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.RLIM_INFINITY))

    return subprocess.run([sys.executable, "-m", "veil", "run", "recipe.yaml", "-i", "in.csv"],
                          cwd=workdir, capture_output=True, text=True, timeout=300,
                          preexec_fn=small_files_only)


def test_atomic_file_size_limit_ends_the_run_with_exit_2(workdir):
    """A real refusal from the system: the output outgrows the process's file size limit."""
    (workdir / "recipe.yaml").write_text(_recipe("select: [id]"), encoding="utf-8")
    done = _run_with_small_files_only(workdir)
    assert done.returncode == 2, done.stderr
    assert done.stderr == ("error: output `out.csv` could not be written: file too large. Nothing "
                           "was written, and a previous file there is intact. Free space on that "
                           "disk, or write elsewhere.\n")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == ["recipe.yaml"]


def test_atomic_output_under_a_file_is_refused_before_reading(workdir):
    (workdir / "taken").write_text("a file, not a folder")
    with pytest.raises(OutputError, match=r"^the output folder `taken/sub` cannot be written: "
                                          r"`taken` is not a folder\. Nothing was read"):
        veil.run(_recipe("select: [id]", output="taken/sub/out.csv"), "in.csv")
    assert _leftovers(workdir) == ["taken"]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
@pytest.mark.parametrize("steps", [("select: [id]",), ("select: [id]", "dedupe: [id]")],
                         ids=["streamed", "collected"])
def test_atomic_file_size_limit_names_the_output_whatever_its_format(workdir, fmt, steps):
    """Polars' Parquet writer reports a full disk as a ComputeError quoting `(os error 27)`."""
    (workdir / "recipe.yaml").write_text(_recipe(*steps, output=f"big.{fmt}"), encoding="utf-8")
    done = _run_with_small_files_only(workdir)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: output `big.{fmt}` could not be written: file too "
                                  f"large."), done.stderr
    assert _leftovers(workdir) == ["recipe.yaml"]


@pytest.mark.parametrize("steps", [("select: [id]",), ("select: [id]", "dedupe: [id]")],
                         ids=["streamed", "collected"])
def test_atomic_input_changed_during_the_run_writes_nothing(workdir, monkeypatch, steps):
    """An export still appending to the input: the report's hash would not be of the data
    the output came from."""
    real_sink, real_write = pl.LazyFrame.sink_csv, writers.write_to

    def grow_input() -> None:
        with open(workdir / "in.csv", "a", encoding="utf-8") as export:
            export.write(f"{ROWS},{ROWS}\n")

    def sink_while_growing(self, *args, **kwargs):
        grow_input()
        return real_sink(self, *args, **kwargs)

    def write_while_growing(*args, **kwargs):
        grow_input()
        return real_write(*args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "sink_csv", sink_while_growing)
    monkeypatch.setattr(writers, "write_to", write_while_growing)
    with pytest.raises(InputError, match=r"^input `in\.csv` changed while veil was reading it"):
        veil.run(_recipe(*steps), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert _leftovers(workdir) == []


def test_atomic_input_untouched_during_the_run_passes(workdir):
    veil.run(_recipe("select: [id]", "dedupe: [id]"), "in.csv")
    assert pl.read_csv(workdir / "out.csv").height == ROWS


def test_atomic_reports_and_output_are_renamed_under_one_lock(workdir, monkeypatch):
    """A retried task running beside its first attempt: each run renames its reports and
    its output while holding both folders, so the pair left behind is one run's."""
    real_replace = os.replace
    held: list[tuple[str, bool, bool]] = []

    def locked(folder: Path) -> bool:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)  # also drops a lock this probe took
        return False

    def watching_replace(source, target, *args, **kwargs):
        held.append((Path(target).name, locked(workdir), locked(workdir / "reports")))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", watching_replace)
    veil.run(_recipe("select: [id]"), "in.csv")
    renamed = [name for name, *_ in held]
    assert renamed[-1] == "out.csv"  # the output last, after every report
    assert {"out.report.json", "out.report.external.json"} <= set(renamed[:-1])
    assert all(output_held and reports_held for _, output_held, reports_held in held), held
    assert not locked(workdir) and not locked(workdir / "reports")


def test_atomic_a_run_waits_to_commit_while_another_holds_the_folder(workdir):
    (workdir / "recipe.yaml").write_text(_recipe("select: [id]"), encoding="utf-8")
    holder = os.open(workdir, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another run, committing
    try:
        child = subprocess.Popen([sys.executable, "-m", "veil", "run", "recipe.yaml", "-i",
                                  "in.csv", "-q"], cwd=workdir, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".out.") for p in workdir.iterdir()):
            assert child.poll() is None, child.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(1)
        assert child.poll() is None  # its output written to a temporary file, waiting
        assert (workdir / "out.csv").read_bytes() == PREVIOUS
    finally:
        os.close(holder)
    assert child.wait(timeout=120) == 0, child.stderr.read()
    assert (workdir / "out.csv").read_text().startswith("id\n0\n")
    assert _leftovers(workdir) == ["recipe.yaml", "reports"]


def test_atomic_another_output_s_report_written_meanwhile_is_not_replaced(workdir, monkeypatch):
    """A run of another output of the same name (`elsewhere/out.csv`) finished while this one
    ran: the check under the commit lock refuses, and nothing of this run is written."""
    theirs = json.dumps({"output": {"path": "elsewhere/out.csv", "sha256": "0" * 64}})
    real_acquire = writers.CommitLock.acquire

    def after_the_other_run(self):
        (workdir / "reports").mkdir(exist_ok=True)
        (workdir / "reports" / "out.report.json").write_text(theirs, encoding="utf-8")
        real_acquire(self)

    monkeypatch.setattr(writers.CommitLock, "acquire", after_the_other_run)
    with pytest.raises(UsageError, match=r"the report of another output \(`elsewhere/out\.csv`\)"):
        veil.run(_recipe("select: [id]"), "in.csv")
    assert (workdir / "out.csv").read_bytes() == PREVIOUS
    assert (workdir / "reports" / "out.report.json").read_text(encoding="utf-8") == theirs
    assert sorted(p.name for p in (workdir / "reports").iterdir()) == ["out.report.json"]
    assert _leftovers(workdir) == ["reports"]
