"""`date_shift`: one keyed non-zero offset per subject; intervals within a subject survive."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from tests.conftest import TEST_KEY

import veil
from veil.errors import KeyMissingError, StepError


def run(frame, step: str, *, key: str | None = TEST_KEY, environ=None) -> veil.RunResult:
    text = (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false, dataset_card: false}}\n"
            f"steps:\n  - {step}\n")
    return veil.run(text, frame, key=key, output=None, report_dir=None, environ=environ)


def offset(subject: str, max_days: int, *, key: str = TEST_KEY, purpose: str = "date_shift") -> int:
    """The documented draw: HMAC-SHA256 -> 64-bit int -> one of the 2*max_days non-zero offsets."""
    sub = hmac.new(key.encode(), b"veil/v1/" + purpose.encode(), hashlib.sha256).digest()
    drawn = int.from_bytes(hmac.new(sub, subject.encode(), hashlib.sha256).digest()[:8], "big")
    drawn %= 2 * max_days
    return drawn - max_days if drawn < max_days else drawn - max_days + 1


D = dt.date
FRAME = pl.DataFrame({
    "pid": ["a", "a", "b", None],
    "admit": [D(2020, 1, 1), D(2020, 3, 1), D(2021, 2, 28), D(2020, 1, 1)],
    "at": [dt.datetime(2020, 1, 1, 8, 30), None, dt.datetime(2021, 3, 1, 23, 0), None],
    "text": ["2020-01-02", "2020-03-05T10:00:00+01:00", "not a date", "2020-01-01"],
})


def test_date_shift_moves_each_type_by_the_subject_offset():
    out = run(FRAME, "date_shift: {columns: [admit, at, text], by: pid, max_days: 30}").frame
    a, b = dt.timedelta(days=offset("a", 30)), dt.timedelta(days=offset("b", 30))
    expected = pl.DataFrame({
        "pid": ["a", "a", "b", None],
        "admit": [D(2020, 1, 1) + a, D(2020, 3, 1) + a, D(2021, 2, 28) + b, None],
        "at": [dt.datetime(2020, 1, 1, 8, 30) + a, None, dt.datetime(2021, 3, 1, 23, 0) + b, None],
        "text": [(D(2020, 1, 2) + a).isoformat(), (D(2020, 3, 5) + a).isoformat() + "T10:00:00+01:00",
                 None, None],
    })
    assert_frame_equal(out, expected)


def test_date_shift_moves_eight_digit_dates_in_their_layout():
    """HL7 and many exports write `19620415`: such text became null, a date lost."""
    frame = pl.DataFrame({"pid": ["a", "a", "a"], "t": ["19620415", "202403021014", "12345678"]})
    out = run(frame, "date_shift: {columns: [t], by: pid, max_days: 30}").frame
    a = dt.timedelta(days=offset("a", 30))
    assert out["t"].to_list() == [(D(1962, 4, 15) + a).strftime("%Y%m%d"),
                                  (D(2024, 3, 2) + a).strftime("%Y%m%d") + "1014", None]


def test_date_shift_records_counts():
    details = run(FRAME, "date_shift: {columns: [admit, text], by: pid}").report.steps[0].details
    assert details == {
        "columns": {"admit": {"shifted": 3, "nulled_no_subject": 1, "nulled_not_a_date": 0},
                    "text": {"shifted": 2, "nulled_no_subject": 1, "nulled_not_a_date": 1}},
        "subjects": 2, "max_days": 30, "zero_offsets": False}


def test_date_shift_warns_of_values_it_made_null():
    """The counts were in the step's details only: a column of `31/01/2024` dates became
    nulls with no word on screen or in the report's warnings."""
    warnings = run(FRAME, "date_shift: {columns: [admit, text], by: pid}").report.warnings
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "1 value(s) of `admit` have no `pid` to shift them by and became null.",
        "1 value(s) of `text` are not dates (ISO text, `2024-01-31`, or `20240131`) and became "
        "null. Convert "
        "dates written another way first, e.g. for `31/01/2024` `cast: {columns: {text: "
        "date}, date_format: \"%d/%m/%Y\"}`.",
        "1 value(s) of `text` have no `pid` to shift them by and became null."]
    dmy = pl.DataFrame({"pid": ["a"], "text": ["31/01/2024"]})
    cast = "cast: {columns: {text: date}, date_format: \"%d/%m/%Y\"}"  # as advised
    assert run(dmy, cast).frame["text"].to_list() == [D(2024, 1, 31)]


