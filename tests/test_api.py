"""The Python API: `veil.run(recipe, source)` on paths and frames, with no global state."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import veil
from veil.api import validate
from veil.errors import StepError, UsageError

FRAME = pl.DataFrame({
    "id": list(range(1, 201)),
    "age": [15 + i % 70 for i in range(200)],
    "zip": [f"{i % 37:05d}" for i in range(200)],
    "note": [f"  note  {i} " for i in range(200)],
})
BASE = ("veil: 1\nname: {name}\nnlp: none\nseed: {seed}\n"
        "report: {{verify_output: false, dataset_card: false, formats: [json]}}\nsteps:\n")
RECIPE_A = BASE.format(name="a", seed=1) + ('  - filter: "age >= 18"\n  - normalize_text: [note]\n'
                                             "  - sample: {n: 50}\n")
RECIPE_B = BASE.format(name="b", seed=2) + ("  - select: [id, zip]\n  - rename: {zip: postcode}\n"
                                             "  - sample: {fraction: 0.5}\n")


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    FRAME.write_csv(path)
    return path


def _run(recipe: str, source, **kwargs) -> pl.DataFrame:
    return veil.run(recipe, source, output=None, report_dir=None, **kwargs).frame


@pytest.mark.parametrize("kind", ["path", "str", "frame", "lazy"])
def test_api_run_accepts_path_dataframe_and_lazyframe(csv_path, kind):
    source = {"path": csv_path, "str": str(csv_path), "frame": FRAME, "lazy": FRAME.lazy()}[kind]
    out = _run(RECIPE_B, source)
    assert out.columns == ["id", "postcode"]
    assert out.height == 100
    assert_frame_equal(out, _run(RECIPE_B, FRAME))  # same rows whatever the source


@pytest.mark.parametrize(("source", "got"), [
    (b"id,name\n1,Zebulon Quixotez\n", "a bytes"),
    ("id,name\n1,Zebulon Quixotez\n", "text of several lines"),  # as load_recipe takes YAML
    (42, "an int"),
    (["id,name", "1,Zebulon Quixotez"], "a list"),
])
def test_api_run_refuses_another_source_without_quoting_it(source, got):
    """Bytes of data passed for a path were quoted back: `input `b'id,name...'` does not
    exist`, the data in the error."""
    for call in (lambda: _run(RECIPE_B, source), lambda: validate(RECIPE_B, source)):
        with pytest.raises(UsageError) as refused:
            call()
        assert f"got {got}. Save text to a file" in str(refused.value)
        assert "Zebulon" not in str(refused.value)


def test_api_run_says_how_to_convert_a_pandas_frame():
    # "got a DataFrame" read as if a Polars one had been refused.
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"id": [1], "name": ["Zebulon Quixotez"]})
    with pytest.raises(UsageError) as refused:
        _run(RECIPE_B, frame)
    message = str(refused.value)
    assert "got a pandas DataFrame. Convert it with `polars.from_pandas(frame)`" in message
    assert "`frame.reset_index()`" in message and "Zebulon" not in message


def test_api_run_refuses_an_output_that_is_not_a_path(tmp_path, monkeypatch):
    """A frame passed as `output` became a file named after its printed rows."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"`output` is a path .* got DataFrame\.$"):
        veil.run(RECIPE_B, FRAME, output=FRAME, report_dir=None)
    assert list(tmp_path.iterdir()) == []


def test_api_run_result_holds_frame_and_report(csv_path):
    result = veil.run(RECIPE_A, csv_path, output=None, report_dir=None)
    assert result.frame.height == 50
    assert result.frame["note"].str.contains("  ").sum() == 0
    assert [s.kind for s in result.report.steps] == ["filter", "normalize_text", "sample"]
    assert result.output_path is None and result.report_paths == []


