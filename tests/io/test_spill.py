"""Where Polars writes rows when memory runs short: veil's folder, cleaned, or nowhere.

Polars spills past a memory budget; `POLARS_OOC_MEMORY_BUDGET_MB=4` makes a small
dedupe spill, and `POLARS_OOC_LOG_METRICS=1` has Polars itself report how many times
it spilled, so whether rows went to disk is known apart from what veil records.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.io import spill as spill_module

ROWS, NAMES = 100_000, 30_000
RECIPE = """\
veil: 1
name: spill
nlp: none
input: {path: in.csv}
output: {path: out.csv}
report: {dir: reports, formats: [json, md], verify_output: false, dataset_card: false}
steps:
  - dedupe: [name]
"""
#: Polars' own account of a spill that happened: `spill(succ=100.0%, n=3)`.
POLARS_SPILLED = re.compile(r"spill\(succ=[0-9.]+%, n=[1-9]")


@pytest.fixture
def project(tmp_path: Path, recipe_file) -> Path:
    pl.DataFrame({"id": range(ROWS), "name": [f"person {i % NAMES}" for i in range(ROWS)]}
                 ).write_csv(tmp_path / "in.csv")
    return recipe_file(RECIPE)


def _squeezed(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A tiny Polars memory budget, and a user whose Polars default folder is known."""
    return {"POLARS_OOC_MEMORY_BUDGET_MB": "4", "POLARS_OOC_LOG_METRICS": "1",
            "USER": f"veil-test-{uuid.uuid4().hex[:8]}", **extra}


def _report(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "reports/out.report.json").read_text(encoding="utf-8"))


def test_spill_goes_to_veils_folder_and_is_gone_after_the_run(veil_cli, project, tmp_path):
    folder = tmp_path / "spill"
    env = _squeezed(tmp_path, VEIL_SPILL_DIR=str(folder))
    result = veil_cli("run", project, env=env)
    assert result.exit_code == 0, result.stderr
    assert POLARS_SPILLED.search(result.stderr), "the budget did not make Polars spill"
    assert _report(tmp_path)["spill"] == {"allowed": True, "directory": str(folder),
                                          "spilled": True}
    assert list(folder.iterdir()) == []  # the run's own folder went when it exited
    assert not Path(f"/var/tmp/polars-{env['USER']}").exists()  # not Polars' default
    assert pl.read_csv(tmp_path / "out.csv")["name"].n_unique() == NAMES
    assert pl.read_csv(tmp_path / "out.csv").height == NAMES
    assert "memory ran short" in result.stderr
    assert "Polars wrote rows of the data to" in (tmp_path / "reports/out.report.md").read_text()


@pytest.mark.parametrize(("args", "env"), [(["--no-spill"], {}), ([], {"VEIL_SPILL": "never"})],
                         ids=["option", "environment"])
def test_no_spill_keeps_every_row_in_memory(veil_cli, project, tmp_path, args, env):
    folder = tmp_path / "spill"
    result = veil_cli("run", project, *args,
                      env=_squeezed(tmp_path, VEIL_SPILL_DIR=str(folder), **env))
    assert result.exit_code == 0, result.stderr
    assert "spill(" in result.stderr  # Polars reported, and reported no spill
    assert not POLARS_SPILLED.search(result.stderr)
    assert not folder.exists()
    assert _report(tmp_path)["spill"] == {"allowed": False, "directory": None, "spilled": False}
    assert pl.read_csv(tmp_path / "out.csv").height == NAMES


def test_a_run_without_memory_pressure_records_no_spill(veil_cli, project, tmp_path):
    folder = tmp_path / "spill"
    result = veil_cli("run", project, env={"VEIL_SPILL_DIR": str(folder)})
    assert result.exit_code == 0, result.stderr
    assert _report(tmp_path)["spill"] == {"allowed": True, "directory": str(folder),
                                          "spilled": False}
    assert "memory ran short" not in result.stderr


@pytest.mark.parametrize("args", [[], ["--no-spill"]], ids=["spill allowed", "no spill"])
def test_what_killed_runs_left_is_removed_and_nothing_else(veil_cli, project, tmp_path, args):
    folder = tmp_path / "spill"
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    left = folder / str(ended.pid)
    left.mkdir(parents=True)
    (left / f"spill-sort-partition-{uuid.uuid4()}.ipc").write_bytes(b"rows of the input")
    running = folder / str(os.getpid())  # this test's process is alive
    running.mkdir()
    (running / f"spill-sort-{uuid.uuid4()}.ipc").write_bytes(b"in use")
    other = folder / "2024"  # a folder named by a number that is not Polars'
    other.mkdir()
    (other / "minutes.txt").write_text("keep me")

    result = veil_cli("run", project, *args, env={"VEIL_SPILL_DIR": str(folder)})
    assert result.exit_code == 0, result.stderr
    assert not left.exists()
    assert len(list(running.iterdir())) == 1
    assert (other / "minutes.txt").read_text() == "keep me"


