"""`veil decrypt` and its API: encrypted tokens come back for the key holder only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import polars as pl
import pytest
from tests.conftest import TEST_KEY

from veil.decrypt import decrypt
from veil.errors import KeyMissingError, UsageError
from veil.nlp.crypto import TokenCipher

PLAIN = pl.DataFrame({
    "id": ["1", "2", "3", "4"],
    "note": ["Ann Lee called", "mail ann@example.org or Ann Lee", None, "no token here"],
})
SECRETS = ["Ann Lee", "ann@example.org"]


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    """PLAIN with every secret replaced by its token under TEST_KEY, as the operator writes it."""
    cipher = TokenCipher(TEST_KEY.encode())
    note = pl.col("note")
    for secret in SECRETS:
        note = note.str.replace_all(secret, cipher.encrypt(secret), literal=True)
    path = tmp_path / "enc.csv"
    PLAIN.with_columns(note).write_csv(path)
    assert not any(s in path.read_text() for s in SECRETS)
    return path


def test_decrypt_restores_the_original_frame(encrypted: Path, tmp_path: Path):
    result = decrypt(encrypted, tmp_path / "plain.csv", key=TEST_KEY)
    restored = pl.read_csv(tmp_path / "plain.csv", infer_schema_length=0)
    assert restored.equals(PLAIN)
    assert (result.decrypted, result.failed, result.rows) == (3, 0, 4)


def test_decrypt_writes_the_clear_file_for_its_owner_only(encrypted: Path, tmp_path: Path):
    """The identifiers are back in clear: a new file is not readable by the group or others,
    whatever the umask; a file it replaces keeps the mode its owner gave it."""
    umask = os.umask(0o022)
    try:
        decrypt(encrypted, tmp_path / "plain.csv", key=TEST_KEY)
        (tmp_path / "shared.csv").write_text("old")
        os.chmod(tmp_path / "shared.csv", 0o640)
        decrypt(encrypted, tmp_path / "shared.csv", key=TEST_KEY)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "plain.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared.csv").stat().st_mode) == 0o640


def test_decrypt_only_named_columns(encrypted: Path, tmp_path: Path):
    result = decrypt(encrypted, tmp_path / "plain.csv", key=TEST_KEY, columns=["id"])
    assert result.decrypted == 0
    assert "ENC[" in (tmp_path / "plain.csv").read_text()


def test_decrypt_wrong_key_writes_nothing(encrypted: Path, tmp_path: Path):
    with pytest.raises(UsageError, match="none opened with the key in `VEIL_KEY`"):
        decrypt(encrypted, tmp_path / "plain.csv", key="some-other-key-0123456789")
    assert not (tmp_path / "plain.csv").exists()


def test_decrypt_missing_key_names_the_variable(encrypted: Path, tmp_path: Path):
    with pytest.raises(KeyMissingError, match="`MY_KEY` is not set"):
        decrypt(encrypted, tmp_path / "plain.csv", key_env="MY_KEY", environ={})


def test_decrypt_unknown_column_suggests_the_nearest(encrypted: Path, tmp_path: Path):
    with pytest.raises(UsageError, match="column `notes` is not in the input. Did you mean `note`"):
        decrypt(encrypted, tmp_path / "plain.csv", key=TEST_KEY, columns=["notes"])


def test_decrypt_cli_writes_the_plain_file(veil_cli, encrypted: Path, tmp_path: Path):
    result = veil_cli("decrypt", encrypted, "-o", tmp_path / "plain.csv")
    assert result.exit_code == 0, result.stderr
    assert "decrypted 3 token(s) in 4 rows" in result.stderr
    assert pl.read_csv(tmp_path / "plain.csv", infer_schema_length=0).equals(PLAIN)


def test_decrypt_cli_key_env_option(veil_cli, encrypted: Path, tmp_path: Path):
    result = veil_cli("decrypt", encrypted, "-o", tmp_path / "p.csv", "--key-env", "OTHER",
                      env={"OTHER": TEST_KEY}, key=False)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("wrong", ["wrong-key-0123456789", "wrong"])
def test_decrypt_cli_wrong_key_exit_2(veil_cli, encrypted: Path, tmp_path: Path, wrong: str):
    """A short key is only refused for making tokens: opening them says the key is wrong."""
    result = veil_cli("decrypt", encrypted, "-o", tmp_path / "p.csv", env={"VEIL_KEY": wrong})
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 3 encrypted token(s) found and none opened")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p.csv").exists()


def test_decrypt_cli_columns_option_takes_a_comma_list(veil_cli, encrypted: Path, tmp_path: Path):
    result = veil_cli("decrypt", encrypted, "-o", tmp_path / "p.csv", "--columns", "id,note")
    assert result.exit_code == 0, result.stderr
    assert "decrypted 3 token(s)" in result.stderr