def test_api_output_none_writes_nothing(csv_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    recipe = RECIPE_B.replace("nlp: none\n", "nlp: none\noutput: {path: out.csv}\n")
    veil.run(recipe, csv_path, output=None, report_dir=None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_api_two_recipes_interleaved_do_not_interfere():
    alone_a, alone_b = _run(RECIPE_A, FRAME), _run(RECIPE_B, FRAME)
    assert_frame_equal(_run(RECIPE_B, FRAME), alone_b)
    assert_frame_equal(_run(RECIPE_A, FRAME), alone_a)


def test_api_concurrent_runs_do_not_interfere():
    expected = {"a": _run(RECIPE_A, FRAME), "b": _run(RECIPE_B, FRAME)}
    jobs = [("a", RECIPE_A), ("b", RECIPE_B)] * 4
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: (job[0], _run(job[1], FRAME)), jobs))
    for name, frame in results:
        assert_frame_equal(frame, expected[name])


def test_api_failed_run_does_not_affect_the_next(csv_path):
    with pytest.raises(StepError):
        _run(RECIPE_A.replace("age >= 18", "agee >= 18"), csv_path)
    assert _run(RECIPE_A, csv_path).height == 50


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "ipc"])
def test_api_identical_output_bytes_across_runs(csv_path, tmp_path, fmt):
    first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
    r1 = veil.run(RECIPE_A, csv_path, output=first, report_dir=None)
    r2 = veil.run(RECIPE_A, csv_path, output=second, report_dir=None)
    assert first.read_bytes() == second.read_bytes()
    assert r1.report.output.sha256 == r2.report.output.sha256


def test_api_streamed_run_reads_frame_back_from_output(csv_path, tmp_path):
    recipe = BASE.format(name="s", seed=0) + '  - filter: "age >= 80"\n'
    result = veil.run(recipe, csv_path, output=tmp_path / "o.parquet", report_dir=None)
    assert_frame_equal(result.frame, FRAME.filter(pl.col("age") >= 80))
    assert result.report.output.rows == result.frame.height


@pytest.mark.parametrize("streamed", [True, False])
@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet", "ipc"])
def test_api_report_output_hash_is_the_written_files(tmp_path, csv_path, fmt, streamed):
    """The output is hashed while Polars writes it: the hash must still be of the final bytes."""
    import hashlib

    recipe = RECIPE_B if not streamed else BASE.format(name="s", seed=0) + "  - select: [id]\n"
    big = pl.concat([FRAME] * 200)  # several write batches
    source = tmp_path / "big.csv"
    big.write_csv(source)
    result = veil.run(recipe, source, output=tmp_path / f"o.{fmt}", report_dir=None)
    written = (tmp_path / f"o.{fmt}").read_bytes()
    assert result.report.output.sha256 == hashlib.sha256(written).hexdigest()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet", "ipc"])
def test_api_streamed_run_reports_true_row_counts(tmp_path, fmt):
    """Rows in and out come from the files, including quoted fields that span lines."""
    frame = pl.DataFrame({"id": list(range(40)),
                          "note": [f'line one\nline "two" {i}' for i in range(40)]})
    source = tmp_path / "in.csv"
    frame.write_csv(source)
    assert source.read_text().count("\n") > 80  # the newlines are inside quoted fields
    recipe = BASE.format(name="s", seed=0) + '  - filter: "id % 4 = 0"\n'
    result = veil.run(recipe, source, output=tmp_path / f"o.{fmt}", report_dir=None)
    assert result.report.inputs[0].rows == 40
    assert result.report.output.rows == result.frame.height == 10


def test_api_latin_1_csv_records_its_true_row_count(tmp_path):
    """A transcoded CSV is counted apart from Polars' file count, rows after a value that
    breaks the first rows' type included."""
    source = tmp_path / "latin.csv"
    lines = [f"{i},café {i}" for i in range(30)] + ["x1,crème"]
    source.write_bytes(("id,name\n" + "\n".join(lines) + "\n").encode("latin-1"))
    recipe = BASE.format(name="s", seed=0) + "  - select: [name]\n"
    result = veil.run(recipe, source, output=None, report_dir=None, encoding="latin-1")
    assert result.report.inputs[0].rows == 31