def test_date_shift_without_by_moves_the_whole_file_together():
    out = run(FRAME, "date_shift: {columns: [admit], max_days: 5}").frame
    shift = dt.timedelta(days=offset("", 5, purpose="date_shift:file"))
    assert out["admit"].to_list() == [d + shift for d in FRAME["admit"].to_list()]


def test_date_shift_stable_across_runs_and_frames():
    first = run(FRAME, "date_shift: {columns: [admit], by: pid}").frame
    other = pl.DataFrame({"pid": ["b", "z"], "admit": [D(2021, 2, 28), D(2000, 1, 1)]})
    second = run(other, "date_shift: {columns: [admit], by: pid}").frame
    assert second["admit"][0] == first["admit"][2]
    assert_frame_equal(first, run(FRAME, "date_shift: {columns: [admit], by: pid}").frame)


def test_date_shift_differs_across_keys():
    subjects = pl.DataFrame({"pid": [f"s{i}" for i in range(20)], "d": [D(2020, 1, 1)] * 20})
    one = run(subjects, "date_shift: {columns: [d], by: pid}").frame["d"]
    two = run(subjects, "date_shift: {columns: [d], by: pid}",
              key="other-key-0123456789").frame["d"]
    assert (one != two).sum() >= 15


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["p1", "p2", "p3", "Zoë"]),
                               st.dates(D(1950, 1, 1), D(2040, 1, 1))), min_size=1, max_size=30),
       max_days=st.integers(1, 400))
def test_date_shift_keeps_intervals_within_a_subject(rows, max_days):
    frame = pl.DataFrame({"pid": [r[0] for r in rows], "d": [r[1] for r in rows]})
    out = run(frame, f"date_shift: {{columns: [d], by: pid, max_days: {max_days}}}").frame
    moved = (out["d"] - frame["d"]).dt.total_days()
    per_subject = pl.DataFrame({"pid": frame["pid"], "moved": moved}).group_by("pid").agg(
        pl.col("moved").n_unique().alias("offsets"), pl.col("moved").first())
    assert per_subject["offsets"].to_list() == [1] * per_subject.height
    assert all(0 < abs(m) <= max_days for m in per_subject["moved"])


def test_date_shift_missing_key_fails_before_reading(tmp_path):
    with pytest.raises(KeyMissingError, match="VEIL_KEY"):
        run(tmp_path / "nope.csv", "date_shift: [d]", key=None, environ={})


def test_date_shift_missing_key_exits_2(tmp_path, recipe_file, veil_cli):
    (tmp_path / "in.csv").write_text("d\n2020-01-01\n", encoding="utf-8")
    recipe = recipe_file("veil: 1\nname: t\nnlp: none\ninput: {path: in.csv}\noutput: {path: out.csv}\n"
                         "steps:\n  - date_shift: [d]\n")
    result = veil_cli("run", recipe, key=False)
    assert result.exit_code == 2 and "VEIL_KEY" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_date_shift_refuses_numbers():
    with pytest.raises(StepError, match="column `n` is Int64; `date_shift` takes date"):
        run(pl.DataFrame({"n": [1]}), "date_shift: [n]")


def test_date_shift_empty_frame():
    empty = FRAME.clear()
    assert_frame_equal(run(empty, "date_shift: {columns: [admit, text], by: pid}").frame, empty)


def test_date_shift_describe():
    step = veil.load_recipe("veil: 1\nname: t\nsteps:\n  - date_shift: {columns: [a], by: pid}\n").steps[0]
    assert step.describe() == ("shift a by a keyed offset of 1 to 30 days (earlier or later), "
                               "the same for each pid")
