"""Every bundled recipe runs green on its bundled sample and leaves no planted identifier."""

from __future__ import annotations

import json

import pytest

from veil.recipe.bundled import bundled_recipes

from .conftest import RECIPE_DATA, files_text, found_in, row_texts, truth_for

#: (table, column) of planted values a recipe keeps on purpose, with the reason in the recipe.
KEPT = {
    # routing numbers name the bank that processed a payment, not a person
    "bank-transactions": {("transactions", "routing_number")},
}
#: Entities kept on purpose: the last four card digits (PCI DSS 3.4.1 allows showing them).
KEPT_ENTITIES = {"CARD_LAST4"}
#: Values this short (ages, two-letter codes) are checked where they sit, not by global search.
MIN_GLOBAL_LENGTH = 5


def test_bundled_recipes_all_have_samples():
    """Test that each bundled recipe is one this suite runs (a new recipe needs a test)."""
    assert sorted(bundled_recipes()) == sorted(RECIPE_DATA)


@pytest.mark.parametrize("name", sorted(RECIPE_DATA))
def test_bundled_recipe_runs_green(bundled_run, name):
    """Test that the recipe runs on its bundled sample, writes rows and passes its gates."""
    run = bundled_run(name)
    assert run.result.report.verdict == "PASS", run.result.report.reasons
    assert run.frame.height > 0
    assert run.result.output_path.exists()


@pytest.mark.parametrize("name", [n for n in sorted(RECIPE_DATA) if n != "kyc-analytics"])
def test_bundled_recipe_residual_check_finds_nothing_on_its_sample(bundled_run, name):
    """A first run of a bundled recipe ends without a residual warning: a finding there is a
    leak, or a false alarm the recipe should explain (`report.coded_columns`). kyc-analytics
    keeps no free text and does not scan."""
    residual = bundled_run(name).result.report.residual
    assert residual is not None and residual["checked"]
    assert residual["by_entity"] == {}, residual["by_entity"]
    assert not [c["column"] for c in residual["columns"] if c["rows_with_residual"]]


@pytest.mark.parametrize("name", ["hospital-safe-harbor", "bank-transactions", "kyc-analytics"])
def test_bundled_recipe_table_has_no_canary(bundled_run, name):
    """Test that no planted identifier appears anywhere in the files a table recipe writes."""
    run = bundled_run(name)
    kept = KEPT.get(name, set())
    # Town names the recipe lists itself (a deny list) are in the report's copy of the recipe.
    recipe_text = bundled_recipes()[name].read_text(encoding="utf-8")
    planted = [
        p
        for p in truth_for(name)
        if (p.table, p.column) not in kept
        and p.entity not in KEPT_ENTITIES
        and len(p.value) >= MIN_GLOBAL_LENGTH
        and not found_in([p], recipe_text)
    ]
    leaks = found_in(planted, files_text(run))
    assert [(p.table, p.column, p.entity) for p in leaks] == []


def _leaks_by_unit(run, planted, unit_of_row, source):
    """Planted free-text values still in their place in the output of their unit (note or chat).

    Fakes are drawn from the same lists as the sample's values (names, dates), so a fake
    can equal another planted value by chance. A value counts as left only where it still
    follows the template text that preceded it in the input (its anchor), e.g.
    "Seen by Dr. " + the original name. Short anchors fall back to a plain search.
    """
    rows = row_texts(run)
    leaks = []
    for p in planted:
        text = rows[unit_of_row[p.row]]
        if not found_in([p], text):
            continue
        anchor = _anchor(p, planted, source[p.column][p.row])
        if len(anchor) >= 3:
            if anchor + p.value in text:
                leaks.append((p.table, p.row, p.column, p.entity))
        elif not _only_inside_fake(p, text):
            leaks.append((p.table, p.row, p.column, p.entity))
    return leaks


def _anchor(p, planted, cell: str) -> str:
    """Template text right before the span, back to the previous planted span (at most 16)."""
    previous = max(
        (
            q.end
            for q in planted
            if q.row == p.row and q.column == p.column and q.end is not None and q.end <= p.start
        ),
        default=0,
    )
    return cell[max(previous, p.start - 16) : p.start]


def _only_inside_fake(p, text):
    """True when a single-word name occurs only as part of a longer fake name or address.

    Surrogate names are drawn from the same name lists as the sample's names, so a
    fake "Nicole Tucker" can share a word with another planted person of the same
    row. Used where a value has no anchor text before it (the last name after a first).
    """
    if p.entity != "PERSON" or " " in p.value.strip():
        return False
    import re

    for match in re.finditer(rf"(?<![0-9A-Za-z]){re.escape(p.value)}(?![0-9A-Za-z])", text):
        before = text[max(0, match.start() - 14) : match.start()]
        after = text[match.end() : match.end() + 14]
        if not re.search(r"[A-Z][a-z]+[ ,]+$", before) and not re.match(r"^,? [A-Z][a-z]+", after):
            return False
    return True


