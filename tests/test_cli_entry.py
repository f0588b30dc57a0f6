"""The console entry point: what it does before typer and Polars are imported."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from veil.cli import run_input


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "r.yaml", "-i", "in.csv"], "in.csv"),
    (["run", "r.yaml", "--input", "in.csv", "-o", "out.csv"], "in.csv"),
    (["run", "r.yaml", "--input=in.csv"], "in.csv"),
    (["run", "-iin.csv", "r.yaml"], "in.csv"),
    (["run", "r.yaml", "-i", "-"], None),          # standard input
    (["run", "r.yaml", "-i", "data/*.csv"], None),  # a glob: the reader expands it
    (["run", "r.yaml", "-i"], None),
    (["run", "r.yaml", "--", "-i", "in.csv"], None),
    (["validate", "r.yaml", "-i", "in.csv"], None),
    (["run", "r.yaml"], None),
    ([], None),
])
def test_run_input_reads_the_input_of_a_run_command_line(args, expected):
    assert run_input(args) == expected


def test_importing_the_cli_package_imports_neither_polars_nor_typer():
    """Otherwise the input hash could not start before the heavy imports."""
    code = ("import sys, veil, veil.cli; "
            "print(sorted(m for m in ('polars', 'typer', 'pydantic') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]"


def _select_id_recipe(recipe_file):
    return recipe_file("""
        veil: 1
        name: t
        nlp: none
        report: {dir: reports, formats: [json], verify_output: false, dataset_card: false}
        steps:
          - select: [id]
    """)


def test_cli_run_records_the_input_sha256_hashed_ahead(veil_cli, recipe_file, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,name\n" + "".join(f"{i},n{i}\n" for i in range(5000)), encoding="utf-8")
    recipe = _select_id_recipe(recipe_file)
    result = veil_cli("run", recipe, "-i", source, "-o", tmp_path / "out.csv", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(next((tmp_path / "reports").glob("*.json")).read_text(encoding="utf-8"))
    inputs = [record for record in report["inputs"] if record["role"] == "input"]
    assert inputs[0]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert inputs[0]["rows"] == 5000


def test_garbage_collection_runs_again_once_a_command_has_imported_what_it_needs(
        recipe_file, tmp_path):
    """`main` pauses collection for the start-up imports only: a long NLP run needs it."""
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,a\n", encoding="utf-8")
    recipe = _select_id_recipe(recipe_file)
    code = """if True:
        import gc, sys
        import veil.api
        states = []
        real_run = veil.api.run
        def spy(*args, **kwargs):
            states.append(gc.isenabled())
            return real_run(*args, **kwargs)
        veil.api.run = spy
        sys.argv = ["veil"] + sys.argv[1:]
        from veil.cli import main
        try:
            main()
        except SystemExit as exc:
            print("exit", exc.code, file=sys.stderr)
        print(states, gc.isenabled())
    """
    done = subprocess.run([sys.executable, "-c", code, "run", str(recipe), "-i", str(source),
                           "-o", str(tmp_path / "out.csv"), "--quiet"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.strip() == "[True] True", done.stderr
    assert (tmp_path / "out.csv").exists()


def test_imports_done_leaves_collection_alone_when_main_did_not_pause_it(monkeypatch):
    import gc

    import veil.cli

    monkeypatch.setattr(veil.cli, "_collection_paused", False)
    gc.disable()
    try:
        veil.cli.imports_done()
        assert not gc.isenabled()  # someone else's choice: not undone
    finally:
        gc.enable()
    monkeypatch.setattr(veil.cli, "_collection_paused", True)
    gc.disable()
    try:
        veil.cli.imports_done()
        assert gc.isenabled()
        assert veil.cli._collection_paused is False
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_command_line_writes_no_core_file_on_a_crash(tmp_path):
    """A core file would hold the rows in memory; the entry point turns them off first."""
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)\n"
            "sys.argv = ['veil', '--version']\n"
            "from veil.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrlimit(resource.RLIMIT_CORE)[0], file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    assert done.stderr.strip().splitlines()[-1] == "0"


@pytest.mark.parametrize(("args", "shown"), [(["--version"], "0"), (["--version", "--debug"], "1")])
def test_rust_backtraces_only_with_debug(tmp_path, args, shown):
    code = ("import os, sys\n"
            f"sys.argv = ['veil', *{args!r}]\n"
            "from veil.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(os.environ.get('RUST_BACKTRACE'), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "RUST_BACKTRACE": "1"})
    assert done.stderr.strip().splitlines()[-1] == shown


def test_a_polars_panic_is_exit_2_without_traceback(capsys):
    """pyo3's PanicException is a BaseException: it must not escape as a traceback and exit 1,
    which is the code of a failed privacy gate."""
    import polars as pl
    import typer

    from veil.cli.errors import handled

    panic = "index out of bounds: the len is 3 but the index is 7"
    with pytest.raises(typer.Exit) as stopped, handled():
        raise pl.exceptions.PanicException(panic)
    assert stopped.value.exit_code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: veil failed unexpectedly (PanicException); nothing was written.")
    assert "index out of bounds" not in err and "Traceback" not in err


@pytest.mark.parametrize(("error", "said"), [
    (PermissionError(13, "Permission denied", "/data/in.csv"),
     "a file could not be read or written (`/data/in.csv`): Permission denied."),
    (OSError("Permission denied (os error 13)"),  # as Polars raises it: no errno, no path
     "a file could not be read or written: Permission denied (os error 13)."),
])
def test_a_file_the_system_refuses_is_exit_2_not_a_bug(capsys, error, said):
    import typer

    from veil.cli.errors import handled

    with pytest.raises(typer.Exit) as stopped, handled():
        raise error
    assert stopped.value.exit_code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {said} Check the paths and their permissions")
    assert "bug in veil" not in err