def test_api_limit_is_the_rows_read_across_input_files(tmp_path):
    folder = tmp_path / "parts"
    folder.mkdir()
    for part in range(3):
        FRAME.slice(part * 20, 20).write_csv(folder / f"part-{part}.csv")
    recipe = BASE.format(name="s", seed=0) + "  - select: [id]\n"
    result = veil.run(recipe, folder, output=tmp_path / "o.csv", report_dir=None, limit=30)
    assert [record.rows for record in result.report.inputs] == [20, 10, 0]
    assert result.report.output.rows == 30
    unlimited = veil.run(recipe, folder, output=tmp_path / "o.csv", report_dir=None)
    assert [record.rows for record in unlimited.report.inputs] == [20, 20, 20]


def test_api_limit_marks_the_report_and_card_as_a_trial_run(tmp_path):
    """A `--limit` output is not the dataset: its report and card say so, in both views."""
    recipe = (BASE.format(name="trial", seed=0).replace("dataset_card: false", "dataset_card: true")
              + "  - select: [id]\n")
    source = tmp_path / "in.csv"
    FRAME.write_csv(source)
    trial = veil.run(recipe, source, output=tmp_path / "trial.csv", report_dir=tmp_path, limit=7)
    assert trial.report.limit == 7
    assert any(w.startswith("Trial run: only the first 7 rows") for w in trial.report.warnings)
    external = json.loads((tmp_path / "trial.report.external.json").read_text())
    assert external["limit"] == 7
    assert "Trial run: only the first 7 rows" in (tmp_path / "trial.card.md").read_text()

    full = veil.run(recipe, source, output=tmp_path / "full.csv", report_dir=tmp_path)
    assert full.report.limit is None
    assert json.loads((tmp_path / "full.report.external.json").read_text())["limit"] is None
    assert "Trial run" not in (tmp_path / "full.card.md").read_text()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet", "ipc"])
def test_api_streamed_frame_has_the_computed_types(tmp_path, fmt):
    """RunResult.frame is the same whether the run streamed to a text file or not."""
    import datetime as dt

    frame = pl.DataFrame({"n": [1, None], "zip": ["007", "10"], "when": [dt.date(2020, 1, 2), None],
                          "flag": [True, False], "x": [0.5, None]})
    recipe = BASE.format(name="s", seed=0) + "  - select: [n, zip, when, flag, x]\n"
    streamed = veil.run(recipe, frame, output=tmp_path / f"o.{fmt}", report_dir=None)
    assert_frame_equal(streamed.frame, _run(recipe, frame))
    assert_frame_equal(streamed.frame, frame)


def test_api_limit_and_dry_run(csv_path, tmp_path):
    result = veil.run(RECIPE_B, csv_path, output=tmp_path / "o.csv", limit=10, dry_run=True)
    assert result.frame.height == 5
    assert not (tmp_path / "o.csv").exists()


def test_api_load_recipe_text_and_path_agree(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(RECIPE_A)
    from_text, from_path = veil.load_recipe(RECIPE_A), veil.load_recipe(path)
    assert from_text.model_dump(exclude={"steps"}) == from_path.model_dump(exclude={"steps"})
    assert [(s.name, s.line, s.params) for s in from_text.steps] == [
        (s.name, s.line, s.params) for s in from_path.steps]
    assert from_path.source == str(path)


class _Progress:
    """A ProgressSink that records what veil tells it."""

    def __init__(self) -> None:
        self.total: int | None = None
        self.rows, self.stopped = 0, False

    def start(self, total_rows: int | None) -> None:
        self.total = total_rows

    def advance(self, rows: int) -> None:
        self.rows += rows

    def stop(self) -> None:
        self.stopped = True


@pytest.mark.parametrize("limit, expected", [(None, 200), (10, 10)])
def test_api_progress_counts_rows_and_honours_limit(limit, expected):
    progress = _Progress()
    veil.run(RECIPE_B, FRAME, output=None, report_dir=None, limit=limit, progress=progress)
    assert (progress.total, progress.rows, progress.stopped) == (expected, expected, True)


def test_api_progress_stops_when_a_step_fails():
    progress = _Progress()
    with pytest.raises(StepError):
        veil.run(RECIPE_A.replace("age >= 18", "agee >= 18"), FRAME, output=None,
                 report_dir=None, progress=progress)
    assert progress.stopped