def test_clinical_notes_llm_no_canary(bundled_run):
    """Test that no identifier planted in a note survives in that note's training text."""
    import polars as pl

    from veil.samples import bundled_dir

    run = bundled_run("clinical-notes-llm")
    source = pl.read_csv(bundled_dir("hospital") / "encounters.csv", infer_schema=False)
    # Ages over 89 become "90+" on purpose (HIPAA's own grouping); checked by the next test.
    planted = [
        p for p in truth_for("clinical-notes-llm") if p.start is not None and p.entity != "AGE"
    ]
    assert run.frame.height == source.height  # one training text per encounter, in input order
    assert _leaks_by_unit(run, planted, {r: r for r in range(source.height)}, source) == []


def test_clinical_notes_llm_ages_over_89_grouped(bundled_run):
    """Test that no training text states an age over 89; such ages read `90+`."""
    import re

    text = bundled_run("clinical-notes-llm").result.output_path.read_text(encoding="utf-8")
    assert not re.search(r"\b(9\d|1[0-2]\d)-year-old", text)
    assert "90+-year-old" in text


def test_clinical_notes_llm_dates_move_together_per_patient(bundled_run):
    """Test that every encounter of one patient moves by the same days (`subject: mrn`).

    Each discharge summary reads "Admitted A, discharged D." in one of several formats;
    A against the encounter's real visit date gives the shift of that encounter.
    """
    import re
    from datetime import date, datetime

    import polars as pl

    from veil.samples import bundled_dir

    def parse(text: str) -> date | None:
        for layout in ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%d %B %Y"):
            try:
                return datetime.strptime(text, layout).date()
            except ValueError:
                continue
        return None

    run = bundled_run("clinical-notes-llm")
    source = pl.read_csv(bundled_dir("hospital") / "encounters.csv", try_parse_dates=True)
    shifts: dict[str, list[int]] = {}
    for before, text in zip(source.iter_rows(named=True), run.frame["text"], strict=True):
        stated = re.search(r"Admitted (.+?), discharged (.+?)\. ", text)
        admitted, discharged = (parse(stated[1]), parse(stated[2])) if stated else (None, None)
        if admitted is None or discharged is None:
            continue
        assert discharged - admitted == before["discharge_date"] - before["visit_date"]
        shifts.setdefault(str(before["mrn"]), []).append((admitted - before["visit_date"]).days)
    assert sum(map(len, shifts.values())) == source.height, "a summary was not read back"
    checked = [days for days in shifts.values() if len(days) > 1]
    assert len(checked) > 100  # patients with two or more encounters
    assert all(len(set(days)) == 1 for days in checked)
    patient_shifts = {days[0] for days in shifts.values()}
    assert 0 not in patient_shifts and len(patient_shifts) > len(shifts) // 2  # keyed per patient


def test_clinical_notes_llm_structured_identifiers_absent(bundled_run):
    """Test that long identifiers of the structured columns (SSN, MRN, email, ...) appear nowhere."""
    run = bundled_run("clinical-notes-llm")
    # Names, places and dates are left out: their fakes are drawn from the same pools (a shifted
    # date of one visit can be another patient's visit date); in-place checks cover them above.
    planted = [
        p
        for p in truth_for("clinical-notes-llm")
        if p.start is None
        and p.entity not in ("PERSON", "LOCATION", "DATE_TIME")
        and len(p.value) >= 8
    ]
    assert [(p.column, p.entity) for p in found_in(planted, files_text(run))] == []


def test_support_chat_llm_no_canary(bundled_run):
    """Test that no identifier a customer typed survives in that conversation."""
    import polars as pl

    from veil.samples import bundled_dir

    run = bundled_run("bank-support-chat-llm")
    source = pl.read_csv(bundled_dir("bank") / "support_chats.csv", infer_schema=False)
    chats = source["chat_id"]
    order = {chat: index for index, chat in enumerate(chats.unique(maintain_order=True))}
    unit_of_row = {row: order[chat] for row, chat in enumerate(chats)}
    planted = [
        p
        for p in truth_for("bank-support-chat-llm")
        if p.table == "support_chats" and p.entity not in KEPT_ENTITIES
    ]
    assert _leaks_by_unit(run, planted, unit_of_row, source) == []


@pytest.mark.parametrize(
    "name, field", [("clinical-notes-llm", "text"), ("bank-support-chat-llm", "messages")]
)
def test_llm_output_is_datasets_jsonl(bundled_run, name, field):
    """Test that the file is UTF-8 JSON Lines: one object per line holding only `field`."""
    run = bundled_run(name)
    lines = run.result.output_path.read_bytes().decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == run.frame.height
    assert {tuple(record) for record in records} == {(field,)}


