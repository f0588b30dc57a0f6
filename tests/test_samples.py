"""The sample generator: deterministic, checksum-valid, and its ground truth matches the data."""

from __future__ import annotations

import polars as pl
import pytest

from veil.errors import UsageError
from veil.samples import KINDS, bundled_dir, generate, read_truth
from veil.samples.checksums import (
    aba_valid,
    belgian_national_number_valid,
    iban_valid,
    luhn_valid,
    npi_valid,
)

TABLES = {
    "hospital": ("patients", "encounters"),
    "bank": ("customers", "transactions", "support_chats"),
}


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_samples_generate_is_deterministic(tmp_path):
    """Test that the same kind, rows and seed give byte-identical files."""
    generate("all", rows=40, seed=3, out_dir=tmp_path / "a")
    generate("all", rows=40, seed=3, out_dir=tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(first) == 10
    assert first == second


def test_samples_other_seed_other_data(tmp_path):
    """Test that another seed gives other data."""
    generate("hospital", rows=20, seed=1, out_dir=tmp_path / "a")
    generate("hospital", rows=20, seed=2, out_dir=tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "b")


def test_samples_cli_is_deterministic(veil_cli, tmp_path):
    """Test that `veil samples` twice with one seed writes byte-identical files."""
    for out in ("a", "b"):
        result = veil_cli("samples", "--rows", "25", "--seed", "9", "--out", out, "--kind", "bank")
        assert result.exit_code == 0, result.stderr
    assert "bank/transactions" in result.stdout
    assert _files(tmp_path / "a") == _files(tmp_path / "b") != {}


def test_samples_cli_unknown_kind_exits_2(veil_cli):
    """Test that an unknown `--kind` is a usage error naming the allowed kinds."""
    result = veil_cli("samples", "--kind", "school")
    assert result.exit_code == 2
    assert "use one of hospital, bank, all" in result.stderr
    assert "Traceback" not in result.output


def test_samples_bundled_data_is_the_generators(tmp_path):
    """Test that the shipped samples are exactly what `generate(kind, seed=0)` writes."""
    generate("all", seed=0, out_dir=tmp_path)
    for sector in KINDS:
        assert _files(tmp_path / sector) == _files(bundled_dir(sector))


@pytest.mark.parametrize("sector, table", [(s, t) for s, ts in TABLES.items() for t in ts])
def test_samples_truth_matches_cells(sector, table):
    """Test that every truth record names a cell holding the value, at its span for text."""
    frame = pl.read_csv(bundled_dir(sector) / f"{table}.csv", infer_schema=False)
    truth = read_truth(bundled_dir(sector) / f"{table}.truth.jsonl")
    assert truth
    for planted in truth:
        cell = frame[planted.column][planted.row]
        found = cell if planted.start is None else cell[planted.start : planted.end]
        assert found == planted.value, (planted.table, planted.row, planted.column)


# fmt: off
@pytest.mark.parametrize("check, valid, invalid", [
    (luhn_valid, "4111111111111111", "4111111111111112"),     # the classic test Visa
    (npi_valid, "1234567893", "1234567890"),                  # CMS's example NPI
    (iban_valid, "GB82WEST12345698765432", "GB82WEST12345698765433"),  # ECBS example IBAN
    (aba_valid, "011000015", "011000016"),                    # the Federal Reserve Bank of Boston
    (belgian_national_number_valid, "93051822361", "93051822362"),  # Wikipedia's example
])
# fmt: on
def test_samples_checksums_against_published_examples(check, valid, invalid):
    """Test the check-digit helpers against published valid numbers and a one-digit change."""
    assert check(valid) and not check(invalid)


@pytest.mark.parametrize("sector, table, column, check", [
    ("hospital", "encounters", "attending_npi", npi_valid),
    ("bank", "customers", "iban", iban_valid),
    ("bank", "transactions", "card_number", luhn_valid),
    ("bank", "transactions", "routing_number", aba_valid),
])
def test_samples_identifiers_pass_their_checksums(sector, table, column, check):
    """Test that planted NPIs, IBANs, cards and routing numbers are valid, as real ones are."""
    values = pl.read_csv(bundled_dir(sector) / f"{table}.csv", infer_schema=False)[column]
    assert all(check(v) for v in values.to_list())


def test_samples_hospital_truth_covers_safe_harbor_categories():
    """Test that the hospital sample plants every Safe Harbor category text data can hold."""
    categories = {p.hipaa for t in TABLES["hospital"]
                  for p in read_truth(bundled_dir("hospital") / f"{t}.truth.jsonl")}
    assert categories - {None} == set(range(1, 16)) | {18}


def test_samples_unknown_kind_raises():
    """Test that the API refuses an unknown kind with the allowed ones."""
    with pytest.raises(UsageError, match="use one of hospital, bank, all"):
        generate("school", out_dir="unused")


def test_samples_join_keys_are_unique_even_when_draws_collide():
    """A 200,000-encounter extract once had ~500 patients sharing an MRN: the join refused it."""
    from veil.samples._common import Sources

    src = Sources(seed=3)
    drawn = [src.unique_id("mrn", lambda: str(src.rng.randrange(60))) for _ in range(60)]
    assert sorted(drawn, key=int) == [str(n) for n in range(60)]
    assert src.unique_id("other kind", lambda: "0") == "0"  # kinds are separate


@pytest.mark.parametrize("sector, table, key", [("hospital", "patients", "mrn"),
                                                ("bank", "customers", "customer_id")])
def test_samples_generated_join_keys_are_unique(tmp_path, sector, table, key):
    files = generate(sector, rows=3000, seed=5, out_dir=tmp_path)
    frame = pl.read_csv(files[f"{sector}/{table}"], infer_schema_length=0)
    assert frame[key].n_unique() == frame.height


def test_samples_belgian_national_numbers_encode_birth_date_and_sex():
    """Faker's Belgian number drew a birth date relative to today, so the sample changed by day."""
    frame = pl.read_csv(bundled_dir("bank") / "customers.csv", infer_schema=False)
    belgian = frame.filter(pl.col("country") == "BE")
    assert belgian.height > 5
    for number, birth, sex in belgian.select("national_id", "birth_date", "sex").rows():
        assert belgian_national_number_valid(number)
        assert number[:6] == birth[2:4] + birth[5:7] + birth[8:10]
        assert int(number[6:9]) % 2 == (1 if sex == "M" else 0)