@pytest.mark.parametrize("make", ["file", "missing parent"])
def test_a_spill_folder_that_cannot_be_used_exits_2(veil_cli, project, tmp_path, make):
    if make == "file":
        named = tmp_path / "a-file"
        named.write_text("x")
    else:
        named = Path("/proc/veil-no-such-place/spill")
    result = veil_cli("run", project, "--spill-dir", str(named))
    assert result.exit_code == 2
    assert f"`{named}`" in result.stderr
    assert "--no-spill" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_an_unknown_spill_setting_exits_2(veil_cli, project, tmp_path):
    result = veil_cli("run", project, env={"VEIL_SPILL": "sometimes"})
    assert result.exit_code == 2
    assert "VEIL_SPILL" in result.stderr and "`never`" in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def polars_settings():
    """What the in-process tests below let veil set is put back for the tests after them."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)
    pl.Config.reload_env_vars()


def test_default_folder_planted_as_a_link_is_not_used(tmp_path, monkeypatch, polars_settings):
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir()
    planted = tmp_path / "veil-uid"
    planted.symlink_to(elsewhere)
    monkeypatch.setattr(spill_module, "default_spill_dir", lambda: planted)
    monkeypatch.setenv("POLARS_OOC_SPILL_DIR", str(tmp_path / "before"))
    frame = pl.DataFrame({"name": ["a", "b", "a"]})
    result = veil.run("veil: 1\nname: t\nnlp: none\nsteps:\n  - dedupe: [name]\n", frame,
                      output=None, report_dir=None, environ={})
    assert result.report.spill == {"allowed": False, "directory": None, "spilled": False}
    assert any("link" in warning and str(planted) in warning
               for warning in result.report.warnings)
    assert os.environ["POLARS_OOC_SPILL_DIR"] == str(tmp_path / "before")


def test_default_folder_readable_by_others_is_closed(tmp_path, monkeypatch, polars_settings):
    loose = tmp_path / "veil-uid"
    loose.mkdir(mode=0o755)
    os.chmod(loose, 0o755)
    monkeypatch.setattr(spill_module, "default_spill_dir", lambda: loose)
    monkeypatch.setenv("POLARS_OOC_SPILL_DIR", str(tmp_path / "before"))
    prepared = spill_module.prepare_spill(environ={})
    assert prepared.directory == loose
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    assert os.environ["POLARS_OOC_SPILL_DIR"] == str(loose)


def test_risk_spills_to_veils_folder_too(veil_cli, project, tmp_path):
    folder = tmp_path / "spill"
    env = _squeezed(tmp_path, VEIL_SPILL_DIR=str(folder))
    result = veil_cli("risk", "in.csv", "--qi", "name", "--json", env=env)
    assert result.exit_code == 0, result.stderr
    assert POLARS_SPILLED.search(result.stderr), "the budget did not make Polars spill"
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert not Path(f"/var/tmp/polars-{env['USER']}").exists()


_SMALL_DISK = """\
import collections, shutil, sys
Usage = collections.namedtuple("Usage", "total used free")
shutil.disk_usage = lambda path: Usage(10**9, 10**9 - {free}, {free})
sys.argv = ["veil", *sys.argv[1:]]
from veil.cli import main
main()
"""


@pytest.mark.parametrize(("budget", "ends"), [
    ({}, 2),
    ({"POLARS_OOC_DISK_BUDGET_MB": "100000"}, 0),
    # set by veil in a parent process: not the caller's, so worked out again
    ({"POLARS_OOC_DISK_BUDGET_MB": "100000", "VEIL_SET_POLARS_OOC_DISK_BUDGET_MB": "100000"}, 2),
], ids=["veil's budget", "the caller's own", "inherited from veil"])
def test_a_spill_folder_short_of_space_stops_the_run_instead_of_hanging(project, tmp_path,
                                                                        budget, ends):
    """Polars 2.1 hangs when the disk fills mid-spill; veil caps the spill at most of the free
    space (here made to look like 0.5 MB), so Polars stops the query with an error instead."""
    folder = tmp_path / "spill"
    env = {**os.environ, **_squeezed(tmp_path, VEIL_SPILL_DIR=str(folder)), **budget}
    done = subprocess.run([sys.executable, "-c", _SMALL_DISK.format(free=500_000), "run",
                           str(project), "-q"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == ends, done.stderr
    if ends == 2:
        assert ("step 1 `dedupe`: the rows did not fit in memory, and the spill folder has too "
                "little free space to hold them on disk.") in done.stderr
        assert not (tmp_path / "out.csv").exists()
    else:
        assert POLARS_SPILLED.search(done.stderr)
        assert pl.read_csv(tmp_path / "out.csv").height == NAMES
    assert list(folder.iterdir()) == []