def test_support_chat_llm_messages_shape(bundled_run):
    """Test that each conversation is a list of {role, content} with chat roles only."""
    run = bundled_run("bank-support-chat-llm")
    for line in run.result.output_path.read_text(encoding="utf-8").splitlines():
        messages = json.loads(line)["messages"]
        assert messages[0]["role"] == "system"
        assert {tuple(m) for m in messages} == {("role", "content")}
        assert {m["role"] for m in messages[1:]} <= {"user", "assistant"}
        assert all(isinstance(m["content"], str) and m["content"] for m in messages)


@pytest.mark.parametrize("name", ["clinical-notes-llm", "bank-support-chat-llm"])
def test_llm_output_has_no_placeholder_tokens(bundled_run, name):
    """Test that surrogate recipes leave natural text: no `<PERSON>`-style tags."""
    import re

    from veil.nlp.recognizers import ENTITIES

    text = bundled_run(name).result.output_path.read_text(encoding="utf-8")
    tags = {f"<{entity}" for entity in ENTITIES} | {
        "<VEHICLE_PLATE",
        "<DEVICE_SERIAL",
        "<US_DRIVER_LICENSE",
    }
    assert [t for t in tags if t in text] == []
    assert re.findall(r"<[A-Z_]{3,}>", text) == []


def test_hospital_safe_harbor_reaches_k5(bundled_run):
    """Test that every (age band, sex, ZIP-3) class has at least 5 rows, counted independently."""
    frame = bundled_run("hospital-safe-harbor").frame
    sizes = frame.group_by(["age_band", "sex", "zip3"]).len()["len"]
    assert sizes.min() >= 5


def test_kyc_analytics_l_diverse(bundled_run):
    """Test that every class of the KYC output holds at least 2 risk ratings, counted independently."""
    frame = bundled_run("kyc-analytics").frame
    import polars as pl

    classes = frame.group_by(["age", "sex", "country"]).agg(
        pl.col("risk_rating").n_unique().alias("l")
    )
    assert classes["l"].min() >= 2
    assert frame.group_by(["age", "sex", "country"]).len()["len"].min() >= 5


def test_bank_transactions_cards_masked_6_4(bundled_run):
    """Test that every card shows at most its first 6 and last 4 digits."""
    cards = bundled_run("bank-transactions").frame["card_number"].to_list()
    assert all(len(c.strip("0123456789")) == len(c) - 10 and set(c[6:-4]) == {"*"} for c in cards)


def test_support_chat_llm_a_birth_date_stated_twice_stays_one_date(bundled_run):
    """Test that a customer's birth date, given in two chats, becomes the same fake date.

    Shifted per text, each mention moved by its own days: the two chats disagreed, and
    the average of many mentions would creep back towards the real date.
    """
    import re
    from collections import defaultdict
    from datetime import date, datetime

    import polars as pl

    from veil.samples import bundled_dir

    def parse(text: str) -> date:
        for layout in ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y",
                       "%d.%m.%Y"):
            try:
                return datetime.strptime(text, layout).date()
            except ValueError:
                continue
        msg = f"an unexpected date layout in the output ({len(text)} characters)"
        raise AssertionError(msg)

    run = bundled_run("bank-support-chat-llm")
    source = pl.read_csv(bundled_dir("bank") / "support_chats.csv", infer_schema=False)
    conversations = [json.loads(line)["messages"][1:]
                     for line in run.result.output_path.read_text(encoding="utf-8").splitlines()]
    chats = source.group_by("chat_id", maintain_order=True).agg(
        pl.col("customer_id").first(), pl.col("turn").cast(pl.Int64).sort())
    stated: dict[str, dict[date, list[date]]] = defaultdict(lambda: defaultdict(list))
    for chat, messages in zip(chats.iter_rows(named=True), conversations, strict=True):
        originals = source.filter(pl.col("chat_id") == chat["chat_id"]).sort(
            pl.col("turn").cast(pl.Int64))["text"]
        for before, message in zip(originals, messages, strict=True):
            real = re.match(r"Born (.+?), card", before)
            fake = re.match(r"Born (.+?), card", message["content"])
            if real and fake:
                stated[chat["customer_id"]][parse(real[1])].append(parse(fake[1]))
    mentions = [fakes for dates in stated.values() for fakes in dates.values()]
    assert sum(map(len, mentions)) > 100  # birth dates read back from the output
    repeated = [fakes for fakes in mentions if len(fakes) > 1]
    assert len(repeated) > 10  # customers who gave their birth date in two chats
    assert all(len(set(fakes)) == 1 for fakes in repeated)
    assert all(fake != real for dates in stated.values() for real, fakes in dates.items()
               for fake in fakes)
