"""`veil scan`: what it finds per column, what it suggests, and that it never shows a value."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import veil
from veil.scan import mask_example, scan, starter_recipe

EMAILS = [f"canary{i}@example.org" for i in range(40)]
PHONE = "(617) 253-1000"
FRAME = pl.DataFrame({
    "patient_id": [f"P{i:05d}" for i in range(40)],
    "contact": EMAILS,                                     # email by content, not by name
    "dob": [f"19{50 + i}-03-04" for i in range(40)],
    "zip": ["02134"] * 40,
    "diagnosis": ["flu", "cold"] * 20,
    "notes": [f"Call back on {PHONE} after lunch today." if i % 4 == 0 else
              "No issues were reported by the nurse today." for i in range(40)],
    "amount": [float(i) for i in range(40)],
    "ref": [f"AC-{449120 + 7 * i}" for i in range(40)],      # an ID by its shape alone
    "ward": ["desk 617-253-1000", "cardiology", "oncology", "icu", "er"] * 8,  # a category
})


@pytest.fixture(scope="module")
def result():
    return scan(FRAME, sample=40, seed=3, model=None)


def column(result, name):
    return next(c for c in result.columns if c.column == name)


# fmt: off
@pytest.mark.parametrize("value, expected", [
    ("John Smith",          "J*** S****"),        # first letter of each word
    ("555-123-4567",        "###-###-####"),      # digits hidden, layout kept
    ("ann.lee@example.org", "a**.l**@e******.o**"),
    ("P00123",              "P#####"),
    ("ß",                   "ß"),                 # one letter: nothing to hide but its kind
])
# fmt: on
def test_mask_example_keeps_layout_only(value, expected):
    assert mask_example(value) == expected


# fmt: off
@pytest.mark.parametrize("name, suggestion, kind", [
    ("contact",    "drop",         "identifier"),        # found by content
    ("patient_id", "pseudonymize", "identifier"),        # found by name
    ("dob",        "generalize",   "quasi_identifier"),
    ("zip",        "generalize",   "quasi_identifier"),
    ("notes",      "redact_text",  "free_text"),
    ("diagnosis",  "keep",         "none"),
    ("amount",     "keep",         "none"),
    ("ref",        "pseudonymize", "identifier"),        # found by shape
    ("ward",       "keep",         "none"),              # a category: findings are noise
])
# fmt: on
def test_scan_suggests_a_treatment_per_column(result, name, suggestion, kind):
    found = column(result, name)
    assert (found.suggestion, found.kind) == (suggestion, kind)


def test_scan_share_of_rows_matches_planted_share(result):
    notes = column(result, "notes")
    assert notes.entities == {"PHONE_NUMBER": 0.25}
    assert column(result, "contact").entities == {"EMAIL_ADDRESS": 1.0}


def test_scan_example_is_masked(result):
    assert column(result, "notes").example == "PHONE_NUMBER: (###) ###-####"
    assert column(result, "contact").example.endswith("@e******.o**")


def test_scan_result_holds_no_raw_value(result):
    text = json.dumps(result.to_dict())
    for value in [*EMAILS, PHONE, "P00001", "02134"]:
        assert value not in text


def test_scan_sample_is_seeded_and_sized():
    big = pl.concat([FRAME] * 5)
    first = scan(big, sample=30, seed=7, model=None)
    assert first.rows_sampled == 30 and first.rows == 200
    assert first == scan(big, sample=30, seed=7, model=None)


def test_scan_with_model_finds_names_in_a_name_column():
    names = pl.DataFrame({"who": ["Maria Garcia", "Robert Chen", "John Smith", "Ann Lee"] * 5})
    found = scan(names, sample=20, seed=0).columns[0]
    assert (found.entity, found.suggestion) == ("PERSON", "drop")


def test_starter_recipe_loads_and_holds_the_suggested_steps(result):
    recipe = veil.load_recipe(starter_recipe(result, name="demo", input_path="in.csv"))
    kinds = [step.name for step in recipe.steps]
    assert kinds == ["drop", "pseudonymize", "generalize", "generalize", "redact_text"]
    assert recipe.steps[1].params.columns == ["patient_id", "ref"]
    assert recipe.steps[0].params.columns == ["contact"]
    assert recipe.steps[-1].params.columns == ["notes"]
    assert recipe.nlp is None and recipe.input.path == "in.csv"


def test_starter_recipe_with_nothing_found_still_loads():
    empty = scan(pl.DataFrame({"amount": [1.0, 2.0]}), model=None)
    assert veil.load_recipe(starter_recipe(empty, name="x")).steps == []


def test_scan_cli_json_and_emit_recipe(veil_cli, tmp_path: Path):
    data = tmp_path / "extract.csv"
    FRAME.write_csv(data)
    result = veil_cli("scan", data, "--json", "--model", "none", "--sample", "40",
                      "--emit-recipe", tmp_path / "starter.yaml")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {c["column"]: c["suggestion"] for c in payload["columns"]}["notes"] == "redact_text"
    assert veil.load_recipe(tmp_path / "starter.yaml").name == "extract"
    for value in [*EMAILS, PHONE]:
        assert value not in result.output
        assert value not in (tmp_path / "starter.yaml").read_text()


def test_scan_cli_table_and_missing_input(veil_cli, tmp_path: Path):
    data = tmp_path / "extract.csv"
    FRAME.write_csv(data)
    table = veil_cli("scan", data, "--model", "none")
    assert table.exit_code == 0, table.stderr
    assert "redact_text" in table.stdout and "(###) ###-####" in table.stdout
    assert not any(value in table.output for value in [*EMAILS, PHONE])
    missing = veil_cli("scan", tmp_path / "nope.csv", "--model", "none")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error:") and "Traceback" not in missing.stderr


def test_scan_reads_nested_and_binary_columns():
    nested = pl.DataFrame({"tags": [["a@example.org", "x"], ["y"]] * 5, "raw": [b"ab"] * 10})
    tags, raw = scan(nested, model=None).columns
    assert tags.entities == {"EMAIL_ADDRESS": 0.5}
    assert raw.suggestion == "keep"


def test_scan_cli_names_the_line_of_a_value_the_sampled_types_do_not_hold(veil_cli,
                                                                          tmp_path: Path):
    # An object, then a number: Polars failed while sampling, and the scan ended with
    # "veil failed unexpectedly ... a bug in veil".
    data = tmp_path / "accounts.jsonl"
    data.write_text('{"id": 1, "acct": {"n": 1}}\n{"id": 2, "acct": 12345678901}\n')
    result = veil_cli("scan", data, "--model", "none")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: input `{data}`, line 2: the value of `acct` is not "
                                    f"an object")
    assert "12345678901" not in result.stderr and "bug in veil" not in result.stderr


def test_scan_cli_does_not_overwrite_a_recipe(veil_cli, tmp_path: Path):
    data, existing = tmp_path / "extract.csv", tmp_path / "mine.yaml"
    FRAME.write_csv(data)
    existing.write_text("# my edits\n")
    result = veil_cli("scan", data, "--model", "none", "--emit-recipe", existing)
    assert result.exit_code == 2
    assert "exists; veil does not overwrite" in result.stderr
    assert existing.read_text() == "# my edits\n"


# -- how the file is read: separator and encoding -------------------------------------------

def _semicolon_export(tmp_path: Path) -> Path:
    data = tmp_path / "export.csv"
    data.write_text("iban;contact;amount\n" + "".join(
        f"DE89370400440532013{i:03d};{email};1.234,50\n" for i, email in enumerate(EMAILS)),
        encoding="utf-8")
    return data


def test_scan_reads_a_semicolon_export_by_its_header(tmp_path: Path):
    result = scan(_semicolon_export(tmp_path), model=None)
    assert result.separator == ";"
    assert [c.column for c in result.columns] == ["iban", "contact", "amount"]
    recipe = veil.load_recipe(starter_recipe(result))
    assert recipe.input.separator == ";"  # the starter recipe reads the file the same way


@pytest.mark.parametrize("header, expected", [
    ("a;b;c", ";"), ("a\tb", "\t"), ("a|b", "|"),
    ("a,b;c", None),   # a comma: the default separator may be right
    ("a;b|c", None),   # two candidates: not guessed
    ("abc", None),
])
def test_sniff_separator_only_when_the_header_is_unambiguous(tmp_path: Path, header, expected):
    from veil.scan import sniff_separator

    path = tmp_path / "x.csv"
    path.write_text(f"{header}\n1\n", encoding="utf-8")
    assert sniff_separator(path) == expected


def test_scan_cli_separator_option_wins_and_errors_name_options(veil_cli, tmp_path: Path):
    data = _semicolon_export(tmp_path)
    forced = veil_cli("scan", data, "--model", "none", "--separator", ",")
    assert forced.exit_code == 2
    assert forced.stderr.rstrip().endswith("Set `--separator ';'` on the command line.")
    assert "input:" not in forced.stderr


def test_scan_cli_encoding_option(veil_cli, tmp_path: Path):
    data = tmp_path / "latin.csv"
    data.write_bytes("id,name\n1,J\xfcrgen M\xfcller\n".encode("latin-1"))
    refused = veil_cli("scan", data, "--model", "none")
    assert refused.exit_code == 2
    assert "set `--encoding latin-1` on the command line, or convert the file" in refused.stderr
    assert "J\xfcrgen" not in refused.output and "Traceback" not in refused.output
    read = veil_cli("scan", data, "--model", "none", "--json", "--encoding", "latin-1",
                    "--emit-recipe", tmp_path / "r.yaml")
    assert read.exit_code == 0, read.stderr
    assert json.loads(read.stdout)["encoding"] == "latin-1"
    assert veil.load_recipe(tmp_path / "r.yaml").input.encoding == "latin-1"


def test_scan_of_a_file_samples_seeded_rows_in_file_order(tmp_path: Path):
    """The sample is drawn while the file streams by: the rows asked for, in order."""
    from veil.scan import _sample

    data = tmp_path / "big.csv"
    pl.DataFrame({"n": range(5_000), "email": [f"a{i}@example.org" for i in range(5_000)]}) \
        .write_csv(data)
    lf = pl.scan_csv(data)
    rows, first = _sample(lf, 300, seed=11)
    assert rows == 5_000 and first.height == 300
    picked = first["n"].to_list()
    assert picked == sorted(set(picked))  # distinct rows, in file order
    assert first["email"].to_list() == [f"a{i}@example.org" for i in picked]  # whole rows
    assert _sample(lf, 300, seed=11)[1].equals(first)
    assert _sample(lf, 300, seed=12)[1]["n"].to_list() != picked
    assert _sample(lf, 9_000, seed=11)[1].height == 5_000  # fewer rows than asked: all of them
    assert scan(data, sample=300, seed=11, model=None).rows == 5_000


def test_scan_datetime_column_is_a_date_to_generalize_whatever_its_name():
    """The detector marks the date of `2023-04-20 17:48:00`, not the time: still a date."""
    frame = pl.DataFrame({"posted": [f"2023-04-{1 + i % 28:02d} 17:{i % 60:02d}:00"
                                     for i in range(40)]})
    column = scan(frame, model=None).columns[0]
    assert (column.kind, column.suggestion, column.entity) == \
        ("quasi_identifier", "generalize", "DATE_TIME")
    recipe = veil.load_recipe(starter_recipe(scan(frame, model=None)))
    assert [step.name for step in recipe.steps] == ["generalize"]


def test_scan_reads_a_gzip_export_and_sniffs_inside_it(tmp_path: Path):
    import gzip

    packed = tmp_path / "export.csv.gz"
    packed.write_bytes(gzip.compress(_semicolon_export(tmp_path).read_bytes()))
    result = scan(packed, model=None)
    assert result.separator == ";" and result.rows == len(EMAILS)
    assert result.columns[1].entities == {"EMAIL_ADDRESS": 1.0}


def test_starter_recipe_names_flagged_category_columns_in_a_comment(result):
    """`ward` holds one phone number among its categories: kept, and the comment says how to
    tell the residual check that such a column is a code list. Nothing is decided for the user."""
    text = starter_recipe(result)
    after_report = text.split("\nreport: ", 1)[1].splitlines()[1:]
    comment = " ".join(line.removeprefix("# ") for line in after_report)
    assert "ward" in comment and 'coded_columns: ["ward"]' in comment
    assert veil.load_recipe(text).report.coded_columns == []


def test_scan_of_a_map_keyed_by_data_hides_the_keys_and_suggests_drop(tmp_path: Path):
    """A JSON object used as a map: its keys are e-mail addresses. The type shown hides them,
    and the column is dropped, since no step that treats values reads a nested column."""
    keys = ["zq.canary@example.org", "bob.stone@example.com"]
    lines = [json.dumps({"id": i, "contacts": {keys[0]: "primary", keys[1]: "backup"}})
             for i in range(10)]
    data = tmp_path / "maps.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = scan(data, model=None)
    contacts = column(result, "contacts")
    assert contacts.dtype == "Struct(<key>: String, <key>: String)"
    assert contacts.suggestion == "drop" and "`sql` step" in contacts.reason
    assert not any(key in json.dumps(result.to_dict()) for key in keys)
    recipe = starter_recipe(result, name="maps", input_path=str(data))
    run = veil.run(recipe, data, output=None, report_dir=None, key="k" * 32)
    assert run.frame.columns == ["id"]


def test_scan_of_a_pivoted_export_hides_headers_that_are_data(veil_cli, tmp_path: Path):
    """One column per customer, headed by the customer's e-mail address or phone number: the
    headers are shown as placeholders, suggested for dropping, and the starter recipe keeps
    the other columns instead of naming them. Dates, ZIP codes and ordinary headers that
    name a kind of identifier (`email`) are names, not data."""
    headers = ["id", EMAILS[0], "email", PHONE, "2024-01-05", "02134", "phone_number"]
    data = tmp_path / "pivot.csv"
    pl.DataFrame({name: [i, i + 1] for i, name in enumerate(headers)}).write_csv(data)
    result = scan(data, model=None)
    shown = [c.column for c in result.columns]
    assert shown == ["id", "<EMAIL_ADDRESS 1>", "email", "<PHONE_NUMBER 1>", "2024-01-05",
                     "02134", "phone_number"]
    by_name = {c.column: c for c in result.columns}
    assert by_name["<EMAIL_ADDRESS 1>"].name_holds == "EMAIL_ADDRESS"
    assert by_name["<PHONE_NUMBER 1>"].suggestion == "drop"
    assert "the column's name is data" in by_name["<PHONE_NUMBER 1>"].reason
    assert all(by_name[name].name_holds is None for name in ("id", "email", "2024-01-05",
                                                             "02134", "phone_number"))
    recipe = starter_recipe(result, name="pivot", input_path=str(data))
    assert EMAILS[0] not in recipe and PHONE not in recipe
    run = veil.run(recipe, data, output=None, report_dir=None, key="k" * 32)
    assert run.frame.columns == ["id", "2024-01-05", "02134"]  # `email` and co. by their names
    for args in ((data, "--model", "none"), (data, "--model", "none", "--json")):
        cli = veil_cli("scan", *args)
        assert cli.exit_code == 0, cli.stderr
        assert "<EMAIL_ADDRESS 1>" in cli.stdout
        assert EMAILS[0] not in cli.output and PHONE not in cli.output


def test_scan_and_report_show_print_markup_like_names_as_written(veil_cli, recipe_file, tmp_path):
    """The terminal tables are rich tables, which read `[...]` as markup: a column named
    `[/bold]` stopped both commands with MarkupError, which veil called a bug of its own."""
    names = ["[/bold]", "[link=http://x]note[/link]"]
    path = tmp_path / "odd.csv"
    path.write_text(f'id,"{names[0]}","{names[1]}"\n1,ann@example.org,Mail ann@example.org\n',
                    encoding="utf-8")
    scanned = veil_cli("scan", path, "--model", "none")
    assert scanned.exit_code == 0, scanned.stderr
    assert all(name in scanned.stdout for name in names)
    recipe = recipe_file("veil: 1\nname: odd\nnlp: none\nreport: {dir: reports}\nsteps:\n"
                         f"  - redact_text: ['{names[1]}']\n  - drop: ['{names[0]}']\n")
    assert veil_cli("run", recipe, "-i", path, "-o", "out.csv").exit_code == 0
    shown = veil_cli("report", "show", tmp_path / "reports" / "out.report.json")
    assert shown.exit_code == 0, shown.stderr
    assert names[1] in shown.stdout and "EMAIL_ADDRESS" in shown.stdout


def test_scan_suggests_pseudonymizing_identity_document_numbers():
    """KYC tables: passports and national numbers found by name, and DNIs by their check letter
    whatever the column is called."""
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    dnis = [f"{n:08d}{letters[n % 23]}" for n in range(7_898_300, 7_898_340)]
    frame = pl.DataFrame({"passport_no": [f"X{10_000_000 + i}" for i in range(40)],
                          "doc": dnis, "bsn": [str(100_000_000 + i) for i in range(40)]})
    found = {c.column: (c.entity, c.suggestion) for c in scan(frame, sample=40, seed=1,
                                                              model=None).columns}
    assert found == {"passport_no": ("PASSPORT", "pseudonymize"),
                     "doc": ("NATIONAL_ID", "pseudonymize"),
                     "bsn": ("NATIONAL_ID", "pseudonymize")}


def test_scan_of_a_file_without_a_header_line_names_its_columns(veil_cli, tmp_path: Path):
    """Scanned as it is, the first record is read as the header: the starter recipe says
    to scan again with `--column-names`; scanned so, every record is sampled, the columns
    are classified by their given names, and the starter recipe reads the file so too."""
    data = tmp_path / "dump.csv"
    data.write_text("".join(f"P{i},{EMAILS[i]},{20 + i}\n" for i in range(10)), encoding="utf-8")
    plain = starter_recipe(scan(data, model=None), name="dump", input_path=str(data))
    assert "scan it again with `--column-names` naming its 3 columns" in plain
    assert EMAILS[0] not in plain

    result = veil_cli("scan", str(data), "--model", "none", "--column-names", "pid, email,age",
                      "--emit-recipe", "starter.yaml", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["rows"] == 10 and [c["column"] for c in found["columns"]] == ["pid", "email",
                                                                               "age"]
    assert {c["column"]: c["suggestion"] for c in found["columns"]}["email"] == "drop"
    recipe = (tmp_path / "starter.yaml").read_text(encoding="utf-8")
    assert 'column_names: ["pid", "email", "age"]' in recipe and "--column-names" not in recipe
    run = veil.run(recipe, data, output=None, report_dir=None, key="k" * 32)
    assert run.frame.height == 10 and "email" not in run.frame.columns


@pytest.mark.parametrize("names, message", [
    ("pid,,age", "`--column-names`: a column needs a name"),
    ("pid,email,pid", "`--column-names`: column `pid` is listed twice"),
    ("pid,email", "line 1: the row has 3 fields but `--column-names` names 2"),
])
def test_scan_cli_column_names_are_checked(veil_cli, tmp_path: Path, names, message):
    (tmp_path / "dump.csv").write_text(f"P1,{EMAILS[0]},30\n", encoding="utf-8")
    result = veil_cli("scan", "dump.csv", "--model", "none", "--column-names", names)
    assert result.exit_code == 2
    assert message in result.stderr and EMAILS[0] not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("separator, message", [
    (";;", "`--separator`: string should have at most 1 character; got `;;`"),
    ("", "`--separator`: string should have at least 1 character"),
    ("\n", "`--separator`: a line end ('\\n') cannot separate fields"),
    ('"', "`\"` cannot both separate and quote fields. Set `--separator` to the character "
          "between fields, or `--no-quote` if the file quotes nothing."),
])
def test_scan_cli_separator_is_checked_as_the_recipe_key_is(veil_cli, tmp_path: Path,
                                                           separator, message):
    """The options a scan reads with follow the rules of the recipe's `input` keys (the
    schema's own checks), named as options: a separator of two characters was a crash."""
    (tmp_path / "dump.csv").write_text(f"pid,email\nP1,{EMAILS[0]}\n", encoding="utf-8")
    result = veil_cli("scan", "dump.csv", "--model", "none", "--separator", separator)
    assert result.exit_code == 2
    assert message in result.stderr and EMAILS[0] not in result.output
    assert "Traceback" not in result.output and "bug in veil" not in result.output
